"""IRIs: deterministic, readable, parse back to what minted them, never leave the base."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.rdf.iri import ResourceIRI, annotation_iri, check_base, source_graph, work_iri

BASE = "https://w3id.org/treaty-kg/id/"


@pytest.mark.parametrize(
    ("iri", "expected"),
    [
        (ResourceIRI("treaty", "coe-statute", "art_20__para_d"), BASE + "treaty/coe-statute/art_20__para_d"),
        (ResourceIRI("doc", "A/RES/67/83"), BASE + "doc/A/RES/67/83"),
        (ResourceIRI("doc", "A/RES/67/83", "op_12"), BASE + "doc/A/RES/67/83/op_12"),
        (ResourceIRI("doc", "A/67/L.14/Rev.1"), BASE + "doc/A/67/L.14/Rev.1"),
        (ResourceIRI("doc", "A/67/280-S/2012/614"), BASE + "doc/A/67/280-S/2012/614"),
        (ResourceIRI("doc", "A/RES/217(III)"), BASE + "doc/A/RES/217(III)"),
        (ResourceIRI("treaty", "coe-statute", "preamble__rec_6__fn_ru_1"),
         BASE + "treaty/coe-statute/preamble__rec_6__fn_ru_1"),
        (ResourceIRI("state", "fra"), BASE + "state/fra"),
    ],
    ids=lambda x: str(x)[len(BASE):] if isinstance(x, str) else None,
)
def test_minted_and_parsed_back(iri: ResourceIRI, expected: str) -> None:
    assert str(iri) == expected
    assert ResourceIRI.parse(expected) == iri


@pytest.mark.parametrize("key", ["../../etc/passwd", "a/../../b", "..", "x y", "Устав", 'a"b<c>', "a#b?c"])
def test_nothing_from_a_document_leaves_the_base_or_forges_a_path(key: str) -> None:
    for kind in ("doc", "treaty", "entity"):
        s = str(ResourceIRI(kind, key))
        assert s.startswith(BASE + kind + "/")
        rest = s[len(BASE) :]
        assert "/../" not in rest and not rest.endswith("/..") and "/./" not in rest
        assert not any(c in rest for c in ' "<>#?')
        assert ResourceIRI.parse(s).key == key


@settings(max_examples=300, deadline=None)
@given(key=st.text(min_size=1, max_size=40).filter(lambda k: k.strip("/") == k and "//" not in k))
def test_any_document_key_round_trips(key: str) -> None:
    iri = ResourceIRI("doc", key)
    s = str(iri)
    assert s.startswith(BASE + "doc/")
    assert not any(c in s for c in ' "<>{}|\\^`\n\t')
    assert ResourceIRI.parse(s).key == key
    assert ResourceIRI.parse(str(iri.provision("art_1__para_a"))) == iri.provision("art_1__para_a")


@settings(max_examples=200, deadline=None)
@given(key=st.text(min_size=1, max_size=40))
def test_any_treaty_key_round_trips(key: str) -> None:
    s = str(ResourceIRI("treaty", key))
    assert ResourceIRI.parse(s).key == key


def test_rejects_bad_kind_eid_and_base() -> None:
    with pytest.raises(ValueError):
        ResourceIRI("nope", "x")
    with pytest.raises(ValueError):
        ResourceIRI("treaty", "x", "Art 20")
    with pytest.raises(ValueError):
        check_base("ftp://example.org/")
    with pytest.raises(ValueError):
        check_base("https://example.org/no-slash")


def test_helpers_are_deterministic() -> None:
    assert work_iri("resolution", "A/RES/67/83").kind == "doc"
    assert work_iri("treaty", "coe-statute").kind == "treaty"
    assert source_graph("a b.txt") == source_graph("a b.txt")
    assert str(source_graph("a b.txt")).endswith("/source/a%20b.txt")
    assert annotation_iri("x", 1, 2) == annotation_iri("x", 1, 2) != annotation_iri("x", 1, 3)
