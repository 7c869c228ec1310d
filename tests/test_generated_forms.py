"""Realistic forms the benchmark corpus generator (bench/make_corpus.py) writes and the pipeline once misread,
each on a small hand-written snippet (tests/test_bench_corpus.py checks them on generated files).
"""

from __future__ import annotations

import json
import unicodedata
from importlib import resources
from pathlib import Path

import pytest

from kg.entities.extract import default_stage
from kg.entities.registry import identify_treaty
from kg.ingest import ingest
from kg.model import Document
from kg.pipeline import BuildResult, build
from kg.references.grammar import parse_references
from kg.references.resolve import Resolver
from kg.structure import structure
from kg.structure.resolution import opening_phrase


def read(tmp_path: Path, text: str, name: str = "doc.txt") -> Document:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return structure(ingest(p), identify=identify_treaty)


def build_texts(tmp_path: Path, texts: dict[str, str]) -> BuildResult:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return build([folder])


def citations(result: BuildResult, name: str) -> dict[tuple[str, str], set[tuple[str, str | None]]]:
    """(citing eid, quote) -> {(target key, target eid)} of one file."""
    out: dict[tuple[str, str], set[tuple[str, str | None]]] = {}
    for c in result.references[name].citations:
        out.setdefault((c.eid, c.quote), set()).add((c.target, c.target_eid))
    return out


# -- bare-preamble-opening: a treaty's parties on a line of their own -----------------------------------

TREATY_BARE_OPENING = """CONVENTION ON THE EXAMPLE OF BARE OPENINGS (CETS No. 999)

{opening}
Considering that the aim of the Council of Europe is to achieve a greater unity between its members;
Have agreed as follows:

Article 1
Purpose
1. Each Party shall take the measures necessary to give effect to this Convention.
2. Each Party shall inform the Secretary General of the measures taken under paragraph 1.

Article 2
a. The Parties shall co-operate.
b. The Parties shall consult each other.

In witness whereof the undersigned have signed this Convention.
"""


@pytest.mark.parametrize("opening", [
    "The States Parties to the present Convention,",
    "The High Contracting Parties,",
    "The member States of the Council of Europe and the other signatories hereto,",
])
def test_bare_preamble_opening_is_a_treaty(tmp_path: Path, opening: str) -> None:
    doc = read(tmp_path, TREATY_BARE_OPENING.format(opening=opening))
    assert doc.kind == "treaty"
    assert [p.eid for p in doc.provisions if p.kind == "article"] == ["art_1", "art_2"]
    assert doc.provision("art_1__para_2") is not None and doc.provision("art_2__para_b") is not None
    assert doc.provision("preamble__rec_1").text("en").value == opening


RESOLUTION_WITH_ANNEX = """Resolution adopted by the General Assembly on 20 November 1989
44/25.\tConvention on the Example
\tThe General Assembly,
\tRecalling its previous resolutions,
\t1.\tAdopts the Convention contained in the annex to the present resolution;
\t2.\tRequests the Secretary-General to open it for signature.
Annex
Convention on the Example
The States Parties to the present Convention,
Article 1
For the purposes of the present Convention, a child means every human being below the age of eighteen years.
"""

DRAFT_RESOLUTION = """The General Assembly,
\tRecalling its previous resolutions,
\t1.\tDecides to continue its work;
\t2.\tRequests the Secretary-General to report.
"""


@pytest.mark.parametrize("text", [RESOLUTION_WITH_ANNEX, DRAFT_RESOLUTION], ids=["annexed-treaty", "draft"])
def test_resolutions_stay_resolutions(tmp_path: Path, text: str) -> None:
    doc = read(tmp_path, text)
    assert doc.kind == "resolution"
    assert doc.provision("op_2") is not None


# -- masthead-first: a masthead without a reissue mark at the top of the file ------------------------------

MASTHEAD_FIRST = """[DU1]
United NationsA/RES/60/106General AssemblyDistr.: General
17 January 2006Sixtieth session
Agenda item 71
Resolution adopted by the General Assembly on 8 December 2005
[on the report of the Third Committee (A/60/509)]
60/106.\tCooperation between the United Nations and the Example Organisation
\tThe General Assembly,
\tRecalling its previous resolutions on cooperation,
\tWelcoming the work of the Example Organisation,

2

A/RES/60/106Cooperation between the United Nations and the Example Organisation

\tNoting with appreciation the report of the Secretary-General,
\t1.\tRequests the Secretary-General to report on the implementation of the present resolution;
\t2.\tDecides to include the item in the provisional agenda of its sixty-second session.

Cooperation between the United Nations and the Example OrganisationA/RES/60/106

\t3.\tInvites Member States to co-operate.

64th plenary meeting
8 December 2005
"""

