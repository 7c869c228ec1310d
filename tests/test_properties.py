"""Property tests for issue 9: every parser takes any text in bounded time and answers with offsets into it.

The texts are made of the project's own tokens (unit words in three languages, labels, connectors,
symbols, registry names, heading and noise lines) with separators, short runs of anything, and two
shapes that find costly paths: a short phrase repeated thousands of times, and long runs of spaces or
of one character between tokens. Each example has a deadline (hypothesis's, and an alarm that stops a
real hang); a cost that grows with the square of the length shows up as a missed deadline on the long
shapes. ``pytest tests/test_properties.py -p no:xdist --hypothesis-show-statistics`` gives the counts.
"""

from __future__ import annotations

import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kg.entities.documents import find_document_refs, find_treaty_series
from kg.entities.extract import default_stage
from kg.entities.matcher import Context
from kg.entities.registry import identify_treaty
from kg.ingest import IngestError, ingest
from kg.model import Document
from kg.references import resolve_references
from kg.references.grammar import MAX_PATHS, parse_references
from kg.structure import structure

TOKENS = [
    # unit words, labels and connectors of the reference grammar
    "Article", "Articles", "article", "ARTICLE", "Art.", "paragraph", "paragraphs", "sub-paragraph", "§", "section",
    "item", "Chapter", "CHAPTER", "Part", "Статья", "статьи", "статей", "статье", "пункта", "пунктов", "подпункта",
    "подпунктам", "абзаца", "главы", "Глава", "paragraphe", "alinéa", "l'article", "ci-dessus", "and", "or", "to",
    "of", "и", "или", "по", "et", "à", "above", "below", "выше", "ниже", "this Article", "настоящей статьи",
    "the preceding paragraphs of this Article", "This paragraph", "under a above", "Vol. I,",
    "1", "2", "3", "12", "21", "99", "199", "1bis", "1er", "a", "b", "c", "d", "i", "ii", "iv", "xii", "xlix", "IV",
    "(a)", "(ii)", '"a"', "«b»", "<*>", "*",
    # documents and Treaty Series
    "resolution", "resolutions", "Resolutions", "résolution", "резолюции", "A/RES/67/83", "A/67/L.14/Rev.1",
    "and Add.1", "S/RES/1373 (2001)", "44/6", "65/130 A", "2200 A (XXI)", "ES-10/19", "12/12/2012",
    "United Nations, Treaty Series", "UNTS", "vol.", "No.", "Ibid.", "Там же", "т.", "999 UNTS 171",
    # registry and discovery names, short forms, coordination
    "Council of Europe", "Committee of Ministers", "the Committee", "Комитет министров", "Ассамблея", "l'Assemblée",
    "the Secretaries-General of", "the United Nations", "United Nations Office at Geneva", "and at Vienna",
    "the Statute of the Council of Europe", "Special Rapporteur on", "Committee on the Rights of the Child",
    "United Nations Development Programme", "General Assembly", "Human Rights Council",
    # lines of structure and noise
    "Resolution adopted by the General Assembly on 12 December 2012", "The General Assembly,", "67/83.",
    "Recalling", "Decides", "Takes note", "53rd plenary meeting", "STATUTE OF THE COUNCIL OF EUROPE",
    "The Governments of", "have agreed as follows:", "-----", "_____", "12-48358", "Agenda item 12", "* Reissued",
    "[without reference to a Main Committee (A/67/L.14)]", "<<ODS JOB NO>>N1248358E<<ODS JOB NO>>", "6/6",
]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n", "\n\n", ".", ",", ";", ":", "-", "–", "(", ")", '"', "«", "»",
              "\t", "    ", "\r\n", "\u00a0"]
ALPHABET = "aAiIvxcé Я1.,;:()-\n\"«»<*>/"

pieces = st.one_of(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS), st.text(alphabet=ALPHABET, max_size=6))
#: tokens and separators, as they come
mixed = st.lists(pieces, max_size=60).map("".join)

