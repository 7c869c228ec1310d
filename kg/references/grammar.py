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

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from kg.structure.markers import markers, roman_value, to_roman

Path = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Ref:
    """One reference expression: ``quote == text[start:end]``; each path is largest unit first.

    ``relative`` is "above"/"below" when the text says so; ``scope`` is "this" for "this Article"
    (a path of its own then is empty), "this_paragraph" for "This paragraph" and "preceding" for "the
    preceding paragraphs of this Article";
    ``tail`` is where the words naming another text may start ("of the Charter"), or None.
    """

    start: int
    end: int
    quote: str
    paths: tuple[Path, ...]
    relative: str | None = None
    scope: str | None = None
    tail: int | None = None

    def dump(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "quote": self.quote,
                "paths": [[list(step) for step in p] for p in self.paths], "relative": self.relative,
                "scope": self.scope, "tail": self.tail}


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
LABEL = rf"(?:\d{{1,3}}(?:\s?bis|\s?ter)?(?![\w])|{ROMAN_LABEL}(?![a-z])|[a-z](?![a-z])|[IVXLC]{{1,6}}(?![A-Za-z]))"
QLABEL = r"(?:[\"«“„]\s*" + LABEL + r"\s*[\"»”“]|" + LABEL + r")"


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

_EN_UNITS = {
    "article": r"[Aa]rticles?|ARTICLES?|[Aa]rt\.",
    "paragraph": r"(?:sub-?)?paragraphs?|(?:Sub-?)?[Pp]aragraphs?|§§?",
    "item": r"sections?|items?|points?",
    "chapter": r"[Cc]hapters?|CHAPTERS?",
    "part": r"[Pp]arts?|PARTS?",
}
_FR_UNITS = {
    "article": r"[Aa]rticles?|ARTICLES?|[Aa]rt\.",
    "paragraph": r"(?:sous-)?paragraphes?|(?:Sous-)?[Pp]aragraphes?|alinéas?|§§?",
    "item": r"points?|sous-alinéas?",
    "chapter": r"[Cc]hapitres?|CHAPITRES?",
    "part": r"[Pp]arties?|PARTIES?|[Tt]itres?",
}
_UNITS = {"en": _EN_UNITS, "fr": _FR_UNITS}
_CONNECT = {"en": r"and|or|to", "fr": r"et|ou|à"}
_RELATIVE = {"en": {"above": "above", "below": "below", "hereinabove": "above", "hereinafter": "below"},
             "fr": {"ci-dessus": "above", "ci-dessous": "below", "ci-après": "below", "précédent": "above"}}
_THIS = {"en": r"(?:this|the\s+present)\s+[Aa]rticle", "fr": r"(?:le\s+présent|cet)\s+article"}
_THIS_PARAGRAPH = {"en": r"\b(?:[Tt]his|[Tt]he\s+present)\s+paragraph\b(?!\s+of)",
                   "fr": r"\b(?:[Ll]e\s+présent|[Cc]e)\s+paragraphe\b"}
_PRECEDING = {"en": r"the\s+preceding\s+paragraphs\s+of\s+(?:this|the\s+present)\s+[Aa]rticle",
              "fr": r"(?:des\s+)?paragraphes\s+précédents\s+du\s+présent\s+article"}


def _latin_span(lang: str) -> re.Pattern[str]:
    units = "|".join(_UNITS[lang].values())
    conn = _CONNECT[lang]
    rel = "|".join(re.escape(w) for w in _RELATIVE[lang])
    path = rf"(?:\({LABEL}\)|{LABEL})(?:\.{LABEL})*(?:\s?\((?:{LABEL})\))*(?:\s?§\s?\d+)?"
    return re.compile(
        rf"""(?<![\w-])
        (?P<unit>{units})\s+                                   # a unit word: Article, paragraph, section
        (?P<body>{path}                                        # its first label path: 21.a.i, 1 (c)
          (?:(?:\s*+,\s*+(?:(?:{conn})\s++)?|\s++(?:{conn})\s++|\s*+[-–]\s*+)   # a list or range connector
             (?:(?:{units})\s+)?{path}(?![\w-])){{0,{MAX_LIST}}}  # and the next label (maybe with its unit)
          (?:,?\s*+(?:{units})\s+{path}){{0,{MAX_LIST}}}      # "Article 2, paragraph 7"
          (?:\s+of\s+(?:{units})\s+{path})?                    # "paragraph 1 (c) of Article 86"
        )
        (?:,?\s+(?P<rel>{rel})\b)?                              # above / below
        """,
        re.VERBOSE,
    )


#: what precedes a unit of a publication rather than of a text: "Vol. I, Part 1", "vol. 2, chap. 3"
PUBLICATION = re.compile(r"(?:[Vv]ol\.|[Vv]olume|Sales\s+No\.)\s*[\w.]+,?\s*$")

