"""Resolutions: symbol, title, adopting body and date, meeting, preambular and operative paragraphs
with their opening action phrases, sub-paragraphs, and footnotes whose markers are glued to the word
or comma before them (``Disabilities4``, ``Europe,1``).

>>> opening_phrase("Takes note with appreciation of the report of the Secretary-General", "en")
'Takes note with appreciation'
>>> opening_phrase("Recalling also its resolution 44/6 of 17 October 1989", "en")
'Recalling also'
>>> opening_phrase("Welcomes and encourages the close collaboration", "en")
'Welcomes and encourages'
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from kg.model import Finding, SourceLine
from kg.structure.dates import find_date
from kg.structure.tree import EidSet, Node, Part, unique_eid

#: "[without reference to a Main Committee (A/67/L.14/Rev.1 and Add.1)]", "[on the report of the
#: Third Committee (A/67/457)]"
REFERENCE = re.compile(r"^\[(?P<how>[^(\]]*?[^(\]\s])\s*\((?P<draft>[^)]*(?:\([^)]*\)[^)]*)*)\)\]\s*$")
#: (the groups of REFERENCE end on a letter or a non-space: a lazy group before \s+ or \s*$ tried the rest
#: from every space of a long run, quadratic on a line with one)
#: a resolution's number as printed in its title line: "67/83", "ES-11/2", "S-10/2", "35/142 B", "2758 (XXVI)"
RESOLUTION_NUMBER = r"""(?P<number>
        (?:(?:ES|S)-\d{1,2}/\d{1,3}|\d{1,3}/\d{1,4})(?:\s?[A-Z](?![\w/]))?     # sessions by number (80/20, ES-11/2)
      | \d{1,4}\s?\((?:ES-|S-)?[IVXL]{1,7}\)(?:\s?[A-Z](?!\w))?            # sessions in roman (2758 (XXVI))
    )"""
#: "67/83.\tCooperation between ...": the resolution's number and title (the title may follow on the next lines)
NUMBER_TITLE = re.compile(rf"^{RESOLUTION_NUMBER}\.(?:\s+(?P<title>\S.*))?$", re.VERBOSE)
#: "1.\tReiterates ...": an operative paragraph ("1." alone on its line: the words are on the next one)
OPERATIVE = re.compile(r"^(?P<n>\d{1,3})\.(?:\s+(?=\S)|\s*$)")
OPERATIVE_ALONE = re.compile(r"^\d{1,3}\.\s*$")
#: "(a) ..." sub-paragraph and "(i) ..." item inside an operative paragraph
SUB_LETTER = re.compile(r"^\((?P<l>[a-z])\)\s*(?=\S)")
SUB_ROMAN = re.compile(r"^\((?P<r>[ivxl]+)\)\s*(?=\S)")
#: "1 Resolutions 55/3, ...": a footnote; "[^1]: See ...": a Markdown footnote
FOOTNOTE = re.compile(r"^(?P<n>\d{1,3})\s+(?=\S)")
MD_FOOTNOTE = re.compile(r"^\[\^(?P<n>\d{1,3})\]:\s*")
#: the date of adoption on a line of its own after the meeting line: "12 December 2012", "1 November 2005"
#: (a footnote "1 ..." starts the same way, but is never only a date)
DATE_LINE = re.compile(r"^\d{1,2}\s+[^\W\d_]+\s+\d{4}$")
#: a footnote marker at the end of a line: "... Council of Europe,1", "... in 2014, 3", "...[^2]"
TRAILING_MARKER = re.compile(r"(?<=[,;.:])\s?\d{1,3}$|\[\^\d{1,3}\]$")
#: a rule line that opens a footnote block or the print-shop trailer; "---" is Markdown's
RULE = re.compile(r"^[-_=]{5,}$")
MD_BREAK = re.compile(r"^(?:-{3,}|\*{3,})$")
#: what ends a paragraph: a footnote marker may follow the punctuation
PARAGRAPH_END = (",", ";", ".", ":")


@cache
def _layout() -> dict[str, Any]:
    data: dict[str, Any] = _phrases()["layout"]
    return data


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Layout:
    """One language's resolution lines, as regexes built from kg/data/resolution.json ("layout")."""

    adopted: re.Pattern[str]
    body_line: re.Pattern[str]
    meeting: re.Pattern[str]
    annex: re.Pattern[str]
    council_title: re.Pattern[str]
    bodies: dict[str, str]