CITING = """[DU1]
Resolution adopted by the General Assembly on 12 December 2007
[without reference to a Main Committee (A/62/L.20)]
62/99.\tCooperation between the United Nations and the Example Organisation
\tThe General Assembly,
\tRecalling its resolution 60/106 of 8 December 2005,
\t1.\tRecalls paragraph 3 of resolution 60/106;
\t2.\tDecides to include the item in the provisional agenda of its sixty-fourth session.

70th plenary meeting
12 December 2007
"""


def test_masthead_first_gives_the_symbol_and_running_titles_go(tmp_path: Path) -> None:
    doc = read(tmp_path, MASTHEAD_FIRST)
    assert (doc.key, doc.symbol) == ("A/RES/60/106", "A/RES/60/106")
    assert dict(doc.metadata)["body"] == "General Assembly"
    assert [p.eid for p in doc.provisions if p.kind == "preambular"] == ["pp_1", "pp_2", "pp_3"]
    assert [p.eid for p in doc.provisions if p.kind == "operative"] == ["op_1", "op_2", "op_3"]
    assert sorted(n.kind for n in doc.source.noise if n.kind == "running_title") == ["running_title"] * 2


def test_masthead_first_resolution_is_found_by_its_citers(tmp_path: Path) -> None:
    result = build_texts(tmp_path, {"a.txt": MASTHEAD_FIRST, "b.txt": CITING})
    assert citations(result, "b.txt")[("op_1", "paragraph 3")] == {("A/RES/60/106", "op_3")}


# -- its-resolution, ga-resolution: words between "of" and the other resolution's number -----------------------

REFERENCE_EXAMPLES = json.loads(resources.files("kg").joinpath("data/references.json").read_text(encoding="utf-8"))[
    "examples"]


@pytest.mark.parametrize(("text", "lang", "key"), REFERENCE_EXAMPLES, ids=[e[0] for e in REFERENCE_EXAMPLES])
def test_reference_names_another_resolution(text: str, lang: str, key: str, tmp_path: Path) -> None:
    doc = read(tmp_path, DRAFT_RESOLUTION)
    ref = parse_references(text, lang)[0]
    other = Resolver({}, default_stage().matcher).other_text(doc, text, ref, lang)
    assert other is not None and other[:2] == (key, "document")


@pytest.mark.parametrize("text", ["paragraph 3 of the Convention and resolution 60/1",
                                  "paragraph 3 and resolution 60/1"])
def test_reference_does_not_name_a_resolution_further_on(text: str, tmp_path: Path) -> None:
    doc = read(tmp_path, DRAFT_RESOLUTION)
    ref = parse_references(text, "en")[0]
    assert Resolver({}, default_stage().matcher).other_text(doc, text, ref, "en") is None


CITED = """[DU1]
Resolution adopted by the General Assembly on 20 December 2007
[without reference to a Main Committee (A/62/L.40)]
62/293.\tThe example
\tThe General Assembly,
\tRecalling its previous resolutions,
""" + "".join(f"\t{k}.\tDecides to act on matter number {k};\n" for k in range(1, 9)) + """
80th plenary meeting
20 December 2007
"""

CITING_ITS = """[DU1]
Resolution adopted by the General Assembly on 22 December 2009
[without reference to a Main Committee (A/64/L.50)]
64/300.\tThe example again
\tThe General Assembly,
\tRecalling its resolution 62/293 of 20 December 2007,
""" + "".join(f"\t{k}.\tDecides to act on matter number {k};\n" for k in range(1, 9)) + """\
\t9.\tRecalls paragraph 8 of its resolution 62/293;
\t10.\tRecalls also paragraph 7 of General Assembly resolution 62/293.

80th plenary meeting
22 December 2009
"""


def test_paragraph_of_its_resolution_is_the_other_resolutions(tmp_path: Path) -> None:
    result = build_texts(tmp_path, {"a.txt": CITED, "b.txt": CITING_ITS})
    found = citations(result, "b.txt")
    assert found[("op_9", "paragraph 8")] == {("A/RES/62/293", "op_8")}
    assert found[("op_10", "paragraph 7")] == {("A/RES/62/293", "op_7")}


