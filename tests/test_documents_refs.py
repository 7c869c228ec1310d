"""Document symbols, resolution numbers and Treaty Series cites (kg/entities/documents.py).

Each form is a row of a table; the seed resolution A/RES/67/83 is read whole; hypothesis checks that
arbitrary text never breaks the finders.
"""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.entities.documents import (
    DocumentRef,
    TreatySeriesRef,
    document_patterns,
    find_document_refs,
    find_treaty_series,
)

from .conftest import RESOLUTION_FILE

Row = tuple[str, tuple[str, ...], str]


def refs(text: str, resolution_series: str | None = "A/RES/") -> list[Row]:
    """(quote, symbols, kind) of every ref, after checking each span quotes the text."""
    found = find_document_refs(text, resolution_series=resolution_series)
    for r in found:
        assert 0 <= r.start < r.end <= len(text) and text[r.start : r.end] == r.quote
    return [(r.quote, r.symbols, r.kind) for r in found]


def series(text: str) -> list[tuple[str, str, str, bool]]:
    """(quote, volume, number, ibid) of every Treaty Series cite, after checking the spans."""
    found = find_treaty_series(text)
    for r in found:
        assert 0 <= r.start < r.end <= len(text) and text[r.start : r.end] == r.quote
    return [(r.quote, r.volume, r.number, r.ibid) for r in found]


# ---------------------------------------------------------------------------------------------
# printed symbols

