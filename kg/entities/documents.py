"""Documents a text cites: UN document symbols, resolution numbers and Treaty Series references.

A pure text module: it reads a string and returns frozen values with offsets into that string.
Which body's resolutions carry which symbol series is data (``kg/data/document-patterns.json``).

>>> [r.symbols for r in find_document_refs("(A/67/L.14/Rev.1 and Add.1); recalling its resolution 44/6")]
[('A/67/L.14/Rev.1',), ('A/67/L.14/Add.1',), ('A/RES/44/6',)]
>>> [(t.volume, t.number, t.ibid) for t in find_treaty_series("UNTS vol. 999, p. 171; ibid., vol. 2515, No. 44910.")]
[('999', '', False), ('2515', '44910', True)]

Forms read
----------
Printed symbols
    ``A/RES/67/83``, ``A/67/280``, ``S/2012/614``, ``E/CN.4/2005/L.10/Add.17``, ``A/HRC/RES/16/18``,
    ``CRC/C/GC/13``, ``A/RES/ES-10/19``; drafts (a ``L.`` component) get kind ``"draft"``. A joint
    symbol ``A/67/280-S/2012/614`` is one ref with both symbols. ``S/RES/1373 (2001)`` and
    ``A/RES/2200(XXI)`` keep their session part, canonically with one space before a year and none
    before a Roman numeral. Addenda that follow (``... and Add.1``, ``..., Add.1 and Corr.1``) are
    refs of their own, quoting just ``Add.1``, and attach to the base symbol: trailing ``/Rev.n``,
    ``/Add.n`` and ``/Corr.n`` parts are dropped first, so ``A/67/L.14/Rev.1 and Add.1`` gives
    ``A/67/L.14/Add.1``. A symbol must start with capitals, have a ``/`` and a digit; a trailing
    ``.``, ``,``, ``;``, ``)`` or ``*`` (reissue mark) is left out. In text extracted from PDF a symbol
    is often glued to the word before (``United NationsA/RES/67/83*General``); such a symbol is taken
    only when its second part is ``RES`` or a number, so ``CoE/UN/2012`` gives nothing.
Resolution numbers
    Only numbers in the list right after the word resolution(s) / résolution(s) / резолюция (any
    case form) count, so dates, ratios and page numbers (``12/12/2012``, ``6/6``, ``2006-2015``) do
    not. Items are ``44/6``, ``ES-10/19``, ``S-26/2``, ``1373 (2001)`` (the Security Council's form,
    always ``S/RES/``), joined by commas, *and*, *et*, *и*; an item may carry a date
    (``44/6 of 17 October 1989``). Each ref quotes the number only. A body named before the word
    (``Human Rights Council resolution 16/18``), between the word and the number (``резолюции
    Генеральной Ассамблеи 44/6``) or after a number (``résolution 16/18 du Conseil des droits de
    l'homme``) gives the series; a body after a number also serves the numbers before it in the same
    list that name none. Otherwise ``resolution_series`` is used, and ``None`` drops those numbers. A
    number whose first part is a year (``2004/67``) is taken only when a body is named, since the
    General Assembly numbers by session and the default series would give a wrong symbol.
    A part letter (``65/130 A``) is kept only when a single capital follows after one space and is
    itself followed by punctuation, a line end or the end of the text: ``resolution 65/130 A.``
    gives ``A/RES/65/130 A``; in ``65/130 A and B`` the letters are left out (the number still counts).

Left out, on purpose
    Old-style numbers with a Roman session, ``resolution 2200 A (XXI)``: the mapping to symbols
    (``A/RES/2200(XXI)[A]``?) is not certain, so these items give no ref; they are still read as list
    items, so ``resolutions 2200 A (XXI) and 44/6`` gives ``44/6``. Ranges of addenda (``Add.1-3``)
    give no addendum ref. ``X/Add.1 and Corr.1`` reads as ``X/Corr.1`` (the corrigendum may in fact
    correct the addendum; the text does not say).

Treaty Series
    ``United Nations, Treaty Series, vol. 2187, No. 38544``, the French and Russian series names,
    ``UNTS vol. 999, p. 171`` and ``999 UNTS 171`` (volume and first page: ``number`` is ``""`` and
    the page is not kept), a bare ``vol. 1249, No. 20378`` (a bare volume without a number is too
    vague and is skipped), and ``Ibid., vol. 2515, No. 44910`` / ``Там же, т. ...`` with
    ``ibid=True``. A bare or ibid cite right after another series (``League of Nations, Treaty
    Series, vol. 94``, ``United Kingdom Treaty Series``) is not the UN one and is skipped; only the
    last *series* cited is tracked, so an ``Ibid.`` after a footnote citing some other publication
    without ``vol.`` still counts. ``Sales No. E.02.XIV.4`` and ``Vol. I`` are never read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["DocumentRef", "TreatySeriesRef", "find_document_refs", "find_treaty_series"]


@dataclass(frozen=True)
class DocumentRef:
    """One document a text refers to: ``quote == text[start:end]``.

    ``symbols`` are the canonical UN symbols of that one document (two for a joint symbol);
    ``kind`` is ``"symbol"`` (printed), ``"resolution"`` (a number expanded with its series) or
    ``"draft"`` (a printed symbol with an ``L.`` part).
    """

    start: int
    end: int
    quote: str
    symbols: tuple[str, ...]
    kind: str

    def dump(self) -> dict[str, Any]:
        out = asdict(self)
        out["symbols"] = list(self.symbols)
        return out


@dataclass(frozen=True)
class TreatySeriesRef:
    """A United Nations Treaty Series cite: ``quote == text[start:end]``.

    ``number`` is the registration number, ``""`` when the cite gives a page instead; ``ibid`` is
    True for ``Ibid., vol. ...`` (the series is the one cited before).
    """

    start: int
    end: int
    quote: str
    volume: str
    number: str
    ibid: bool

    def dump(self) -> dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------------------------------------
# Regex helpers


def _alternation(names: list[str]) -> str:
    """A regex matching any of ``names``, longest first, any run of spaces and either apostrophe alike."""
    parts = []
    for name in sorted(set(names), key=lambda n: (-len(n), n)):
        words = [re.sub("['’]", "['’]", re.escape(w)) for w in name.split()]
        parts.append(r"\s+".join(words))
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _fold(name: str) -> str:
    """The form a printed body name is looked up by."""
    return " ".join(name.replace("’", "'").casefold().split())


# ---------------------------------------------------------------------------------------------
# Printed symbols

#: one part of a symbol after a slash
_COMPONENT = r"""
    (?:
        (?:ES|S)-\d{1,2}                # an emergency or special session: A/RES/ES-10/19, A/RES/S-26/2
      | [A-Z][A-Za-z]{0,9}(?:\.\d{1,4})?  # a series word, numbered or not: RES, HRC, CN.4, L.14, Rev.1, Add.17
      | \d{1,6}                         # a session, year or serial number: 67, 2012, 614
    )
