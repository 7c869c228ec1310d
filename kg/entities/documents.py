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
    ``CRC/C/GC/13``, ``A/RES/ES-10/19``, ``CD/1839``, ``A/AC.297/2025/CRP.2/Rev.5``, the IAEA's
    ``GC(69)/RES/9`` and ``GC(69)/RES/DEC(2025)``, the Council of Europe's ``CM/Rec(2010)9``; drafts
    (a ``L.`` component) get kind ``"draft"``. A joint symbol ``A/67/280-S/2012/614`` is one ref with
    both symbols. ``S/RES/1373 (2001)`` and ``A/RES/2200(XXI)`` keep their session part, canonically
    with one space before a year and none before a Roman numeral. A part or volume printed after the
    symbol belongs to it, with one space: ``NPT/CONF.1995/32 (Part I)``, ``NPT/CONF.2010/50 (Vol. I)``,
    ``NPT/CONF.2000/28 (Parts I and II)``, and a corrigendum of it ``NPT/CONF.1995/32 (Part I)/Corr.2``.
    A part letter of a resolution (``A/RES/45/55 B``, ``GC(69)/RES/9 A.2``) is kept, glued:
    ``A/RES/45/55B``. Addenda that follow (``... and Add.1``, ``..., Add.1 and Corr.1``) are refs of
    their own, quoting just ``Add.1``, and attach to the base symbol: trailing ``/Rev.n``, ``/Add.n``
    and ``/Corr.n`` parts are dropped first, so ``A/67/L.14/Rev.1 and Add.1`` gives
    ``A/67/L.14/Add.1``. A symbol must start with capitals, have a ``/`` and a digit; a trailing
    ``.``, ``,``, ``;``, ``)`` or ``*`` (reissue mark) is left out; after ``A/80/534, para. 7`` the
    symbol is ``A/80/534``. In text extracted from PDF a symbol is often glued to the word before
    (``United NationsA/RES/67/83*General``); such a symbol is taken only when its second part is
    ``RES`` or a number, so ``CoE/UN/2012`` gives nothing. PDF text also splits a symbol at a slash:
    one space after a slash before a number (``A/RES/ES-11/ 4``) or before a slash ahead of an
    addendum (``A/ES-11/L.2 /Add.1``) is read and left out of the symbol.
Look-alike letters
    A Cyrillic or Greek capital that looks like a Latin one (``А/8275`` with a Cyrillic А, ``2200 А
    (XXI)``) and a non-breaking or Unicode hyphen (``S‑10/2``, U+2011) are read as the Latin letter
    and ``-``; the map is data. A printed symbol holding such a letter must be of a principal organ's
    series (data: ``lookalike_series``), so ``СССР/1991`` is no symbol.
