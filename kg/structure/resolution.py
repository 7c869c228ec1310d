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

#: "Resolution adopted by the General Assembly on 12 December 2012"
ADOPTED = re.compile(r"^Resolution\s+adopted\s+by\s+the\s+(?P<body>[A-Z](?:[A-Za-z ]*?[A-Za-z])?)\s+on\s+"
                     r"(?P<date>\S(?:.*\S)?)\s*$")
#: "[without reference to a Main Committee (A/67/L.14/Rev.1 and Add.1)]", "[on the report of the
#: Third Committee (A/67/457)]"
REFERENCE = re.compile(r"^\[(?P<how>[^(\]]*?[^(\]\s])\s*\((?P<draft>[^)]*)\)\]\s*$")
#: (the groups of ADOPTED and REFERENCE end on a letter or a non-space: a lazy group before \s+ or
#: \s*$ tried the rest from every space of a long run, quadratic on a line with one)
#: "67/83.\tCooperation between ...": the resolution's number and title
NUMBER_TITLE = re.compile(r"^(?P<number>\d{1,3}/\d{1,4}(?:\s?[A-Z])?)\.\s+(?P<title>\S.*)$")
#: "The General Assembly,": the body whose resolution it is
BODY_LINE = re.compile(r"^The\s+(?P<body>[A-Z][A-Za-z ]+?),\s*$")
#: "1.\tReiterates ...": an operative paragraph
OPERATIVE = re.compile(r"^(?P<n>\d{1,3})\.\s+(?=\S)")
#: "(a) ..." sub-paragraph and "(i) ..." item inside an operative paragraph
SUB_LETTER = re.compile(r"^\((?P<l>[a-z])\)\s+(?=\S)")
SUB_ROMAN = re.compile(r"^\((?P<r>[ivxl]+)\)\s+(?=\S)")
#: "53rd plenary meeting"
MEETING = re.compile(r"^(?P<meeting>\d{1,4}(?:st|nd|rd|th)\s+plenary\s+meeting)\s*$")
#: "1 Resolutions 55/3, ...": a footnote at the foot of the text
FOOTNOTE = re.compile(r"^(?P<n>\d{1,3})\s+(?=\S)")
#: the date of adoption on a line of its own after the meeting line: "12 December 2012", "1 November 2005"
#: (a footnote "1 ..." starts the same way, but is never only a date)
DATE_LINE = re.compile(r"^\d{1,2}\s+[^\W\d_]+\s+\d{4}$")
#: a footnote marker at the end of a line: "... Council of Europe,1"
TRAILING_MARKER = re.compile(r"(?<=[,;.:])\d{1,3}$")
#: a rule line that opens the print-shop trailer
RULE = re.compile(r"^[-_=]{5,}$")
#: a UN series prefix for a body's resolutions
SERIES = {"General Assembly": "A/RES/", "Security Council": "S/RES/", "Economic and Social Council": "E/RES/"}


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


