"""The reference grammar: "Article 21.a.i and b", "Articles 23 - 35, 38 and 39", "paragraph a above",
«подпункту "i" пункта "a" и пункта "b" статьи 21», «l'article 20.d» — to structured paths.

A reference expression is read in two steps. A per-language *span* pattern finds where one starts
(a unit word with a label, "under d below", "this Article") and how far its labels, connectors and
relative words run; inside the span a small token parser turns units, labels, lists ("," "and" "и"),
ranges ("-" "to" "à") and relative words ("above" "выше") into :class:`Ref` values.

* English and French go from the largest unit to the smallest: "Article 21.a.i", "paragraph 1 (c) of
  Article 86", "Article 2, paragraph 7", "Article 35 § 1".
* Russian goes from the smallest to the largest and inflects every unit word: «подпункт "i" пункта "a"
  статьи 21»; chains joined by «и» share the article that closes the last one.
* A label's *kind* comes from its form, not from the unit word: a number under an article is a
  numbered paragraph, a letter a lettered paragraph, a roman numeral an item (the Russian «подпункт
  "d"» is the English paragraph d).

>>> [r.paths for r in parse_references("under Article 21.a.i and b;", "en")]
[((('article', '21'), ('paragraph', 'a'), ('item', 'i')), (('article', '21'), ('paragraph', 'b')))]
>>> [r.paths for r in parse_references('к подпункту "i" пункта "a" и пункта "b" статьи 21;', "ru")]
[((('article', '21'), ('paragraph', 'a'), ('item', 'i')), (('article', '21'), ('paragraph', 'b')))]
>>> [(r.paths, r.relative) for r in parse_references("the provisions of paragraph a above", "en")]
[(((('paragraph', 'a'),),), 'above')]
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from kg.structure.markers import markers, roman_value, to_roman

Path = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Ref:
    """One reference expression: ``quote == text[start:end]``; each path is largest unit first.

    ``relative`` is "above"/"below" when the text says so; ``scope`` is "this" for "this Article"
    (a path of its own then is empty), "this_paragraph" for "This paragraph", "in_this" for paths the
    words put in the citing article ("paragraph 2 of this Article"), "same" for paths put in an article
    named before ("paragraph 1 of the same article") when the text names none, and "preceding" for "the preceding
    paragraph(s)", "the previous article": ``unit`` says which unit and ``count`` how many ("1", "2",
    "all");
    ``tail`` is where the words naming another text may start ("of the Charter"), or None.
    """

    start: int
    end: int
    quote: str
    paths: tuple[Path, ...]
    relative: str | None = None
    scope: str | None = None
    tail: int | None = None
    unit: str | None = None
    count: str | None = None
    #: the same paths read the other way where the words allow two readings: "l'article 23e" is Article 23
    #: (an ordinal, in ``paths``) or paragraph e of Article 23 (here); the resolver decides by the cited text
    alternatives: tuple[Path, ...] = ()

    def dump(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "quote": self.quote,
                "paths": [[list(step) for step in p] for p in self.paths], "relative": self.relative,
                "scope": self.scope, "tail": self.tail, "unit": self.unit, "count": self.count,
                "alternatives": [[list(step) for step in p] for p in self.alternatives]}


class _Taken:
    """The stretches of a text already read as references: a sorted list of disjoint intervals.

    ``p in taken`` says whether offset ``p`` lies in one of them in O(log n). (A list scanned with
    ``any()`` made a text of n references cost n²: 100,000 repetitions of "Article 1, " took minutes.)
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        if end <= start:
            return
        # merge with every interval that overlaps [start, end)
        i = bisect_right(self.ends, start)
        j = bisect_left(self.starts, end)
        if i < j:
            start, end = min(start, self.starts[i]), max(end, self.ends[j - 1])
        self.starts[i:j] = [start]
        self.ends[i:j] = [end]

    def __contains__(self, p: int) -> bool:
        i = bisect_right(self.starts, p) - 1
        return i >= 0 and p < self.ends[i]


# -- shared pieces -------------------------------------------------------------------------------

#: most labels one expression lists ("Articles 1, 2, ..."): a longer list is cut there, so that a made-up
#: text of 100,000 "Article 1, " gives short expressions, not one a megabyte long that every path quotes
MAX_LIST = 100
#: most paths one expression gives (ranges expand: "Articles 1-150"); the paths after these are dropped
MAX_PATHS = 500

ROMAN = r"(?:x{0,3})(?:ix|iv|v?i{0,3})"
#: a roman numeral that is not empty: i, iv, xii
ROMAN_LABEL = r"(?:x{1,3}(?:ix|iv|v?i{0,3})|ix|iv|v?i{1,3}|v)"
#: a label as printed: 21, 1bis, a, iv (a word like "in" or "all" is not one); Russian quotes letters: "a"
LABEL = rf"(?:\d{{1,3}}(?:\s?bis|\s?ter)?(?![\w])|{ROMAN_LABEL}(?![a-z])|[a-z](?![a-z])|[IVXLC]{{1,6}}(?![A-Za-z'’]))"