#: a space between two words: mostly one, sometimes a line break or a run long enough that a cost growing with
#: the square of its length misses the deadline
space = st.one_of(st.sampled_from([" ", " ", " ", "  ", "\n", " \n ", "\t", "\u00a0"]),
                  st.integers(2, 50_000).map(lambda n: " " * n))


def _joined(parts: list[tuple[str, str]]) -> str:
    return "".join(a + b for a, b in parts)


#: the shapes of the reference grammar: a unit word, a label path (21.a.i), then connectors and labels
UNITS = ["Article", "Articles", "article", "ARTICLE", "Art.", "paragraph", "paragraphs", "sub-paragraph", "§",
         "section", "item", "Chapter", "Part", "статьи", "статей", "статье", "пункта", "пунктов", "подпункта",
         "подпунктам", "абзаца", "главы", "paragraphe", "alinéa", "l'article"]
LABELS = ["1", "2", "12", "21", "199", "1bis", "1er", "a", "b", "d", "z", "i", "iv", "xii", "xlix", "IV", "(a)", "(ii)",
          '"a"', "«b»", '"i"']
CONNECTORS = [", ", " and ", " or ", " to ", "-", " - ", " – ", " и ", " или ", " по ", ", and ", " of ", " et ", " à ",
              " § ", " ", ", paragraph ", " of Article ", " статьи ", " пункта "]
label_path = st.lists(st.sampled_from(LABELS), min_size=1, max_size=5).map(".".join)
reference = st.builds(
    lambda unit, sp, path, rest, tail: unit + sp + path + rest + tail,
    st.sampled_from(UNITS), space, label_path,
    st.lists(st.tuples(st.sampled_from(CONNECTORS), st.builds(lambda u, p: u + p, st.sampled_from(["", "", "Article ",
             "paragraph ", "пункта ", "статьи "]), label_path)), max_size=8).map(_joined),
    st.sampled_from(["", "", " above", " below", ", выше", " ci-dessus", " of the Charter", " of the Statute", "."]))
references = st.one_of(
    st.lists(st.one_of(reference, pieces), max_size=12).map("".join),
    st.builds(lambda r, n: r * n, reference.map(lambda r: r + " "), st.integers(1, 3000)),  # the same, many times
)

#: the shapes of the structure stage: lines of headings, labels, noise and text
LINES = ["Article 1", "Article 2", "ARTICLE 3 <*>", "Article 1.a.i applies.", "Статья 1", "Глава I. Цель",
         "Chapter I", "Chapter II - Aim", "PART ONE", "a. the Parties:", "b. the organs;", "c) text", "(a) text",
         "i. first", "ii. second", "(iii) third", "1. Decides to act;", "2. Requests the Secretary-General,",
         "The General Assembly,",
         "Resolution adopted by the General Assembly on 12 December 2012", "67/83. Cooperation",
         "[without reference to a Main Committee (A/67/L.14)]", "53rd plenary meeting", "12 December 2012",
         "1 Resolution 44/6.", "-----", "<*> As amended.", "The Governments of the Kingdom of Belgium,",
         "have agreed as follows:", "STATUTE OF THE EXAMPLE", "12-48358 (E)", "Agenda item 12", "* Reissued.",
         "6/6", "  12. Chapter", "Text that goes on", "and ends here.", "Belgium      7", "France       3", ""]
line = st.one_of(st.sampled_from(LINES), st.builds(lambda a, sp, b: a + sp + b, st.sampled_from(LINES), space,
                                                   st.sampled_from(LINES)), mixed)
documents_text = st.one_of(
    st.lists(line, max_size=40).map("\n".join),
    st.builds(lambda head, body, n: head + "\n" + body * n, st.lists(line, max_size=6).map("\n".join),
              st.lists(line, min_size=1, max_size=4).map(lambda xs: "\n".join(xs) + "\n"), st.integers(1, 3000)),
)

#: registry names and short forms of every language, coordinated and repeated
NAMES = sorted({n for e in default_stage().registry.entries.values() for names in
                [*e.get("labels", {}).values(), *(a for al in e.get("aliases", {}).values() for a in al),
                 *(f for sf in e.get("short_forms", {}).values() for f in sf)]
                for n in ([names] if isinstance(names, str) else names)})