"""

#: one symbol: capitals, then slash-separated parts
_ONE_SYMBOL = rf"""
    [A-Z]{{1,8}}                        # the series of the issuing organ: A, S, E, CRC, ST
    (?:/{_COMPONENT}){{1,12}}           # its parts; a '.' or '*' that follows is punctuation, not a part
"""

SYMBOL = re.compile(
    rf"""
    (?<![A-Z0-9/.\-–_])                 # not inside a longer symbol or word in capitals (lower case may
                                        # precede: PDF text glues the symbol to the word before it)
    (?P<joint>
        {_ONE_SYMBOL}
        (?:[-–]{_ONE_SYMBOL})*          # a joint symbol of two organs: A/67/280-S/2012/614
    )
    (?P<session>\s?\((?:\d{{4}}|[IVXLC]{{1,7}})\))?  # a resolution's year or Roman session: S/RES/1373 (2001)
    """,
    re.VERBOSE,
)

#: where a joint symbol is cut: a dash before the next organ's series
JOINT_DASH = re.compile(r"[-–](?=[A-Z]{1,8}/)")

#: an addendum, corrigendum or revision listed after a symbol: "A/67/L.14/Rev.1 and Add.1"
ADDENDUM = re.compile(
    r"""
    (?:\s*,\s*(?:(?:and|et|и)\s+)?      # ", Add.1" or ", and Add.1"
      | \s+(?:and|et|и)\s+)             # " and Add.1" (French et, Russian и)
    (?P<part>
        (?:Add|Corr|Rev|Amend)\.\d{1,3}
        (?:/(?:Add|Corr|Rev)\.\d{1,3})*  # "Add.1/Corr.1": a corrigendum of that addendum
    )
    (?![\w/]|[-–]\d|\.\d)               # not a range of addenda (Add.1-3) nor part of a longer token
    """,
    re.VERBOSE,
)

#: the trailing revision / addendum / corrigendum parts that are dropped to get the base document
TRAILING_PARTS = re.compile(r"(?:/(?:Add|Corr|Rev|Amend)\.\d{1,3})+$")

#: a draft: a part "L.<n>"
DRAFT_PART = re.compile(r"(?:^|/)L\.\d")


def _kind(symbols: tuple[str, ...]) -> str:
    return "draft" if any(DRAFT_PART.search(s) for s in symbols) else "symbol"


def _symbol_refs(text: str) -> Iterator[DocumentRef]:
    for m in SYMBOL.finditer(text):
        joint = m.group("joint")
        start = m.start()
        parts = JOINT_DASH.split(joint)
        if not all(any(ch.isdigit() for ch in p) for p in parts):
            continue
        if start and text[start - 1].isalpha():
            # glued to the word before: accept only A/RES/..., A/67/... and the like
            second = parts[0].split("/")[1]
            if second != "RES" and not second.isdigit():
                continue
        end = m.end("joint")
        symbols = tuple(parts)
        session = m.group("session")
        if session and len(parts) == 1 and "/RES/" in joint and joint.rsplit("/", 1)[1].isdigit():
            inner = session.strip()[1:-1]
            symbols = (f"{joint} ({inner})" if inner.isdigit() else f"{joint}({inner})",)
            end = m.end("session")
        yield DocumentRef(start, end, text[start:end], symbols, _kind(symbols))
        if len(parts) > 1 or end != m.end("joint"):
            continue
        base = TRAILING_PARTS.sub("", joint)
        pos = end
        while (a := ADDENDUM.match(text, pos)) is not None:
            symbol = f"{base}/{a.group('part')}"
            yield DocumentRef(a.start("part"), a.end("part"), a.group("part"), (symbol,), _kind((symbol,)))
            pos = a.end()


# ---------------------------------------------------------------------------------------------
# Resolution numbers in running text

#: the Security Council numbers its resolutions "1373 (2001)"; no other body does
YEAR_NUMBERED_SERIES = "S/RES/"

#: the word that opens a list of resolution numbers
_RESOLUTION_WORD = r"""
    (?<!\w)
    (?:resolutions?                     # English, any case: "Resolutions 55/3, ..." in a footnote
      | résolutions?                    # French
      | резолюци(?:я|и|ю|ей|й|ям|ями|ях))  # Russian, every case form
    (?!\w)