def expand_range(a: str, b: str) -> list[str]:
    """"23"-"35" → 23..35; "a"-"d" → a..d; "i"-"iv" → i..iv; otherwise just the two ends."""
    if a.isdigit() and b.isdigit() and int(a) <= int(b) and int(b) - int(a) < 200:
        return [str(n) for n in range(int(a), int(b) + 1)]
    if re.fullmatch(ROMAN, a) and re.fullmatch(ROMAN, b) and a and b:
        va, vb = roman_value(a), roman_value(b)
        if va <= vb and vb - va < 50:
            return [to_roman(n) for n in range(va, vb + 1)]
    if len(a) == 1 and len(b) == 1 and a.isalpha() and b.isalpha() and a <= b:
        return [chr(c) for c in range(ord(a), ord(b) + 1)]
    return [a, b]


# -- English and French --------------------------------------------------------------------------


@cache
def vocabulary() -> dict[str, Any]:
    """The reference words of each language, from ``kg/data/reference-grammar.json``."""
    data: dict[str, Any] = json.loads(resources.files("kg").joinpath("data/reference-grammar.json")
                                      .read_text(encoding="utf-8"))
    return data


#: how deep each kind of unit goes: a unit word deeper than the one before it goes under it
#: ("Article 6, paragraph 1, sub-paragraph a"); one as deep or shallower starts again beside it
#: how deep each unit sits (a section inside an article: "Article IX, Section 3, paragraph 1")
RANK = {"part": 0, "chapter": 10, "article": 20, "section": 25, "paragraph": 30, "subparagraph": 40, "item": 50}


def _alt(words: list[str]) -> str:
    return "|".join(words)


@dataclass(frozen=True)
class _Latin:
    """The compiled grammar of one language written largest unit first (English, French)."""

    lang: str
    units: dict[str, str]
    span: re.Pattern[str]
    ordinal_span: re.Pattern[str]
    token: re.Pattern[str]
    number_words: dict[str, str]
    relative: dict[str, str]
    this_article: re.Pattern[str]
    this_paragraph: re.Pattern[str]
    preceding: tuple[tuple[re.Pattern[str], str, str], ...]

    def unit_kind(self, word: str) -> str | None:
        return next((k for k, pat in self.units.items() if re.fullmatch(pat, word)), None)