_UNDER = {"en": re.compile(r"\bunder\s+(?P<label>[a-z](?:\.[ivx]+)?)\s+(?P<rel>above|below)\b")}


def _latin_refs(text: str, lang: str) -> list[Ref]:
    out: list[Ref] = []
    taken = _Taken()
    for m in re.finditer(_PRECEDING[lang], text):
        out.append(Ref(m.start(), m.end(), m.group(), (), None, "preceding"))
        taken.add(m.start(), m.end())
    for m in _latin_span(lang).finditer(text):
        if m.start() in taken:
            continue
        if PUBLICATION.search(text[max(0, m.start() - 20) : m.start()]):
            continue  # "(Vol. I, Part 1)": a part of a publication cited, not of this text
        unit_kind = next(k for k, pat in _UNITS[lang].items() if re.fullmatch(pat, m.group("unit")))
        paths = _distinct(_latin_paths(m.group("unit") + " " + m.group("body"), unit_kind, lang))
        if not paths:
            continue
        end = m.end()
        out.append(Ref(m.start(), end, text[m.start() : end], tuple(paths),
                       _RELATIVE[lang].get(m.group("rel") or ""), None, end))
        taken.add(m.start(), end)
    for m in _UNDER.get(lang, re.compile(r"(?!x)x")).finditer(text):
        if m.start() in taken:
            continue
        steps = m.group("label").split(".")
        path: Path = (("paragraph", steps[0]),) + tuple(("item", s) for s in steps[1:])
        out.append(Ref(m.start(), m.end(), m.group(), (path,), m.group("rel")))
        taken.add(m.start(), m.end())
    for m in re.finditer(_THIS[lang], text):
        if m.start() in taken:
            continue
        out.append(Ref(m.start(), m.end(), m.group(), (), None, "this"))
    for m in re.finditer(_THIS_PARAGRAPH[lang], text):
        if m.start() in taken:
            continue
        out.append(Ref(m.start(), m.end(), m.group(), (), None, "this_paragraph"))
    return sorted(out, key=lambda r: r.start)


_TOKEN = re.compile(r"(?P<unit>[A-Za-zéè§-]+\.?)|(?P<label>\d{1,3}(?:\s?bis|\s?ter)?|[a-z]{1,4})|(?P<sep>[,.()§–-])")


def _unit_kind(word: str, units: dict[str, str]) -> str | None:
    return next((k for k, pat in units.items() if re.fullmatch(pat, word) or re.fullmatch(pat, word.rstrip("."))), None)


def _latin_paths(span: str, first_unit: str, lang: str) -> list[Path]:
    """Turn "Articles 1.d, 7, 15 and 22" / "paragraph a.v" / "Article 2, paragraph 7" into paths."""
    units = _UNITS[lang]
    conn_and = {"and", "or", "et", "ou"}
    conn_range = {"to", "à", "-", "–"}
    paths: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    unit = first_unit
    pending_range = False
    deeper = False  # "Article 2, paragraph 7" / "Article 35 § 1": the next label goes under the last path
    # split into words keeping dots inside paths
    words = re.findall(r"§|\(\w+\)|[\w-]+(?:\.[\w]+)*|[,–-]", span)
    if "of" in words or "du" in words or "de" in words:
        # "paragraph 1 (c) of Article 86": the container comes last; read it first, then prefix it
        k = max(words.index(w) for w in ("of", "du", "de") if w in words)
        outer_words = words[k + 1 :]
        outer_unit = next((u for u, pat in units.items() if re.fullmatch(pat, outer_words[0])), None) \
            if outer_words else None
        outer = _latin_paths(" ".join(outer_words[1:]), outer_unit, lang) if outer_unit else []
        # "Article 99 and paragraph z of Article 2": the container holds the paragraphs after the last
        # "and" only; the articles before it stand on their own
        head: list[Path] = []
        pre = words[:k]
        unit_of = first_unit
        if first_unit == "article" and len(outer) == 1:
            cut = next((i for i in range(len(pre) - 1, 0, -1) if pre[i - 1] in conn_and
                        and _unit_kind(pre[i], units) in ("paragraph", "item")), None)
            if cut is not None:
                head = _latin_paths(" ".join(pre[: cut - 1]), first_unit, lang)
                pre, unit_of = pre[cut:], _unit_kind(pre[cut], units) or first_unit
        inner = _latin_paths(" ".join(pre), unit_of, lang)
        if len(outer) == 1 and inner:
            return head + [outer[0] + tuple(step for step in p if step[0] != "article") for p in inner]
        return head + inner
    i = 0
    while i < len(words):
        w = words[i]
        i += 1
        kind = _unit_kind(w, units)
        if w == "§":
            deeper = bool(paths)
            unit = "paragraph"
            continue
        if kind is not None and not re.fullmatch(LABEL, w):
            if kind in ("paragraph", "item") and paths and unit == "article":
                deeper = True  # "Article 2, paragraph 7": deeper into the same article
            unit = kind
            continue
        if w in (",",):
            continue
        if w in conn_and:
            continue
        if w in conn_range:
            pending_range = True
            continue
        if deeper and paths and not w.startswith("("):
            deeper = False
            paths[-1] = paths[-1] + [("paragraph", s) for s in w.split(".")[:1]] + [
                ("item" if re.fullmatch(ROMAN, s) else "paragraph", s) for s in w.split(".")[1:]]
            continue
        deeper = False
        # a label path: 21.a.i, or "(c)"
        if w.startswith("("):
            label = w.strip("()")
            if paths or current:
                base = (paths[-1] if paths else current)
                kind_here = "item" if re.fullmatch(ROMAN, label) and base and base[-1][0] == "paragraph" \
                    and not base[-1][1].isdigit() else "paragraph"
                newp = list(base) + [(kind_here, label)]
                if paths:
                    paths[-1] = newp
                else:
                    current = newp
            continue
        steps = w.split(".")
        if pending_range and paths:
            pending_range = False
            prev = paths[-1]
            a = prev[-1][1]
            b = steps[0]
            for label in expand_range(a, b)[1:MAX_PATHS]:
                paths.append(prev[:-1] + [(prev[-1][0], label)])
            continue
        path = _steps_to_path(steps, unit, paths[-1] if paths else None)
        if path is None:
            return []
        paths.append(path)
    return [tuple(p) for p in paths]


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