"""

#: "in its" between a body and the word: "the Security Council, in its resolution 1325 (2000)"
_IN_ITS = r"(?:,?\s+(?:in\s+its|в\s+своей|dans\s+sa))?"

#: the little words before a body named after the number: "of the", "du", "de l'"
_CONNECTOR = r"(?:of\s+the\s+|of\s+|du\s+|de\s+la\s+|de\s+l['’]\s*|des\s+|de\s+)?"

#: a date after a number: "of 17 October 1989", "du 17 octobre 1989", "от 17 октября 1989 года"
_DATE = r"""
    (?:,?\s+(?:of|du|от)\s+\d{1,2}(?:er)?\s+[^\W\d_]{3,12}\s+\d{4}(?:\s+(?:года|г\.))?)
"""

#: between two items of a list: ", ", " and ", ", and ", " et ", " и "
ITEM_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|et|и)\s+)?|\s+(?:and|et|и)\s+", re.IGNORECASE)


@cache
def _bodies() -> dict[str, str]:
    """Folded body name -> symbol series, from ``kg/data/document-patterns.json``."""
    return {_fold(name): body["series"] for body in document_patterns()["bodies"] for name in body["names"]}


def _series_of(name: str) -> str:
    """The series of a body name as matched (case-insensitive matching is looser than casefold)."""
    bodies = _bodies()
    folded = _fold(name)
    if folded in bodies:
        return bodies[folded]
    return next(series for key, series in bodies.items() if re.fullmatch(_alternation([key]), name, re.IGNORECASE))


@cache
def document_patterns() -> dict[str, Any]:
    """The data file ``kg/data/document-patterns.json``."""
    text = resources.files("kg").joinpath("data/document-patterns.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _resolution_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The opening of a list (body, word, body) and one item of it; they name the bodies of the data file."""
    bodies = _alternation(list(_bodies()))
    opening = re.compile(
        rf"""
        (?:(?P<before>{bodies}){_IN_ITS}\s+)?  # a body named before the word: "Security Council resolution"
        {_RESOLUTION_WORD}
        (?:\s+{_CONNECTOR}(?P<between>{bodies}))?  # a body after the word: "резолюции Генеральной Ассамблеи 44/6"
        \s+                                 # the first number follows
        """,
        re.VERBOSE | re.IGNORECASE,
    )
    item = re.compile(
        rf"""
        (?P<number>
            (?P<session>(?:ES-|S-)?\d{{1,4}})/(?P<serial>\d{{1,4}})  # session/number; a year/number (ECOSOC)
            (?![/\d]|\.\d|[-–]\d)           # not a date (12/12/2012), a decimal or a range
            (?:\s(?-i:(?P<part>[A-Z]))(?=[.,;:)\n]|\Z))?  # a part letter, only before punctuation: "65/130 A."
          | (?P<sc>\d{{1,4}})\s?\((?P<year>\d{{4}})\)  # the Security Council's form: 1373 (2001)
          | (?P<old>\d{{1,4}}(?:\s?(?-i:[A-Z]))?\s?\((?-i:[IVXLC]{{1,7}})\))  # old style, 2200 A (XXI): read, no ref
        )
        (?![\w/])                           # the number ends here
        {_DATE}?
        (?:\s+{_CONNECTOR}(?P<after>{bodies})(?!\w))?  # a body after: "16/18 du Conseil des droits de l'homme"
        {_DATE}?
        """,
        re.VERBOSE | re.IGNORECASE,
    )
    return opening, item


