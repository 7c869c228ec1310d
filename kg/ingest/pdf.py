"""Text of a PDF's text layer: lines in reading order, running headers and footers recognised.

The characters and their boxes come from PDFium (pypdfium2; ``bench/results-pdf.md`` says why this
reader). Lines are rebuilt from the boxes rather than taken from PDFium's own line breaks, which
follow the order of the content stream: a footer drawn first would come first, and a raised footnote
marker ("1994,¹ the Treaty") would break its line in two. So:

1. recognition of pieces: the characters of a page, in PDFium's order, cut into *runs* wherever
   PDFium breaks a line or the next character does not sit on the same baseline band;
2. assembly of lines: runs whose vertical bands overlap make one line, ordered left to right, with a
   space where the gap between two runs is wider than a fraction of the line's height (so a
   superscript marker stays glued: "1994,1"); lines go top to bottom. A gap wider than twice the
   line's height splits the line into *segments* (the symbol and the title of a running header);
3. running headers and footers (:func:`running_lines`): a segment that occurs among the first or last
   lines of at least half of the pages (two at least), page numbers counted as one whatever their
   value ("2/4", "3/4"), makes its line a running line, kept in the text and set aside as noise;
4. hyphenation at line ends (:func:`dehyphenate`), undone where the document itself says the joined
   form is a word.

Pages are joined by a line holding a form feed. A PDF without a text layer, an encrypted or a broken
one raises :class:`~kg.ingest.decode.IngestError` with the reason.

>>> pages = [["A/RES/1/1   Title", "Text of page one", "*0912345*"], ["Text of page two", "2/3"],
...          ["A/RES/1/1   Title", "Text of page three", "3/3"]]
>>> sorted(running_lines([[_line(t) for t in p] for p in pages], zone=1).items())
[((0, 0), 'running_header'), ((1, 1), 'running_footer'), ((2, 0), 'running_header'), ((2, 2), 'running_footer')]
>>> dehyphenate(["the inter-", "national order,", "international law"])
['the international', 'order,', 'international law']
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.ingest.decode import IngestError
from kg.ingest.noise import SYMBOL

__all__ = ["PdfText", "dehyphenate", "pdf_to_text", "running_lines"]

#: the message for a PDF whose pages hold no characters
NO_TEXT_LAYER = "PDF has no text layer (a scanned image?); run OCR first, e.g. ocrmypdf"

#: PDFium marks the hyphen it finds at a line end with U+FFFE (and joins the two lines); some writers
#: put U+0002 there; both become a soft hyphen, which :func:`dehyphenate` reads as a line-end hyphen
_PDFIUM_HYPHENS = {"\ufffe": "\u00ad", "\x02": "\u00ad"}
#: the share of the smaller of two heights that two bands must overlap to be one line
_SAME_LINE = 0.5
#: a gap between two runs wider than this share of the line height is a space
_SPACE_GAP = 0.15
#: a gap wider than this many line heights separates segments (the columns of a running header)
_SEGMENT_GAP = 2.0
#: how many lines at the top and at the bottom of a page may be running lines
_ZONE_LINES = 3

#: a page number as printed alone: "2", "2/4", "- 2 -", "Page 2", "Page 2 of 4", "2 of 4"
PAGE_NUMBER = re.compile(
    r"""^(?:
        (?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?   # "2", "2/4", "Page 2 of 4"
      | -\s*\d{1,4}\s*-                                 # "- 2 -"
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
#: a whole segment that is a UN document symbol: the running header's symbol is the document's
WHOLE_SYMBOL = re.compile(rf"^{SYMBOL}$", re.VERBOSE)

#: a line that ends in a hyphen glued to a word: "inter-", "non\u00ad"
_LINE_END_HYPHEN = re.compile(r"(?P<stem>[^\W\d_]+)(?P<hyphen>[-\u00ad\u2010])$")
#: the first word of the next line and what is glued after it ("national," up to the next space)
_LINE_START_WORD = re.compile(r"(?P<word>[^\W\d_]+)(?P<tail>\S*)")
#: the words and hyphenated compounds of the document, for the word list
_WORDS = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")


@dataclass(frozen=True)
class PdfText:
    """A PDF's text, its page count and the lines recognised as running headers or footers.

    ``noise`` maps the offset in ``text`` where a running line starts to its kind; ``metadata``
    holds what those lines say (the document's ``symbol``).
    """

    text: str
    pages: int
    noise: dict[int, str] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Line:
    """A line of a page: its text and its segments (the pieces between wide gaps)."""

    text: str
    segments: tuple[str, ...]


def _line(text: str) -> _Line:
    """A line from plain text, segments split at runs of three spaces (for examples and tests)."""
    return _Line(" ".join(text.split()), tuple(" ".join(s.split()) for s in re.split(r"\s{3,}", text.strip())))


def pdf_to_text(data: bytes, name: str) -> PdfText:
    """Read the text layer of the PDF in ``data`` (the content of the file ``name``)."""
    pages = read_pages(data, name)
    if not pages:
        raise IngestError(name, "PDF has no pages")
    if not any(line.text for page in pages for line in page):
        raise IngestError(name, NO_TEXT_LAYER)
    running = running_lines(pages)
    for i in _top(pages[0], _ZONE_LINES):
        if (0, i) not in running and _is_masthead(pages[0][i]):
            running[(0, i)] = "masthead"  # a UN masthead on a page of its own: no other page to repeat it
    metadata: dict[str, str] = {}
    symbols = Counter(s for (p, i) in running for s in pages[p][i].segments if WHOLE_SYMBOL.match(s))
    if symbols:
        metadata["symbol"] = symbols.most_common(1)[0][0]
    empty = [str(n + 1) for n, page in enumerate(pages) if not any(line.text for line in page)]
    if empty:
        metadata["pages_without_text"] = ",".join(empty)

    # the body lines, in order, are dehyphenated as one sequence (a word may break across pages)
    body = [(p, i) for p, page in enumerate(pages) for i, line in enumerate(page) if (p, i) not in running
            and line.text]
    joined = dehyphenate([pages[p][i].text for p, i in body])
    texts = dict(zip(body, joined, strict=True))

    out: list[str] = []
    noise: dict[int, str] = {}
    pos = 0
    for p, page in enumerate(pages):
        if p:
            out.append("\f")
            pos += 2
        for i, line in enumerate(page):
            if (p, i) in running:
                noise[pos] = running[(p, i)]
                t = line.text
            else:
                t = texts.get((p, i), line.text)
                if not t and line.text:
                    continue  # the whole line went up to the line before: a hyphenated word's end
            out.append(t)
            pos += len(t) + 1
    return PdfText("\n".join(out), len(pages), noise, metadata)


def _is_masthead(line: _Line) -> bool:
    """The first line of a UN document's first page: "United Nations", then its symbol far to the right."""
    return len(line.segments) == 2 and line.segments[0] == "United Nations" and bool(
        WHOLE_SYMBOL.match(line.segments[1]))


# --------------------------------------------------------------------------- reading the pages


def read_pages(data: bytes, name: str) -> list[list[_Line]]:
    """Every page's lines, top to bottom; raise :class:`IngestError` for a PDF that cannot be read."""
    import pypdfium2 as pdfium  # imported here: reading a text file does not load PDFium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise IngestError(name, _open_error(exc)) from None
    try:
        pages: list[list[_Line]] = []
        for index in range(len(doc)):
            page = doc[index]
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(_page_lines(textpage))
                finally:
                    textpage.close()
            finally:
                page.close()
        return pages
    except pdfium.PdfiumError as exc:
        raise IngestError(name, f"broken PDF: {exc}") from None
    finally:
        doc.close()


def _open_error(exc: Exception) -> str:
    code = getattr(exc, "err_code", None)
    # PDFium's FPDF_ERR_* codes: 2 file, 3 format, 4 password, 5 security, 6 page
    if code == 4:
        return "PDF is encrypted and needs a password to be opened"
    if code == 5:
        return "PDF is encrypted with an unsupported security handler"
    if code == 3:
        return "not a readable PDF (broken or truncated: PDFium reports a data format error)"
    if code == 2:
        return "not a readable PDF (PDFium cannot read its bytes)"
    return "not a readable PDF (PDFium cannot load it)"  # 0, 1: no reason given (an empty page tree, ...)


@dataclass
class _Run:
    """Characters that sit side by side on one baseline band, in PDFium's order."""

    chars: list[str]
    left: float
    right: float
    bottom: float
    top: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


def _overlap(b1: float, t1: float, b2: float, t2: float) -> float:
    """How much two vertical bands overlap, as a share of the smaller one's height (0 when flat)."""
    smaller = min(t1 - b1, t2 - b2)
    return (min(t1, t2) - max(b1, b2)) / smaller if smaller > 0 else 0.0


def _page_lines(textpage: Any) -> list[_Line]:
    """The lines of one page (a pypdfium2 ``PdfTextPage``), top to bottom."""
    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    runs: list[_Run] = []
    run: _Run | None = None
    pending_space = False
    for i, ch in enumerate(text[:n]):
        if ch in "\r\n":  # PDFium's line break: a new run, wherever the next character is
            run = None
            continue
        if ch.isspace():
            pending_space = run is not None
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        ch = _PDFIUM_HYPHENS.get(ch, ch)
        if top <= bottom and run is not None:
            run.chars.append(ch)  # a character without a height (a control character) goes with its run
            continue
        if run is not None and (_overlap(run.bottom, run.top, bottom, top) < _SAME_LINE
                                or left < run.right - run.height or left - run.right > _SEGMENT_GAP * run.height):
            run = None  # a new baseline (PDFium joins two lines at a hyphen), back to the left, or far right
        if run is None:
            run = _Run([ch], left, right, bottom, max(top, bottom + 1))
            runs.append(run)
        else:
            if pending_space:
                run.chars.append(" ")
            run.chars.append(ch)
            run.left, run.right = min(run.left, left), max(run.right, right)
            run.bottom, run.top = min(run.bottom, bottom), max(run.top, top)
        pending_space = False
    return _assemble(runs)


@dataclass
class _Group:
    """The runs of one line; its band is that of its tallest run."""

    bottom: float
    top: float
    runs: list[_Run]


def _assemble(runs: list[_Run]) -> list[_Line]:
    """Runs grouped into lines by their bands, top to bottom; each line left to right.

    The tallest runs are placed first, so a line's band is its text's and a raised footnote marker
    joins the line it overlaps most. Runs side by side share a line; a run under another ("Distr.:
    General" over "1 April 2014", both beside a large "General Assembly") makes a line of its own.
    """
    groups: list[_Group] = []
    for run in sorted(runs, key=lambda r: -r.height):
        best: _Group | None = None
        best_overlap = _SAME_LINE
        for g in groups:
            overlap = _overlap(g.bottom, g.top, run.bottom, run.top)
            if overlap >= best_overlap and not any(r.left < run.right and run.left < r.right for r in g.runs):
                best, best_overlap = g, overlap
        if best is None:
            groups.append(_Group(run.bottom, run.top, [run]))
        else:
            best.runs.append(run)
    out: list[_Line] = []
    for g in sorted(groups, key=lambda g: -(g.bottom + g.top)):
        height = g.top - g.bottom
        segments = [""]
        previous: _Run | None = None
        for r in sorted(g.runs, key=lambda r: r.left):
            piece = "".join(r.chars)
            gap = r.left - previous.right if previous is not None else 0.0
            if previous is not None and gap > _SEGMENT_GAP * height:
                segments.append(piece)
            elif previous is not None and gap > _SPACE_GAP * height:
                segments[-1] += " " + piece
            else:
                segments[-1] += piece
            previous = r
        kept = tuple(t for t in (" ".join(s.split()) for s in segments) if t)
        if kept:
            out.append(_Line(" ".join(kept), kept))
    return out


# --------------------------------------------------------------------------- running headers


#: a rule (a footnote rule at the foot of each page repeats, but it is the structure stage's to read)
_RULE = re.compile(r"^[_\-=]{5,}$")


def _key(segment: str) -> str | None:
    if _RULE.match(segment):
        return None
    return "<page>" if PAGE_NUMBER.match(segment) else segment


def running_lines(pages: Sequence[Sequence[_Line]], zone: int = _ZONE_LINES) -> dict[tuple[int, int], str]:
    """The lines (page index, line index) that are running headers or footers, with their kind.

    A segment is running when it occurs among the first (last) ``zone`` lines of at
    least half of the pages, and of two pages at least; page numbers count as one segment whatever
    their value. A line of the zone with a running segment is a running line.
    """
    need = max(2, math.ceil(len(pages) / 2))
    found: dict[tuple[int, int], str] = {}
    for kind, lines_of in (("running_header", _top), ("running_footer", _bottom)):
        seen: defaultdict[str | None, set[int]] = defaultdict(set)
        for p, page in enumerate(pages):
            for i in lines_of(page, zone):
                for s in page[i].segments:
                    seen[_key(s)].add(p)
        repeated = {k for k, on in seen.items() if k is not None and len(on) >= need}
        for p, page in enumerate(pages):
            for i in lines_of(page, zone):
                if (p, i) not in found and any(_key(s) in repeated for s in page[i].segments):
                    found[(p, i)] = kind
    return found


def _top(page: Sequence[_Line], zone: int) -> range:
    return range(min(zone, len(page)))


def _bottom(page: Sequence[_Line], zone: int) -> range:
    return range(max(0, len(page) - zone), len(page))


# --------------------------------------------------------------------------- hyphenation


def dehyphenate(lines: Sequence[str]) -> list[str]:
    """Bring a word broken at a line end ("inter-" / "national") back onto one line.

    The hyphen goes when the document says the joined form is a word: it occurs elsewhere in the
    text ("international"); or the hyphenated form occurs nowhere ("non-proliferation" does not) and
    the second part starts in lower case. Otherwise the hyphen stays ("non-proliferation",
    "Secretary-General", "Alma-Ata") and only the line break goes. A line the moved word empties
    becomes "".

    >>> dehyphenate(["strengthening of inter\\u00ad", "national stability", "the non-", "proliferation",
    ...              "of non-proliferation"])
    ['strengthening of international', 'stability', 'the non-proliferation', '', 'of non-proliferation']
    """
    out = list(lines)
    breaks: list[int] = []
    for i in range(len(out) - 1):
        if _LINE_END_HYPHEN.search(out[i]) and _LINE_START_WORD.match(out[i + 1]):
            breaks.append(i)
    if not breaks:
        return out
    words = Counter(w.lower() for line in out for w in _WORDS.findall(line.replace("\u00ad", "")))
    for i in breaks:
        end = _LINE_END_HYPHEN.search(out[i])
        start = _LINE_START_WORD.match(out[i + 1])
        if end is None or start is None:
            continue  # the line was emptied or changed by the break before
        stem, second = end.group("stem"), start.group("word")
        joined = (stem + second).lower()
        hyphenated = f"{stem}-{second}".lower()
        glue = "" if words[joined] or (not words[hyphenated] and second[:1].islower()) else "-"
        out[i] = out[i][: end.start("hyphen")] + glue + start.group()
        out[i + 1] = out[i + 1][start.end() :].lstrip()
    return out