Resolution and decision numbers
    Only numbers in the list right after the word resolution(s) / résolution(s) / резолюция or
    decision(s) / décision(s) / решение (any case form) count, so dates, ratios and page numbers
    (``12/12/2012``, ``6/6``, ``2006-2015``) do not. Items are ``44/6``, ``ES-10/19``, ``S-26/2``,
    ``1373 (2001)`` (the Security Council's form, always ``S/RES/``) and the old style with a Roman
    session, ``2625 (XXV)`` and ``2200 A (XXI)`` (``A/RES/2625(XXV)``, ``A/RES/2200A(XXI)``), joined
    by commas, *and*, *et*, *и*; an item may carry ``No.`` / ``N°`` / ``№`` before it, a date after
    it (``44/6 of 17 October 1989``) and its title (``ES-11/1 of 2 March 2022, entitled "Aggression
    against Ukraine"``), and the list goes on after them. Each ref quotes the number only. A body named
    before the word (``Human Rights Council resolution 16/18``), between the word and the number
    (``резолюции Генеральной Ассамблеи 44/6``) or after a number (``résolution 16/18 du Conseil des
    droits de l'homme``, ``résolution 136 (VI) adoptée le 25 février 1948 par le Conseil économique et
    social``) gives the series; a body after a number also serves the numbers before it in the same
    list that name none. Otherwise ``resolution_series`` is used, and ``None`` drops those numbers; a
    decision takes the decision series of the same body (``A/RES/`` -> ``A/DEC/``: ``its decisions
    79/512 and 78/541`` gives ``A/DEC/79/512``), and a body without one (the Security Council) drops
    it. A number whose first part is a year (``2004/67``) is taken only when a body is named, since
    the General Assembly numbers by session and the default series would give a wrong symbol. A
    Roman session is read for the General Assembly and the Economic and Social Council only.
    Part letters (``45/55 B``, ``65/130 A and B``) are kept when each is a single capital after one
    space and the last is followed by punctuation, a line end, the end of the text, a date, a body or
    the next item (``45/55 B of 4 December 1990``): ``A/RES/45/55B``; ``65/130 A and B`` gives
    ``A/RES/65/130A`` (quoting ``65/130 A``) and ``A/RES/65/130B`` (quoting ``B``).

Left out, on purpose
    Ranges of addenda (``Add.1-3``) give no addendum ref. ``X/Add.1 and Corr.1`` reads as
    ``X/Corr.1`` (the corrigendum may in fact correct the addendum; the text does not say). A list
    broken by text that is no item (a running header left inside a paragraph) ends there. OCR that
    garbles a Roman session (``2751 (ХХУЮ``) is not guessed at.

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
# Look-alike letters


@cache
def _lookalike_table() -> dict[int, str]:
    """The ``str.translate`` table of the data file's look-alikes: one character for one, so offsets hold."""
    return str.maketrans(document_patterns()["lookalikes"])


def _latin(text: str) -> str:
    """``text`` with every look-alike capital read as its Latin letter and every odd hyphen as ``-``."""
    return text.translate(_lookalike_table())


@cache
def _like(letters: str) -> str:
    """A character class: ``letters`` (Latin, ``A-Z`` style ranges allowed) and their look-alikes."""
    accepted = re.compile(f"[{letters}]")
    extra = "".join(k for k, v in document_patterns()["lookalikes"].items() if accepted.fullmatch(v))
    return f"[{letters}{extra}]"


@cache
def _lookalike_letters() -> frozenset[str]:
    return frozenset(k for k, v in document_patterns()["lookalikes"].items() if v.isalpha())


# ---------------------------------------------------------------------------------------------
# Printed symbols

#: one part of a symbol after a slash
_COMPONENT = r"""
    (?:
        (?:ES|S)-\d{1,2}                # an emergency or special session: A/RES/ES-10/19, A/RES/S-26/2
      | [A-Z][A-Za-z]{0,9}(?:\.\d{1,4})?  # a series word, numbered or not: RES, HRC, CN.4, L.14, Rev.1, Add.17
        (?:\(\d{4}\)\d{0,4})?            # with a year: GC(69)/RES/DEC(2025), CM/Rec(2010)9 (Council of Europe)
      | \d{1,6}                         # a session, year or serial number: 67, 2012, 614
    )
"""

#: the slash before a part; text from PDF puts a space after it before a number ("A/RES/ES-11/ 4") or
#: before it ahead of an addendum ("A/ES-11/L.2 /Add.1"), never both and never a line end
_SLASH = r"""(?:/[ ](?=\d)|[ ]?/(?=(?:Add|Corr|Rev|Amend)\.\d)|/)"""

#: a part or volume of a document, printed after its symbol: "NPT/CONF.1995/32 (Part I)", "(Parts I and
#: II)", "A/73/12 (Part II)", "NPT/CONF.2010/50 (Vol. III)"; it belongs to the symbol
_QUALIFIER = r"""
    \((?:Parts?|Vol\.|Partie|Часть)\s?[IVXLC\d]{1,6}(?:\s(?:and|to|et|à|и)\s[IVXLC\d]{1,6})?\)
"""

#: one symbol: capitals, then slash-separated parts
_ONE_SYMBOL = rf"""
    [A-Z]{{1,8}}                        # the series of the issuing organ: A, S, E, CRC, ST
    (?:\(\d{{1,3}}\))?                  # a session in brackets: GC(69)/RES/9 (IAEA General Conference)
    (?:{_SLASH}{_COMPONENT}){{1,12}}    # its parts; a '.' or '*' that follows is punctuation, not a part
    (?:\s{{0,8}}{_QUALIFIER}(?:/{_COMPONENT}){{0,4}})?  # a part or volume, and its corrigenda: (Part I)/Corr.2
"""

#: where a part letter ends: punctuation, a line end, the end, a date, a body or the next item of a list
#: ("45/55 B of 4 December 1990", "47/54 A and 47/54 G"); a capital followed by a word is a word
_PART_END = r"""
    (?=[.,;:)\]*\n]|\Z|\s+(?:of|du|de|des|от|and|et|и|adopted|adoptée?s?)(?!\w))
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
    (?P<part>[ ][A-Z](?:\.\d{{1,2}})?{_PART_END})?  # a part of a resolution: A/RES/45/55 B, GC(69)/RES/9 A.2
    """,
    re.VERBOSE,
)

#: where a joint symbol is cut: a dash before the next organ's series
JOINT_DASH = re.compile(r"[-–](?=[A-Z]{1,8}(?:\(\d{1,3}\))?/)")

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

#: spaces PDF text puts around a slash, and the one space canonically kept before a part or volume
SLASH_SPACES = re.compile(r"\s*/\s*")
QUALIFIER_SPACE = re.compile(r"\s*(\((?:Parts?|Vol\.|Partie|Часть))")


def _kind(symbols: tuple[str, ...]) -> str:
    return "draft" if any(DRAFT_PART.search(s) for s in symbols) else "symbol"


def _canonical(printed: str) -> str:
    """A printed symbol (already in Latin letters) as written canonically: no space around a slash, one
    space before a part or volume: ``A/ES-11/L.2 /Add.1`` -> ``A/ES-11/L.2/Add.1``."""
    return QUALIFIER_SPACE.sub(r" \1", " ".join(SLASH_SPACES.sub("/", printed).split()))


def _series_word(symbol: str) -> str:
    return re.split(r"[/(]", symbol, maxsplit=1)[0]


def _symbol_refs(text: str) -> Iterator[DocumentRef]:
    latin = _latin(text)
    lookalikes = _lookalike_letters()
    for m in SYMBOL.finditer(latin):
        joint = m.group("joint")
        start = m.start()
        parts = [_canonical(p) for p in JOINT_DASH.split(joint)]
        if not all(any(ch.isdigit() for ch in p) for p in parts):
            continue
        if start and text[start - 1].isalpha():
            # glued to the word before: accept only A/RES/..., A/67/... and the like
            second = parts[0].split("/")[1]
            if second != "RES" and not second.isdigit():
                continue
        if any(ch in lookalikes for ch in text[start : m.end("joint")]) and not all(
            _series_word(p) in document_patterns()["lookalike_series"] for p in parts
        ):
            continue  # a word in Cyrillic or Greek capitals with a slash, not a UN symbol
        end = m.end("joint")
        symbols = tuple(parts)
        session = m.group("session")
        resolution = len(parts) == 1 and "/RES/" in parts[0] and parts[0].rsplit("/", 1)[1].isdigit()
        if session and resolution:
            inner = session.strip()[1:-1]
            symbols = (f"{parts[0]} ({inner})" if inner.isdigit() else f"{parts[0]}({inner})",)
            end = m.end("session")
        elif m.group("part") and not session and len(parts) == 1 and parts[0][-1].isdigit():
            symbols = (parts[0] + m.group("part").strip(),)
            end = m.end("part")
        yield DocumentRef(start, end, text[start:end], symbols, _kind(symbols))
        if len(parts) > 1 or end != m.end("joint"):
            continue
        base = TRAILING_PARTS.sub("", parts[0])
        pos = end
        while (a := ADDENDUM.match(latin, pos)) is not None:
            symbol = f"{base}/{a.group('part')}"
            yield DocumentRef(a.start("part"), a.end("part"), text[a.start("part") : a.end("part")], (symbol,),
                              _kind((symbol,)))
            pos = a.end()


# ---------------------------------------------------------------------------------------------
# Resolution and decision numbers in running text

#: the Security Council numbers its resolutions "1373 (2001)"; no other body does
YEAR_NUMBERED_SERIES = "S/RES/"

#: the word that opens a list of resolution numbers
_RESOLUTION_WORD = r"""
    (?:resolutions?                     # English, any case: "Resolutions 55/3, ..." in a footnote
      | résolutions?                    # French
      | резолюци(?:я|и|ю|ей|й|ям|ями|ях))  # Russian, every case form
"""

#: the word that opens a list of decision numbers: "its decisions 74/511 of 12 December 2019 and 74/546"
_DECISION_WORD = r"""
    (?:decisions?                       # English
      | décisions?                      # French
      | решени(?:е|я|ю|ем|и|й|ям|ями|ях))  # Russian, every case form
"""

#: "in its" between a body and the word: "the Security Council, in its resolution 1325 (2000)"
_IN_ITS = r"(?:,?\s+(?:in\s+its|в\s+своей|dans\s+sa))?"

#: the little words before a body named after the number: "of the", "du", "de l'"
_CONNECTOR = r"(?:of\s+the\s+|of\s+|du\s+|de\s+la\s+|de\s+l['’]\s*|des\s+|de\s+)?"

#: a date after a number: "of 17 October 1989", "du 17 octobre 1989", "от 17 октября 1989 года"
_DATE = r"""
    (?:,?\s+(?:of|du|от)\s+\d{1,2}(?:er)?\s+[^\W\d_]{3,12}\s+\d{4}(?:\s+(?:года|г\.))?)
"""

#: the body that adopted it, named after a number: "136 (VI) adoptée le 25 février 1948 par le Conseil ..."
_ADOPTED_BY = r"""
    (?:,?\s+(?:adopted|adoptée?s?)
       (?:\s+(?:on|le)\s+\d{1,2}(?:er)?\s+[^\W\d_]{3,12}\s+\d{4})?  # the date of adoption
       \s+(?:by\s+the|by|par\s+le|par\s+la|par\s+l['’]|par)\s*)
"""

#: the title of the cited text after its number: ', entitled "Aggression against Ukraine"', ", intitulée « ... »"
_ENTITLED = r"""
    (?:,?\s+(?:entitled|intitulée?s?|озаглавленн(?:ая|ой|ую|ые|ых))\s+
       (?:"[^"\n]{1,300}"|“[^”]{1,300}”|«[^»]{1,300}»|„[^“”]{1,300}[“”]))
"""

#: "No." before a number: "résolutions N° 1904 (XVIII) et N° 1905 (XVIII)"
_NUMBER_SIGN = r"(?:(?:N[°º]|No\.|№)\s*)?"

#: between two items of a list: ", ", " and ", ", and ", " et ", " и "
ITEM_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|et|и)\s+)?|\s+(?:and|et|и)\s+", re.IGNORECASE)