#: a cheap test before the opening's search, which tries every body name at every position
HAS_RESOLUTION_WORD = re.compile(r"r[eé]solution|резолюци", re.IGNORECASE)


def _resolution_refs(text: str, series: str | None) -> Iterator[DocumentRef]:
    if not HAS_RESOLUTION_WORD.search(text):
        return
    opening, item = _resolution_regexes()
    pos = 0
    while (o := opening.search(text, pos)) is not None:
        items: list[re.Match[str]] = []
        at = o.end()
        while (i := item.match(text, at)) is not None:
            items.append(i)
            at = i.end()
            sep = ITEM_SEPARATOR.match(text, at)
            if sep is None:
                break
            at = sep.end()
        pos = max(o.end(), items[-1].end() if items else 0)
        named = o.group("between") or o.group("before")
        listed: str | None = None  # the body named after a later number of the list
        found: list[DocumentRef] = []
        for i in reversed(items):
            if i.group("after"):
                listed = _series_of(i.group("after"))
            body = listed or (_series_of(named) if named else None)
            if i.group("sc"):
                symbol = f"{YEAR_NUMBERED_SERIES}{i.group('sc')} ({i.group('year')})"
            elif i.group("session"):
                prefix = body or series
                year_numbered = len(i.group("session")) == 4 and i.group("session").isdigit()
                if prefix is None or (body is None and year_numbered):
                    continue
                symbol = f"{prefix}{i.group('session')}/{i.group('serial')}"
                if i.group("part"):
                    symbol += f" {i.group('part')}"
            else:
                continue
            start, end = i.span("number")
            found.append(DocumentRef(start, end, text[start:end], (symbol,), "resolution"))
        yield from reversed(found)


