"""Relations derived from the words: which provision establishes which organ, and amendment notes.

* "The organs of the Council of Europe are: i. the Committee of Ministers; ii. the Consultative
  Assembly. Both these organs shall be served by the Secretariat" — each organ named in the sentence
  of the establishing words, after them (with the list they introduce), is ``tkg:establishedBy`` the
  article (patterns in ``kg/data/entities.json``); bodies named in other sentences are not.
* "As amended in May, 1951", "Paragraph e of Article 38 was added in May, 1951", "First sentence of
  paragraph a as amended in May, 1951 - The last two sub-paragraphs of paragraph a were added in May,
  1953": each segment of a footnote is an amendment fact ("amended" or "added", with its month) on
  the provision it cites, else on the footnote's host.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

from kg.model import Document, Entities, Provision
from kg.references.resolve import References
from kg.structure.dates import month_table

#: "May, 1951", "December 1951", "мая 1951", "1994 года" (a year alone keeps only the year)
#: a month starts at a word start, so a long word is not tried from each of its letters (quadratic)
MONTH_YEAR = re.compile(r"(?:(?<![^\W\d_])(?P<month>[^\W\d_]+),?\s+)?(?P<year>1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class Established:
    organ: str
    eid: str  # the establishing provision (an article, or the provision itself)
    lang: str

    def dump(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Amendment:
    eid: str  # the provision amended
    kind: str  # "amended" | "added"
    date: str | None  # "1951-05" or "1951"
    note: str  # the footnote's eid
    lang: str
    quote: str

    def dump(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Derived:
    established: tuple[Established, ...] = ()
    amendments: tuple[Amendment, ...] = ()

    def dump(self) -> dict[str, Any]:
        return {"established": [e.dump() for e in self.established],
                "amendments": [a.dump() for a in self.amendments]}


@cache
def _rules() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("kg").joinpath("data/entities.json").read_text(encoding="utf-8"))
    return data


def _dates(text: str) -> list[str]:
    months = month_table()
    out = []
    for m in MONTH_YEAR.finditer(text):
        month = months.get((m.group("month") or "").lower())
        out.append(f"{m.group('year')}-{month:02d}" if month else m.group("year"))
    return out


#: a list marker at the start of a line ("i.", "(ii)", "a)", "1."): its dot does not end a sentence
LINE_MARKER = re.compile(r"(?m)^[ \t]*\(?(?:[ivxlc]{1,6}|[a-zа-я]|\d{1,3})[.)]", re.IGNORECASE)
#: where a sentence ends: a full stop at the end of a line or of the text, or before a capital letter
SENTENCE_END = re.compile(r"\.(?=[ \t]*(?:\n|$)|\s+[A-ZА-ЯЁ])")


def _scopes(text: str, hits: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Where each match of establishing words applies: from its start to the end of its sentence.

    A list the words introduce ("The organs of the Council of Europe are: i. the Committee of Ministers;
    ii. the Consultative Assembly.") is part of the sentence: its items end with semicolons and the
    list with a full stop. Bodies named in the article's later sentences or paragraphs are not
    established by these words. The markers are blanked once per text, and each search stops at the
    next full stop, so many matches in one long text cost no more than reading it once per match's
    sentence.
    """
    masked = LINE_MARKER.sub(lambda m: " " * len(m.group()), text)
    merged: list[tuple[int, int]] = []  # sorted and disjoint, so that a position is looked up by bisection
    for m in sorted(hits, key=lambda h: h.start()):
        found = SENTENCE_END.search(masked, m.end())
        start, end = m.start(), found.end() if found else len(text)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _within(at: int, scopes: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and at < scopes[i][1]


def _subtree(doc: Document, top: Provision) -> set[str]:
    out = {top.eid}
    changed = True
    while changed:
        changed = False
        for p in doc.provisions:
            if p.parent in out and p.eid not in out and p.kind != "footnote":
                out.add(p.eid)
                changed = True
    return out


def derive(doc: Document, entities: Entities, references: References) -> Derived:
    established: set[Established] = set()
    if doc.kind == "treaty":
        patterns = {lang: [re.compile(p, re.IGNORECASE) for p in pats]
                    for lang, pats in _rules()["establishing"].items()
                    if isinstance(pats, list) and all(isinstance(p, str) for p in pats)}  # not "examples"
        for prov in doc.provisions:
            if prov.kind != "article":
                continue
            subtree: set[str] | None = None  # the article's provisions: read once, for every language
            for text in prov.texts:
                hits = [m for p in patterns.get(text.lang, []) for m in p.finditer(text.value)]
                if not hits:
                    continue
                scopes = _scopes(text.value, hits)
                starts = [a for a, _ in scopes]
                if subtree is None:
                    subtree = _subtree(doc, prov)
                for m in entities.mentions:
                    if m.lang != text.lang or m.eid not in subtree or m.cls not in ("Organ", "UNEntity"):
                        continue
                    # where the mention stands in the article's text: it must come after the words
                    child = doc.provision(m.eid)
                    child_text = child.text(text.lang) if child else None
                    if child_text is None:
                        continue
                    at = text.value.find(child_text.value) + m.start if m.eid != prov.eid else m.start
                    if _within(at, scopes, starts):
                        established.add(Established(m.entity, prov.eid, text.lang))
    amendments: list[Amendment] = []
    for fn in doc.provisions:
        if fn.kind != "footnote" or not fn.parent:
            continue
        for text in fn.texts:
            rules = _rules()["amendments"].get(text.lang)
            if not rules:
                continue
            cites = [c for c in references.citations if c.eid == fn.eid and c.lang == text.lang and c.target == doc.key
                     and c.target_kind != "footnote"]
            pos = 0
            for segment in re.split(rules["segment_separator"], text.value):
                start = text.value.find(segment, pos)
                pos = start + len(segment)
                kind = ("added" if re.search(rules["added"], segment, re.I) else
                        "amended" if re.search(rules["amended"], segment, re.I) else None)
                if kind is None:
                    continue
                targets = sorted({c.target_eid for c in cites if start <= c.start < start + len(segment)
                                  and c.target_eid})
                if not targets:
                    targets = [fn.parent]
                dates = _dates(segment) or [None]  # type: ignore[list-item]
                for t in targets:
                    for d in dates:
                        amendments.append(Amendment(t, kind, d, fn.eid, text.lang, segment.strip()))
    return Derived(tuple(sorted(established, key=lambda e: (e.eid, e.organ, e.lang))), tuple(amendments))
