"""Language markers of the structure stage, loaded from ``kg/data/structure.json``, and the
regexes built from them. Nothing is read at import time: :func:`markers` loads once on first use.

>>> m = markers()
>>> m.heading("article", "en").match("Article 23 <*>").group("num")
'23'
>>> m.heading("chapter", "ru").match("Глава IV.Комитет министров").group("title")
'Комитет министров'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

ROMAN = re.compile(r"^[ivxlc]+$")
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_value(s: str) -> int:
    """The value of a roman numeral.

    >>> roman_value('xiv')
    14
    """
    total = 0
    s = s.lower()
    for i, ch in enumerate(s):
        v = ROMAN_VALUES[ch]
        total += -v if i + 1 < len(s) and ROMAN_VALUES[s[i + 1]] > v else v
    return total


def to_roman(n: int) -> str:
    """A lower-case roman numeral.

    >>> to_roman(14)
    'xiv'
    """
    out = []
    for v, s in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _alternation(words: list[str]) -> str:
    # longest first so that "ARTICLE" is not cut short by "Art."
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: the number of a heading: arabic (with a Latin suffix from the data, or a capital letter glued to it), the
#: language's words for number one ("premier", "1er"), or roman; ``{suffixes}`` and ``{first}`` are filled from
#: kg/data/structure.json
HEADING_NUMBER = r"(?P<num>{first}\d{{1,4}}(?:\s?(?:{suffixes})|[A-H])?|[IVXLC]{{1,7}}|[ivxlc]{{1,7}})\b"
#: a footnote marker printed on a heading or in text: <*>, <**>, *
MARKER = r"(?P<marker><\*{1,3}>|\*{1,3})"


@dataclass(frozen=True, eq=False)
class Markers:
    data: dict[str, Any]

    @property
    def languages(self) -> list[str]:
        return sorted(self.data["languages"])

    def words(self, kind: str, lang: str) -> list[str]:
        return list(self.data["languages"].get(lang, self.data["languages"]["en"]).get(kind, []))

    def label(self, kind: str, lang: str) -> str:
        labels = self.data["languages"].get(lang, self.data["languages"]["en"])["labels"]
        return str(labels[kind])

    @cache  # noqa: B019 - Markers is frozen and lives as long as the process
    def number_pattern(self, lang: str) -> str:
        """The ``num`` group of a heading in ``lang``."""
        first = self.words("first_numbers", lang) + self.words("sole_numbers", lang)
        return HEADING_NUMBER.format(
            suffixes=_alternation(list(self.data.get("number_suffixes", []))),
            first=f"(?:{_alternation(first)})\\b|" if first else "",
        )

    def number(self, raw: str, lang: str) -> str:
        """A heading's number as the graph keeps it: no spaces, the words for one as "1".

        >>> m = markers()
        >>> m.number("16 bis", "en"), m.number("premier", "fr"), m.number("1er", "fr"), m.number("IV", "en")
        ('16bis', '1', '1', 'IV')
        """
        if raw in self.words("first_numbers", lang):
            return "1"
        if raw in self.words("sole_numbers", lang):
            return raw.lower()
        return re.sub(r"\s+", "", raw)

    def value(self, number: str, lang: str) -> int | None:
        """The place of a heading's number (as :meth:`number` gives it) in a run of headings: arabic and roman
        numerals count, the word for the only article is 1, a suffixed number ("16bis") has none.

        >>> m = markers()
        >>> m.value("12", "en"), m.value("XIV", "en"), m.value("unique", "fr"), m.value("16bis", "en")
        (12, 14, 1, None)
        """
        if number.isdigit():
            return int(number)
        if ROMAN.match(number.lower()):
            return roman_value(number)
        if number in {w.lower() for w in self.words("sole_numbers", lang)}:
            return 1
        return None

    @cache  # noqa: B019 - Markers is frozen and lives as long as the process
    def heading(self, kind: str, lang: str) -> re.Pattern[str]:
        """A heading line of ``kind`` (part, chapter, section, article) in ``lang``.

        The title ends on a non-space character (greedy), not lazily before ``\\s*$``: the lazy form tried
        the end of the line from every space of a long run, so "Article 1 x", 100,000 spaces and "y"
        took minutes.
        """
        return re.compile(
            rf"""^(?P<word>{_alternation(self.words(kind, lang))})\.?\s*   # the heading word as printed ("Article. 6")
                 {self.number_pattern(lang)}\.?              # its number
                 (?:\s*{MARKER})?                                       # a footnote marker on it
                 (?:\s*+[-–—.:]?\s*+(?P<title>\S(?:.*\S)?))?\s*$       # a title on the same line
            """,
            re.VERBOSE,
        )

    @cache  # noqa: B019
    def conclusions(self, lang: str) -> re.Pattern[str]:
        return re.compile(rf"^(?:{_alternation(self.words('conclusions', lang))})\b")

    @cache  # noqa: B019
    def final_article(self, lang: str) -> re.Pattern[str]:
        """The heading of an unnumbered last article ("Final article", «Заключительная статья»)."""
        return re.compile(rf"^(?:{_alternation(self.words('final_article', lang))})\.?\s*$")

    @cache  # noqa: B019
    def annex_line(self, lang: str) -> re.Pattern[str]:
        """A line that is only an annex word and its number: "Appendix", "ANNEX II", «Приложение 1»."""
        return re.compile(
            rf"""^(?:{_alternation(self.words('annex_words', lang))})   # the word
                 (?:\s+(?:[IVX]{{1,4}}|\d{{1,2}}|[A-H]))?                # its number or letter, if any
                 \.?\s*$""",
            re.VERBOSE,
        )

    @cache  # noqa: B019
    def database_line(self) -> re.Pattern[str]:
        """A status line of a treaty database ("Treedt in werking op een nader te bepalen tijdstip"): no words of
        the text (``database_lines`` in kg/data/structure.json).

        >>> bool(markers().database_line().match("Vervallen per 01-09-1982"))
        True
        """
        return re.compile(rf"^(?:{'|'.join(self.data['database_lines']['patterns'])})\s*$")

    def anaphora(self, lang: str) -> frozenset[str]:
        return frozenset(w.lower() for w in self.words("anaphora", lang))

    def continuation_words(self, lang: str) -> frozenset[str]:
        return frozenset(self.words("continuation_words", lang))

    def latin_letter(self, label: str) -> str:
        """Cyrillic enumeration letters map to Latin by position (а→a, б→b, в→c)."""
        cyr = self.data["cyrillic_letters"]
        if label in cyr:
            return str(self.data["latin_letters"][cyr.index(label)])
        return label


@cache
def markers() -> Markers:
    text = resources.files("kg").joinpath("data/structure.json").read_text(encoding="utf-8")
    return Markers(json.loads(text))