@cache
def layout(lang: str) -> Layout:
    data = _layout().get(lang, _layout()["en"])
    bodies = {k.lower(): v for k, v in data["bodies"].items()}
    body_lines = {k.lower(): v for k, v in data["body_lines"].items()}
    return Layout(
        adopted=re.compile(rf"^(?:{_alt(data['adoption_openers'])})\s*(?P<body>{_alt(list(data['bodies']))})\b"
                           rf"(?P<rest>.*)$", re.IGNORECASE),
        body_line=re.compile(rf"^(?P<body>{_alt(list(data['body_lines']))})\s*,?\s*$", re.IGNORECASE),
        meeting=re.compile(rf"^(?P<meeting>\d{{1,4}}\s*[^\W\d]{{0,4}}\.?\s*-?[^\W\d]{{0,3}}\s+"
                           rf"(?:{_alt(data['meeting_words'])}))\b\s*(?P<date>.*)$", re.IGNORECASE),
        annex=re.compile(rf"^(?:{_alt(data['annex_words'])})(?:\s+[IVX]{{1,4}}|\s+\d{{1,2}})?\s*$"),
        council_title=re.compile(rf"^(?:{_alt(data['resolution_words'])})\s+(?P<number>\d{{1,4}}\s*\(\d{{4}}\))\s*$"),
        bodies={**bodies, **body_lines},
    )


def series(body: str | None) -> str | None:
    """The symbol prefix of a body's resolutions ("General Assembly" gives "A/RES/")."""
    value = _phrases()["series"].get(body or "")
    return str(value) if value else None


def symbol_of(number: str, body: str | None) -> str | None:
    """The canonical symbol of a resolution numbered ``number`` by ``body``.

    >>> symbol_of("35/142 B", "General Assembly"), symbol_of("2758 (XXVI)", "General Assembly")
    ('A/RES/35/142B', 'A/RES/2758(XXVI)')
    >>> symbol_of("777 (1992)", "Security Council")
    'S/RES/777(1992)'
    """
    prefix = series(body)
    return prefix + re.sub(r"\s+", "", number) if prefix else None


def _any_layout_match(kind: str, text: str) -> re.Match[str] | None:
    for lang in sorted(_layout()):
        if lang.startswith("$"):
            continue
        m = getattr(layout(lang), kind).match(text)
        if m:
            return m
    return None


class _AnyLanguage:
    """``ADOPTED.match(t)`` / ``BODY_LINE.match(t)`` in any language the data knows (for telling a
    resolution from a treaty before the language's parser runs)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def match(self, text: str) -> re.Match[str] | None:
        return _any_layout_match(self.kind, text)


ADOPTED = _AnyLanguage("adopted")
COUNCIL_TITLE = _AnyLanguage("council_title")
BODY_LINE = _AnyLanguage("body_line")


@cache
def _phrases() -> dict[str, Any]:
    text = resources.files("kg").joinpath("data/resolution.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def opening_phrase(text: str, lang: str = "en") -> str | None:
    """The paragraph's opening action phrase as printed, or None when it opens with no verb."""
    data = _phrases().get(lang, _phrases()["en"])
    rest = text.lstrip()
    pos = len(text) - len(rest)
    words: list[str] = []

    def take(options: Sequence[str]) -> str | None:
        nonlocal rest
        for opt in sorted(options, key=len, reverse=True):
            if rest.lower().startswith(opt.lower()) and (len(rest) == len(opt) or not rest[len(opt)].isalpha()):
                got = rest[: len(opt)]
                rest = rest[len(opt) :].lstrip()
                return got
        return None

    adverb = take(data["adverbs"])
    if adverb:
        words.append(adverb)
    adjective = take(data.get("adjectives", []))
    if adjective:
        # "Mindful of ...", "Aware that ...": a preambular paragraph may open with an adjective and no verb
        if not adverb and not adjective[:1].isupper() and lang == "en":
            return None
        words.append(adjective)
    else:
        m = re.match(r"[^\W\d_]+", rest)
        if not m:
            return None
        verb = m.group()
        if not any(verb.lower().endswith(e) for e in data["verb_endings"]) or (
                not adverb and not verb[:1].isupper() and lang == "en"):
            return None
        words.append(verb)
        rest = rest[m.end() :].lstrip()
        second = re.match(r"(?:and|et|и)\s+([^\W\d_]+)", rest)
        if second and any(second.group(1).lower().endswith(e) for e in data["verb_endings"]):
            words.append(second.group())
            rest = rest[second.end() :].lstrip()
        complement = take(data["complements"])
        if complement and complement.lower() in data["only_before_determiner"]:
            following = (re.match(r"[^\W\d_]+", rest) or [""])[0].lower()
            if following and following not in data["determiners"]:
                complement = None
        if complement:
            words.append(complement)
    phrase = " ".join(words)
    # report it exactly as printed (spacing included)
    printed = text[pos : pos + len(phrase) + 10]
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    pm = re.match(pattern, printed)
    return pm.group() if pm else phrase