@cache
def _latin(lang: str) -> _Latin | None:
    v = vocabulary().get(lang)
    if not isinstance(v, dict) or "units" not in v or v.get("order") == "smallest first":
        return None
    units = {k: _alt(ws) for k, ws in v["units"].items()}
    # a unit word ends at its word's end ("item", not the "item" of "items"); "§" and "art." may touch the label
    any_unit = rf"(?:{_alt([units[k] for k in units])})(?:(?<=[§.])|(?![\w]))"
    suffix = _alt(v["suffixes"])
    words = _alt(sorted((re.escape(w) for w in v["number_words"]), key=len, reverse=True)) or r"(?!x)x"
    ordinal_words: list[str] = list(v["ordinals"] if "ordinals" in v else v["number_words"])
    ordinals = _alt(sorted((re.escape(w) for w in ordinal_words), key=len, reverse=True))
    # a label as printed: 21, 16 bis, 1er, 23e, a, iv, IX, premier; a letter is not the l of "et l'article"
    label = rf"""(?:\d{{1,3}}(?:\s?(?:{suffix}))?(?:er|e)?(?![\w])
                   |(?:{words})(?![\w])
                   |{ROMAN_LABEL}(?![a-z'’])
                   |[a-z](?![a-z'’])
                   |[IVXLC]{{1,6}}(?:(?![A-Za-z'’])|(?=[a-z]\))))"""  # not the L' of "1er.L'Etat" (run
    # together); "IIc)": a roman paragraph glued to its lettered item
    # one label path: 21.a.i, (c), b), 1 (c), 1 d), and "17 (paragraph 2)"
    path = rf"""(?:\(\s*{label}\s*\)|{label}\)?)(?:\.{label})*
                (?:\.\s[a-z](?=\.))*                   # "II. b. c. d.": lettered labels under II, each dotted
                (?:\s?\(\s*{label}\s*\)|\s?{label}\)|\s?\(\s*(?:{any_unit})\s*{label}\s*\))*"""
    # a label may keep its own dot before the connector: "litt. c., m. and n.", "litt. d. and f."
    conn = rf"""(?:\.?\s*+,\s*+(?:(?:{_alt(v['and'])})\s++)?|\.?\s++(?:{_alt(v['and'])})\s++|\s*+[-–]\s*+
                  |\s++(?:{_alt(v['range'])})\s++)"""
    # a lone letter then a word is a word ("Article 5, a Contracting State", "l'article 5, a été"), not a label
    word_letter = rf"(?!a\s+(?!(?:{_alt(v['and'])}|{_alt(v['range'])}|{_alt(v['of'])})(?!\w))[A-Za-zÀ-ÿ]{{2,}})"
    labels = rf"{path}(?:{conn}(?:(?:{any_unit})\s*)?{word_letter}{path}(?![\w-])){{0,{MAX_LIST}}}"
    of = _alt(v["of"])
    rel = "|".join(re.escape(w) for w in v["relative"])
    tail = rf"""(?:(?:,?\s*+|\.\s*+(?=[a-z§]))(?:{any_unit})\s*{labels}){{0,{MAX_LIST}}}  # "Article 2, paragraph 7",
        # "article 11 alinéa 1er", "Section 3. paragraph 1. litt. a" (after a dot only a unit in lower case)
        (?:,?\s+(?:{of})\s*(?:{any_unit})\s*{labels}){{0,3}}        # "paragraph 1 (c) of Article 86",
        # "du paragraphe 1 de l'article 5": a unit inside a larger one
        )
        (?P<inthis>,?\s+(?:{_alt(v['in_this'])}))?                  # "of this Article", "du présent article"
        (?P<same>(?(inthis)(?!x)x|,?\s+(?:{_alt(v.get('in_same', []) or [r'(?!x)x'])})(?!\s*(?:\d|[IVXLC]+\b))))?
        # "of the same article" (not "of the said Article 8", which names its article)
        (?:,?\s+(?P<rel>{rel})(?![\w-]))?                             # above / below"""
    span = re.compile(
        rf"""(?<!\w)(?<!\w-)                                # "-Article 3" glued to a dash is a reference
        (?P<unit>{any_unit})\s*                             # a unit word: Article, paragraph, alinéa, §
        (?P<body>{labels}                                   # its labels: 4, 5 and 6; 23-35; 1 (b), (c)
        {tail}""",
        re.VERBOSE,
    )
    ordinal_span = re.compile(
        rf"""(?<!\w)(?P<ord>{ordinals})\s+                  # "premier alinéa", "the first paragraph"
        (?P<unit>{units['paragraph']}|{units['subparagraph']})(?![\w-])
        (?P<body>{tail}""",
        re.VERBOSE,
    )
    token = re.compile(
        rf"""(?P<open>\()(?=\s*(?:{any_unit}))               # "(paragraph 2)": a unit in brackets
        |(?P<unit>{any_unit})
        |(?P<of>(?<!\w)(?:{of})(?!\w))
        |(?P<and>(?<!\w)(?:{_alt(v['and'])})(?!\w))
        |(?P<range>(?<!\w)(?:{_alt(v['range'])})(?!\w)|[-–])
        |(?P<dotsub>(?<=\.)\s[a-z](?![\w]))                 # the " b" of "II. b. c.": a dotted lettered label
        |(?P<plabel>\(\s*{label}\s*\)|{label}\))            # (c), c): a label in brackets
        |(?P<label>{label}(?:\.{label})*)
        |(?P<close>\))
        |(?P<comma>,)""",
        re.VERBOSE,
    )
    return _Latin(lang, units, span, ordinal_span, token, {w.lower(): n for w, n in v["number_words"].items()},
                  v["relative"], re.compile(_alt(v["this_article"])), re.compile(_alt(v["this_paragraph"])),
                  tuple((re.compile(p["re"], re.IGNORECASE), p["unit"], p["count"]) for p in v["preceding"]))


#: what precedes a unit of a publication rather than of a text: "Vol. I, Part 1", "vol. 2, chap. 3"
PUBLICATION = re.compile(r"(?:[Vv]ol\.|[Vv]olume|Sales\s+No\.)\s*[\w.]+,?\s*$")

_UNDER = {"en": re.compile(r"\bunder\s+(?P<label>[a-z](?:\.[ivx]+)?)\s+(?P<rel>above|below)\b")}


def _preceding_refs(text: str, preceding: tuple[tuple[re.Pattern[str], str, str], ...], taken: _Taken) -> list[Ref]:
    """"the preceding paragraph", «предыдущей статьи»: the units just before the citing one, in any language
    (marked as taken, so that no other reading claims their words)."""
    out: list[Ref] = []
    for rx, unit, count in preceding:
        for m in rx.finditer(text):
            if m.start() in taken:
                continue
            out.append(Ref(m.start(), m.end(), m.group(), (), None, "preceding", None, unit, count))
            taken.add(m.start(), m.end())
    return out


def _latin_refs(text: str, g: _Latin) -> list[Ref]:
    taken = _Taken()
    out = _preceding_refs(text, g.preceding, taken)
    for m in g.ordinal_span.finditer(text):
        if m.start() in taken:
            continue
        number = g.number_words.get(m.group("ord").lower(), "1")
        paths = _distinct(_latin_paths(f"{m.group('unit')} {number} {m.group('body')}", g))
        _add(out, taken, text, m, paths, g)
    for m in g.span.finditer(text):
        if m.start() in taken:
            continue
        if PUBLICATION.search(text[max(0, m.start() - 20) : m.start()]):
            continue  # "(Vol. I, Part 1)": a part of a publication cited, not of this text
        paths = _distinct(_latin_paths(m.group("unit") + " " + m.group("body"), g))
        _add(out, taken, text, m, paths, g)
    for m in _UNDER.get(g.lang, re.compile(r"(?!x)x")).finditer(text):
        if m.start() in taken:
            continue
        steps = m.group("label").split(".")
        path: Path = (("paragraph", steps[0]),) + tuple(("item", s) for s in steps[1:])
        out.append(Ref(m.start(), m.end(), m.group(), (path,), m.group("rel")))
        taken.add(m.start(), m.end())
    for m in g.this_article.finditer(text):
        if m.start() in taken:
            continue
        out.append(Ref(m.start(), m.end(), m.group(), (), None, "this"))
    for m in g.this_paragraph.finditer(text):
        if m.start() in taken:
            continue
        out.append(Ref(m.start(), m.end(), m.group(), (), None, "this_paragraph"))
    return _in_same(sorted(out, key=lambda r: r.start))