name_words = st.one_of(st.sampled_from(NAMES), st.sampled_from(["the Secretaries-General of", "the Presidents of",
                       "at Geneva", "and at Vienna", "Office at", "the", "and", "of", ",", "Convention on the",
                       "Special Rapporteur on", "Committee on the", "Statute", "this Statute", "Комитетом министров"]))
names_text = st.one_of(
    st.lists(st.tuples(name_words, space), max_size=30).map(_joined),
    st.builds(lambda xs, n: xs * n, st.lists(st.tuples(name_words, st.just(" ")), min_size=1, max_size=5)
              .map(_joined), st.integers(1, 2000)),
)

#: the shapes of document symbols, resolution numbers and Treaty Series cites
SYMBOL_PIECES = ["A", "S", "E", "A/RES", "S/RES", "/67", "/83", "/L.14", "/Rev.1", "/Add.1", "/2012", "-S/2012/614",
                 " (2001)", "(XXI)", " and Add.1", ", Corr.1", "resolution ", "resolutions ", "резолюции ", "44/6",
                 "ES-10/19", "1373 (2001)", " of 17 October 1989", " and ", ", ", " A.", "UNTS", "vol. ", "2187",
                 "United Nations, Treaty Series", ", No. ", "38544", "Ibid., ", "Там же, т. ", "999 UNTS 171",
                 "Human Rights Council "]
symbols_text = st.one_of(
    st.lists(st.tuples(st.sampled_from(SYMBOL_PIECES), st.one_of(st.just(""), space)), max_size=30).map(_joined),
    st.builds(lambda xs, n: xs * n, st.lists(st.sampled_from(SYMBOL_PIECES), min_size=1, max_size=6).map("".join),
              st.integers(1, 3000)),
)

#: anything, in the shapes above and as it comes: tokens around a long run of one character
runs = st.builds(lambda a, ch, n, b: a + ch * n + b,
                 mixed, st.sampled_from([" ", " ", "\n", "\t", "a", "1", ".", "-", "и"]), st.integers(0, 20000), mixed)
texts = st.one_of(mixed, runs, references, documents_text, names_text, symbols_text)
langs = st.sampled_from(["en", "fr", "ru"])


def capped(strategy: st.SearchStrategy[str], length: int) -> st.SearchStrategy[str]:
    """Texts cut at ``length``: long enough that a cost growing with the square of a run misses the deadline,
    short enough that a linear one (about a microsecond a character for the slowest stage) stays well within."""
    return strategy.map(lambda text: text[:length])


