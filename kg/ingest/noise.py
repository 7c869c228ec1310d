"""Print-shop noise and the metadata it carries.

Real documents arrive with things that are not their text: print-shop tags (``[DU1]``,
``<<ODS JOB NO>>N1248358E<<ODS JOB NO>>``), page numbers (``6/6``), job numbers (``12-48358*``),
barcodes (``*1248358*Please recycle``), mastheads and running titles glued to the symbol
(``A/RES/67/83Cooperation between ...``), transport-error lines at the top of a download, and the
outline counters a HTML-to-text conversion leaves in front of blocks (``  12. Глава VI...``).
This module recognises them line by line; what they say is kept as metadata, never as text.

>>> classify("*1248358*Please recycle ")
('barcode', {})
>>> classify("Agenda item 121 (h)")
('agenda', {'agenda_item': '121 (h)'})
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: a UN document symbol: a series letter group, then slash-separated parts ("A/RES/67/83",
#: "A/67/L.14/Rev.1", "S/2012/614"); used to spot mastheads and running titles
SYMBOL = r"""
    (?:A|S|E|ST|CRC|CCPR|CAT|CEDAW|CERD|CRPD|HRC|TD|UNEP|DP|ICEF)   # series of a principal organ or body
    (?:/[A-Z0-9][A-Za-z0-9.()\-]*)+                                  # its slash-separated parts
"""
#: the same, taking as little as it can: in a masthead the symbol runs into the organ's name with no reissue
#: mark between them ("A/RES/60/106General Assembly"), and a part may hold letters ("Rev.1"), so the symbol
#: ends where the organ's name can begin
SYMBOL_SHORTEST = r"""
    (?:A|S|E|ST|CRC|CCPR|CAT|CEDAW|CERD|CRPD|HRC|TD|UNEP|DP|ICEF)
    (?:/[A-Z0-9][A-Za-z0-9.()\-]*?)+?