def _in_same(refs: list[Ref]) -> list[Ref]:
    """"paragraph 1 of the same article": the paths go under the article the text named just before
    ("notifications made under article 26, paragraph 5, ... referred to in paragraph 1 of the same article"
    is 26.1); without one the reference keeps its scope "same" and resolves to nothing."""
    out: list[Ref] = []
    for r in refs:
        if r.scope == "same":
            article = next((p[0] for e in reversed(out) for p in reversed(e.paths) if p and p[0][0] == "article"),
                           None)
            if article is not None:
                r = Ref(r.start, r.end, r.quote, tuple(p if p[0][0] == "article" else (article,) + p for p in r.paths),
                        r.relative, None, r.tail, r.unit, r.count, r.alternatives)
        out.append(r)
    return out


#: the languages whose ordinal suffix is a letter that may also be a paragraph's ("23e": 23rd, or 23 (e))
GLUED_ORDINAL = {"fr": "e"}
#: an article number with that letter glued and no bracket after it ("23e", not "23e)" nor "1er")
GLUED_LETTER = re.compile(r"""(?<![\w.])(\d{1,3})e   # the number and the letter, run together
                              (?![\w)])             # "23e)" is paragraph e, said by its bracket""", re.VERBOSE)


def _add(out: list[Ref], taken: _Taken, text: str, m: re.Match[str], paths: tuple[Path, ...], g: _Latin) -> None:
    if not paths:
        return
    end = m.end()
    scope = "in_this" if m.group("inthis") else "same" if m.group("same") else None
    # "l'article 23e": a letter glued to an article number without a bracket, an ordinal or a paragraph letter
    glued = [g_.group(1) for g_ in GLUED_LETTER.finditer(m.group("body"))] if g.lang in GLUED_ORDINAL else []
    alternatives = tuple(p + (("paragraph", GLUED_ORDINAL[g.lang]),) for p in paths
                         if len(p) == 1 and p[0][0] == "article" and p[0][1] in glued)
    out.append(Ref(m.start(), end, text[m.start() : end], paths, g.relative.get(m.group("rel") or ""), scope, end,
                   alternatives=alternatives))
    taken.add(m.start(), end)


def _latin_paths(span: str, g: _Latin) -> list[Path]:
    """The paths of one expression: segments joined by "of"/"du"/"de l'" are read each on its own, and
    each container (the segment after "of") holds the smaller units of the segment before it."""
    segments: list[list[tuple[str, str]]] = [[]]
    for m in g.token.finditer(span):
        kind = m.lastgroup or ""
        if kind == "of":
            segments.append([])
        else:
            segments[-1].append((kind, m.group().strip()))
    paths = _segment_paths(segments[-1], g)
    for seg in reversed(segments[:-1]):
        inner = _segment_paths(seg, g)
        if not paths:
            paths = inner
            continue
        depth = RANK.get(paths[0][-1][0], RANK["paragraph"]) if paths[0] else RANK["paragraph"]
        out: list[Path] = []
        for p in inner:
            if p and RANK.get(p[0][0], RANK["paragraph"]) <= min(depth, RANK["article"]):
                out.append(p)  # "Article 99 and paragraph z of Article 2": Article 99 stands on its own
            else:
                out.extend(c + tuple(s for s in p if s[0] != "article") for c in paths)
        paths = out[:MAX_PATHS]
    return paths


def _label(raw: str, g: _Latin) -> str:
    """A label as the structure stage numbers it: "16 bis" is 16bis, "1er" and "premier" are 1, "23e" is 23."""
    word = g.number_words.get(raw.lower())
    if word:
        return word
    raw = re.sub(r"\s+", "", raw)
    m = re.fullmatch(r"(\d+)(?:er|e)", raw)
    return m.group(1) if m else raw


def _child(label: str, base: Path) -> tuple[str, str]:
    """A label under ``base`` ("1 (c)", "21.a.i"): a roman numeral under a lettered paragraph is an item."""
    if re.fullmatch(ROMAN, label) and base and base[-1][0] == "paragraph" and not base[-1][1].isdigit() \
            and len(label) > 0:
        return ("item", label)
    return ("paragraph", label)


