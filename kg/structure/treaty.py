"""Treaties: title, preamble, parts and chapters, articles, lettered paragraphs, items, footnotes,
tables and final clauses, from one language version of a text.

Article headings are often missing (in both versions of the Statute of the Council of Europe most
are), so the numbering is inferred from the structure and re-anchored on every explicit heading:

* a chapter's first block, a lettered ``a.`` after an article that already has words, and a plain
  paragraph that is not a continuation start a new article;
* a plain paragraph inside a lettered sequence (the next lettered line continues the sequence:
  Article 38's sentence between b and c) continues the paragraph before it;
* a plain paragraph after items continues their parent when it starts in lower case, when the last
  item ends open (``,`` ``;`` ``and``) or when it refers back to them (``Both these organs``);
* between two explicit headings ``n`` and ``n+1`` nothing is inferred; where an explicit heading
  disagrees with the inferred number, the heading wins and a finding reports it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from kg.model import Finding, SourceLine
from kg.structure.dates import find_date
from kg.structure.markers import MARKER, markers, roman_value, to_roman
from kg.structure.tree import EidSet, Node, Part, unique_eid

# -- line shapes ---------------------------------------------------------------------------

#: "a. text", "a) text", "(a) text", Cyrillic "а) text", and a label glued to its first word as some conversions
#: print it ("a.determine the conditions", "a)le dépôt"): a word of three letters or more, so that "e.g." is not one
LETTERED = re.compile(
    r"""^(?:\((?P<a>[a-zа-я])\)                        # (a)
          |(?P<b>[a-zа-я])(?:[.)]\s+(?=\S)              # a. text / a) text
                           |[.)](?=[^\W\d_]{3})))     # a.text, a)le dépôt: the label glued to a word
    """,
    re.VERBOSE,
)
#: "i. text", "iv) text", "(ii) text"
ROMAN_ITEM = re.compile(r"^(?:\((?P<a>[ivxlc]{1,6})\)|(?P<b>[ivxlc]{1,6})[.)])\s+(?=\S)")
#: "1. text", "2) text", "(3) text"
NUMBERED = re.compile(r"""^(?:\((?P<a>\d{1,3})\)\s+(?=\S)          # "(3) text"
                          | (?P<b>\d{1,3})(?:[.)]\s+(?=\S)        # "1. text", "2) text"
                                           |\.(?=[A-ZÀ-ÖØ-ÞА-ЯЁ]))     # or "1." glued to a capital: "1.Les actes"
                          )""", re.VERBOSE)                          # (not "1.5"; "1)Ci-dessous" is a note)
#: a rule that opens a footnote block
RULE = re.compile(r"^[-_]{5,}\s*$")
#: the first line of a footnote: "<*> As amended in May, 1951."
FOOTNOTE_START = re.compile(rf"^{MARKER}\s*(?=\S)")
#: a marker inside a line of text
INLINE_MARKER = re.compile(r"<\*{1,3}>")
#: a paragraph of a text of no recognised kind labelled by a roman numeral: "III", "IV Имеющиеся в наличии ..."
ROMAN_PARAGRAPH = re.compile(r"^(?P<num>[IVX]{1,5})(?:\.\s*|\s+(?=[A-ZА-ЯЁ])|\s*$)")
#: where a conversion ran two paragraphs together: a sentence's end glued to the next one's capital
#: ("territoire.La personnalité", "Members;Whereas", "alinéa 2.Pour"), after a word in lower case or a number
#: (not "M.Dupont", "U.N.")
RUN_TOGETHER = re.compile(r"(?<=[a-zà-ÿа-я0-9)][.;:])(?=[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zà-ÿа-я])")
#: a table row: columns separated by runs of spaces
TABLE_GAP = re.compile(r"\S {4,}\S")
#: identifiers printed in a title: "(ETS N 1)", "(ETS No. 5)", "(CETS No. 210)"
TREATY_SERIES = re.compile(r"\(\s*(?P<series>C?ETS)\s*(?:N[o°º]?\.?|№)\s*(?P<num>\d{1,3})\s*\)")
#: a preamble opens with the parties
PREAMBLE_OPENING = re.compile(
    r"^(?:The\s+(?:Governments|States|High\s+Contracting|member\s+States|Parties|signatories)|"
    r"Правительства|Государства|Высокие\s+Договаривающиеся|Les\s+(?:Gouvernements|[EÉ]tats|Hautes))",
    re.IGNORECASE,
)


@cache
def title_words() -> re.Pattern[str]:
    """The treaty word of a title in any language ("Statute", «Статут», "Charte"): ``title_words`` in
    kg/data/structure.json."""
    m = markers()
    words = sorted({w for lang in m.languages for w in m.words("title_words", lang)}, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in words)})\b", re.IGNORECASE)


#: the end of one sentence and the start of the next inside a line: a title has none (a letter's first paragraph,
#: which may name a treaty, has); a word of three lower-case letters before the stop, so that "No. 15" is none
SENTENCE_BREAK = re.compile(r"[a-zà-ÿа-яё]{3}[.!?][\"»”]?\s+[A-ZÀ-ÝА-ЯЁ]")

#: a reference path glued to an article number: ".a.i", ".c " (a heading's title after "1." is a word; "Article
#: 12.3 Title", the numbering of some agreements, is left as it was read)
DOTTED_PATH = re.compile(r"\.(?:[a-z]|[ivx]{1,4})(?=[.\s,;:)]|$)")


def article_heading(text: str, lang: str) -> re.Match[str] | None:
    """An article heading line ("Article 3", "Article 3 - Title", "Статья 20 <*>"), not a sentence that
    opens with one ("Article 15 of the Convention applies")."""
    m = markers().heading("article", lang).match(text)
    if m and DOTTED_PATH.match(text, m.end("num")):
        return None  # "Article 1.a.i applies": a reference path, not "Article 1." and a title "a.i applies"
    if m and (m.group("title") or "").strip() and not re.match(r"^[-–—.:]", text[m.start("title") - 2 :].strip()):
        between = text[m.end("num") : m.start("title")]
        if not re.search(r"[-–—.:]|<\*", between):
            return None
    return m


@cache
def garbled_heading(lang: str) -> re.Pattern[str]:
    """An article heading whose number the OCR misread as one or two capital letters ("Статья Г.", "Статья Ш."
    for I and 11): the number is taken from the headings around it."""
    words = "|".join(re.escape(w) for w in sorted(markers().words("article", lang), key=len, reverse=True))
    return re.compile(rf"^(?:{words})\s+(?P<glyph>[A-ZА-ЯЁ]{{1,2}})\.\s*$")


@cache
def run_on_heading(lang: str) -> re.Pattern[str]:
    """A run of spaces inside a line before the heading of the next section or article, where a conversion
    joined them: "... of its publications.    Section 8. While the United Nations ..."."""
    m = markers()
    words = sorted(m.words("section", lang) + m.words("article", lang), key=len, reverse=True)
    return re.compile(
        rf"""(?:(?<=[.;:])(?P<gap>\s{{2,}})       # two spaces after a sentence's end
               |(?<=\S)(?P<wide>\s{{3,}}))       # or three after anything
             (?=(?:{'|'.join(re.escape(w) for w in words)})\s*\d{{1,3}}\.\s+\S)   # then "Section 8. While"
        """,
        re.VERBOSE,
    )


def split_run_on(lines: Sequence[SourceLine], lang: str) -> list[SourceLine]:
    """Lines with the run-on headings of :func:`run_on_heading` cut into one line per heading.

    >>> ln = SourceLine(1, 0, 48, "(c) in respect of them.    Section 8. While it", 0, 0)
    >>> [x.text for x in split_run_on([ln], "en")]
    ['(c) in respect of them.', 'Section 8. While it']
    """
    pattern = run_on_heading(lang)
    out: list[SourceLine] = []
    for ln in lines:
        cuts = list(pattern.finditer(ln.text)) if ln.text else []
        if not cuts:
            out.append(ln)
            continue
        begin = 0
        for m in [*cuts, None]:
            stop = m.start() if m is not None else len(ln.text)
            piece = ln.text[begin:stop]
            out.append(replace(ln, start=ln.start + begin, end=ln.start + stop, text=piece,
                               indent=ln.indent + begin))
            if m is not None:
                begin = m.end()
    return out


def title_like(text: str) -> bool:
    """A line that may be a treaty's title however long: it names a kind of treaty and does not end like a
    sentence or a recital (",", ";", ":", ".").

    >>> title_like("Protocol No. 15 amending the Convention for the Protection of Human Rights and Fundamental "
    ...            "Freedoms (CETS No. 213)")
    True
    >>> title_like("Considering that the Convention for the Protection of Human Rights should be developed,")
    False
    """
    return (bool(title_words().search(text)) and not text.rstrip().endswith((",", ";", ":", "."))
            and not SENTENCE_BREAK.search(text))


#: a Markdown heading's marks before a line's words: "## Article 1", "# AGREEMENT ESTABLISHING ..."
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?=\S)")


def _unmark(line: SourceLine) -> SourceLine:
    """``line`` without the marks of a Markdown heading (the words keep their offsets)."""
    m = MARKDOWN_HEADING.match(line.text) if line.text else None
    return replace(line, start=line.start + m.end(), text=line.text[m.end():]) if m else line


def instrument_title(text: str) -> bool:
    """A line that may open an instrument annexed to the text: it starts with a kind of treaty and is a title, not
    a sentence ("Statut sur la liberté du transit.", "PROTOCOLE FINAL DE LA CONSTITUTION ...", "Accord
    Complémentaire à la Convention Générale ...")."""
    return (bool(title_words().match(text)) and len(text.split()) <= 30
            and not text.rstrip().endswith((",", ";", ":")))


def _label(m: re.Match[str]) -> str:
    g = m.groupdict()
    return str(g.get("a") or g.get("b"))


@cache
def worded_paragraph() -> re.Pattern[str]:
    """A numbered paragraph labelled with a word at the start of its line: "Paragraphe 1er. Les ressortissants",
    "Paragraph 2. The", «Пункт 3.» (``paragraph_words`` and ``first_numbers`` of kg/data/structure.json)."""
    m = markers()
    words = sorted({w for lang in m.languages for w in m.words("paragraph_words", lang)}, key=len, reverse=True)
    first = sorted({w for lang in m.languages for w in m.words("first_numbers", lang)}, key=len, reverse=True)
    return re.compile(rf"""^(?:{'|'.join(re.escape(w) for w in words)})\s+
                          (?P<b>\d{{1,3}}|{'|'.join(re.escape(w) for w in first)})\s*[.:\-–—]\s*(?=\S)""",
                      re.VERBOSE)


def numbered_line(text: str) -> re.Match[str] | None:
    """A numbered paragraph's line: "1. ...", "(2) ...", "1.Les ...", "Paragraphe 1er. ..."."""
    return NUMBERED.match(text) or worded_paragraph().match(text)


def _style(m: re.Match[str]) -> str:
    """How a label is printed: "(a)" gives "()", "a." gives ".", "a)" gives ")"."""
    return "()" if m.group("a") else m.group()[len(m.group("b"))]


def next_letter(label: str) -> str:
    return chr(ord(label) + 1)


@dataclass
class TreatyVersion:
    """What the parser found in one language version."""

    lang: str
    roots: list[Node] = field(default_factory=list)
    title: str | None = None
    date: str | None = None
    front: list[str] = field(default_factory=list)
    identifiers: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


class TreatyParser:
    """Parses one language block. Use :func:`parse_treaty_version`."""

    def __init__(self, lines: Sequence[SourceLine], lang: str, source_text: str, file: str) -> None:
        # a database's status lines are no part of the text: read as blank lines, so that no provision holds them
        status = markers().database_line()
        self.lines = [replace(ln, end=ln.start, text="") if ln.text and status.match(ln.text) else ln
                      for ln in split_run_on([_unmark(ln) for ln in lines], lang)]
        self.lang = lang
        self.src = source_text
        self.file = file
        self.m = markers()
        self.out = TreatyVersion(lang)
        self.seen: set[str] = EidSet()
        self.pending_markers: list[Node] = []
        self.footnote_counts: dict[str, int] = {}
        # state
        self.container: Node | None = None  # part / chapter / section / annex
        self.annex: Node | None = None  # the annexed instrument or appendix being read
        self.closing: Node | None = None  # the final clauses being read
        self.article: Node | None = None
        self.section: Node | None = None  # a numbered section inside the article ("Section 2. The United ...")
        self.paragraph: Node | None = None  # lettered
        self.numbered: Node | None = None  # numbered paragraph
        self.last: str = "none"  # what the last content line was
        self.last_item: Node | None = None
        self.letter_style: str | None = None  # how the last lettered paragraph's label was printed
        self.next_article = 1
        self.inferred_since_anchor = False
        # the words last added to each article (its subtree's latest part: lines are read in order)
        self.latest_part: dict[Node, Part] = {}
        # (index, index of the next heading or lettered line, end) of the last next_lettered() scan
        self.next_stop: tuple[int, int, int] = (-1, -1, -1)
        self.explicit: list[tuple[int, int]] = []
        #: the line indexes where an annexed instrument or appendix opens
        self.annex_at: dict[int, str] = {}
        self.annex_lines: list[int] = []
        #: the number a garbled heading ("Статья Ш.") gets from the headings around it
        self.garbled: dict[int, int] = {}
        # (the headings list it was made from, whether they run 1, 2, 3..., their line indexes)
        self.explicit_cache: tuple[list[tuple[int, int]] | None, bool, list[int]] = (None, False, [])

    # -- helpers ------------------------------------------------------------------------------

    def node(self, eid: str, kind: str, number: str | None, parent: Node | None) -> Node:
        eid = unique_eid(eid, self.seen)
        self.seen.add(eid)
        n = Node(eid, kind, number, None, self.lang)
        if parent is None:
            self.out.roots.append(n)
        else:
            parent.add(n)
        return n

    def add_part(self, node: Node, part: Part) -> None:
        """Add words to ``node``, remembering them as the latest words of the article that holds it."""
        node.parts.append(part)
        holder: Node | None = node
        while holder is not None and holder.kind != "article":
            holder = holder.parent
        if holder is not None:
            self.latest_part[holder] = part

    def finding(self, line: SourceLine, message: str) -> None:
        self.out.findings.append(Finding(self.file, "structure", f"[{self.lang}] line {line.number}: {message}",
                                         line.start))

    def heading_match(self, kind: str, text: str) -> re.Match[str] | None:
        return self.m.heading(kind, self.lang).match(text)

    def is_heading(self, text: str) -> bool:
        return any(self.heading_match(k, text) for k in ("part", "chapter", "section", "article")) or bool(
            self.m.final_article(self.lang).match(text) or garbled_heading(self.lang).match(text))

    def any_article_heading(self, text: str) -> bool:
        return bool(self.article_heading(text) or self.m.final_article(self.lang).match(text)
                    or garbled_heading(self.lang).match(text))

    def segment(self, index: int) -> int:
        """Which instrument line ``index`` belongs to: 0 the main text, n the n-th annexed one."""
        return bisect_right(self.annex_lines, index)

    def article_heading(self, text: str) -> re.Match[str] | None:
        return article_heading(text, self.lang)

    # -- the walk -----------------------------------------------------------------------------

    def parse(self) -> TreatyVersion:
        lines = self.lines
        i = self.front_matter()
        self.explicit = self.explicit_headings(i, len(lines))
        if not self.explicit and not self.looks_like_treaty(i):
            self.plain_text(i)
            return self.out
        i = self.preamble(i)
        self.annex_at = self.annex_starts(i, len(lines))
        self.annex_lines = sorted(self.annex_at)
        self.body(i, len(lines))
        self.resolve_leftover_markers()
        self.report_empty_containers()
        self.unnumbered_paragraphs()
        return self.out

    def unnumbered_paragraphs(self) -> None:
        """An article made of several unnumbered paragraphs (French "alinéas") gets them as paragraph nodes
        numbered by position (tkg:numberInferred), so that "l'alinéa 2 de l'article 3" and "paragraph 2 of
        Article 5" have a node to cite.

        Only where every article was headed in the text (no numbering was inferred, so the paragraphs are not
        articles whose heading was lost) and for articles with no labelled paragraph of their own. A paragraph
        starts on a line after a blank line, or, in a text that is not hard-wrapped (most lines are long: one
        line per paragraph, as databases give them), on a new line after a finished sentence and at a
        sentence run together with the one before ("territoire.La personnalité"), as such conversions print
        them.
        """
        articles = [n for r in self.out.roots for n in r.walk() if n.kind == "article"]
        if not articles or any(a.inferred for a in articles):
            return
        body = [ln.text for ln in self.lines if ln.text]
        unwrapped = bool(body) and sum(len(t) > 100 for t in body) >= 0.3 * len(body)
        for art in articles:
            if any(c.kind != "footnote" for c in art.children) or not art.parts:
                continue
            blocks = self.paragraph_blocks(art.parts, unwrapped)
            if len(blocks) < 2:
                continue
            footnotes = list(art.children)
            art.children = []
            for n, parts in enumerate(blocks, 1):
                para = Node(f"{art.eid}__para_{n}", "paragraph", str(n), None, self.lang)
                para.inferred = True
                para.parts = parts
                art.add(para)
                self.seen.add(para.eid)
            art.children.extend(footnotes)
            art.parts = []

    def paragraph_blocks(self, parts: list[Part], unwrapped: bool) -> list[list[Part]]:
        blocks: list[list[Part]] = []
        for part in parts:
            pieces = [part]
            if unwrapped:
                text = self.src[part.own : part.end]
                cuts = [m.end() for m in RUN_TOGETHER.finditer(text)]
                if cuts:
                    bounds = [0, *cuts, len(text)]
                    pieces = [Part(part.own + a, part.own + a if i else part.full, part.own + b)
                              for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False))]
            for i, piece in enumerate(pieces):
                if not blocks:
                    blocks.append([Part(piece.own, piece.full, piece.end)])
                    continue
                prev = blocks[-1][-1]
                gap = self.src[prev.end : piece.full]
                # a sentence's end, not an intro ("given below:") that a list or a table continues
                ended = bool(re.search(r"[.;]\s*$", self.src[prev.own : prev.end]))
                starts = self.src[piece.own : piece.own + 1].isupper()
                row = bool(TABLE_GAP.search(self.src[piece.own : piece.end]))
                if i or (not row and ("\n\n" in gap.replace(" ", "") or (
                        unwrapped and ended and starts and piece.join == "\n"))):
                    blocks.append([Part(piece.own, piece.full, piece.end)])
                else:
                    blocks[-1].append(piece)
        return blocks

    def front_matter(self) -> int:
        lines = self.lines
        i = 0
        while i < len(lines):
            t = lines[i].text
            if t and (PREAMBLE_OPENING.match(t) or (len(t.split()) >= 12 and not title_like(t)) or self.is_heading(t)
                      or self.sentence_block(i)):
                break
            if t and self.out.front and t[:1].islower() and not find_date(t):
                # a title printed over two lines: "СОГЛАШЕНИЕ" / "о создании Содружества ...", "Protocol No. 6" /
                # "to the Convention ..."
                self.out.front[-1] = f"{self.out.front[-1]} {t}"
            elif t:
                self.out.front.append(t)
            i += 1
        candidates = [t for t in self.out.front if title_words().search(t)]
        undated = [t for t in candidates if not find_date(t) or TREATY_SERIES.search(t) or "(" in t]
        title: str | None = (undated or candidates or [None])[0]  # type: ignore[list-item]
        if title:
            ts = TREATY_SERIES.search(title)
            if ts:
                self.out.identifiers[ts.group("series").lower()] = ts.group("num")
            self.out.date = find_date(title)
            clean = TREATY_SERIES.sub("", title)
            clean = re.sub(r"\((?=[^)]*\d)[^)]*\)", "", clean)  # "(LONDON, 5.V.1949)"
            self.out.title = re.sub(r"\s+", " ", clean).strip()
        if self.out.date is None:
            for t in self.out.front:
                d = find_date(t)
                if d:
                    self.out.date = d
                    break
        return i

    def sentence_block(self, i: int) -> bool:
        """Whether a block of lines (up to a blank line) opening at ``i`` is a sentence wrapped over short lines,
        as in a scan's text ("Мы, Республика Беларусь, ..." over five lines): 25 words or more, its last line
        ending on sentence punctuation (a long title over several lines does not)."""
        if i and self.lines[i - 1].text:
            return False  # not the first line of its block
        first = self.lines[i].text
        if len(first.split()) < 6 and not re.search(r"[,;:]$", first):
            return False  # a title block's line ("Принят", "Adopted by ...") opens it, not a clause
        words = 0
        last = ""
        for line in self.lines[i:]:
            if not line.text or self.is_heading(line.text):
                break
            words += len(line.text.split())
            last = line.text
        return words >= 25 and bool(re.search(r"[.,;:]$", last))

    def preamble(self, i: int) -> int:
        lines = self.lines
        start = i
        k = i
        while k < len(lines):
            t = lines[k].text
            if t and (self.is_heading(t) or LETTERED.match(t) or numbered_line(t)):
                break
            k += 1
        if k >= len(lines) or not any(lines[j].text for j in range(start, k)):
            return i
        pre = self.node("preamble", "preamble", None, None)
        rec: Node | None = None
        n = 0
        j = start
        while j < k:
            line = lines[j]
            if not line.text:
                j += 1
                continue
            if RULE.match(line.text):
                j = self.footnote_block(j, k)
                continue
            prev = lines[j - 1].text if j > start else ""
            if rec is not None and prev and not re.search(r"[.,;:!?]$", prev) and not RULE.match(prev):
                # a recital wrapped over short lines (a scan's text) goes on until a line ends a clause
                self.add_part(rec, Part(line.start, line.start, line.end, join=" "))
                self.note_markers(rec, line.text)
                j += 1
                continue
            n += 1
            rec = self.node(f"preamble__rec_{n}", "recital", str(n), pre)
            self.add_part(rec, Part(line.start, line.start, line.end))
            self.note_markers(rec, line.text)
            j += 1
        return k

    def looks_like_treaty(self, start: int) -> bool:
        """Whether a text with no article heading is still a treaty: its front matter names a kind of treaty,
        or it has parts or chapters. A letter, a statement or a note verbale has none of them."""
        if self.out.title:
            return True
        return any(ln.text and (self.heading_match("part", ln.text) or self.heading_match("chapter", ln.text))
                   for ln in self.lines[start:])

    def plain_text(self, start: int) -> None:
        """A text of no recognised kind: its paragraphs (a run of lines up to a blank line) in order, those
        labelled "1." or "IV" under their label, the "1." ones under a roman one before them; no article."""
        self.out.findings.append(Finding(self.file, "structure", f"[{self.lang}] the kind of text was not "
                                         "recognised (no article heading, no treaty title): read as plain paragraphs"))
        top: Node | None = None  # the last roman-labelled paragraph
        current: Node | None = None
        count = 0
        blank = True
        for line in self.lines[start:]:
            t = line.text
            if not t:
                blank = True
                continue
            rm = ROMAN_PARAGRAPH.match(t)
            nm = numbered_line(t)
            if rm:
                num = rm.group("num")
                top = current = self.node(f"para_{num}", "paragraph", num, None)
                self.add_part(current, Part(line.start + rm.end(), line.start, line.end))
            elif nm:
                num = _label(nm)
                eid = f"{top.eid}__para_{num}" if top is not None else f"para_{num}"
                current = self.node(eid, "paragraph", num, top)
                self.add_part(current, Part(line.start + nm.end(), line.start, line.end))
            elif current is None or blank:
                count += 1
                current = self.node(f"para_{count}", "paragraph", str(count), None)
                current.inferred = True
                top = None
                self.add_part(current, Part(line.start, line.start, line.end, " "))
            else:
                self.add_part(current, Part(line.start, line.start, line.end, " "))
            blank = False

    def explicit_headings(self, start: int, end: int) -> list[tuple[int, int]]:
        """(line, value) of each numbered article heading; a garbled one ("Статья Ш.") takes the value after
        the heading before it."""
        found: list[tuple[int, int]] = []
        for k in range(start, end):
            t = self.lines[k].text
            if not t:
                continue
            m = self.article_heading(t)
            value = self.m.value(self.m.number(m.group("num"), self.lang), self.lang) if m else None
            if m is None and garbled_heading(self.lang).match(t):
                value = found[-1][1] + 1 if found else 1
                self.garbled[k] = value
            if value is not None:
                found.append((k, value))
        return found

    def annex_starts(self, start: int, end: int) -> dict[int, str]:
        """The lines that open an annexed instrument or an appendix, after the text's own articles: a line that
        is only an annex word ("Appendix"), or a title line (:func:`instrument_title`) that stands after the
        final clauses, before an article heading that numbers again from where the text began, or in an annexed
        instrument that has no articles (a protocol of a few sentences, then the next one)."""
        heads = dict(self.explicit)
        starts: dict[int, str] = {}
        last: int | None = None  # the value of the last article heading
        seen = closed = bare = False  # bare: in an annexed instrument with no article heading yet
        for k in range(start, end):
            t = self.lines[k].text
            if not t:
                continue
            if k in heads or self.any_article_heading(t):
                seen, closed, bare, last = True, False, False, heads.get(k, last)
                continue
            if not seen:
                continue
            if self.m.conclusions(self.lang).match(t):
                closed = True
                continue
            if self.m.annex_line(self.lang).match(t):
                starts[k] = t
                closed, bare, last = False, True, None
                continue
            if instrument_title(t):
                nxt = next((heads[j] for j in range(k + 1, end) if j in heads), None)
                if closed or bare or (nxt is not None and last is not None and nxt <= last):
                    starts[k] = t
                    closed, bare, last = False, True, None
        return starts

    def inference_allowed(self, index: int) -> bool:
        """May a new article be inferred at line ``index``? Not between headings n and n+1."""
        if self.annex is not None:
            return False  # an annexed instrument's articles are the ones it heads
        if self.explicit_cache[0] is not self.explicit:
            # computed once per list of headings, not per line: per line it made n headings cost n²
            runs: dict[int, list[int]] = {}
            for k, n in self.explicit:
                runs.setdefault(self.segment(k), []).append(n)
            headed = len(self.explicit) >= 2 and all(
                nums[0] == 1 and all(b == a + 1 for a, b in zip(nums, nums[1:], strict=False))
                for nums in runs.values())
            self.explicit_cache = (self.explicit, headed, [k for k, _ in self.explicit])
        _, headed, lines = self.explicit_cache
        if headed:
            return False
        if self.article is None:
            return True
        after = bisect_right(lines, index)
        nxt = self.explicit[after][1] if after < len(lines) and self.segment(lines[after]) == 0 else None
        current = self.article.number
        value = self.m.value(current, self.lang) if current is not None else None
        if value is None:
            value = self.next_article - 1  # "Article 1bis" stands where article 1 left the numbering
        if nxt is not None:
            return nxt > value + 1
        return True

    def next_lettered(self, index: int, end: int) -> str | None:
        """The label of the next lettered line before any heading, or None.

        The scan's stop is kept: the plain lines between two lettered ones ask in turn, and scanning
        from each of them again made n such lines cost n² (minutes for a few thousand).
        """
        first, stop, last_end = self.next_stop
        if not (first <= index < stop and last_end == end):
            stop = index + 1
            while stop < end:
                t = self.lines[stop].text
                if t and (self.is_heading(t) or LETTERED.match(t)):
                    break
                stop += 1
            self.next_stop = (index, stop, end)
        if stop >= end or self.is_heading(self.lines[stop].text):
            return None
        m = LETTERED.match(self.lines[stop].text)
        return self.m.latin_letter(_label(m)) if m else None

    # -- body ---------------------------------------------------------------------------------

    def body(self, start: int, end: int) -> None:
        k = start
        while k < end:
            line = self.lines[k]
            t = line.text
            if not t:
                k += 1
                continue
            if k in self.annex_at:
                self.open_annex(line)
                k += 1
                continue
            if self.closing is not None or self.m.conclusions(self.lang).match(t):
                self.final_clauses(line)
                k += 1
                continue
            if RULE.match(t):
                k = self.footnote_block(k, end)
                continue
            self.skip_to = k + 1
            if self.structural_heading(line, k):
                k = self.skip_to
                continue
            m = self.article_heading(t)
            if m or k in self.garbled or self.m.final_article(self.lang).match(t):
                k = self.explicit_article(k, m, end)
                continue
            if TABLE_GAP.search(t):
                k = self.table(k, end)
                continue
            self.content_line(k, end)
            k += 1

    def open_annex(self, line: SourceLine) -> None:
        """An annexed instrument or appendix: a container of its own articles, numbered from 1 again."""
        n = sum(1 for r in self.out.roots if r.kind == "annex") + 1
        node = self.node(f"annex_{n}", "annex", str(n), None)
        node.own_only = True
        node.heading = line.text
        self.add_part(node, Part(line.start, line.start, line.end))
        self.annex = self.container = node
        self.closing = self.article = self.section = self.paragraph = self.numbered = self.last_item = None
        self.next_article = 1
        self.inferred_since_anchor = False
        self.last = "heading"

    def final_clauses(self, line: SourceLine) -> None:
        """The final clauses ("In witness whereof", "Done at") of the text or of an annexed instrument: one
        provision up to the next annexed instrument."""
        if self.closing is None:
            eid = f"{self.annex.eid}__conclusions" if self.annex is not None else "conclusions"
            self.closing = self.node(eid, "conclusions", None, self.annex)
        if RULE.match(line.text):
            return
        self.add_part(self.closing, Part(line.start, line.start, line.end))
        if self.out.date is None:
            self.out.date = find_date(line.text)

    def title_line(self, j: int) -> int | None:
        """The index of a title printed on its own line after a heading, or None.

        A title is short, has no closing punctuation and is neither a label, a heading nor a table.
        """
        end = len(self.lines)
        while j < end and not self.lines[j].text:
            j += 1
        if j + 1 >= end:
            return None
        t = self.lines[j].text
        if (len(t.split()) <= 12 and not re.search(r"[.;:,]$", t) and not self.is_heading(t)
                and not (LETTERED.match(t) or ROMAN_ITEM.match(t) or numbered_line(t))
                and not TABLE_GAP.search(t) and not RULE.match(t) and not FOOTNOTE_START.match(t)):
            return j
        return None

    def section_in_article(self, index: int, m: re.Match[str]) -> bool:
        """Whether a section heading numbers a provision of the current article ("Article IV" ... "Section 1 –
        Participating certificates" and its words) rather than a group of articles ("SECTION II" then
        "Article 4"): it stands after an article heading and the next line after it (and its title) is not one."""
        if self.article is None:
            return False
        if self.section_words(m):
            return True  # "Section 8. While the United Nations will not ...": a provision, never a group
        j = index + 1
        if not (m.group("title") or "").strip():
            title = self.title_line(j)
            j = title + 1 if title is not None else j
        while j < len(self.lines) and not self.lines[j].text:
            j += 1
        return j < len(self.lines) and not self.any_article_heading(self.lines[j].text)

    @staticmethod
    def section_words(m: re.Match[str]) -> bool:
        """Whether what follows a section's number is its words (a sentence) rather than a title."""
        title = (m.group("title") or "").strip()
        return bool(title) and (len(title.split()) > 12 or bool(re.search(r"[.;:,]$", title)))

    def article_section(self, line: SourceLine, index: int, m: re.Match[str]) -> None:
        """A section of the current article: its heading's title, or the words that follow its number."""
        art = self.article
        assert art is not None
        num = self.m.number(m.group("num"), self.lang)
        node = self.node(f"{art.eid}__sec_{num}", "section", num, art)
        title = (m.group("title") or "").strip()
        if self.section_words(m):
            self.add_part(node, Part(line.start + m.start("title"), line.start, line.end))  # its words
            self.note_markers(node, line.text)
            self.last = "article"
        else:
            # the heading line (and a title line under it) is shown by the article, but is not the section's own
            # words: "Section 1" there names the section, it does not cite it
            self.add_part(node, Part(line.end, line.start, line.end))
            self.heading_title(node, index, title, shown_only=True)
            self.last = "heading"
        self.section = node
        self.paragraph = self.numbered = self.last_item = None

    def heading_title(self, node: Node, index: int, title: str, *, shown_only: bool) -> None:
        """A heading's title: the words after its number, or a title line under it, which the node keeps
        (``shown_only``: shown by the parent, not the node's own words, as for a section inside an article)."""
        if not title:
            nxt = self.title_line(index + 1)
            if nxt is not None:
                ln = self.lines[nxt]
                title = ln.text
                self.add_part(node, Part(ln.end if shown_only else ln.start, ln.start, ln.end))
                self.skip_to = nxt + 1
        node.heading = title or None

    def structural_heading(self, line: SourceLine, index: int) -> bool:
        for kind, prefix in (("part", "part"), ("chapter", "chp"), ("section", "sec")):
            m = self.heading_match(kind, line.text)
            if not m:
                continue
            if kind == "section" and self.section_in_article(index, m):
                self.article_section(line, index, m)
                return True
            num = self.m.number(m.group("num"), self.lang)
            parent = self.container if kind != "part" and self.container is not None else self.annex
            if parent is not None and kind == "chapter" and parent.kind == "chapter":
                parent = parent.parent
            if parent is not None and kind == "section" and parent.kind == "section":
                parent = parent.parent
            eid = f"{prefix}_{num}"
            if parent is not None and parent.kind in ("chapter", "part") and kind != "part" and parent.kind != "part":
                eid = f"{parent.eid}__{eid}"
            if self.annex is not None and not eid.startswith(self.annex.eid):
                eid = f"{self.annex.eid}__{eid}"
            node = self.node(eid, kind, num, parent)
            node.own_only = True
            self.add_part(node, Part(line.start, line.start, line.end))
            self.heading_title(node, index, (m.group("title") or "").strip(), shown_only=False)
            self.container = node
            self.article = self.section = self.paragraph = self.numbered = None
            self.last = "heading"
            return True
        return False

    def article_eid(self, number: str) -> str:
        """``art_3``, or ``annex_1__art_3`` in an annexed instrument."""
        return f"{self.annex.eid}__art_{number}" if self.annex is not None else f"art_{number}"

    def new_article(self, number: int, line: SourceLine, inferred: bool, printed: str | None = None) -> Node:
        """Article ``number`` (``printed`` as the heading prints it: "IV" for 4)."""
        printed = printed or str(number)
        art = self.node(self.article_eid(printed), "article", printed, self.container)
        art.inferred = inferred
        self.article = art
        self.section = self.paragraph = self.numbered = None
        self.last_item = None
        self.next_article = number + 1
        if inferred:
            self.inferred_since_anchor = True
        return art

    def explicit_article(self, k: int, m: re.Match[str] | None, end: int) -> int:
        """An article heading: numbered ("Article 3", "ARTICLE IV"), garbled by the OCR ("Статья Ш.", numbered
        from the headings around it) or the final article ("Final article")."""
        line = self.lines[k]
        if m is not None:
            num = self.m.number(m.group("num"), self.lang)  # "16 bis" is "16bis", "premier" is "1"
            value = self.m.value(num, self.lang)
            if num.isdigit() or num.lower() in self.m.words("sole_numbers", self.lang):
                pass
            elif value is not None:
                num = num.upper()  # "Article iv" as printed, "IV" as numbered
        elif k in self.garbled:
            value = self.garbled[k]
            num = str(value)
            self.finding(line, f"article heading {line.text!r} has an unreadable number; numbered {num} from the "
                               "headings around it")
        else:
            num, value = "final", None
        if value is not None and value != self.next_article and self.inferred_since_anchor:
            self.finding(line, f"explicit heading {line.text!r} where the inferred numbering "
                               f"expected article {self.next_article}; the heading wins")
        if value is not None:
            art = self.new_article(value, line, inferred=False, printed=num)
            if art.eid != self.article_eid(num):
                self.finding(line, f"explicit heading {line.text!r} repeats article {num}; kept as {art.eid}")
        else:
            art = self.node(self.article_eid(num), "article", num, self.container)
            self.article = art
            self.section = self.paragraph = self.numbered = None
        self.inferred_since_anchor = False
        title = ((m.group("title") if m is not None else None) or "").strip()
        if m is not None and m.group("marker"):
            art.marker = m.group("marker")
            self.pending_markers.append(art)
        k += 1
        if title:
            art.heading = title
        else:
            j = self.title_line(k)
            if j is not None and j < end:
                art.heading = self.lines[j].text
                k = j + 1
        self.last = "heading"
        return k

    def article_is_empty(self) -> bool:
        return self.article is not None and not self.article.parts and not any(
            c.kind != "footnote" for c in self.article.children
        )

    def start_inferred(self, line: SourceLine, index: int) -> Node:
        return self.new_article(self.next_article, line, inferred=True)

    def ensure_article(self, line: SourceLine, index: int) -> Node:
        """The provision that holds the next paragraph: the current section or article, an annex that has
        none, or a new inferred article."""
        if self.section is not None:
            return self.section
        if self.article is None:
            return self.annex if self.annex is not None else self.start_inferred(line, index)
        return self.article

    def content_line(self, k: int, end: int) -> None:
        line = self.lines[k]
        t = line.text
        lettered = LETTERED.match(t)
        roman = ROMAN_ITEM.match(t)
        numbered = numbered_line(t)
        if lettered and roman:
            label = _label(lettered)
            prev = self.paragraph.number if self.paragraph is not None else None
            if (prev is not None and next_letter(prev) == label and self.last in ("paragraph", "para_cont")
                    and _style(lettered) == self.letter_style and not self.last_text().endswith(":")):
                roman = None  # "i." after "h.": a letter (but after "h) ... are:", or "i." after "h)", an item)
            elif self.last in ("item", "item_cont") and self.last_item is not None:
                expected = to_roman(roman_value(self.last_item.number or "i") + 1)
                lettered = None if _label(roman) == expected else lettered
                if lettered is not None and prev is not None and next_letter(prev) != label:
                    lettered = None
            elif _label(roman) == "i" or not (prev and next_letter(prev) == label):
                lettered = None
            else:
                roman = None
        if lettered:
            self.lettered(k, line, lettered, end)
        elif roman:
            self.item(line, roman)
        elif numbered:
            self.numbered_paragraph(k, line, numbered)
        else:
            self.plain(k, line, end)

    def lettered(self, k: int, line: SourceLine, m: re.Match[str], end: int) -> None:
        label = self.m.latin_letter(_label(m))
        if label == "a" and self.article is not None and not self.article_is_empty():
            last_text = self.last_text()
            if not last_text.endswith(":") and self.inference_allowed(k) and self.numbered is None:
                self.start_inferred(line, k)
        art = self.ensure_article(line, k)
        parent = self.numbered if self.numbered is not None else art
        para = self.node(f"{parent.eid}__para_{label}", "paragraph", label, parent)
        self.add_part(para, Part(line.start + m.end(), line.start, line.end))
        self.note_markers(para, line.text)
        self.paragraph = para
        self.letter_style = _style(m)
        self.last = "paragraph"
        self.last_item = None

    def item(self, line: SourceLine, m: re.Match[str]) -> None:
        label = _label(m)
        art = self.ensure_article(line, 0)
        if self.paragraph is not None and self.last in ("paragraph", "para_cont", "item", "item_cont"):
            parent = self.paragraph
        elif self.numbered is not None:
            parent = self.numbered
        else:
            parent = art
        if self.last_item is not None and self.last_item.parent is not parent:
            self.last_item = None
        node = self.node(f"{parent.eid}__item_{label}", "item", label, parent)
        self.add_part(node, Part(line.start + m.end(), line.start, line.end))
        self.note_markers(node, line.text)
        self.last_item = node
        self.last = "item"

    def numbered_paragraph(self, k: int, line: SourceLine, m: re.Match[str]) -> None:
        art = self.ensure_article(line, k)
        label = self.m.number(_label(m), self.lang)  # "Paragraphe 1er." is paragraph 1
        para = self.node(f"{art.eid}__para_{label}", "paragraph", label, art)
        self.add_part(para, Part(line.start + m.end(), line.start, line.end))
        self.note_markers(para, line.text)
        self.numbered = para
        self.paragraph = None
        self.last = "numbered"
        self.last_item = None

    def last_text(self) -> str:
        """The current article's last words so far (of itself or a descendant).

        Parts are added in the order of the lines, so these are the part added last; walking the
        article for the part that ends last made an article of n lettered lines cost n².
        """
        part = self.latest_part.get(self.article) if self.article is not None else None
        return self.src[part.full : part.end].strip() if part is not None else ""

    def refers_back(self, text: str) -> bool:
        words = re.findall(r"[^\W\d_]+", text.lower())[:3]
        return any(w in self.m.anaphora(self.lang) for w in words)

    def plain(self, k: int, line: SourceLine, end: int) -> None:
        t = line.text
        part = Part(line.start, line.start, line.end)
        if self.article is None and self.container is not None and self.last == "heading" \
                and self.subheading_like(t) and self.next_is_article(k):
            # a subheading (or a long title) between a part's or chapter's heading and its first article
            self.add_part(self.container, part)
            self.container.heading = self.container.heading or t
            return
        if self.article is None:
            art = self.ensure_article(line, k)
            self.add_part(art, part)
            self.note_markers(art, t)
            self.last = "article"
            return
        if self.article_is_empty():
            self.add_part(self.article, part)
            self.note_markers(self.article, t)
            self.last = "article"
            return
        if self.last in ("paragraph", "para_cont") and self.paragraph is not None:
            nxt = self.next_lettered(k, end)
            if nxt is not None and nxt == next_letter(self.paragraph.number or "a"):
                self.add_part(self.paragraph, part)
                self.note_markers(self.paragraph, t)
                self.last = "para_cont"
                return
        if self.last == "item" and self.last_item is not None:
            prev = self.src[self.last_item.parts[-1].own : self.last_item.parts[-1].end].rstrip()
            last_word = (re.findall(r"[^\W\d_]+", prev) or [""])[-1]
            if (t[:1].islower() or prev.endswith((",", ";", ":"))
                    or last_word in self.m.continuation_words(self.lang) or self.refers_back(t)):
                holder = self.last_item.parent or self.article
                self.add_part(holder, part)
                self.note_markers(holder, t)
                self.last = "item_cont"
                return
        if self.numbered is not None and not self.inference_allowed(k):
            self.add_part(self.numbered, part)
            self.note_markers(self.numbered, t)
            self.last = "numbered"
            return
        art = self.start_inferred(line, k) if self.inference_allowed(k) else self.ensure_article(line, k)
        self.add_part(art, part)
        self.note_markers(art, t)
        self.paragraph = None
        self.last = "article"

    @staticmethod
    def subheading_like(text: str) -> bool:
        """A title rather than a sentence: no closing ",;:", and a closing stop only on a few words ("Objective.")."""
        words = len(text.split())
        return words <= 40 and not re.search(r"[;:,]$", text) and (not text.endswith(".") or words <= 6)

    def next_is_article(self, k: int) -> bool:
        """Whether the next line with words after line ``k`` is an article heading."""
        j = k + 1
        while j < len(self.lines) and not self.lines[j].text:
            j += 1
        return j < len(self.lines) and self.any_article_heading(self.lines[j].text)

    def table(self, k: int, end: int) -> int:
        """Rows with column gaps (and their wrapped continuation rows) stay in the current article."""
        j = k
        rows: list[SourceLine] = []
        while j < end:
            ln = self.lines[j]
            if not ln.text:
                break
            if TABLE_GAP.search(ln.text) or (rows and ln.indent >= 8 and not RULE.match(ln.text)):
                rows.append(ln)
                j += 1
                continue
            break
        if len(rows) < 2:
            self.content_line(k, end)
            return k + 1
        holder = self.ensure_article(rows[0], k)
        base = min(r.indent for r in rows)
        for r in rows:
            # keep the columns: start at the table's common indent where the file has spaces there
            s = r.line_start + base
            if r.indent - base <= 2 or not (r.line_start <= s <= r.start and self.src[s : r.start].strip() == ""):
                s = r.start  # a jitter of a column or two is the converter's, not the table's
            self.add_part(holder, Part(s, s, r.end))
        self.last = "table"
        return j

    # -- footnotes ----------------------------------------------------------------------------

    def note_markers(self, node: Node, text: str) -> None:
        for _ in INLINE_MARKER.finditer(text):
            self.pending_markers.append(node)

    def footnote_block(self, k: int, end: int) -> int:
        """A rule, then ``<*> text`` lines up to a blank line: a footnote to the oldest pending marker."""
        j = k + 1
        while j < end and not self.lines[j].text:
            j += 1
        if j >= end or not FOOTNOTE_START.match(self.lines[j].text):
            return k + 1  # a rule that opens nothing
        first = self.lines[j]
        fm = FOOTNOTE_START.match(first.text)
        assert fm is not None
        body = [first]
        j += 1
        while j < end and self.lines[j].text and not RULE.match(self.lines[j].text) \
                and not FOOTNOTE_START.match(self.lines[j].text) and not self.is_heading(self.lines[j].text):
            body.append(self.lines[j])
            j += 1
        host = self.pending_markers.pop(0) if self.pending_markers else (self.article or None)
        if host is None:
            self.finding(first, "footnote with no marker to attach to; kept at document level")
        key = host.eid if host is not None else ""
        count = self.footnote_counts.get(key, 0) + 1
        self.footnote_counts[key] = count
        eid = f"{key}__fn_{self.lang}_{count}" if key else f"fn_{self.lang}_{count}"
        fn = self.node(eid, "footnote", None, host)
        fn.marker = fm.group("marker")
        for n, ln in enumerate(body):
            s = ln.start + (fm.end() if n == 0 else 0)
            self.add_part(fn, Part(s, ln.start, ln.end))
        fn.own_only = True
        return j

    def resolve_leftover_markers(self) -> None:
        for node in self.pending_markers:
            self.out.findings.append(Finding(self.file, "structure",
                                             f"[{self.lang}] {node.eid}: footnote marker with no footnote text"))

    def report_empty_containers(self) -> None:
        """A part, chapter or section with a heading and nothing under it (lost in a conversion, or a
        heading the parser took for one) is kept, and reported."""
        for root in self.out.roots:
            for node in root.walk():
                in_article = node.parent is not None and node.parent.kind == "article"  # a provision, not a group
                if node.kind in ("part", "chapter", "section") and not node.children and not in_article:
                    first = node.parts[0] if node.parts else None
                    heading = self.src[first.own : first.end] if first else node.eid
                    self.out.findings.append(Finding(self.file, "structure", f"[{self.lang}] {node.eid}: {node.kind} "
                                                     f"with no articles ({heading!r})", first.own if first else None))


def parse_treaty_version(lines: Sequence[SourceLine], lang: str, source_text: str, file: str) -> TreatyVersion:
    """Parse one language version of a treaty into its provision tree."""
    return TreatyParser(lines, lang, source_text, file).parse()