# -- first-of-month: the date line "1 November 2005" after the meeting line --------------------------------------

FIRST_OF_MONTH = """[DU1]
Resolution adopted by the General Assembly on 1 November 2005
[without reference to a Main Committee (A/60/L.9)]
60/7.\tThe example
\tThe General Assembly,
\tRecalling its previous resolutions on cooperation,1
\t1.\tDecides to act;
\t2.\tRequests the Secretary-General to report.

42nd plenary meeting
1 November 2005
1 Resolutions 55/3, 57/156 and 59/4.
"""


def test_first_of_month_date_line_is_not_footnote_1(tmp_path: Path) -> None:
    doc = read(tmp_path, FIRST_OF_MONTH)
    assert doc.date == "2005-11-01"
    fn = doc.provision("fn_1")
    assert fn is not None and fn.parent == "pp_1"
    assert fn.text("en").value == "Resolutions 55/3, 57/156 and 59/4."
    assert not doc.findings


# -- preambular opening phrases: "Bearing in mind", "Reaffirming also", "Mindful of" ------------------------------

RESOLUTION_WORDS = json.loads(resources.files("kg").joinpath("data/resolution.json").read_text(encoding="utf-8"))
PHRASE_EXAMPLES = [(lang, text, phrase) for lang in ("en", "fr", "ru")
                   for text, phrase in RESOLUTION_WORDS[lang]["examples"]]


@pytest.mark.parametrize(("lang", "text", "phrase"), PHRASE_EXAMPLES, ids=[e[1][:40] for e in PHRASE_EXAMPLES])
def test_every_opening_phrase_example(lang: str, text: str, phrase: str) -> None:
    assert opening_phrase(text, lang) == phrase


PREAMBULAR_OPENINGS = """[DU1]
Resolution adopted by the General Assembly on 8 December 2005
[without reference to a Main Committee (A/60/L.9)]
60/8.\tThe example
\tThe General Assembly,
\tBearing in mind the importance of the Convention,
\tReaffirming also the importance of cooperation,
\tMindful of the need for cooperation,
\t1.\tDecides to act.

42nd plenary meeting
8 December 2005
"""


def test_preambular_opening_phrases(tmp_path: Path) -> None:
    doc = read(tmp_path, PREAMBULAR_OPENINGS)
    verbs = [dict(p.verb).get("en") for p in doc.provisions if p.kind == "preambular"]
    assert verbs == ["Bearing in mind", "Reaffirming also", "Mindful"]


# -- items-after-h: "i" after a lettered paragraph h is a letter or an item, by context -------------------------

LETTERS = "".join(f"{c}) The Parties shall co-operate in matter {c}.\n" for c in "abcdefg")


def treaty_article(body: str) -> str:
    return ("CONVENTION ON THE EXAMPLE OF ITEMS\n\nThe High Contracting Parties,\nHave agreed as follows:\n\n"
            f"Article 1\n{body}\nArticle 2\nThe Parties shall report.\n")


@pytest.mark.parametrize("items", [
    "i. the subject of the proceedings;\nii. any signature;\niii. the method of appointment.\n",  # another style
    "i) the subject of the proceedings;\nii) any signature;\niii) the method of appointment.\n",  # after a colon
], ids=["i.-after-h)", "i)-after-colon"])
def test_items_after_h(tmp_path: Path, items: str) -> None:
    body = LETTERS + "h) The organs of the Organisation are:\n" + items + "i) The Secretary General shall report.\n"
    doc = read(tmp_path, treaty_article(body))
    units = sorted(p.eid for p in doc.provisions if p.parent and p.parent.startswith("art_1"))
    assert units == sorted([f"art_1__para_{c}" for c in "abcdefghi"]
                           + [f"art_1__para_h__item_{r}" for r in ("i", "ii", "iii")])
    assert doc.provision("art_1__para_i").text("en").value == "The Secretary General shall report."


def test_i_after_h_in_the_same_style_is_a_letter(tmp_path: Path) -> None:
    body = LETTERS + "h) The Parties shall co-operate in matter h.\ni) The Parties shall co-operate in matter i.\n"
    doc = read(tmp_path, treaty_article(body))
    assert doc.provision("art_1__para_i") is not None
    assert not [p for p in doc.provisions if p.kind == "item"]