def _make(unit: str, raw: str, base: Path, previous: Path | None, g: _Latin) -> Path | None:
    steps = [_label(s, g) for s in raw.split(".") if s]
    if not steps:
        return None
    first = steps[0]
    if unit in ("article", "chapter", "part"):
        if unit != "article" and not first.isdigit():
            first = first.upper()
        if unit == "article" and (re.fullmatch(r"[a-z]", first) or re.fullmatch(ROMAN_LABEL, first)):
            # "Article 21.a.i and b": a bare letter continues the previous article's paragraphs
            if previous is None or not any(s[0] == "article" for s in previous):
                return None
            return tuple(_steps_to_path(steps, "article", list(previous)) or ()) or None
        if unit == "article" and re.fullmatch(r"[IVXLC]+", first) and previous and previous[0][0] == "article" \
                and previous[0][1][:1].isdigit():
            # "article 34, II": an article numbered in figures, then its paragraph II (never Article II)
            base, unit = previous[:1], "paragraph"
        path: Path = base + ((unit, first),)
    elif unit in ("item", "section"):
        # "Section 5": a numbered section; "sections i to iv above" (the Statute's Article 29): items
        kind = "section" if unit == "section" and (first.isdigit() or first.isupper()) else "item"
        path = base + ((kind, first),)
    else:
        path = base + (_child(first, base) if unit == "subparagraph" else ("paragraph", first),)
    for s in steps[1:]:
        path += (_child(s, path),)
    return path


@dataclass
class _Level:
    unit: str
    base: Path


def _segment_paths(tokens: list[tuple[str, str]], g: _Latin) -> list[Path]:
    """One segment, largest unit first: "Article 4, paragraphs 1, 2 and 4", "paragraph 1 (b), (c) and
    paragraph 2", "Articles 2, 17 (paragraph 2), 20, and 24", "Article 6, paragraph 1, sub-paragraph a"."""
    paths: list[Path] = []
    levels: list[_Level] = []
    saved: list[list[_Level]] = []
    sep: str | None = None  # what stands between the last label and this token: None, "comma", "and"
    last: str | None = None  # the kind of the last token that was not a separator
    paren_base: Path | None = None  # the path "(b)" went under: "(c)" after it goes there too
    pending_range = False
    last_raw = ""  # the last label as printed: "5", "un"
    for kind, word in tokens:
        if kind in ("comma", "and"):
            sep = "and" if kind == "and" or sep == "and" else "comma"
            continue
        if kind == "range":
            pending_range = True
            continue
        if kind == "open":
            saved.append([_Level(lv.unit, lv.base) for lv in levels])
            sep, last = None, "open"
            continue
        if kind == "close":
            if saved:
                levels = saved.pop()
            last = "close"
            continue
        if kind == "unit":
            unit = g.unit_kind(word) or g.unit_kind(word.rstrip(".")) or "paragraph"
            if word.startswith("§") and sep is None and paths and last in ("label", "plabel"):
                unit = "paragraph"  # "Article 35 § 1"
            if levels and paths and RANK[unit] > RANK[levels[-1].unit] and sep != "and":
                base = paths.pop()  # "Article 4, paragraphs 1, 2 and 4": under Article 4, which it replaces
                levels.append(_Level(unit, base))
            else:
                popped: _Level | None = None
                while levels and RANK[levels[-1].unit] >= RANK[unit]:
                    popped = levels.pop()
                levels.append(_Level(unit, popped.base if popped else ()))
            sep, last, paren_base, pending_range = None, "unit", None, False
            continue
        if not levels:
            continue
        level = levels[-1]
        if kind == "dotsub":
            # "II. b. c. d.": each letter under the label before the first one; straight after its unit word
            # ("litt. d.") a plain label
            word = word.strip()
            if last == "dotsub" and paren_base is not None:
                paths.append(paren_base + (_child(word, paren_base),))
                continue
            if last in ("label", "plabel") and sep is None and paths and not pending_range:
                paren_base = paths.pop()
                paths.append(paren_base + (_child(word, paren_base),))
                last = "dotsub"
                continue
            kind = "label"
        if kind == "plabel" and saved and not word.startswith("("):
            kind, word = "label", word[:-1]  # "(paragraph 2)": the bracket closes after the label
            closing = True
        else:
            closing = False
        glued = re.fullmatch(r"(\d{1,3})([a-z])\)", word) if kind == "plabel" else None
        if glued and level.unit == "article" and glued.group(2) == GLUED_ORDINAL.get(g.lang):
            # "l'article 23e)": paragraph e of Article 23 (the bracket says it is no ordinal)
            paths.append(level.base + (("article", glued.group(1)), ("paragraph", glued.group(2))))
            sep, last, pending_range, last_raw = None, "label", False, glued.group(1)
            continue
        if kind == "plabel":
            label = _label(word.strip("() "), g)
            if last in ("label", "plabel", "close") and sep is None and paths and not pending_range:
                paren_base = paths.pop()  # "1 (c)", "7, paragraph 1 d)": under the label before it
            if paren_base is not None and last != "unit":
                if pending_range and paths:
                    prev = paths[-1]
                    paths.extend(prev[:-1] + ((prev[-1][0], lab),) for lab in expand_range(prev[-1][1], label)[1:])
                else:
                    paths.append(paren_base + (_child(label, paren_base),))
                sep, last, pending_range = None, "plabel", False
                continue
            word = label
        # a plain label (or a bracketed one straight after its unit word: "alinéas b), d) et f)")
        raw = word.strip("() ")
        if pending_range and paths:
            prev = paths[-1]
            b = _make(level.unit, raw, level.base, prev, g)
            if b is not None and len(b) == len(prev) and b[:-1] == prev[:-1]:
                for lab in expand_range(prev[-1][1], b[-1][1])[1:MAX_PATHS]:
                    paths.append(prev[:-1] + ((prev[-1][0], lab),))
            elif b is not None:
                paths.append(b)
        else:
            if raw.lower() in g.number_words and last_raw.isdigit() and level.unit == "article":
                break  # "l'article 5 et un protocole": a word number after a numeral is a word
            p = _make(level.unit, raw, level.base, paths[-1] if paths else None, g)
            if p is None:
                return []
            if paths and len(paths[-1]) == 1 and len(p) == 2 and p[:1] == paths[-1] and level.unit == "article" \
                    and re.fullmatch(r"[IVXLC]+", raw):
                paths.pop()  # "article 34, II": paragraph II of Article 34 stands for it
            paths.append(p)
        sep, last, pending_range, last_raw = None, "label", False, raw
        if kind == "label":
            paren_base = None
        if closing and saved:
            levels, last = saved.pop(), "close"
    return paths