def find_document_refs(text: str, *, resolution_series: str | None = "A/RES/") -> list[DocumentRef]:
    """Every document ``text`` refers to by symbol or by resolution number, in text order.

    ``resolution_series`` is the symbol prefix of resolution numbers whose body the text does not
    name (``"A/RES/"`` for a General Assembly text, ``"A/HRC/RES/"`` for the Human Rights Council);
    ``None`` leaves those numbers out. See the module docstring for the forms read.

    >>> [(r.quote, r.symbols) for r in find_document_refs("Resolutions 60/1 and 61/16.")]
    [('60/1', ('A/RES/60/1',)), ('61/16', ('A/RES/61/16',))]
    """
    if resolution_series is not None and not resolution_series.endswith("/"):
        raise ValueError(f"resolution_series must end with '/': {resolution_series!r}")
    refs = [*_symbol_refs(text), *_resolution_refs(text, resolution_series)]
    return sorted(refs, key=lambda r: (r.start, r.end))


# ---------------------------------------------------------------------------------------------
# Treaty Series

#: the United Nations Treaty Series by name, in English, French and Russian
_UN_SERIES = r"""
    (?:United\s+Nations,?\s+Treaty\s+Series
      | U\.?N\.?T\.?S\.?
      | Nations\s+Unies,?\s+Recueil\s+des\s+Traités
      | Recueil\s+des\s+Traités\s+des\s+Nations\s+Unies
      | Организаци[яи]\s+Объединенных\s+Наций,?\s+(?:Серия|Сборник)\s+договоров
      | Сборник\s+договоров\s+Организации\s+Объединенных\s+Наций)
"""

TREATY_SERIES = re.compile(
    rf"""
    (?<![\w.])
    (?:
        (?P<short_volume>\d{{1,4}})\s+(?:UNTS|U\.N\.T\.S\.)\s+\d{{1,5}}(?!\d)  # "999 UNTS 171": volume, series, page
      | (?:
            (?P<series>{_UN_SERIES})\s*+,?\s*+  # the series named (possessive spaces: two runs side by
          | (?P<ibid>Ibid\.?|Там\s+же)\s*+,?\s*+  # side cost a long run its length squared)
        )?
        (?P<volword>vol\.|т\.)\s*(?P<volume>\d{{1,4}})(?![\d/])  # the volume, in Arabic figures (not "Vol. I")
        (?:\s*,\s*(?:No\.?|N[°º]|№)\s*(?P<number>\d{{1,6}})(?!\d))?  # the registration number; old cites give a page
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)

#: another series just before a bare "vol.": "League of Nations, Treaty Series, vol. 94"
OTHER_SERIES_BEFORE = re.compile(r"(?:Series|Recueil\s+des\s+Traités|LNTS|договоров)\s*,?\s*\Z", re.IGNORECASE)


def find_treaty_series(text: str) -> list[TreatySeriesRef]:
    """Every United Nations Treaty Series cite in ``text``, in text order.

    >>> ref = find_treaty_series("3 United Nations, Treaty Series, vol. 2187, No. 38544.")[0]
    >>> ref.quote, ref.volume, ref.number, ref.ibid
    ('United Nations, Treaty Series, vol. 2187, No. 38544', '2187', '38544', False)
    """
    refs: list[TreatySeriesRef] = []
    last_is_un = True  # whether the last series cited is the UN one (nothing cited yet: assume it is)
    for m in TREATY_SERIES.finditer(text):
        start, end = m.span()
        if m.group("short_volume"):
            refs.append(TreatySeriesRef(start, end, text[start:end], m.group("short_volume"), "", False))
            last_is_un = True
            continue
        named, ibid, number = bool(m.group("series")), bool(m.group("ibid")), m.group("number") or ""
        if not named and not ibid:
            if OTHER_SERIES_BEFORE.search(text, max(0, start - 60), start):
                last_is_un = False
                continue
            if not number or m.group("volword").lower() != "vol.":
                continue
        if named or not ibid:
            last_is_un = True
        elif not last_is_un:
            continue
        refs.append(TreatySeriesRef(start, end, text[start:end], m.group("volume"), number, ibid))
    return refs