# -- long-title: a title of twelve words or more, and a cited name of over 115 characters ----------------------

LONG_TITLE_RU = """Протокол от 19 июля 2018 года

Протокол № 15 о внесении изменений в Конвенцию о защите прав человека и основных свобод (CETS No. 213)

Принят
Советом Европы
19 июля 2018 года
    Государства - участники настоящей Конвенции,
    учитывая, что целью Совета Европы является достижение большего единства между его членами;
    согласились о нижеследующем:
Статья 1
Стороны сотрудничают.
Статья 2
Стороны представляют доклады.
"""

LONG_TITLE_EN = """European Convention for the Prevention of Torture and Inhuman or Degrading Treatment or \
Punishment (ETS No. 126)

The member States of the Council of Europe, signatory hereto,
Considering that the aim of the Council of Europe is to achieve a greater unity between its members;
Have agreed as follows:

Article 1
The Parties shall co-operate.

Article 2
The Parties shall report.
"""


@pytest.mark.parametrize(("text", "key", "lang", "title"), [
    (LONG_TITLE_RU, "echr-protocol-15", "ru",
     "Протокол № 15 о внесении изменений в Конвенцию о защите прав человека и основных свобод"),
    (LONG_TITLE_EN, "european-convention-prevention-of-torture", "en",
     "European Convention for the Prevention of Torture and Inhuman or Degrading Treatment or Punishment"),
], ids=["ru", "en"])
def test_long_title_is_the_title(tmp_path: Path, text: str, key: str, lang: str, title: str) -> None:
    doc = read(tmp_path, text)
    assert dict(doc.titles)[lang] == title
    assert doc.key == key
    assert len([p for p in doc.provisions if p.kind == "recital"]) == 3


CITES_LONG_NAME = """CONVENTION ON THE EXAMPLE OF LONG NAMES (CETS No. 998)

The High Contracting Parties,
Have agreed as follows:

""" + "".join(f"Article {k}\nThe Parties shall act in matter {k}.\n\n" for k in range(1, 8)) + """Article 8
The Parties shall apply Article 7 of the Council of Europe Convention on the counterfeiting of medical products and \
similar crimes involving threats to public health.
"""


def test_article_of_a_long_named_treaty_is_that_treatys(tmp_path: Path) -> None:
    result = build_texts(tmp_path, {"a.txt": CITES_LONG_NAME})
    assert citations(result, "a.txt")[("art_8", "Article 7")] == {("medicrime-convention", "art_7")}


# -- ru-title-not-in-registry: a Russian-only treaty the registry does not know ---------------------------------

RU_TREATY = """Конвенция от 05 мая 1999 года

{title} (CETS No. 997)

Принята
Советом Европы
05 мая 1999 года
    Государства - участники настоящей Конвенции,
    согласились о нижеследующем:
Статья 1
Стороны сотрудничают.
Статья 2
Стороны представляют доклады.
"""


def test_russian_titles_give_keys_of_their_own(tmp_path: Path) -> None:
    a = read(tmp_path, RU_TREATY.format(title="Конвенция о защите пчёл"), "a.txt")
    b = read(tmp_path, RU_TREATY.format(title="Конвенция о защите лесов"), "b.txt")
    assert (a.key, b.key) == ("konventsiia-o-zashchite-pchel", "konventsiia-o-zashchite-lesov")
    # the same title spelt with composed or decomposed letters (ё, й) gives the same key
    c = read(tmp_path, RU_TREATY.format(title=unicodedata.normalize("NFD", "Конвенция о защите пчёл")), "c.txt")
    assert c.key == a.key


# -- ru-statut-title: «Статут» names a treaty ------------------------------------------------------------------


def test_statut_is_a_title(tmp_path: Path) -> None:
    doc = read(tmp_path, RU_TREATY.replace("Конвенция от", "Договор от").format(title="Статут Международного Суда"))
    assert dict(doc.titles)["ru"] == "Статут Международного Суда"
    assert doc.key == "icj-statute"


# -- cyrillic-letters: «пункта «б» статьи 3», «подпунктом «iv» пункта «б» статьи 4» -------------------------------