def _distinct(paths: list[Path]) -> tuple[Path, ...]:
    """The paths without repeats, in order, at most :data:`MAX_PATHS` of them."""
    return tuple(dict.fromkeys(paths))[:MAX_PATHS]


def _steps_to_path(steps: list[str], unit: str, previous: list[tuple[str, str]] | None) -> list[tuple[str, str]] | None:
    first = steps[0]
    out: list[tuple[str, str]] = []
    if unit in ("article", "chapter", "part"):
        if first[0].isdigit() or unit in ("chapter", "part"):
            out.append((unit, first.upper() if unit in ("chapter", "part") and not first.isdigit() else first))
        elif previous:
            # "Article 21.a.i and b": a bare letter continues the previous article's paragraphs
            kind = "item" if re.fullmatch(ROMAN, first) and previous[-1][0] == "item" else "paragraph"
            keep = [s for s in previous if s[0] == "article"] + (
                [s for s in previous if s[0] == "paragraph"][:1] if kind == "item" else [])
            out = keep + [(kind, first)]
            return out + [("item", s) for s in steps[1:]]
        else:
            return None
    elif unit == "paragraph":
        out.append(("paragraph", first))
    else:
        out.append(("item", first))
    for s in steps[1:]:
        prev_kind = out[-1][0]
        if s.isdigit():
            out.append(("paragraph", s))
        elif re.fullmatch(ROMAN, s) and prev_kind == "paragraph":
            out.append(("item", s))
        else:
            out.append(("paragraph", s))
    return out


# -- Russian --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Russian:
    """The compiled grammar of a language written smallest unit first, every unit word inflected
    (Russian): «подпункт "i" пункта "a" статьи 21». Its words come from ``reference-grammar.json``."""

    units: dict[str, str]
    span: re.Pattern[str]
    token: re.Pattern[str]  # the tokens of a whole span: unit words, labels, connectors
    group: re.Pattern[str]  # one unit word and its labels
    group_token: re.Pattern[str]  # the labels and connectors of one group
    chain_split: re.Pattern[str]  # «и» before a unit word: a new chain starts
    and_words: frozenset[str]
    range_words: frozenset[str]
    relative: dict[str, str]
    relative_before: tuple[tuple[re.Pattern[str], str], ...]
    this_article: re.Pattern[str]
    this_paragraph: re.Pattern[str]
    preceding: tuple[tuple[re.Pattern[str], str, str], ...]

    def unit_kind(self, word: str) -> str:
        return next(k for k, pat in self.units.items() if re.fullmatch(pat, word, re.IGNORECASE))


def _escaped(words: list[str]) -> str:
    """Literal words as alternatives, the longest first ("и/или" before "и")."""
    return _alt(sorted((re.escape(w) for w in words), key=len, reverse=True))