_RU_UNIT = {
    "item": r"подпункт(?:а|у|е|ом|ы|ов|ам|ами|ах)?",
    "paragraph": r"пункт(?:а|у|е|ом|ы|ов|ам|ами|ах)?|абзац(?:а|у|е|ем|ы|ев|ам|ами|ах)?",
    "article": r"стать(?:я|и|е|ю|ей|ям|ями|ях)|статей",
    "chapter": r"глав(?:а|ы|е|у|ой|ам|ами|ах)?",
}
_RU_ANY_UNIT = "|".join(_RU_UNIT.values())
#: a Cyrillic letter as a label, «б» or "в": only in quotes (unquoted, «в», «с», «и» are words)
_RU_CYRILLIC_LABEL = r"[\"«“„]\s*[а-я]\s*[\"»”“]"
_RU_QLABEL = rf"(?:{_RU_CYRILLIC_LABEL}|{QLABEL})"
_RU_LABELS = rf"{_RU_QLABEL}(?:\s*+(?:,|и|или|-|–|по)\s*+{_RU_QLABEL}){{0,{MAX_LIST}}}"
_RU_SPAN = re.compile(
    rf"""(?<![\w-])
    (?:вышеуказанн\w*\s+|нижеуказанн\w*\s+)?                     # "in the above-mentioned sub-paragraph"
    (?P<body>(?:{_RU_ANY_UNIT})\s+{_RU_LABELS}                     # a unit word and its labels
       (?:\s*+(?:,\s*+)?(?:и\s+|или\s+)?(?:{_RU_ANY_UNIT})\s+{_RU_LABELS}){{0,{MAX_LIST}}}  # more units: smallest first
       (?:\s*"[a-z]"\s*(?:[ivx]+"?)?)?                             # «статьей 20 "a"i"»: a glued path
    )
    (?P<rel>,?\s*(?:выше|ниже))?                                   # above / below
    """,
    re.VERBOSE | re.IGNORECASE,
)
#: «настоящей статьи», «настоящей статьей» (the instrumental: the ending is read whole, not «статье» + «й»)
_RU_THIS = re.compile(r"настоящ(?:ей|ая|ую|ею)\s+стать(?:ей|ею|и|е|ю|я)(?!\w)", re.IGNORECASE)
_RU_THIS_PARAGRAPH = re.compile(r"настоящ(?:его|ий|ему|им|ем)\s+пункт(?:а|у|ом|е)?\b", re.IGNORECASE)
_RU_PRECEDING = re.compile(r"предыдущих\s+пунктов\s+настоящей\s+статьи", re.IGNORECASE)


def _ru_letter(label: str) -> str:
    """A quoted label as the structure stage numbers it: a Cyrillic letter is the Latin one at its place in
    the alphabet («б» is b, «в» is c: kg/data/structure.json), anything else stays as printed."""
    return markers().latin_letter(label.lower()) if re.fullmatch(r"[а-яА-Я]", label) else label