def parse_resolution_version(
    lines: Sequence[SourceLine], lang: str, source_text: str, file: str
) -> ResolutionVersion:
    out = ResolutionVersion(lang)
    seen: set[str] = EidSet()

    def node(eid: str, kind: str, number: str | None, parent: Node | None) -> Node:
        eid = unique_eid(eid, seen)
        seen.add(eid)
        n = Node(eid, kind, number, None, lang)
        if parent is None:
            out.roots.append(n)
        else:
            parent.add(n)
        return n

    texts = [ln.text for ln in lines]
    i = 0
    body_line = None
    while i < len(lines):
        t = texts[i]
        if (m := ADOPTED.match(t)) is not None:
            out.metadata["adopted_by"] = m.group("body")
            d = find_date(m.group("date"))
            if d:
                out.date = d
        elif (m := REFERENCE.match(t)) is not None:
            out.metadata["committee"] = m.group("how").strip()
            out.metadata["draft"] = m.group("draft").strip()
        elif (m := NUMBER_TITLE.match(t)) is not None:
            out.metadata["number"] = m.group("number")
            out.title = m.group("title").strip()
        elif (m := BODY_LINE.match(t)) is not None:
            body_line = m.group("body")
            out.metadata.setdefault("adopted_by", body_line)
            i += 1
            break
        i += 1
    if body_line is None:
        out.findings.append(Finding(file, "structure", f"[{lang}] no line naming the adopting body (\"The ... ,\")"))

    # paragraphs: preambular until the first numbered one, then operative; wrapped lines join up
    current: Node | None = None
    sub: Node | None = None
    pp = 0
    end_of_body = len(lines)
    for k in range(i, len(lines)):
        line = lines[k]
        t = line.text
        if not t:
            continue
        if (m := MEETING.match(t)) is not None:
            out.metadata["meeting"] = m.group("meeting")
            end_of_body = k
            break
        if (m := OPERATIVE.match(t)) is not None:
            n = m.group("n")
            current = node(f"op_{n}", "operative", n, None)
            current.parts.append(Part(line.start + m.end(), line.start, line.end))
            sub = None
            continue
        letter = SUB_LETTER.match(t)
        if letter and SUB_ROMAN.match(t) and not (sub is not None and sub.parent is current
                                                   and ord(letter.group("l")) == ord(sub.number or "a") + 1):
            letter = None  # "(i)" after "(b)" is an item, after "(h)" a letter
        if current is not None and current.kind == "operative" and (m := letter):
            sub = node(f"{current.eid}__para_{m.group('l')}", "paragraph", m.group("l"), current)
            sub.parts.append(Part(line.start + m.end(), line.start, line.end))
            continue
        if current is not None and current.kind == "operative" and (m := SUB_ROMAN.match(t)):
            parent = sub if sub is not None else current
            it = node(f"{parent.eid}__item_{m.group('r')}", "item", m.group("r"), parent)
            it.parts.append(Part(line.start + m.end(), line.start, line.end))
            continue
        target = sub if sub is not None else current
        if target is not None:
            prev = TRAILING_MARKER.sub("", source_text[target.parts[-1].full : target.parts[-1].end].rstrip())
            if not prev.endswith((",", ";", ".", ":")):
                # a line the print run wrapped: join with a space
                target.parts.append(Part(line.start, line.start, line.end, join=" "))
                continue
        if current is not None and current.kind == "operative":
            # unnumbered text after operative paragraphs: keep it with the last one
            target = sub if sub is not None else current
            target.parts.append(Part(line.start, line.start, line.end))
            continue
        pp += 1
        current = node(f"pp_{pp}", "preambular", str(pp), None)
        current.parts.append(Part(line.start, line.start, line.end))

    # after the meeting line: the date, then footnotes "N text"
    footnotes: list[Node] = []
    for k in range(end_of_body + 1, len(lines)):
        line = lines[k]
        t = line.text
        if not t:
            continue
        if RULE.match(t):
            break  # the print-shop trailer starts here
        if not footnotes and (DATE_LINE.match(t) or out.date is None) and find_date(t):
            out.date = out.date or find_date(t)
            continue
        if (m := FOOTNOTE.match(t)) is not None and int(m.group("n")) == len(footnotes) + 1:
            fn = Node(f"fn_{m.group('n')}", "footnote", m.group("n"), None, lang)
            fn.marker = m.group("n")
            fn.parts.append(Part(line.start + m.end(), line.start, line.end))
            fn.own_only = True
            footnotes.append(fn)
        elif footnotes:
            footnotes[-1].parts.append(Part(line.start, line.start, line.end, join=" "))

    if not any(root.kind == "operative" for root in out.roots):
        # a resolution cut before its operative part (a truncated download) says so, rather than pass
        out.findings.append(Finding(file, "structure", f"[{lang}] no operative paragraphs (\"1. Decides ...\"): "
                                    "only the preamble was read"))
    for root in out.roots:
        for n in root.walk():
            n.verb = opening_phrase(source_text[n.parts[0].own : n.parts[0].end], lang) if n.kind in (
                "preambular", "operative") and n.parts else None
    attach_footnotes(out, footnotes, source_text, file, seen)
    return out


#: a footnote number glued to the word or punctuation before it, followed by a space, punctuation or
#: the end of the line: "Disabilities4 ", "Europe,1 ", "Court;3"
def _glued(n: str) -> re.Pattern[str]:
    return re.compile(rf"(?<=[^\W\d_]|[,;.:)’'\"])(?P<n>{n})(?=[\s,;.:)]|$)")


#: any footnote number glued so (a number's digits cannot be cut: a digit neither precedes nor follows)
ANY_GLUED = _glued(r"\d{1,3}")
#: a footnote number glued to the year that ends a name: "Single Convention on Narcotic Drugs, 19612;" is 1961
#: and footnote 2. Ambiguous in itself, so only a run of digits that is exactly a year (19xx, 20xx) and the
#: number, after a name's ", " ("No. 19612", "that 19612 persons" are numbers), not after the year of the
#: resolution, and only for a footnote with no marker of the other kind
YEAR_GLUED = re.compile(r"(?<=[^\W\d_],\s)(?P<year>(?:19|20)\d\d)(?P<n>\d{1,3})(?=[\s,;.:)]|$)")


def attach_footnotes(out: ResolutionVersion, footnotes: list[Node], source_text: str, file: str,
                     seen: set[str]) -> None:
    """Find each footnote's marker in paragraph order and hang the footnote on that paragraph.

    The paragraphs are read once for every glued number; each footnote then takes the first place of
    its number after the previous footnote's. (Searching the paragraphs again for each footnote made
    999 footnotes whose markers are missing take minutes in a long text.)
    """
    paragraphs = [n for root in out.roots for n in root.walk()]
    spans = sorted(((p.own, p.end, n) for n in paragraphs for p in n.parts), key=lambda x: x[0])
    places: dict[str, list[tuple[int, int, Node]]] = {}  # number -> (start, end, paragraph), in text order
    after_years: dict[str, list[tuple[int, int, Node]]] = {}  # the same, for numbers glued to a year
    latest_year = int(out.date[:4]) if out.date else 9999
    for s, e, n in spans:
        for m in ANY_GLUED.finditer(source_text, s, e):
            places.setdefault(m.group("n"), []).append((m.start(), m.end(), n))
        for m in YEAR_GLUED.finditer(source_text, s, e):
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