@dataclass
class ResolutionVersion:
    lang: str
    roots: list[Node] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    date: str | None = None
    findings: list[Finding] = field(default_factory=list)


def looks_like_resolution(lines: Sequence[SourceLine]) -> bool:
    """A body line ("The General Assembly,") or an adoption line, then numbered paragraphs."""
    head = [ln.text for ln in lines[:60] if ln.text]
    has_body = any(BODY_LINE.match(t) or ADOPTED.match(t) for t in head)
    operative = sum(1 for ln in lines if OPERATIVE.match(ln.text))
    return has_body and operative >= 1


class _Reader:
    """Assembles one language version from its lines: recognition is done line by line by the regexes
    above; this class places each recognised line in the tree (see :func:`parse_resolution_version`)."""

    def __init__(self, lines: Sequence[SourceLine], lang: str, source_text: str, file: str) -> None:
        self.lines = lines
        self.lang = lang
        self.src = source_text
        self.file = file
        self.lay = layout(lang)
        self.out = ResolutionVersion(lang)
        self.seen: set[str] = EidSet()
        self.footnotes: list[Node] = []
        self.current: Node | None = None  # the paragraph (preambular, operative, annex) being read
        self.sub: Node | None = None  # its lettered sub-paragraph or item, if any
        self.annex: Node | None = None
        self.pp = 0
        self.pending_number: str | None = None  # "1." alone on its line
        self.noise: list[str] = []  # running titles left in the flow

    def node(self, eid: str, kind: str, number: str | None, parent: Node | None) -> Node:
        eid = unique_eid(eid, self.seen)
        self.seen.add(eid)
        n = Node(eid, kind, number, None, self.lang)
        if parent is None:
            self.out.roots.append(n)
        else:
            parent.add(n)
        return n

    def finding(self, message: str, at: int | None = None) -> None:
        self.out.findings.append(Finding(self.file, "structure", f"[{self.lang}] {message}", at))

    # -- the title block ----------------------------------------------------------------------

    def head(self) -> int:
        """Read the title block; return the index of the first line of the body.

        Every line before the body line ("The General Assembly,") belongs to the title block, which is
        a ``heading`` provision (its agenda item, adoption line and "[on the report of ...]" line name
        bodies and documents); without a body line, only the lines recognised as a title block's.
        """
        lines, out = self.lines, self.out
        recognised: list[int] = []
        limit = min(len(lines), 80)
        title_open = False
        start: int | None = None
        for i in range(limit):
            t = lines[i].text
            if not t:
                title_open = False
                continue
            if (m := self.lay.body_line.match(t)) is not None and (t.rstrip().endswith(",") or recognised):
                # without its comma the body's name is also the masthead ("Генеральная Ассамблея" on top of
                # the page): it is the body line only after the adoption or title line
                out.metadata["adopted_by"] = self.lay.bodies.get(m.group("body").lower(), m.group("body"))
                out.metadata["body_line"] = m.group("body")
                start = i + 1
                break
            kept = False
            if (m := self.lay.adopted.match(t)) is not None:
                out.metadata["adopted_by"] = self.lay.bodies.get(m.group("body").lower(), m.group("body"))
                rest = m.group("rest")
                # "on 24 November 2025" may sit on the next line
                nxt = next((ln.text for ln in lines[i + 1 : i + 3] if ln.text), "")
                d = find_date(rest) or (find_date(nxt) if not REFERENCE.match(nxt) else None)
                if d:
                    out.date = d
                kept = True
            elif (m := REFERENCE.match(t)) is not None:
                out.metadata["committee"] = m.group("how").strip()
                out.metadata["draft"] = m.group("draft").strip()
                kept = True
            elif (m := NUMBER_TITLE.match(t)) is not None and "number" not in out.metadata:
                out.metadata["number"] = re.sub(r"\s+", " ", m.group("number"))
                out.title = (m.group("title") or "").strip() or None
                title_open = True
                kept = True
            elif (m := self.lay.council_title.match(t)) is not None and "number" not in out.metadata:
                out.metadata["number"] = m.group("number")
                out.metadata.setdefault("adopted_by", "Security Council")
                kept = True
            elif (title_open or ("number" in out.metadata and out.title is None)) and not self.starts_paragraph(t):
                # the title runs on over the next lines
                out.title = f"{out.title} {t}".strip() if out.title else t
                kept = True
            if kept:
                recognised.append(i)
        if start is not None:
            block = [i for i in range(start - 1) if lines[i].text]
        else:
            # no body line: the body starts at the first paragraph with an opening phrase or a number
            self.finding('no line naming the adopting body ("The ... ,")')
            start = next((i for i in range(len(lines)) if lines[i].text and i not in recognised and (
                OPERATIVE.match(lines[i].text) or (opening_phrase(lines[i].text, self.lang)
                                                   and not self.lay.adopted.match(lines[i].text)))), len(lines))
            block = [i for i in recognised if i < start]
        if block:
            # the title block is a provision of its own: its words name bodies and documents too
            heading = self.node("heading", "heading", None, None)
            heading.own_only = True
            for i in block:
                heading.parts.append(Part(lines[i].start, lines[i].start, lines[i].end))
        return start

    # -- the body ------------------------------------------------------------------------------

    def starts_paragraph(self, t: str) -> bool:
        return bool(OPERATIVE.match(t) or opening_phrase(t, self.lang))

    def previous_ends(self) -> bool:
        target = self.sub if self.sub is not None else self.current
        if target is None or not target.parts:
            return True
        last = target.parts[-1]
        prev = TRAILING_MARKER.sub("", self.src[last.full : last.end].rstrip()).rstrip()
        return prev.endswith(PARAGRAPH_END)

    def new_paragraph(self, kind: str, number: str, line: SourceLine, offset: int) -> None:
        if self.annex is not None:
            self.current = self.node(f"{self.annex.eid}__para_{number}", "paragraph", number, self.annex)
        else:
            prefix = "op" if kind == "operative" else "pp"
            self.current = self.node(f"{prefix}_{number}", kind, number, None)
        self.sub = None
        if offset < line.end:
            self.current.parts.append(Part(offset, line.start, line.end))

    def footnote(self, n: str, line: SourceLine, offset: int) -> None:
        fn = Node(f"fn_{n}", "footnote", n, None, self.lang)
        fn.marker = n
        fn.parts.append(Part(offset, line.start, line.end))
        fn.own_only = True
        self.footnotes.append(fn)

    def next_footnote(self) -> str:
        return str(len(self.footnotes) + 1)

    def body(self, start: int) -> None:
        lines = self.lines
        in_notes = False  # inside a block of footnotes (after a rule, or a footnote line after a blank)
        blank_before = True
        closed = False  # the closing "Nth plenary meeting" line has been read
        for k in range(start, len(lines)):
            line = lines[k]
            t = line.text
            if not t:
                blank_before = True
                continue
            was_blank, blank_before = blank_before, False
            if self.running_title(t):
                self.noise.append(t)
                continue
            if RULE.match(t) or MD_BREAK.match(t):
                in_notes = True
                continue
            if (m := MD_FOOTNOTE.match(t)) is not None:
                in_notes = True
                self.footnote(m.group("n"), line, line.start + m.end())
                continue
            if closed and DATE_LINE.match(t) and self.current is None and self.annex is None and not self.footnotes:
                # the date under the meeting line ("1 November 2005" is not footnote 1)
                self.out.date = self.out.date or find_date(t)
                continue
            fm = FOOTNOTE.match(t)
            if (fm and fm.group("n") == self.next_footnote() and (in_notes or was_blank or closed)
                    and not OPERATIVE.match(t)):
                in_notes = True
                self.footnote(fm.group("n"), line, line.start + fm.end())
                continue
            if in_notes and not was_blank and self.footnotes:
                # a footnote's wrapped line
                self.footnotes[-1].parts.append(Part(line.start, line.start, line.end, join=" "))
                continue
            in_notes = False
            if (m := self.lay.meeting.match(t)) is not None and not closed:
                self.out.metadata["meeting"] = m.group("meeting")
                d = find_date(m.group("date")) if m.group("date") else None
                if d and self.out.date is None:
                    self.out.date = d
                closed = True
                self.current = self.sub = None
                continue
            if self.lay.annex.match(t) and (closed or self.annex is not None):
                self.annex = self.node(f"annex_{sum(1 for r in self.out.roots if r.kind == 'annex') + 1}",
                                       "annex", None, None)
                self.annex.own_only = True
                self.annex.parts.append(Part(line.start, line.start, line.end))
                self.current = self.sub = None
                continue
            if closed and self.annex is None:
                continue  # words after the closing line that are neither footnotes nor an annex
            if self.pending_number is not None:
                kind = "operative" if self.annex is None else "paragraph"
                self.new_paragraph(kind, self.pending_number, line, line.start)
                self.pending_number = None
                continue
            if (m := OPERATIVE.match(t)) is not None:
                n = m.group("n")
                if OPERATIVE_ALONE.match(t):
                    self.pending_number = n
                    continue
                self.new_paragraph("operative", n, line, line.start + m.end())
                continue
            if self.sub_paragraph(line):
                continue
            if self.annex is not None and self.current is None and not t.rstrip().endswith(PARAGRAPH_END):
                # the annexed instrument's title, under "Annex" and before its first paragraph
                self.annex.parts.append(Part(line.start, line.start, line.end, join=" " if len(
                    self.annex.parts) > 1 else "\n"))
                continue
            self.plain(line, was_blank)

    def running_title(self, t: str) -> bool:
        """A page's running header left in the flow: the resolution's symbol alone, or its title (or its
        symbol and title) again, whole or any piece of it that a line holds, as a line of its own."""
        title = self.out.title
        number = self.out.metadata.get("number")
        symbol = symbol_of(number, self.out.metadata.get("adopted_by")) if number else None
        words = re.sub(r"\s+", " ", t).strip()
        if symbol and words.replace(" ", "") == symbol:
            return True
        if not title:
            return False
        symbol_first = re.match(r"^[A-Z]/[A-Z0-9./-]+\s+", words)
        if symbol_first:
            words = words[symbol_first.end() :]
        full = re.sub(r"\s+", " ", title).strip()
        return len(words) >= 20 and words in full and not words.endswith(PARAGRAPH_END)

    def sub_paragraph(self, line: SourceLine) -> bool:
        t = line.text
        current = self.current
        if current is None or current.kind == "preambular":
            return False
        letter = SUB_LETTER.match(t)
        sub = self.sub
        if letter and SUB_ROMAN.match(t) and not (sub is not None and sub.kind == "paragraph" and sub.parent is current
                                                   and ord(letter.group("l")) == ord(sub.number or "a") + 1):
            letter = None  # "(i)" after "(b)" is an item, after "(h)" a letter
        if letter:
            self.sub = self.node(f"{current.eid}__para_{letter.group('l')}", "paragraph", letter.group("l"), current)
            self.sub.parts.append(Part(line.start + letter.end(), line.start, line.end))
            return True
        if (m := SUB_ROMAN.match(t)) is not None:
            parent = sub if sub is not None and sub.kind == "paragraph" else current
            it = self.node(f"{parent.eid}__item_{m.group('r')}", "item", m.group("r"), parent)
            it.parts.append(Part(line.start + m.end(), line.start, line.end))
            self.sub = it if parent is current else sub
            if parent is not current:
                self.sub = sub
            return True
        return False

    def plain(self, line: SourceLine, was_blank: bool) -> None:
        """A line with no label: the next preambular paragraph, or a line of the paragraph before it."""
        t = line.text
        target = self.sub if self.sub is not None else self.current
        first = t.lstrip("«“\"'(")[:1]
        # an opening phrase starts a paragraph (Russian ones are in lower case: «ссылаясь», «сознавая»); any
        # capitalised line after a blank line does too
        new = (target is None or (self.previous_ends() and (
            opening_phrase(t, self.lang) is not None or (was_blank and first.isupper()))))
        if not new and target is not None:
            # a line the print run wrapped, or a paragraph broken by a page: join with a space
            target.parts.append(Part(line.start, line.start, line.end, join=" "))
            return
        if self.current is not None and self.current.kind in ("operative", "paragraph") and target is not None:
            # unnumbered text after numbered paragraphs: keep it with the last one
            target.parts.append(Part(line.start, line.start, line.end))
            return
        if self.annex is not None:
            n = str(sum(1 for c in self.annex.children if c.kind == "paragraph") + 1)
            self.new_paragraph("paragraph", n, line, line.start)
            return
        self.pp += 1
        self.current = self.node(f"pp_{self.pp}", "preambular", str(self.pp), None)
        self.sub = None
        self.current.parts.append(Part(line.start, line.start, line.end))