CYRILLIC_REFS = [
    ("согласно положениям пункта «б» статьи 3 настоящей Конвенции", "пункта «б» статьи 3", [("3", "b")]),
    ("в соответствии с подпунктом «iv» пункта «б» статьи 4.", "подпунктом «iv» пункта «б» статьи 4",
     [("4", "b", "iv")]),
    ('пунктом "в" статьи 1 и пунктом «г» статьи 2', 'пунктом "в" статьи 1 и пунктом «г» статьи 2',
     [("1", "c"), ("2", "d")]),
    ("положения пункта «а» выше", "пункта «а» выше", [("a",)]),
    ("в статье 5 и в пункте 2", "статье 5", [("5",)]),  # unquoted «в», «и»: words, not labels
]


@pytest.mark.parametrize(("text", "quote", "paths"), CYRILLIC_REFS, ids=[c[1] for c in CYRILLIC_REFS])
def test_cyrillic_letters_in_references(text: str, quote: str, paths: list[tuple[str, ...]]) -> None:
    ref = parse_references(text, "ru")[0]
    assert ref.quote == quote
    assert [tuple(label for _, label in p) for p in ref.paths] == paths


RU_CYRILLIC_TREATY = """Конвенция о примере букв (CETS No. 996)

    Государства - участники настоящей Конвенции,
    согласились о нижеследующем:
Статья 1
а) Стороны сотрудничают.
б) Стороны консультируются.
Статья 2
а) Стороны представляют доклады:
i) о мерах;
ii) о трудностях.
б) Стороны соблюдают положения пункта «а» статьи 1.
Статья 3
Стороны применяют положения пункта «б» статьи 1 и подпункта «ii» пункта «а» статьи 2.
"""


def test_cyrillic_letters_resolve(tmp_path: Path) -> None:
    result = build_texts(tmp_path, {"ru.txt": RU_CYRILLIC_TREATY})
    found = citations(result, "ru.txt")
    key = result.documents[0].key
    assert found[("art_2__para_b", "пункта «а» статьи 1")] == {(key, "art_1__para_a")}
    assert found[("art_3", "пункта «б» статьи 1 и подпункта «ii» пункта «а» статьи 2")] == {
        (key, "art_1__para_b"), (key, "art_2__para_a__item_ii")}
    assert not result.references["ru.txt"].unresolved


# -- instrumental-this: «настоящей статьей» ----------------------------------------------------------------------


@pytest.mark.parametrize("quote", ["настоящей статьей", "настоящей статьи", "настоящей статье", "настоящую статью"])
def test_this_article_in_every_case_is_quoted_whole(quote: str) -> None:
    refs = parse_references(f"в соответствии с {quote}, Стороны", "ru")
    assert [(r.quote, r.scope) for r in refs] == [(quote, "this")]


# -- year-marker: a footnote number glued to a year that ends a name ---------------------------------------------

YEAR_MARKER = """[DU1]
Resolution adopted by the General Assembly on 18 December 2009
[on the report of the Third Committee (A/64/440)]
64/182.\tInternational cooperation against the world drug problem
\tThe General Assembly,
\tRecalling its resolution 63/197 of 18 December 2008,1
\tReaffirming the importance of the Single Convention on Narcotic Drugs, 19612 and the Convention on \
Psychotropic Substances, 197110 for the protection of health,
\tNoting that 19612 persons were treated and that the report was registered as No. 19613,
\t1.\tCalls upon States to implement the Convention against Illicit Traffic in Narcotic Drugs and Psychotropic \
Substances, 19883;
\t2.\tDecides to act.

66th plenary meeting
18 December 2009
1 A/64/92-E/2009/98, sect. II.
2 United Nations, Treaty Series, vol. 520, No. 7515.
3 Ibid., vol. 1582, No. 27627.
"""


def test_footnote_marker_glued_to_a_year(tmp_path: Path) -> None:
    doc = read(tmp_path, YEAR_MARKER)
    assert {p.eid: p.parent for p in doc.provisions if p.kind == "footnote"} == {
        "fn_1": "pp_1", "fn_2": "pp_2", "fn_3": "op_1"}
    assert not doc.findings


def test_a_number_that_is_not_a_year_and_a_marker_stays(tmp_path: Path) -> None:
    # footnote 2 has no marker: "19612 persons" and "No. 19613" are not the year 1961 and a marker
    text = YEAR_MARKER.replace("Drugs, 19612", "Drugs, 1961").replace("197110", "1971")
    doc = read(tmp_path, text)
    assert doc.provision("fn_2").parent is None
    assert [f.message for f in doc.findings] == ["[en] footnote 2: no marker found in the text; kept at document level"]
