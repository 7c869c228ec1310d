"""Reference forms of real treaties, per language: (sentence as printed, the paths it cites).

Rows are short excerpts of the corpus (../shared/corpus-real) and every wrong answer of issue 16 as a
regression row; a path is written dotted, largest unit first ("13.1.b": Article 13, paragraph 1 (b)).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import build
from kg.references.grammar import parse_references


def read(text: str, lang: str) -> list[list[str]]:
    refs = parse_references(text, lang)
    for r in refs:
        assert text[r.start : r.end] == r.quote
    return [[".".join(label for _, label in p) for p in r.paths] for r in refs if r.paths]


EN = [
    ("art-paras-list", "the provisions of Article 4, paragraphs 1, 2 and 4 apply", [["4.1", "4.2", "4.4"]]),
    ("art-paras-not-citing", "Article 12, paragraphs 2 and 3", [["12.2", "12.3"]]),
    ("dash-glued", "-Article 4, paragraphs 1, 2 and 4,", [["4.1", "4.2", "4.4"]]),
    ("en-dash-glued", "–Article 3", [["3"]]),
    ("bracket-list-and-para", "paragraph 1 (b), (c), (e), (f), (h) and (i) and paragraph 2 of Article 13",
     [["13.1.b", "13.1.c", "13.1.e", "13.1.f", "13.1.h", "13.1.i", "13.2"]]),
    ("articles-or", "under Articles 12 or 13", [["12", "13"]]),
    ("list-above", "Articles 18, 20 and 21, above", [["18", "20", "21"]]),
    ("range-bracket", "(other than officials coming within the scope of Articles 18 to 20)", [["18", "19", "20"]]),
    ("paragraph-in-list", "Articles 2, 17 (paragraph 2), 20, and 24", [["2", "17.2", "20", "24"]]),
    ("para-in-list-issue", "Articles 3, 5 (paragraph 2) and 9", [["3", "5.2", "9"]]),
    ("last-item-carries", "articles 4, 5, 6 or 7, paragraph 2", [["4", "5", "6", "7.2"]]),
    ("sub-of-para-of-art", "sub-paragraph a of paragraph 1 of Article 6", [["6.1.a"]]),
    ("paras-of-para", "paragraphs a and b of paragraph 3", [["3.a", "3.b"]]),
    ("art-para-subpara", "Article 6, paragraph 1, sub-paragraph a", [["6.1.a"]]),
    ("of-this-article", "paragraph 1, sub-paragraph b, of this article", [["1.b"]]),
    ("close-paren-letter", "article 7, paragraph 1 d)", [["7.1.d"]]),
    ("bis-spaced", "Article 16 bis", [["16bis"]]),
    ("range-nospace", "Articles 23-35", [[str(n) for n in range(23, 36)]]),
    ("roman-articles", "Articles V and VII", [["V", "VII"]]),
    ("roman-article", "in accordance with Article II of the Articles of Agreement", [["II"]]),
    ("and-or", "Article 5 and/or Article 6", [["5", "6"]]),
    ("items-word", "the items listed", []),
]

FR = [
    ("para-of-art", "au paragraphe 2 de l'article 12", [["12.2"]]),
    ("alinea-of-para-of-art", "l'alinéa a) du paragraphe 1 de l'article 5", [["5.1.a"]]),
    ("alinea-list", "l'article 24, alinéa 3, 4 et 5", [["24.3", "24.4", "24.5"]]),
    ("alinea-1er", "l'article 11 alinéa 1er", [["11.1"]]),
    ("premier", "l'article premier", [["1"]]),
    ("range-a", "articles 4 à 7", [["4", "5", "6", "7"]]),
    ("bis-glued", "articles 35 et 35bis", [["35", "35bis"]]),
    ("art-abbrev", "l'art. 34", [["34"]]),
    ("ordinal-e", "l'article 23e du Pacte", [["23"]]),
    ("paras-et", "article 12, paragraphes 2 et 3", [["12.2", "12.3"]]),
    ("paras-de-art", "paragraphes 1 et 2 de l'article 9", [["9.1", "9.2"]]),
    ("alineas-letters", "alinéas b), d) et f) de l'article 8", [["8.b", "8.d", "8.f"]]),
    ("ordinal-before", "premier alinéa de l'article 3", [["3.1"]]),
    ("para-1er-present", "paragraphe 1er du présent article", [["1"]]),
    ("et-l-apostrophe", "l'article 22, paragraphe 2, et l'article 32", [["22.2"], ["32"]]),
    ("word-numbers", "les articles un ou deux", [["1", "2"]]),
    ("word-after-number", "l'article 5 et un protocole", [["5"]]),
    ("lettre", "l'article 45, lettre c)", [["45.c"]]),
    ("et-ou", "les articles 3 et/ou 4", [["3", "4"]]),
]

RU = [
    ("paras-of-art", "пунктов 2 и 3 статьи 12", [["12.2", "12.3"]]),
    ("range-nospace", "статей 5-7", [["5", "6", "7"]]),
    ("instrumental", "предусмотренных статьей 90", [["90"]]),
    ("sub-of-para", "подпункта b пункта 1 статьи 5", [["5.1.b"]]),
]


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in EN], ids=[r[0] for r in EN])
def test_english(text: str, expected: list[list[str]]) -> None:
    assert read(text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in FR], ids=[r[0] for r in FR])
def test_french(text: str, expected: list[list[str]]) -> None:
    assert read(text, "fr") == expected


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in RU], ids=[r[0] for r in RU])
def test_russian(text: str, expected: list[list[str]]) -> None:
    assert read(text, "ru") == expected


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