def parse_resolution_version(
    lines: Sequence[SourceLine], lang: str, source_text: str, file: str
) -> ResolutionVersion:
    """Read one language version of a resolution.

    Recognition is per line (the regexes above and the language's layout in kg/data/resolution.json);
    assembly places each line: the title block (adoption line, reference line, number and title) is a
    ``heading`` provision; after the body line come preambular paragraphs (a line that opens with an
    action phrase or follows a blank line after a finished paragraph starts one; any other line continues
    the paragraph before it, across page breaks and footnote blocks), operative paragraphs ("1." with
    its words on the same or the next line), their lettered sub-paragraphs and items; footnotes are
    lines "N text" numbered in sequence (after a rule or a blank line, anywhere in the flow) or
    Markdown's "[^N]: text"; the closing "Nth plenary meeting" line ends the body, and an "Annex" after
    it holds numbered paragraphs of its own.
    """
    r = _Reader(lines, lang, source_text, file)
    r.body(r.head())
    out = r.out
    roots = out.roots
    if not any(root.kind == "operative" for root in roots):
        # one unnumbered operative paragraph ("Adopts the Declaration annexed ...") is the resolution's
        # operative part: the last paragraph of the body, when it opens with a verb in the present tense
        body = [root for root in roots if root.kind == "preambular"]
        last = body[-1] if body else None
        if last is not None and len(body) >= 1:
            verb = opening_phrase(source_text[last.parts[0].own : last.parts[0].end], lang) or ""
            endings = tuple(_phrases().get(lang, _phrases()["en"]).get("operative_endings", ()))
            if verb and verb[0].isupper() and verb.split()[-1].lower().endswith(endings):
                last.kind = "operative"
                last.number = "1"
                last.eid = "op_1"
        if not any(root.kind == "operative" for root in roots):
            # a resolution cut before its operative part (a truncated download) says so, rather than pass
            out.findings.append(Finding(file, "structure", f"[{lang}] no operative paragraphs (\"1. Decides ...\"): "
                                        "only the preamble was read"))
    for root in roots:
        for n in root.walk():
            n.verb = opening_phrase(source_text[n.parts[0].own : n.parts[0].end], lang) if n.kind in (
                "preambular", "operative") and n.parts else None
    attach_footnotes(out, r.footnotes, source_text, file, r.seen)
    return out