@cache
def _bodies() -> dict[str, dict[str, Any]]:
    """Folded body name -> its entry of ``kg/data/document-patterns.json``."""
    return {_fold(name): body for body in document_patterns()["bodies"] for name in body["names"]}


def _body_of(name: str) -> dict[str, Any]:
    """The entry of a body name as matched (case-insensitive matching is looser than casefold)."""
    bodies = _bodies()
    folded = _fold(name)
    if folded in bodies:
        return bodies[folded]
    return next(body for key, body in bodies.items() if re.fullmatch(_alternation([key]), name, re.IGNORECASE))


def _decision_series(resolution_series: str | None) -> str | None:
    """The decision series of the body whose resolutions are ``resolution_series``: A/RES/ -> A/DEC/."""
    return next((b["decision_series"] for b in document_patterns()["bodies"] if b["series"] == resolution_series),
                None)


@cache
def document_patterns() -> dict[str, Any]:
    """The data file ``kg/data/document-patterns.json``."""
    text = resources.files("kg").joinpath("data/document-patterns.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _resolution_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The opening of a list (word, body), the body named just before it, one item of the list and a part
    letter; they name the bodies of the data file and accept its look-alike letters. The opening is
    searched for by its word, and the body before it looked for only where a word is found (a search
    that starts with every body name tries them all at every position of the text)."""
    bodies = _alternation(list(_bodies()))
    capital, roman, hyphen = _like("A-Z"), _like("IVXLC"), _like("-")
    before = re.compile(
        rf"""(?P<before>{bodies}){_IN_ITS}\s+\Z  # a body named before the word: "Security Council resolution"
        """,
        re.VERBOSE | re.IGNORECASE,
    )
    opening = re.compile(
        rf"""
        (?<!\w)(?:(?P<resolution>{_RESOLUTION_WORD})|(?P<decision>{_DECISION_WORD}))(?!\w)
        (?:\s+{_CONNECTOR}(?P<between>{bodies}))?  # a body after the word: "резолюции Генеральной Ассамблеи 44/6"
        \s+                                 # the first number follows
        """,
        re.VERBOSE | re.IGNORECASE,
    )
    item = re.compile(
        rf"""
        {_NUMBER_SIGN}
        (?P<number>
            (?P<session>(?:ES{hyphen}|S{hyphen})?\d{{1,4}})/(?P<serial>\d{{1,4}})  # session/number, year/number
            (?![/\d]|\.\d|[-–]\d)           # not a date (12/12/2012), a decimal or a range
          | (?P<sc>\d{{1,4}})\s?\((?P<year>\d{{4}})\)  # the Security Council's form: 1373 (2001)
          | (?P<old>\d{{1,4}})              # the old style, a Roman session: 2625 (XXV), 2200 A (XXI)
            (?:\s?(?-i:(?P<old_part>{capital})))?\s?\((?-i:(?P<roman>{roman}{{1,7}}))\)
        )
        (?P<parts>[ ](?-i:{capital})(?:\.\d{{1,2}})?  # part letters: 45/55 B, 65/130 A and B
            (?:(?:\s*,\s*|\s+(?:and|et|и)\s+)(?-i:{capital})(?:\.\d{{1,2}})?(?!\w))*
            {_PART_END})?
        (?![\w/])                           # the number ends here
        {_DATE}?
        (?:(?:\s+{_CONNECTOR}|{_ADOPTED_BY})(?P<after>{bodies})(?!\w))?  # a body after: "16/18 du Conseil ..."
        {_DATE}?
        {_ENTITLED}?                        # its title: the list goes on after it
        """,
        re.VERBOSE | re.IGNORECASE,
    )
    part = re.compile(rf"(?-i:{capital})(?:\.\d{{1,2}})?")
    return opening, before, item, part


#: a cheap test before the opening's search
HAS_RESOLUTION_WORD = re.compile(r"r[eé]solution|резолюци|d[eé]cision|решени", re.IGNORECASE)


#: how far before the word a body named before it may start
BODY_BEFORE = 120


def _item_refs(text: str, i: re.Match[str], prefix: str, part: re.Pattern[str]) -> Iterator[DocumentRef]:
    """The refs of one item: one per part letter (``65/130 A and B`` gives two), else one."""
    start, end = i.span("number")
    if i.group("old"):
        letter = _latin(i.group("old_part") or "")
        symbol = f"{prefix}{i.group('old')}{letter}({_latin(i.group('roman'))})"
        yield DocumentRef(start, end, text[start:end], (symbol,), "resolution")
        return
    number = f"{prefix}{_latin(i.group('session'))}/{i.group('serial')}"
    if not i.group("parts"):
        yield DocumentRef(start, end, text[start:end], (number,), "resolution")
        return
    for k, p in enumerate(part.finditer(text, i.start("parts"), i.end("parts"))):
        symbol = number + _latin(p.group())
        at = start if k == 0 else p.start()
        yield DocumentRef(at, p.end(), text[at : p.end()], (symbol,), "resolution")


def _resolution_refs(text: str, series: str | None) -> Iterator[DocumentRef]:
    if not HAS_RESOLUTION_WORD.search(text):
        return
    opening, before, item, part = _resolution_regexes()
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
        b = before.search(text, max(0, o.start() - BODY_BEFORE), o.start())
        named = o.group("between") or (b.group("before") if b else None)
        decision = o.group("decision") is not None
        listed: dict[str, Any] | None = None  # the body named after a later number of the list
        found: list[DocumentRef] = []
        for i in reversed(items):
            if i.group("after"):
                listed = _body_of(i.group("after"))
            body = listed or (_body_of(named) if named else None)
            if decision:
                prefix = body["decision_series"] if body else _decision_series(series)
            else:
                prefix = body["series"] if body else series
            if i.group("sc"):
                if decision:
                    continue
                symbol = f"{YEAR_NUMBERED_SERIES}{i.group('sc')} ({i.group('year')})"
                start, end = i.span("number")
                found.append(DocumentRef(start, end, text[start:end], (symbol,), "resolution"))
                continue
            if prefix is None:
                continue
            if i.group("old") and (decision or prefix == YEAR_NUMBERED_SERIES):
                continue  # a Roman session numbers General Assembly and ECOSOC resolutions only
            year_numbered = bool(i.group("session")) and len(i.group("session")) == 4 and i.group("session").isdigit()
            if body is None and year_numbered:
                continue
            found.extend(reversed(list(_item_refs(text, i, prefix, part))))
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
