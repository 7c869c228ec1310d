"""Dates as printed in treaties and resolutions, to ISO 8601.

>>> find_date("Resolution adopted by the General Assembly on 12 December 2012")
'2012-12-12'
>>> find_date("Устав от 05 мая 1949 года")
'1949-05-05'
>>> find_date("STATUTE OF THE COUNCIL OF EUROPE (LONDON, 5.V.1949)")
'1949-05-05'
>>> find_date("Done at London, this 5th day of May 1949, in English and French")
'1949-05-05'
>>> find_date("no date here") is None
True
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from kg.structure.markers import markers, roman_value


@cache
def month_table() -> dict[str, int]:
    """Month names of every language (kg/data/structure.json) to their numbers."""
    table: dict[str, int] = {}
    for names in markers().data["months"].values():
        for i, name in enumerate(names, 1):
            table[name] = i
    return table


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    months = "|".join(sorted(month_table(), key=len, reverse=True))
    return (
        # 12 December 2012 / 05 мая 1949 года / this 5th day of May 1949 / 1er mai 1949
        re.compile(
            rf"""(?P<d>\d{{1,2}})(?:st|nd|rd|th|er)?           # day, with an English or French suffix
                 (?:\s+day\s+of)?\s+                          # "the 5th day of May"
                 (?P<m>{months})\s+(?P<y>\d{{4}})             # month name and year
            """,
            re.VERBOSE | re.IGNORECASE,
        ),
        # 5.V.1949: the Council of Europe's roman-month style
        re.compile(r"\b(?P<d>\d{1,2})\.(?P<rm>[IVX]{1,4})\.(?P<y>\d{4})\b"),
        # 2012-12-12
        re.compile(r"\b(?P<y>\d{4})-(?P<mm>\d{2})-(?P<d>\d{2})\b"),
    )


def find_date(text: str) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD``, or None."""
    best: tuple[int, str] | None = None
    for pattern in _patterns():
        m = pattern.search(text)
        if not m:
            continue
        g = m.groupdict()
        if g.get("m"):
            month = month_table()[g["m"].lower()]
        elif g.get("rm"):
            month = roman_value(g["rm"])
        else:
            month = int(g["mm"])
        try:
            iso = date(int(g["y"]), month, int(g["d"])).isoformat()
        except ValueError:
            continue
        if best is None or m.start() < best[0]:
            best = (m.start(), iso)
    return best[1] if best else None
