"""Reference forms of real treaties, per language: (sentence as printed, the paths it cites).

The rows live in kg/data/reference-grammar.json ("examples"), where bench/make_corpus.py also draws its
reference forms: short excerpts of the corpus (../shared/corpus-real) and every wrong answer and form of
issue 16 as a regression row; a path is written dotted, largest unit first ("13.1.b": Article 13,
paragraph 1 (b)). A row the grammar misreads says so ("misread": why) and is a strict xfail here and an
expected failure in the benchmark's manifest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.pipeline import build
from kg.references.grammar import parse_references, vocabulary


def read(text: str, lang: str) -> list[list[str]]:
    refs = parse_references(text, lang)
    for r in refs:
        assert text[r.start : r.end] == r.quote
    return [[".".join(label for _, label in p) for p in r.paths] for r in refs if r.paths]


#: the table of real forms: kg/data/reference-grammar.json "examples", one row per form; the benchmark
#: corpus generator (bench/make_corpus.py) writes its references from the same rows
FORMS: list[dict[str, Any]] = vocabulary()["examples"]


def _param(row: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=row["misread"])] if row.get("misread") else []
    return pytest.param(row, marks=marks, id=f"{row['lang']}-{row['id']}")


@pytest.mark.parametrize("row", [_param(r) for r in FORMS])
def test_form(row: dict[str, Any]) -> None:
    """Each row: the paths every reference cites, the words read as the reference ("quote", the whole
    text when not said), whether it says "above"/"below" and the scope of those without paths."""
    text, lang = row["text"], row["lang"]
    refs = parse_references(text, lang)
    assert read(text, lang) == row["cites"]
    if len(row["cites"]) == 1:
        [quoted] = [r.quote for r in refs if r.paths]
        assert quoted == row.get("quote", text)
    assert [r.relative for r in refs if r.paths] == [row.get("relative")] * len(row["cites"])
    assert [r.scope for r in refs if not r.paths] == row.get("scope", [])


def test_every_row_is_one_of_a_kind() -> None:
    ids = [(r["lang"], r["id"]) for r in FORMS]
    assert len(ids) == len(set(ids))
    assert {r["lang"] for r in FORMS} == {"en", "fr", "ru"}
    known = {"id", "lang", "text", "cites", "quote", "case", "relative", "scope", "source", "misread"}
    assert [r["id"] for r in FORMS if set(r) - known] == []


PRECEDING = [
    ("the preceding paragraph", "en", "paragraph", "1"),
    ("the two preceding paragraphs", "en", "paragraph", "2"),
    ("the foregoing paragraph", "en", "paragraph", "1"),
    ("the previous article", "en", "article", "1"),
    ("l'article précédent", "fr", "article", "1"),
    ("l'alinéa précédent", "fr", "paragraph", "1"),
]


@pytest.mark.parametrize(("text", "lang", "unit", "count"), PRECEDING, ids=[p[0] for p in PRECEDING])
def test_preceding(text: str, lang: str, unit: str, count: str) -> None:
    [r] = parse_references(text, lang)
    assert (r.scope, r.unit, r.count) == ("preceding", unit, count)


PROTOCOL = """ADDITIONAL PROTOCOL TO THE EXAMPLE CONVENTION ON EXTRADITION
The member States of the Council of Europe, signatory to this Protocol, have agreed as follows:
Article 1
For the application of Article 3 of the Convention, political offences shall not include genocide.
Article 2
1. Parties shall inform each other.
2. The obligation of paragraph 1 applies.
a. the request;
b. the documents listed in sub-paragraph a.
Article 3
This Protocol shall enter into force as provided in Article 1 of this Protocol and in the preceding article.
"""


def test_resolution_in_a_protocol(tmp_path: Path) -> None:
    """"Article 3 of the Convention" in a protocol is the Convention's, never the protocol's own Article 3;
    "sub-paragraph a" in 2.2.b is its sibling 2.2.a; "the preceding article" is Article 2."""
    f = tmp_path / "protocol.txt"
    f.write_text(PROTOCOL, encoding="utf-8")
    result = build([f])
    cites = {(c.eid, c.target_eid) for c in result.references["protocol.txt"].citations}
    assert ("art_1", "art_3") not in cites
    assert any(u.eid == "art_1" and "another text" in u.reason for u in result.references["protocol.txt"].unresolved)
    assert ("art_3", "art_1") in cites and ("art_3", "art_2") in cites
    assert ("art_2__para_2", "art_2__para_1") in cites


SECTION_ROWS = [
    ("section-above", "In exercising its rights under Section 5 above, the United Nations", [(("section", "5"),)]),
    ("sections-list", "the provisions of Sections 11, 12 and 13 are not applicable",
     [(("section", "11"),), (("section", "12"),), (("section", "13"),)]),
    ("article-section-paragraph-litt", "in Article IX, Section 3. paragraph 1. litt. a.",
     [(("article", "IX"), ("section", "3"), ("paragraph", "1"), ("paragraph", "a"))]),  # letters are paragraphs
    ("sections-with-roman-items", "in accordance with sections i to iv above",
     [(("item", "i"),), (("item", "ii"),), (("item", "iii"),), (("item", "iv"),)]),
]


@pytest.mark.parametrize(("text", "paths"), [r[1:] for r in SECTION_ROWS], ids=[r[0] for r in SECTION_ROWS])
def test_sections(text: str, paths: list[tuple[tuple[str, str], ...]]) -> None:
    refs = parse_references(text, "en")
    assert [p for r in refs for p in r.paths] == paths