def _ru_refs(text: str) -> list[Ref]:
    out: list[Ref] = []
    taken = _Taken()
    for m in _RU_PRECEDING.finditer(text):
        out.append(Ref(m.start(), m.end(), m.group(), (), None, "preceding"))
        taken.add(m.start(), m.end())
    for m in _RU_SPAN.finditer(text):
        if m.start() in taken:
            continue
        paths = _distinct(_ru_paths(m.group("body")))
        if not paths:
            continue
        rel = m.group("rel")
        relative = "above" if rel and "выше" in rel else "below" if rel and "ниже" in rel else None
        if re.match(r"вышеуказанн", m.group(), re.I):
            relative = "above"
        end = m.start() + len(m.group().rstrip())
        out.append(Ref(m.start(), end, text[m.start() : end], tuple(paths), relative, None, end))
        taken.add(m.start(), end)
    for m in _RU_THIS.finditer(text):
        if m.start() in taken:
            continue
        out.append(Ref(m.start(), m.end(), m.group(), (), None, "this"))
    for m in _RU_THIS_PARAGRAPH.finditer(text):
        if m.start() in taken:
            continue
        out.append(Ref(m.start(), m.end(), m.group(), (), None, "this_paragraph"))
    return sorted(out, key=lambda r: r.start)


#: «статьей 20 "a"i"», «статьей 20 "d"»: a footnote's path glued to the article number
_RU_GLUED = re.compile(r"(?P<art>\d{1,3})\s*\"(?P<para>[a-z])\"\s*(?:(?P<item>[ivx]+)\"?)?\s*$")


def _ru_paths(body: str) -> list[Path]:
    """Smallest-first chains, joined by «и»; a chain without an article takes the next one's."""
    glued = _RU_GLUED.search(body)
    if glued and re.match(rf"(?:{_RU_UNIT['article']})\s+\d", body, re.IGNORECASE):
        path: Path = (("article", glued.group("art")), ("paragraph", glued.group("para")))
        if glued.group("item"):
            path += (("item", glued.group("item")),)
        return [path]
    tokens = re.findall(rf"(?P<u>{_RU_ANY_UNIT})|[\"«“„]\s*({LABEL}|[а-я])\s*[\"»”“]|({LABEL})|(,|и|или|-|–|по)",
                        body, re.IGNORECASE)
    chains: list[list[tuple[str, list[str]]]] = [[]]
    unit: str | None = None
    labels: list[str] = []
    pending_range = False

    def close_group() -> None:
        nonlocal labels
        if unit is not None and labels:
            chains[-1].append((unit, labels))
        labels = []

    for u, qlabel, label, conn in tokens:
        if u:
            close_group()
            unit = next(k for k, pat in _RU_UNIT.items() if re.fullmatch(pat, u, re.IGNORECASE))
            continue
        lab = _ru_letter(qlabel.strip()) if qlabel else label.strip()
        if lab:
            if lab.lower() in ("и", "или", "по"):
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
        if conn in ("-", "–", "по"):
            pending_range = True
        elif conn in ("и", "или"):
            # «и» before a unit word starts a new chain; before a label it continues the list
            pass
    close_group()
    # split chains at «и» followed by a unit word: re-scan the body for that
    # (?<!\s): tried once per run of spaces, not at each of them (a long run cost its length squared)
    pieces = re.split(rf"(?<!\s)\s+(?:и|или)\s+(?=(?:{_RU_ANY_UNIT})\s)", body, flags=re.IGNORECASE)
    if len(pieces) > 1:
        return _ru_paths_chains([_ru_paths_single(p) for p in pieces])
    return _ru_paths_chains([chains[0]])


def _ru_paths_single(piece: str) -> list[tuple[str, list[str]]]:
    groups: list[tuple[str, list[str]]] = []
    for m in re.finditer(rf"(?P<u>{_RU_ANY_UNIT})\s+(?P<labels>{_RU_LABELS})(?P<glued>\s*\"[a-z]\"\s*(?:[ivx]+\"?)?)?",
                         piece, re.IGNORECASE):
        unit = next(k for k, pat in _RU_UNIT.items() if re.fullmatch(pat, m.group("u"), re.IGNORECASE))
        labels: list[str] = []
        pending_range = False
        for qlabel, label, conn in re.findall(rf"[\"«“„]\s*({LABEL}|[а-яА-Я])\s*[\"»”“]|({LABEL})|(,|-|–|\bпо\b)",
                                               m.group("labels")):
            lab = _ru_letter(qlabel.strip()) if qlabel else label.strip()
            if lab and lab.lower() not in ("и", "или", "по"):
                if pending_range and labels:
                    labels.extend(expand_range(labels[-1], lab)[1:])
                    pending_range = False
                else:
                    labels.append(lab)
            elif conn in ("-", "–", "по") or lab == "по":
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
                    elif lab[0].isdigit():
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
    if lang == "ru":
        return _ru_refs(text)
    if lang in _UNITS:
        return _latin_refs(text, lang)
    return []
