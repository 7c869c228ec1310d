"""The reference grammar (English, Russian, French) and the resolver, on written forms and on the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.pipeline import BuildResult, build
from kg.references.grammar import parse_references

from .conftest import CORPUS

GOLD = json.loads((Path(__file__).parent / "data" / "references" / "gold.json").read_text(encoding="utf-8"))


def dotted(ref_paths: tuple) -> list[str]:
    return [".".join(label for _, label in p) for p in ref_paths]


#: (text, lang, [expected dotted paths per reference])
GRAMMAR = [
    ("the provisions of Article 3 may", "en", [["3"]]),
    ("under Articles 4 and 5", "en", [["4", "5"]]),
    ("Articles 24, 28, 30, 32, 33 and 35", "en", [["24", "28", "30", "32", "33", "35"]]),
    ("under Article 15.b;", "en", [["15.b"]]),
    ("under Article 21.a.i and b;", "en", [["21.a.i", "21.b"]]),
    ("Articles 1.d, 7, 15, 20 and 22", "en", [["1.d", "7", "15", "20", "22"]]),
    ("amendments to Articles 23 - 35, 38 and 39 which", "en",
     [[str(n) for n in range(23, 36)] + ["38", "39"]]),
    ("Articles 33 to 37", "en", [["33", "34", "35", "36", "37"]]),
    ("Subject to the provisions of Article 30, all resolutions", "en", [["30"]]),
    ("paragraph a above", "en", [["a"]]),
    ("paragraph a.v above", "en", [["a.v"]]),
    ("by a resolution passed under d below", "en", [["d"]]),
    ("as defined in Chapter I.", "en", [["I"]]),
    ("Article 2, paragraph 7 of the Charter", "en", [["2.7"]]),
    ("paragraph 1 (c) of Article 86", "en", [["86.1.c"]]),
    ("Article 35 § 1", "en", [["35.1"]]),
    ("Article 2 (4) of the Charter", "en", [["2.4"]]),
    ("Article 40, paragraph (a) of the Statute", "en", [["40.a"]]),
    # the container holds the paragraphs after the last "and" only: Article 99 stands on its own
    ("Article 99 and paragraph z of Article 2", "en", [["99", "2.z"]]),
    ("Articles 3 and 5 and paragraph b of Article 7", "en", [["3", "5", "7.b"]]),
    ("paragraphs a and b of Article 3", "en", [["3.a", "3.b"]]),
    ("статьи 3", "ru", [["3"]]),
    ("в соответствии со статьями 15 и 16", "ru", [["15", "16"]]),
    ("в статьях 24, 28, 30, 32, 33 и 35", "ru", [["24", "28", "30", "32", "33", "35"]]),
    ('согласно пункту "b" статьи 15', "ru", [["15.b"]]),
    ('к подпункту "i" пункта "a" и пункта "b" статьи 21', "ru", [["21.a.i", "21.b"]]),
    ('к подпункту "d" статьи 1 и статей 7, 15, 20 и 22', "ru", [["1.d", "7", "15", "20", "22"]]),
    ('положения пункта "d" статьи 38', "ru", [["38.d"]]),
    ("к статьям 23 - 35, 38 и 39", "ru", [[str(n) for n in range(23, 36)] + ["38", "39"]]),
    ('пункта "a", выше', "ru", [["a"]]),
    ('в пункте "d" ниже', "ru", [["d"]]),
    ('в вышеуказанном подпункте "v" пункта "a"', "ru", [["a.v"]]),
    ("l'article 20.d du Statut", "fr", [["20.d"]]),
    ("les articles 23 à 35", "fr", [[str(n) for n in range(23, 36)]]),
    ("du paragraphe a ci-dessus", "fr", [["a"]]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), GRAMMAR, ids=[g[0][:40] for g in GRAMMAR])
def test_grammar(text: str, lang: str, expected: list[list[str]]) -> None:
    refs = parse_references(text, lang)
    assert [dotted(r.paths) for r in refs] == expected
    for r in refs:
        assert text[r.start : r.end] == r.quote


@pytest.mark.parametrize(("text", "lang"), [
    ("which paragraph of this article applies", "en"),
    ("the Parties to this Statute", "en"),
    ("in a part of the world", "en"),
    ("the number of representatives", "en"),
    ("членами Совета Европы", "ru"),
])
def test_not_references(text: str, lang: str) -> None:
    assert [r for r in parse_references(text, lang) if r.paths] == []


def test_relative_words_are_kept() -> None:
    [r] = parse_references("under Article 4 or 5 above, the", "en")
    assert r.relative == "above" and dotted(r.paths) == ["4", "5"]
    [r] = parse_references('положений пункта "a", выше.', "ru")
    assert r.relative == "above"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('Articles paragraph статьи пункта"abivx0123456789,.- и and to§()')),
               max_size=300), st.sampled_from(["en", "ru", "fr"]))
def test_grammar_never_fails_and_quotes_sit_at_their_offsets(text: str, lang: str) -> None:
    for r in parse_references(text, lang):
        assert text[r.start : r.end] == r.quote


def test_no_catastrophic_backtracking() -> None:
    import time

    for text, lang in (("Article 1, " * 20000, "en"), ("статьи 1 и " * 20000, "ru")):
        t = time.perf_counter()
        parse_references(text, lang)
        assert time.perf_counter() - t < 10  # a sanity bound; speed is measured in bench/


@pytest.fixture(scope="module")
def built() -> BuildResult:
    return build([CORPUS])


def scores(built: BuildResult, lang: str) -> tuple[float, float, set, set]:
    doc = next(d for d in built.documents if d.kind == "treaty")
    refs = built.references[doc.source.name]
    gold = {(e["eid"], t) for e in GOLD["statute"][lang] for t in e["targets"]}
    pred = {(c.eid, c.target_eid) for c in refs.citations if c.lang == lang and c.target == doc.key}
    tp = gold & pred
    return len(tp) / len(pred), len(tp) / len(gold), gold - pred, pred - gold


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_recall_and_precision_against_the_gold_standard(built: BuildResult, lang: str) -> None:
    """tests/data/references/gold.json was written by reading the texts, not from this code."""
    precision, recall, missed, extra = scores(built, lang)
    print(f"{lang}: precision {precision:.3f}, recall {recall:.3f}")
    assert recall == 1.0, missed
    # the one extra is "which paragraph of this article applies" (20.d) -> Article 20, which the gold
    # standard counts as no reference; see the closing note
    assert extra <= {("art_20__para_d", "art_20")}
    assert precision >= 0.98


#: the issue's list of expected resolutions in the English Statute: (from article, to eids)
EXPECTED = [
    ("art_4", {"art_3"}), ("art_6", {"art_4", "art_5"}), ("art_8", {"art_3", "art_7"}),
    ("art_13", {"art_15", "art_16"}), ("art_16", {"art_24", "art_28", "art_30", "art_32", "art_33", "art_35"}),
    ("art_18", {"art_14"}), ("art_20", {"art_15__para_b", "art_19", "art_21__para_a__item_i", "art_21__para_b",
                                         "art_33", "art_1__para_d", "art_7", "art_15", "art_20", "art_22", "art_4",
                                         "art_5", "art_20__para_d", "art_20__para_a__item_v"}),
    ("art_23", {"art_23__para_a", "chp_I"}), ("art_24", {"art_38__para_d", "art_23"}), ("art_25", {"art_25__para_a"}),
    ("art_29", {"art_30", "art_29__item_i", "art_29__item_ii", "art_29__item_iii", "art_29__item_iv"}),
    ("art_30", {"art_29__item_v"}), ("art_37", {"art_38__para_d"}), ("art_40", {"art_40__para_a"}),
    ("art_41", {f"art_{n}" for n in [*range(23, 36), 38, 39]} | {"art_41__para_a", "art_41__para_b",
                                                                  "art_41__para_c", "art_41__para_d"}),
]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize(("article", "targets"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_every_cross_reference_of_an_article_resolves(built: BuildResult, article: str, targets: set[str],
                                                      lang: str) -> None:
    doc = next(d for d in built.documents if d.kind == "treaty")
    refs = built.references[doc.source.name]
    got = {c.target_eid for c in refs.citations if c.lang == lang and not c.eid.count("__fn_")
           and (c.eid == article or c.eid.startswith(article + "__"))}
    got.discard("art_20") if article == "art_20" else None
    assert targets - {"art_20"} <= got | ({"art_20"} if article == "art_20" else set())
    assert got <= targets | {"art_20"}


def test_the_statute_has_no_unresolved_reference(built: BuildResult) -> None:
    doc = next(d for d in built.documents if d.kind == "treaty")
    assert built.references[doc.source.name].unresolved == ()


def test_reference_to_another_text_in_the_corpus_joins_its_node(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("The General Assembly,\n\tRecalling the Statute,\n"
                    "\t1.\tNotes that Article 20.d of the Statute of the Council of Europe applies, and recalls "
                    "Article 19 of the Charter of the United Nations;\n", encoding="utf-8")
    result = build([CORPUS / "003_0c70701426cea265.txt", note])
    refs = result.references["note.txt"]
    targets = {(c.target, c.target_eid) for c in refs.citations}
    assert ("coe-statute", "art_20__para_d") in targets  # read: the Statute's own node
    assert ("un-charter", "art_19") in targets  # not read: a node made for it
    assert ("un-charter", "art_19", (("article", "19"),)) in refs.unread


def test_unresolvable_reference_is_kept_and_reported(tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("STATUTE OF THE EXAMPLE\nThe Governments of the Kingdom of Belgium and the French Republic "
                    "have agreed as follows in the interest of closer unity:\nArticle 1\nThe Organisation shall act "
                    "under Article 99.\nArticle 2\nArticle 1 applies.\n", encoding="utf-8")
    result = build([text])
    [u] = result.unresolved
    assert u.eid == "art_1" and u.quote == "Article 99" and "art_99" in u.reason
    assert {(c.eid, c.target_eid) for c in result.references["t.txt"].citations} == {("art_2", "art_1")}