@cache
def _russian(lang: str) -> _Russian:
    v = vocabulary()[lang]
    units = {k: _alt(ws) for k, ws in v["units"].items()}
    any_unit = _alt(list(units.values()))
    opening, closing = (f"[{re.escape(chars)}]" for chars in v["label_quotes"])
    # a label as printed: 21, 1bis, a, iv, IV; quoted or bracketed «a», "b", (c); a letter of the language's
    # own alphabet only when quoted or bracketed (unquoted, «в», «с», «и» are words)
    qlabel = rf"(?:{opening}\s*(?:{LABEL}|{v['letter']})\s*{closing}|{LABEL})"
    conn = _escaped([",", *v["and"], *v["range"]])
    labels = rf"{qlabel}(?:\s*+(?:{conn})\s*+{qlabel}){{0,{MAX_LIST}}}"
    and_ = _escaped(v["and"])
    before = _alt([p["re"] for p in v["relative_before"]])
    after = _escaped(list(v["relative"]))
    span = re.compile(
        rf"""(?<![\w-])
        (?:(?:{before})\s+)?                                           # «вышеуказанном подпункте»: above
        (?P<body>(?:{any_unit})\s+{labels}                             # a unit word and its labels
           (?:\s*+(?:,\s*+)?(?:(?:{and_})\s+)?(?:{any_unit})\s+{labels}){{0,{MAX_LIST}}}  # more units: smallest first
           (?:\s*"[a-z]"\s*(?:[ivx]+"?)?)?                             # «статьей 20 "a"i"»: a glued path
        )
        (?P<rel>,?\s*(?:{after}))?                                     # «выше», «ниже»: above / below
        """,
        re.VERBOSE | re.IGNORECASE,
    )
    # a range word between labels: a sign, or a word standing alone («по», not the «по» of «подпункта»)
    range_words = _alt([re.escape(w) if not w.isalpha() else rf"\b{re.escape(w)}\b" for w in v["range"]])
    quoted = rf"{opening}\s*({LABEL}|{v['letter']})\s*{closing}"
    return _Russian(
        units=units,
        span=span,
        token=re.compile(rf"(?P<u>{any_unit})|{quoted}|({LABEL})|({conn})", re.IGNORECASE),
        group=re.compile(rf"(?P<u>{any_unit})\s+(?P<labels>{labels})(?P<glued>\s*\"[a-z]\"\s*(?:[ivx]+\"?)?)?",
                         re.IGNORECASE),
        group_token=re.compile(rf"{quoted}|({LABEL})|(,|{range_words})", re.IGNORECASE),
        # (?<!\s): tried once per run of spaces, not at each of them (a long run cost its length squared)
        chain_split=re.compile(rf"(?<!\s)\s+(?:{and_})\s+(?=(?:{any_unit})\s)", re.IGNORECASE),
        and_words=frozenset(v["and"]),
        range_words=frozenset(v["range"]),
        relative=v["relative"],
        relative_before=tuple((re.compile(p["re"], re.IGNORECASE), p["relative"]) for p in v["relative_before"]),
        this_article=re.compile(_alt(v["this_article"]), re.IGNORECASE),
        this_paragraph=re.compile(_alt(v["this_paragraph"]), re.IGNORECASE),
        preceding=tuple((re.compile(p["re"], re.IGNORECASE), p["unit"], p["count"]) for p in v["preceding"]),
    )


def _ru_letter(label: str) -> str:
    """A quoted label as the structure stage numbers it: a Cyrillic letter is the Latin one at its place in
    the alphabet («б» is b, «в» is c: kg/data/structure.json), anything else stays as printed."""
    return markers().latin_letter(label.lower()) if re.fullmatch(r"[а-яА-ЯёЁ]", label) else label


def _ru_refs(text: str, g: _Russian) -> list[Ref]:
    taken = _Taken()
    out = _preceding_refs(text, g.preceding, taken)
    for m in g.span.finditer(text):
        if m.start() in taken:
            continue
        paths = _distinct(_ru_paths(m.group("body"), g))
        if not paths:
            continue
        rel = (m.group("rel") or "").strip(" ,").lower()
        relative = g.relative.get(rel)
        for rx, said in g.relative_before:
            if rx.match(m.group()):
                relative = said
        end = m.start() + len(m.group().rstrip())
        out.append(Ref(m.start(), end, text[m.start() : end], tuple(paths), relative, None, end))
        taken.add(m.start(), end)
    for m in g.this_article.finditer(text):
        if m.start() in taken:
            continue
        out.append(Ref(m.start(), m.end(), m.group(), (), None, "this"))
    for m in g.this_paragraph.finditer(text):
        if m.start() in taken:
            continue
        out.append(Ref(m.start(), m.end(), m.group(), (), None, "this_paragraph"))
    return sorted(out, key=lambda r: r.start)


#: «статьей 20 "a"i"», «статьей 20 "d"»: a footnote's path glued to the article number
_RU_GLUED = re.compile(r"(?P<art>\d{1,3})\s*\"(?P<para>[a-z])\"\s*(?:(?P<item>[ivx]+)\"?)?\s*$")