def bounded(examples: int) -> settings:
    """``examples`` examples, each within 2 seconds (long inputs are the point: no health check on their size)."""
    return settings(max_examples=examples, deadline=timedelta(seconds=2),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


#: a real hang is stopped after this many seconds (the deadline above is checked only when an example ends)
HANG = 20


class Hang(AssertionError):
    pass


@contextmanager
def no_hang(what: str) -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise Hang(f"hang: {what} ran for more than {HANG} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, HANG)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


PATH_STEPS = {"article", "section", "paragraph", "item", "chapter", "part", "operative"}


def sized(text: str) -> str:
    """Count the example by its length in the statistics (so a run shows that long inputs were tried)."""
    n = len(text)
    event("length " + ("< 100" if n < 100 else "< 1,000" if n < 1000 else "< 10,000" if n < 10_000 else ">= 10,000"))
    return text


@bounded(300)
@given(capped(st.one_of(references, references, texts), 100_000), langs)
def test_reference_grammar(text: str, lang: str) -> None:
    with no_hang("parse_references"):
        refs = parse_references(sized(text), lang)
    assert [r.start for r in refs] == sorted(r.start for r in refs)
    for r in refs:
        assert 0 <= r.start < r.end <= len(text)
        assert r.quote == text[r.start : r.end]
        assert r.paths or r.scope, r
        assert len(r.paths) <= MAX_PATHS and len(set(r.paths)) == len(r.paths)
        assert all(step[0] in PATH_STEPS and step[1] for path in r.paths for step in path), r.paths
        assert r.relative in (None, "above", "below")
        assert r.tail is None or r.start <= r.tail <= len(text)


@bounded(200)
@given(capped(st.one_of(names_text, names_text, texts), 50_000), langs)
def test_matcher(text: str, lang: str) -> None:
    matcher = default_stage().matcher
    with no_hang("Matcher.find"):
        found = matcher.find(sized(text), lang, Context(home="council-of-europe"))
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.quote == text[m.start : m.end]
        assert m.entity in matcher.registry.entries, m
        assert m.how in ("name", "former_name", "abbreviation", "nested", "coordinated", "short_form")
    assert found == sorted(found, key=lambda m: (m.start, m.end, m.entity))


@bounded(200)
@given(capped(st.one_of(symbols_text, symbols_text, texts), 100_000))
def test_document_symbols(text: str) -> None:
    with no_hang("find_document_refs"):
        refs = find_document_refs(sized(text))
        series = find_treaty_series(text)
    for r in refs:
        assert r.quote == text[r.start : r.end] and r.start < r.end
        assert r.symbols and all("/" in s for s in r.symbols), r
        assert r.kind in ("symbol", "resolution", "draft")
    for t in series:
        assert t.quote == text[t.start : t.end] and t.start < t.end
        assert t.volume.isdigit() and (t.number == "" or t.number.isdigit())


_TMP = Path(tempfile.mkdtemp(prefix="treaty-kg-properties-"))


def _document(text: str, encoding: str) -> Document | None:
    """Ingest and structure ``text`` saved in ``encoding``; None when it is refused, with a reason."""
    path = _TMP / "input.txt"
    path.write_bytes(text.encode(encoding, errors="replace"))
    try:
        source = ingest(path)
    except IngestError as exc:
        assert exc.path == str(path) and exc.reason, "a refusal names the file and the reason"
        return None
    try:
        return structure(source, identify=identify_treaty)
    except ValueError as exc:
        assert "input.txt" in str(exc), "a refusal names the file"
        return None


def _check_document(doc: Document) -> None:
    eids = [p.eid for p in doc.provisions]
    assert len(set(eids)) == len(eids), "eids are unique"
    known = set(eids)
    for p in doc.provisions:
        assert p.parent is None or p.parent in known, (p.eid, p.parent)
        for t in p.texts:
            for piece in t.pieces:
                assert piece.start >= 0 and piece.start + piece.length <= len(t.value)
                if piece.src is not None:  # every character of a text maps back to the same character of the file
                    assert t.value[piece.start : piece.start + piece.length] == \
                        doc.source.text[piece.src : piece.src + piece.length]
    for f in doc.findings:
        assert f.file == doc.source.name and f.message


@bounded(150)
@given(capped(st.one_of(documents_text, documents_text, texts), 100_000),
       st.sampled_from(["utf-8", "utf-8", "cp1251", "utf-16-le"]))
def test_structure(text: str, encoding: str) -> None:
    with no_hang("ingest and structure"):
        doc = _document(sized(text), encoding)
    if doc is not None:
        _check_document(doc)


@bounded(60)
@given(capped(st.one_of(documents_text, texts), 30_000))
def test_every_stage(text: str) -> None:
    """Ingest, structure, entities and references of one text: every quote is the text at its offsets."""
    from kg.entities import extract_entities

    with no_hang("the stages of one file"):
        doc = _document(sized(text), "utf-8")
        if doc is None:
            return
        ents = extract_entities(doc)
        refs = resolve_references(doc, {doc.key: doc}, default_stage().matcher)
    texts = {(p.eid, t.lang): t.value for p in doc.provisions for t in p.texts}
    for m in [*ents.mentions, *ents.citations, *refs.citations]:
        assert texts[(m.eid, m.lang)][m.start : m.end] == m.quote, m
    for u in refs.unresolved:
        assert texts[(u.eid, u.lang)][u.start : u.end] == u.quote and u.reason, u