#: a footnote number glued to the word or punctuation before it, followed by a space, punctuation or
#: the end of the line: "Disabilities4 ", "Europe,1 ", "Court;3"
def _glued(n: str) -> re.Pattern[str]:
    return re.compile(rf"(?<=[^\W\d_]|[,;.:)’'\"])(?P<n>{n})(?=[\s,;.:)]|$)")


#: any footnote number glued so (a number's digits cannot be cut: a digit neither precedes nor follows), or a
#: Markdown footnote reference "[^3]"
ANY_GLUED = re.compile(rf"{_glued(r'[0-9]{1,3}').pattern}|\[\^(?P<md>\d{{1,3}})\]")
#: a footnote number glued to the year that ends a name: "Single Convention on Narcotic Drugs, 19612;" is 1961
#: and footnote 2. Ambiguous in itself, so only a run of digits that is exactly a year (1600 to 2099) and the
#: number, after a name's ", " ("No. 19612", "that 19612 persons" are numbers), not after the year of the
#: resolution, and only for a footnote with no marker of the other kind
YEAR_GLUED = re.compile(r"(?<=[^\W\d_],\s)(?P<year>(?:1[6-9]|20)\d\d)(?P<n>\d{1,3})(?=[\s,;.:)]|$)")


@cache
def date_glued() -> re.Pattern[str]:
    """A footnote number glued to the year of a date that ends a name: "the Convention of Mainz ... of 31 March
    18313;" is 1831 and footnote 3 (month names of every language, kg/data/structure.json "months")."""
    from kg.structure.markers import markers

    months = sorted({m for names in markers().data["months"].values() for m in names}, key=len, reverse=True)
    return re.compile(rf"(?i:\b\d{{1,2}}\s(?:{'|'.join(map(re.escape, months))})\s)"
                      r"(?P<year>(?:1[6-9]|20)\d\d)(?P<n>\d{1,3})(?=[\s,;.:)]|$)")


