"""Derived relations (organs established, amendment notes) and citations in the graph."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.export import merged
from kg.pipeline import BuildResult, build
from kg.rdf.namespace import DCTERMS, OA, PROV, TKG

from .conftest import CORPUS

BASE = "https://w3id.org/treaty-kg/id/"
STATUTE = BASE + "treaty/coe-statute/"


@pytest.fixture(scope="module")
def result() -> BuildResult:
    return build([CORPUS])


@pytest.fixture(scope="module")
def graph(result: BuildResult) -> Graph:
    return merged(result.dataset())


def test_article_10_establishes_the_organs_in_both_languages(result: BuildResult) -> None:
    derived = next(d for name, d in result.derived.items() if name.startswith("003"))
    got = {(e.organ, e.eid, e.lang) for e in derived.established}
    for lang in ("en", "ru"):
        for organ in ("coe-committee-of-ministers", "coe-parliamentary-assembly", "coe-secretariat"):
            assert (organ, "art_10", lang) in got
    assert {e.eid for e in derived.established} == {"art_10"}


def test_established_by_in_the_graph(graph: Graph) -> None:
    organs = set(graph.subjects(TKG.establishedBy, URIRef(STATUTE + "art_10")))
    assert organs == {URIRef(BASE + "organ/coe-committee-of-ministers"),
                      URIRef(BASE + "organ/coe-parliamentary-assembly"), URIRef(BASE + "organ/coe-secretariat")}


#: a treaty whose establishing list is followed by paragraphs naming other bodies (the generated corpus's form)
ESTABLISHING = """CONVENTION ON THE EXAMPLE OF ESTABLISHING WORDS (CETS No. 998)

Have agreed as follows:

Article 1
a. The organs of the Organisation are:
i. the Committee of Ministers;
ii. the admission of new members.
b. The Group of States against Corruption shall meet at least once a year.
c. There shall be established a European Committee on Crime Problems. The Parliamentary Assembly shall be informed.
"""


def test_establishing_words_reach_the_end_of_their_sentence(tmp_path) -> None:
    treaty = tmp_path / "establishing.txt"
    treaty.write_text(ESTABLISHING, encoding="utf-8")
    result = build([treaty])
    got = {(e.organ, e.eid) for d in result.derived.values() for e in d.established}
    # the list the words introduce, and the body of the second sentence that says "established"
    assert got == {("coe-committee-of-ministers", "art_1"), ("cdpc", "art_1")}


#: (provision, kind, date) read from the amendment notes
AMENDMENTS = [
    ("art_23", "amended", "1951-05"), ("art_25__para_a", "amended", "1951-05"),
    ("art_25__para_a", "added", "1953-05"), ("art_25__para_a", "amended", "1970-10"),
    ("art_26", "amended", "1951-12"), ("art_26", "amended", "1989-05"), ("art_27", "amended", "1951-05"),
    ("art_34", "amended", "1951-05"), ("art_38__para_e", "added", "1951-05"),
]


@pytest.mark.parametrize(("eid", "kind", "date"), AMENDMENTS, ids=[f"{a[0]}-{a[1]}-{a[2]}" for a in AMENDMENTS])
def test_amendment_notes(graph: Graph, eid: str, kind: str, date: str) -> None:
    found = [a for a in graph.subjects(TKG.amends, URIRef(STATUTE + eid))
             if (a, TKG.amendmentKind, Literal(kind)) in graph and str(graph.value(a, DCTERMS.date)) == date]
    assert len(found) == 1
    assert graph.value(found[0], PROV.wasDerivedFrom) is not None


def test_twelve_amendments_of_article_26(result: BuildResult) -> None:
    derived = next(d for name, d in result.derived.items() if name.startswith("003"))
    assert len([a for a in derived.amendments if a.eid == "art_26"]) == 12


def test_cross_reference_is_a_cites_edge_with_a_linking_annotation(graph: Graph) -> None:
    source, target = URIRef(STATUTE + "art_20__para_a__item_iii"), URIRef(STATUTE + "art_21__para_a__item_i")
    assert (source, TKG.cites, target) in graph
    annotations = [a for a in graph.subjects(OA.hasBody, target)
                   if graph.value(graph.value(a, OA.hasTarget), OA.hasSource) == source]
    assert {graph.value(a, OA.motivatedBy) for a in annotations} == {OA.linking}
    quotes = {str(graph.value(s, OA.exact)) for a in annotations
              for s in graph.objects(graph.value(a, OA.hasTarget), OA.hasSelector) if graph.value(s, OA.exact)}
    assert quotes == {"Article 21.a.i and b", 'подпункту "i" пункта "a" и пункта "b" статьи 21'}


def test_footnote_marker_cites_its_footnote_and_documents_are_cited(graph: Graph) -> None:
    res = BASE + "doc/A/RES/67/83/"
    assert (URIRef(res + "op_4"), TKG.cites, URIRef(res + "fn_4")) in graph
    assert (URIRef(res + "pp_2"), TKG.cites, URIRef(BASE + "doc/A/RES/44/6")) in graph
    assert (URIRef(BASE + "doc/A/RES/44/6"), RDF.type, TKG.Resolution) in graph
    joint = URIRef(BASE + "doc/A/67/280")
    assert {str(s) for s in graph.objects(joint, TKG.symbol)} == {"A/67/280", "S/2012/614"}
    # resolution 60/288 is the Global Counter-Terrorism Strategy of the registry: one node
    strategy = URIRef(BASE + "doc/A/RES/60/288")
    assert (URIRef(res + "fn_7"), TKG.cites, strategy) in graph
    assert (URIRef(res + "op_21"), TKG.mentions, strategy) in graph


def test_unread_provisions_of_a_text_outside_the_corpus(tmp_path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("The General Assembly,\n\t1.\tRecalls Article 19 of the Charter of the United Nations;\n",
                    encoding="utf-8")
    g = merged(build([note]).dataset())
    art = URIRef(BASE + "treaty/un-charter/art_19")
    assert (URIRef(BASE + "doc/note/op_1"), TKG.cites, art) in g or any(g.subjects(TKG.cites, art))
    assert (art, TKG.read, Literal(False)) in g
    assert (art, DCTERMS.isPartOf, URIRef(BASE + "treaty/un-charter")) in g