SYMBOL_CASES: list[tuple[str, str, list[Row]]] = [
    ("ga-resolution", "adopted as A/RES/67/83.", [("A/RES/67/83", ("A/RES/67/83",), "symbol")]),
    ("ga-report", "the report (A/67/280)", [("A/67/280", ("A/67/280",), "symbol")]),
    ("sc-document", "see S/2012/614;", [("S/2012/614", ("S/2012/614",), "symbol")]),
    ("commission-draft-addendum", "E/CN.4/2005/L.10/Add.17, para. 3",
     [("E/CN.4/2005/L.10/Add.17", ("E/CN.4/2005/L.10/Add.17",), "draft")]),
    ("hrc-resolution", "A/HRC/RES/16/18", [("A/HRC/RES/16/18", ("A/HRC/RES/16/18",), "symbol")]),
    ("treaty-body", "General comment No. 13 (CRC/C/GC/13).", [("CRC/C/GC/13", ("CRC/C/GC/13",), "symbol")]),
    ("draft-revision", "A/67/L.14/Rev.1", [("A/67/L.14/Rev.1", ("A/67/L.14/Rev.1",), "draft")]),
    ("emergency-session", "A/RES/ES-10/19", [("A/RES/ES-10/19", ("A/RES/ES-10/19",), "symbol")]),
    ("joint-symbol", "2 A/67/280-S/2012/614, sect. II.",
     [("A/67/280-S/2012/614", ("A/67/280", "S/2012/614"), "symbol")]),
    ("joint-symbol-en-dash", "A/56/1–S/2001/10", [("A/56/1–S/2001/10", ("A/56/1", "S/2001/10"), "symbol")]),
    ("addendum-drops-revision", "(A/67/L.14/Rev.1 and Add.1)]",
     [("A/67/L.14/Rev.1", ("A/67/L.14/Rev.1",), "draft"), ("Add.1", ("A/67/L.14/Add.1",), "draft")]),
    ("addendum-and-corrigendum", "A/62/100, Add.1 and Corr.1.",
     [("A/62/100", ("A/62/100",), "symbol"), ("Add.1", ("A/62/100/Add.1",), "symbol"),
      ("Corr.1", ("A/62/100/Corr.1",), "symbol")]),
    ("addendum-with-corrigendum", "A/62/100 and Add.1/Corr.1",
     [("A/62/100", ("A/62/100",), "symbol"), ("Add.1/Corr.1", ("A/62/100/Add.1/Corr.1",), "symbol")]),
    ("addendum-french", "A/67/L.14 et Add.1", [("A/67/L.14", ("A/67/L.14",), "draft"),
                                               ("Add.1", ("A/67/L.14/Add.1",), "draft")]),
    ("addendum-range-skipped", "A/66/L.1 and Add.1-3", [("A/66/L.1", ("A/66/L.1",), "draft")]),
    ("reissue-mark", "A/RES/67/83*", [("A/RES/67/83", ("A/RES/67/83",), "symbol")]),
    ("glued-after-word", "United NationsA/RES/67/83*General Assembly",
     [("A/RES/67/83", ("A/RES/67/83",), "symbol")]),
    ("glued-before-word", "A/RES/67/83Cooperation", [("A/RES/67/83", ("A/RES/67/83",), "symbol")]),
    ("sc-resolution-year", "S/RES/1373 (2001)", [("S/RES/1373 (2001)", ("S/RES/1373 (2001)",), "symbol")]),
    ("sc-resolution-year-no-space", "S/RES/1373(2001),",
     [("S/RES/1373(2001)", ("S/RES/1373 (2001)",), "symbol")]),
    ("ga-resolution-roman-session", "A/RES/2200 (XXI)", [("A/RES/2200 (XXI)", ("A/RES/2200(XXI)",), "symbol")]),
    ("year-after-a-report-is-not-its-symbol", "A/67/280 (2012)", [("A/67/280", ("A/67/280",), "symbol")]),
    ("list-of-symbols", "A/67/280, A/67/281 and A/67/282",
     [("A/67/280", ("A/67/280",), "symbol"), ("A/67/281", ("A/67/281",), "symbol"),
      ("A/67/282", ("A/67/282",), "symbol")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SYMBOL_CASES], ids=[c[0] for c in SYMBOL_CASES])
def test_printed_symbols(text: str, expected: list[Row]) -> None:
    assert refs(text) == expected


# ---------------------------------------------------------------------------------------------
# resolution numbers in running text

SEVEN = ["55/3", "56/43", "57/156", "59/139", "61/13", "63/14", "65/130"]

RESOLUTION_CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("plain", "resolution 44/6", [("44/6", "A/RES/44/6")]),
    ("with-date", "its resolution 44/6 of 17 October 1989, in which",  [("44/6", "A/RES/44/6")]),
    ("footnote-list-of-seven", "1 Resolutions 55/3, 56/43, 57/156, 59/139, 61/13, 63/14 and 65/130.",
     [(n, f"A/RES/{n}") for n in SEVEN]),
    ("two", "resolutions 60/1 and 61/16", [("60/1", "A/RES/60/1"), ("61/16", "A/RES/61/16")]),
    ("oxford-comma", "resolutions 60/1, 61/16, and 62/7",
     [("60/1", "A/RES/60/1"), ("61/16", "A/RES/61/16"), ("62/7", "A/RES/62/7")]),
    ("capitalised-full-stop", "7 Resolution 60/288.", [("60/288", "A/RES/60/288")]),
    ("each-with-date", "resolutions 60/1 of 16 September 2005 and 61/16 of 20 November 2006",
     [("60/1", "A/RES/60/1"), ("61/16", "A/RES/61/16")]),
    # issue 16: a part letter is part of the symbol ("35/142 B" is not "35/142"), written without a space
    ("part-letter-before-punctuation", "resolution 65/130 A.", [("65/130 A", "A/RES/65/130A")]),
    ("part-letters-in-running-text", "resolution 65/130 A and B",
     [("65/130 A", "A/RES/65/130A"), ("B", "A/RES/65/130B")]),
    ("special-sessions", "resolutions ES-10/19 and S-26/2",
     [("ES-10/19", "A/RES/ES-10/19"), ("S-26/2", "A/RES/S-26/2")]),
    ("security-council", "Security Council resolution 1373 (2001)", [("1373 (2001)", "S/RES/1373 (2001)")]),
    ("security-council-form-names-its-series", "resolution 1325 (2000)", [("1325 (2000)", "S/RES/1325 (2000)")]),
    ("security-council-in-its", "the Security Council, in its resolution 1540 (2004),",
     [("1540 (2004)", "S/RES/1540 (2004)")]),
    ("human-rights-council", "Human Rights Council resolution 16/18", [("16/18", "A/HRC/RES/16/18")]),
    ("body-after-number", "resolutions 60/251 of the General Assembly and 5/1 of the Human Rights Council",
     [("60/251", "A/RES/60/251"), ("5/1", "A/HRC/RES/5/1")]),
    ("body-after-list-serves-the-list", "резолюции 5/1 и 5/2 Совета по правам человека",
     [("5/1", "A/HRC/RES/5/1"), ("5/2", "A/HRC/RES/5/2")]),
    ("ecosoc-year-numbered", "Economic and Social Council resolution 2004/67", [("2004/67", "E/RES/2004/67")]),
    # issue 16: sessions in Roman numerals are read ("2200 A (XXI)" is A/RES/2200A(XXI))
    ("old-style-item-read", "resolutions 2200 A (XXI), 41/128 and 44/6",
     [("2200 A (XXI)", "A/RES/2200A(XXI)"), ("41/128", "A/RES/41/128"), ("44/6", "A/RES/44/6")]),
    ("old-style-only", "resolution 2200 A (XXI)", [("2200 A (XXI)", "A/RES/2200A(XXI)")]),
    ("russian-singular", "резолюция 44/6", [("44/6", "A/RES/44/6")]),
    ("russian-accusative-list", "подтверждая резолюцию 60/1 и 61/16", [("60/1", "A/RES/60/1"),
                                                                         ("61/16", "A/RES/61/16")]),
    ("russian-prepositional", "в резолюциях 55/3 и 56/43", [("55/3", "A/RES/55/3"), ("56/43", "A/RES/56/43")]),
    ("russian-date", "резолюции 44/6 от 17 октября 1989 года и 60/1", [("44/6", "A/RES/44/6"),
                                                                         ("60/1", "A/RES/60/1")]),
    ("french", "ses résolutions 60/1 et 61/16", [("60/1", "A/RES/60/1"), ("61/16", "A/RES/61/16")]),
    ("french-body-after", "la résolution 1373 (2001) du Conseil de sécurité", [("1373 (2001)", "S/RES/1373 (2001)")]),
    ("two-lists", "resolution 44/6 and Security Council resolution 1373 (2001)",
     [("44/6", "A/RES/44/6"), ("1373 (2001)", "S/RES/1373 (2001)")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in RESOLUTION_CASES],
                         ids=[c[0] for c in RESOLUTION_CASES])
def test_resolution_numbers(text: str, expected: list[tuple[str, str]]) -> None:
    assert refs(text) == [(quote, (symbol,), "resolution") for quote, symbol in expected]


NEGATIVE_CASES = [
    ("date", "adopted on 12/12/2012"),
    ("date-after-the-word", "resolution 12/12/2012"),
    ("page-marker", "6/6"),
    ("page-markers-in-trailer", "Council of Europe\n\n6/6\n\n5/6\n"),
    ("year-range", "Disability Action Plan \n2006-2015, and confirms"),
    ("year-range-in-brackets", "Strategy for the Rights of the Child (2012-2015) promoting"),
    ("volume", "United Nations, vol. 2187"),
    ("sales-number", "Sales No. E.02.XIV.4 (Vol. I, Part 1)), sect. J, No. 34."),
    ("resolution-number-at-paragraph-start", "67/83.\tCooperation between the United Nations"),
    ("title-word-then-no-number", "Resolution adopted by the General Assembly on 12 December 2012"),
    ("word-then-other-words", "the present resolution. 44/6"),
    ("year-numbered-without-body", "resolution 2004/67"),
    ("slash-between-names", "the joint Council of Europe/United Nations study"),
    ("capitals-without-digits", "UN/CoE and EU/UN"),
    ("glued-unlikely-symbol", "CoE/UN/2012"),
    ("inside-a-url", "https://undocs.org/A/RES/67/83x"),
    ("lower-case-is-not-a-series", "a/67/280"),
]


@pytest.mark.parametrize("text", [c[1] for c in NEGATIVE_CASES], ids=[c[0] for c in NEGATIVE_CASES])
def test_not_a_document(text: str) -> None:
    assert refs(text) == []


SERIES_OPTION_CASES: list[tuple[str, str, str | None, list[str]]] = [
    ("default-general-assembly", "resolution 16/18", "A/RES/", ["A/RES/16/18"]),
    ("caller-series", "resolution 16/18", "A/HRC/RES/", ["A/HRC/RES/16/18"]),
    ("none-drops-bare-numbers", "resolutions 44/6 and 60/1", None, []),
    ("none-keeps-named-bodies", "Human Rights Council resolution 16/18", None, ["A/HRC/RES/16/18"]),
    ("none-keeps-security-council-form", "resolution 1373 (2001)", None, ["S/RES/1373 (2001)"]),
    ("none-keeps-printed-symbols", "A/RES/67/83 and resolution 44/6", None, ["A/RES/67/83"]),
    ("body-overrides-caller", "General Assembly resolution 60/1", "A/HRC/RES/", ["A/RES/60/1"]),
]


@pytest.mark.parametrize(("text", "option", "expected"), [c[1:] for c in SERIES_OPTION_CASES],
                         ids=[c[0] for c in SERIES_OPTION_CASES])
def test_resolution_series_option(text: str, option: str | None, expected: list[str]) -> None:
    assert [s for _, symbols, _ in refs(text, resolution_series=option) for s in symbols] == expected


def test_resolution_series_must_be_a_prefix() -> None:
    with pytest.raises(ValueError, match="end with '/'"):
        find_document_refs("resolution 44/6", resolution_series="A/RES")


BODY_EXAMPLES = [(body["id"], text, symbols) for body in document_patterns()["bodies"]
                 for text, symbols in body["examples"]]


@pytest.mark.parametrize(("text", "expected"), [e[1:] for e in BODY_EXAMPLES],
                         ids=[f"{e[0]}-{n}" for n, e in enumerate(BODY_EXAMPLES)])
def test_every_body_matches_its_examples(text: str, expected: list[str]) -> None:
    assert [s for _, symbols, _ in refs(text, resolution_series=None) for s in symbols] == expected


def test_body_series_are_prefixes_and_names_unique() -> None:
    names = [n.casefold() for body in document_patterns()["bodies"] for n in body["names"]]
    assert len(names) == len(set(names))
    assert all(body["series"].endswith("/") for body in document_patterns()["bodies"])


def test_dump_is_json() -> None:
    ref = find_document_refs("A/67/280-S/2012/614")[0]
    assert ref.dump() == {"start": 0, "end": 19, "quote": "A/67/280-S/2012/614",
                          "symbols": ["A/67/280", "S/2012/614"], "kind": "symbol"}
    ts = find_treaty_series("Ibid., vol. 2515, No. 44910.")[0]
    assert ts.dump() == {"start": 0, "end": 27, "quote": "Ibid., vol. 2515, No. 44910",
                         "volume": "2515", "number": "44910", "ibid": True}
    json.dumps([ref.dump(), ts.dump()])


def test_values_are_frozen() -> None:
    ref = DocumentRef(0, 1, "x", ("x",), "symbol")
    with pytest.raises(AttributeError):
        ref.start = 2  # type: ignore[misc]
    ts = TreatySeriesRef(0, 1, "x", "1", "", False)
    with pytest.raises(AttributeError):
        ts.ibid = True  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------
# Treaty Series

TREATY_CASES: list[tuple[str, str, list[tuple[str, str, str, bool]]]] = [
    ("named", "3 United Nations, Treaty Series, vol. 2187, No. 38544.",
     [("United Nations, Treaty Series, vol. 2187, No. 38544", "2187", "38544", False)]),
    ("named-no-full-stop", "6 United Nations, Treaty Series, vol. 1577, No. 27531",
     [("United Nations, Treaty Series, vol. 1577, No. 27531", "1577", "27531", False)]),
    ("ibid-alone", "4 Ibid., vol. 2515, No. 44910.", [("Ibid., vol. 2515, No. 44910", "2515", "44910", True)]),
    ("named-then-ibid", "United Nations, Treaty Series, vol. 2187, No. 38544. Ibid., vol. 2515, No. 44910.",
     [("United Nations, Treaty Series, vol. 2187, No. 38544", "2187", "38544", False),
      ("Ibid., vol. 2515, No. 44910", "2515", "44910", True)]),
    ("unts-volume-and-page", "UNTS vol. 999, p. 171", [("UNTS vol. 999", "999", "", False)]),
    ("volume-unts-page", "(1966) 999 U.N.T.S. 171", [("999 U.N.T.S. 171", "999", "", False)]),
    ("bare-volume-and-number", "vol. 1249, No. 20378", [("vol. 1249, No. 20378", "1249", "20378", False)]),
    ("french", "Nations Unies, Recueil des Traités, vol. 2187, no 38544.",
     [("Nations Unies, Recueil des Traités, vol. 2187, no 38544", "2187", "38544", False)]),
    ("russian-with-ibid",
     "Сборник договоров Организации Объединенных Наций, т. 2187, № 38544. Там же, т. 2515, № 44910.",
     [("Сборник договоров Организации Объединенных Наций, т. 2187, № 38544", "2187", "38544", False),
      ("Там же, т. 2515, № 44910", "2515", "44910", True)]),
    ("league-of-nations-and-its-ibid-skipped",
     "League of Nations, Treaty Series, vol. 94, No. 2138. Ibid., vol. 95, No. 3",
     []),
    ("ibid-after-un-again", "League of Nations, Treaty Series, vol. 94, No. 2138. "
     "United Nations, Treaty Series, vol. 75, No. 970. Ibid., vol. 75, No. 971.",
     [("United Nations, Treaty Series, vol. 75, No. 970", "75", "970", False),
      ("Ibid., vol. 75, No. 971", "75", "971", True)]),
    ("sales-number", "(United Nations publication, Sales No. E.02.XIV.4 (Vol. I, Part 1)), sect. J, No. 34.", []),
    ("bare-volume", "Official Records, vol. 2", []),
    ("roman-volume", "Volume I (First Part)", []),
    ("bare-russian-volume", "т. 5, № 3", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in TREATY_CASES], ids=[c[0] for c in TREATY_CASES])
def test_treaty_series(text: str, expected: list[tuple[str, str, str, bool]]) -> None:
    assert series(text) == expected


# ---------------------------------------------------------------------------------------------
# the seed resolution, A/RES/67/83


@pytest.fixture(scope="module")
def seed_text() -> str:
    return RESOLUTION_FILE.read_text(encoding="utf-8")


def test_seed_document_refs(seed_text: str) -> None:
    found = find_document_refs(seed_text)
    assert all(seed_text[r.start : r.end] == r.quote for r in found)
    symbols = {r.symbols for r in found}
    expected: set[tuple[str, ...]] = {(f"A/RES/{n}",) for n in ["44/6", *SEVEN, "60/288", "67/83"]}
    expected |= {("A/67/280", "S/2012/614"), ("A/67/L.14/Rev.1",), ("A/67/L.14/Add.1",)}
    assert expected <= symbols
    # nothing else: the dates, the page markers 6/6 and 5/6, "2006-2015" and "(2012-2015)" give no ref
    assert symbols == expected
    by_quote = {r.quote: r for r in found}
    assert by_quote["Add.1"].kind == "draft" and by_quote["56/43"].kind == "resolution"


def test_seed_treaty_series(seed_text: str) -> None:
    assert [(r.volume, r.number, r.ibid) for r in find_treaty_series(seed_text)] == [
        ("2187", "38544", False), ("2515", "44910", True), ("1577", "27531", False)]


# ---------------------------------------------------------------------------------------------
# arbitrary text

TOKENS = ["resolution", "Resolutions", "резолюции", "résolution", " ", ", ", " and ", " и ", "44/6", "1/1",
          "1373 (2001)", "2200 A (XXI)", " A", ".", "*", ")", "-", "–", "A/", "RES/", "S/", "67/", "L.14",
          "/Rev.1", " and Add.1", ", Add.1", "Corr.1", "Human Rights Council ", " of the General Assembly",
          "of 17 October 1989", "United Nations, Treaty Series, ", "vol. 2187", ", No. 38544", "Ibid., ",
          "UNTS ", "999 UNTS 171", "Sales No. E.02", "12/12/2012", "\n", "ı", "ß", "İ"]


def check_spans(text: str) -> None:
    for r in find_document_refs(text):
        assert 0 <= r.start < r.end <= len(text) and text[r.start : r.end] == r.quote and r.symbols
        assert r.kind in {"symbol", "resolution", "draft"}
    for t in find_treaty_series(text):
        assert 0 <= t.start < t.end <= len(text) and text[t.start : t.end] == t.quote and t.volume.isdigit()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_spans_that_quote_it(text: str) -> None:
    check_spans(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_texts_made_of_the_grammar_give_spans_that_quote_them(text: str) -> None:
    check_spans(text)


LONG_INPUTS = [
    ("many-lists", "resolutions 1/1, " * 6000, 6000),
    ("one-long-list", "resolutions " + "1/1, " * 20000, 20000),
    ("long-joint-symbol", "A/1" + "-A/1" * 20000, 1),
    ("slashes", "A/" * 50000, 0),
    ("words-without-numbers", "Security Council resolution " * 4000, 0),
]


@pytest.mark.parametrize(("text", "count"), [c[1:] for c in LONG_INPUTS], ids=[c[0] for c in LONG_INPUTS])
def test_long_inputs_finish_quickly(text: str, count: int) -> None:
    # a sanity bound against runaway backtracking, not a benchmark
    began = time.perf_counter()
    found = find_document_refs(text)
    find_treaty_series(text)
    assert time.perf_counter() - began < 5
    assert len(found) == count