def _ru_paths(body: str, g: _Russian) -> list[Path]:
    """Smallest-first chains, joined by «и»; a chain without an article takes the next one's."""
    glued = _RU_GLUED.search(body)
    if glued and re.match(rf"(?:{g.units['article']})\s+\d", body, re.IGNORECASE):
        path: Path = (("article", glued.group("art")), ("paragraph", glued.group("para")))
        if glued.group("item"):
            path += (("item", glued.group("item")),)
        return [path]
    tokens = g.token.findall(body)
    chains: list[list[tuple[str, list[str]]]] = [[]]
    unit: str | None = None
    labels: list[str] = []
    pending_range = False
    joiners = g.and_words | g.range_words

    def close_group() -> None:
        nonlocal labels
        if unit is not None and labels:
            chains[-1].append((unit, labels))
        labels = []

    for u, qlabel, label, conn in tokens:
        if u:
            close_group()
            unit = g.unit_kind(u)
            continue
        lab = _ru_letter(qlabel.strip()) if qlabel else label.strip()
        if lab:
            if lab.lower() in joiners:
                conn = lab.lower()
            else:
                if pending_range and labels:
                    labels.extend(expand_range(labels[-1], lab)[1:])
                    pending_range = False
                elif unit == "article" and labels and not lab[0].isdigit():
                    # «статьей 20 "a"i"»: a path glued to an article number
                    chains[-1].append(("article", labels))
                    labels = []
                    unit = "paragraph"
                    labels.append(lab)
                else:
                    labels.append(lab)
                continue
        if conn.lower() in g.range_words:
            pending_range = True
        # «и» before a unit word starts a new chain (below); before a label it continues the list
    close_group()
    # split chains at «и» followed by a unit word: re-scan the body for that
    pieces = g.chain_split.split(body)
    if len(pieces) > 1:
        return _ru_paths_chains([_ru_paths_single(p, g) for p in pieces])
    return _ru_paths_chains([chains[0]])


def _ru_paths_single(piece: str, g: _Russian) -> list[tuple[str, list[str]]]:
    groups: list[tuple[str, list[str]]] = []
    for m in g.group.finditer(piece):
        unit = g.unit_kind(m.group("u"))
        labels: list[str] = []
        pending_range = False
        for qlabel, label, conn in g.group_token.findall(m.group("labels")):
            lab = _ru_letter(qlabel.strip()) if qlabel else label.strip()
            if lab and lab.lower() not in g.and_words | g.range_words:
                if pending_range and labels:
                    labels.extend(expand_range(labels[-1], lab)[1:])
                    pending_range = False
                else:
                    labels.append(lab)
            elif conn.lower() in g.range_words or lab.lower() in g.range_words:
                pending_range = True
        groups.append((unit, labels))
        if m.group("glued"):
            glued = re.findall(r"[a-z]+", m.group("glued"))
            if glued:
                groups.insert(0, ("paragraph", [glued[0]]))
                if len(glued) > 1:
                    groups.insert(0, ("item", [glued[1]]))
    return groups


def _ru_paths_chains(chains: list[list[tuple[str, list[str]]]]) -> list[Path]:
    out: list[Path] = []
    # the article (or chapter) that closes a later chain applies to earlier chains without one
    closing: list[tuple[str, list[str]] | None] = []
    nxt: tuple[str, list[str]] | None = None
    for chain in reversed(chains):
        top = next((g for g in reversed(chain) if g[0] in ("article", "chapter")), None)
        if top is not None:
            nxt = top
        closing.append(nxt)
    closing.reverse()
    for chain, close in zip(chains, closing, strict=True):
        has_top = any(g[0] in ("article", "chapter") for g in chain)
        groups = list(chain) if has_top or close is None else list(chain) + [close]
        # largest first; labels of the largest group may be a list ("статей 7, 15, 20 и 22")
        groups.reverse()
        partial: list[list[tuple[str, str]]] = [[]]
        for unit, labels in groups:
            new: list[list[tuple[str, str]]] = []
            for p in partial:
                for lab in labels:
                    prev_kind = p[-1][0] if p else None
                    if unit == "chapter":
                        kind = "chapter"
                        lab = lab.upper()
                    elif lab[0].isdigit() or (unit == "article" and prev_kind is None
                                              and re.fullmatch(r"[IVXLC]+", lab)):
                        # «статьи 21», «статьи IV»: an article numbered in Arabic or upper-case Roman numerals
                        kind = "article" if prev_kind is None and unit == "article" else "paragraph"
                    elif re.fullmatch(ROMAN, lab) and (prev_kind == "paragraph" or unit == "item"
                                                        and lab not in ("a", "b", "c", "d", "e", "f")):
                        kind = "item" if prev_kind != "article" or lab in ("i", "ii", "iii", "iv", "v", "vi") \
                            and unit == "item" and prev_kind == "paragraph" else "paragraph"
                    else:
                        kind = "paragraph"
                    new.append(p + [(kind, lab)])
                    if len(new) >= MAX_PATHS:
                        break  # each group multiplies the paths: «пунктов 1-199 пунктов 1-199 ...» gave millions
                if len(new) >= MAX_PATHS:
                    break
            partial = new
        out.extend(tuple(p) for p in partial if p)
        if len(out) >= MAX_PATHS:
            break
    return out


def parse_references(text: str, lang: str) -> list[Ref]:
    """Every reference expression in ``text``, in text order."""
    v = vocabulary().get(lang)
    if isinstance(v, dict) and v.get("order") == "smallest first":
        return _ru_refs(text, _russian(lang))
    g = _latin(lang)
    return _latin_refs(text, g) if g is not None else []