"""

_V = re.VERBOSE

#: (kind, pattern, metadata keys taken from its named groups); the first that matches wins.
#: No group may stop lazily where ``\s*$`` is then tried, nor may two runs of spaces meet: on a line
#: with a long run of spaces either is tried from every space of it (quadratic; a 1 MB line took hours),
#: so a lazy group ends on a non-space (``.*?\S``) and runs of spaces are possessive (``\s*+``)
LINE_PATTERNS: Sequence[tuple[str, re.Pattern[str]]] = (
    # "-32300: transport error - HTTP status code was not 200": a downloader's error line
    ("transport_error", re.compile(r"^-?\d+:\s*transport\ error\b.*$", _V | re.I)),
    # a whole line of ODS print tags: <<ODS JOB NO>>N1248358E<<ODS JOB NO>>
    ("ods_tags", re.compile(r"^(?:\[DU\d+\])?\s*(?:<<ODS[^>]*>>[^<]*<<ODS[^>]*>>\s*)+$", _V)),
    # a bare rule line: ______ or ------ (a footnote rule is told apart by the structure stage)
    ("rule", re.compile(r"^[_\-=]{5,}$")),
    # page numbers and page-of-pages: "6", "6/6"
    ("page_number", re.compile(r"^\d{1,4}(?:/\d{1,4})?$")),
    # job number as printed in the footer: "12-48358*", "12-48358 (E)", "22-04550 (E) 280322" (the date, ddmmyy)
    ("job_number", re.compile(r"^(?P<job_number>\d{2}-\d{5})\s*+(?:\([A-Z]\)\s*+)?(?:\d{6}\s*+)?\*?$")),
    # barcode of the job number, usually glued to "Please recycle"
    ("barcode", re.compile(r"^\*\d{7,9}\*.*$")),
    # the print date of a job number ("22-04550 (E) 280322") that pdftotext put on a line of its own
    ("print_date", re.compile(r"^\d{6}$")),
    ("please_recycle", re.compile(r"^\s*Please\ recycle\s*$", _V | re.I)),
    # masthead: "United NationsA/RES/67/83*General AssemblyDistr.: General", "United NationsA/RES/60/106General
    # AssemblyDistr.: General"
    (
        "masthead",
        re.compile(
            rf"""^United\ Nations\s*
                 (?P<symbol>{SYMBOL_SHORTEST})(?P<reissue_mark>\*)?\s*   # the symbol; * marks a reissue
                 (?P<body>[A-Z][a-z]+(?:\ [A-Za-z]+)*?)\s*         # the organ whose document it is
                 Distr\.:\s*(?P<distribution>[A-Za-z]+)\s*$        # distribution: General, Limited
            """,
            _V,
        ),
    ),
    # "14 March 2013Sixty-seventh session": distribution date glued to the session
    (
        "date_session",
        re.compile(
            r"""^(?P<distribution_date>\d{1,2}\ [A-Z][a-z]+\ \d{4})\s*
                 (?P<session>(?:[A-Z][a-z]+(?:-[a-z]+)?\ )+session)\s*$""",
            _V,
        ),
    ),
    ("agenda", re.compile(r"^Agenda\ items?\ (?P<agenda_item>[0-9](?:[0-9A-Za-z ,()]*?[0-9A-Za-z,()])?)\s*+$", _V)),
    # "* Reissued for technical reasons on 15 July 2013."
    ("reissue", re.compile(r"^\*\s*(?P<reissued>Reissued\b(?:.*?\S)??)\s*+\.?\s*+$")),
)

#: print-shop tags in front of real text on the same line: "[DU1]Resolution adopted ..."
LEADING_TAG = re.compile(r"^\[DU\d+\]\s*")
#: the ODS fields whose value is metadata
ODS_FIELD = re.compile(r"<<ODS\ (?P<field>[A-Z ]+?)\d*>>(?P<value>[^<]*)<<ODS\ (?P=field)\d*>>", _V)
ODS_KEYS = {"JOB NO": "ods_job_number", "DOC SYMBOL": "symbol"}

#: an outline counter at a shallow indent in front of a block: "  12. ", "  1. "
OUTLINE_COUNTER = re.compile(r"^(?P<indent>[ ]{1,3})(?P<n>\d{1,3})\.(?=\s)")


def classify(line: str) -> tuple[str, dict[str, str]] | None:
    """Say which kind of noise a whole (stripped) line is, with the metadata it carries."""
    s = line.strip()
    if not s:
        return None
    for kind, pattern in LINE_PATTERNS:
        m = pattern.match(s)
        if m:
            meta = {k: v.strip() for k, v in m.groupdict().items() if v}
            if kind == "ods_tags":
                for f in ODS_FIELD.finditer(s):
                    key = ODS_KEYS.get(f.group("field"))
                    if key and f.group("value").strip():
                        meta[key] = f.group("value").strip()
            if kind == "transport_error":
                meta = {"transport_error": s}
            meta.pop("reissue_mark", None)
            return kind, meta
    return None


def running_title(line: str, symbols: Sequence[str]) -> bool:
    """A running title: the document's symbol glued before or after a short heading.

    >>> running_title("A/RES/67/83Cooperation between the United Nations", ["A/RES/67/83"])
    True
    >>> running_title("Recalling its resolution A/RES/67/83 of 2012,", ["A/RES/67/83"])
    False
    """
    s = line.strip()
    if not s or len(s) > 200:
        return False
    for sym in symbols:
        if s == sym:
            return True
        if s.startswith(sym) and not s[len(sym) : len(sym) + 1].isspace() and s[len(sym):][:1].isalpha():
            return True
        if s.endswith(sym) and s[: -len(sym)][-1:].isalpha():
            return True
    return False


def outline_counters(lines: Sequence[str]) -> set[int]:
    """Indexes of lines whose leading ``  N.`` is a conversion artefact, not a paragraph number.

    The artefact numbers every block of the file consecutively (1, 2, 3 ... across chapters and
    language versions) and stands in front of headings, rules and tables as well as text; a real
    paragraph number restarts inside each article. So: a run of counters 1..N in file order, N >= 3,
    at least one of them in front of a line that cannot be a numbered paragraph.
    """
    found: list[tuple[int, int, str]] = []
    for i, line in enumerate(lines):
        m = OUTLINE_COUNTER.match(line)
        if m:
            found.append((i, int(m.group("n")), line[m.end() :].strip()))
    if len(found) < 3 or found[0][1] != 1:
        return set()
    if any(b[1] != a[1] + 1 for a, b in zip(found, found[1:], strict=False)):
        return set()
    non_paragraph = re.compile(
        r"^(?:-{5,}|_{5,}|\S+\s{4,}\S|[A-ZА-ЯЁ][A-ZА-ЯЁ ,.()\d]{10,}$|Глава\b|Chapter\b|CHAPTER\b)"
    )
    if not any(non_paragraph.match(rest) for _, _, rest in found):
        return set()
    return {i for i, _, _ in found}