def attach_footnotes(out: ResolutionVersion, footnotes: list[Node], source_text: str, file: str,
                     seen: set[str]) -> None:
    """Find each footnote's marker in paragraph order and hang the footnote on that paragraph.

    The paragraphs are read once for every glued number; each footnote then takes the first place of
    its number after the previous footnote's. (Searching the paragraphs again for each footnote made
    999 footnotes whose markers are missing take minutes in a long text.)
    """
    # the title block's numbers ("67/83.", dates) are not markers
    paragraphs = [n for root in out.roots if root.kind != "heading" for n in root.walk()]
    spans = sorted(((p.own, p.end, n) for n in paragraphs for p in n.parts), key=lambda x: x[0])
    places: dict[str, list[tuple[int, int, Node]]] = {}  # number -> (start, end, paragraph), in text order
    after_years: dict[str, list[tuple[int, int, Node]]] = {}  # the same, for numbers glued to a year
    latest_year = int(out.date[:4]) if out.date else 9999
    for s, e, n in spans:
        for m in ANY_GLUED.finditer(source_text, s, e):
            places.setdefault(m.group("n") or m.group("md"), []).append((m.start(), m.end(), n))
        for pattern in (YEAR_GLUED, date_glued()):
            for m in pattern.finditer(source_text, s, e):
                if int(m.group("year")) <= latest_year:
                    after_years.setdefault(m.group("n"), []).append((m.start("n"), m.end(), n))
    cursor = 0
    for fn in footnotes:
        host: Node | None = None
        for table in (places, after_years):
            found = table.get(fn.number or "", [])
            at = bisect_left(found, cursor, key=lambda place: place[0])
            if at < len(found):
                _, cursor, host = found[at]
                break
        if host is None:
            out.findings.append(Finding(file, "structure", f"[{out.lang}] footnote {fn.number}: no marker found in "
                                        "the text; kept at document level"))
            out.roots.append(fn)
        else:
            host.add(fn)
        seen.add(fn.eid)
