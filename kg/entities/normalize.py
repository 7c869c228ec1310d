"""Tokens and their normal forms, so that a name in the registry finds its inflected forms in text.

* Russian words are reduced to their dictionary form with pymorphy3 ("Комитетом министров" and
  "Комитет министров" both become ``комитет министр``), so no case form is listed by hand;
* French elided articles are split off ("l'Assemblée" → ``l'`` + ``assemblée``);
* every language is case- and accent-folded; hyphens join a compound into one token
  ("Secretary-General", "UN-Women") whose normal form spells its parts apart (``secretary general``), so
  that "Secretary-General", "Secretary General", a non-breaking hyphen (U+2011) and a compound broken
  at a line end ("Nuclear- Weapon-Free") all give the same normal forms; typographic apostrophes
  (’ ‘ ʼ) are the plain one and a soft hyphen (U+00AD) is no letter at all.

The analyser is an injectable strategy: :func:`tokens` takes ``lemma=`` so tests or users can swap it.

>>> [t.norm for t in tokens("приглашено Комитетом министров", "ru")]
['пригласить', 'комитет', 'министр']
>>> [t.norm for t in tokens("de l'Assemblée parlementaire", "fr")]
['de', "l'", 'assemblee', 'parlementaire']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from typing import NamedTuple

#: a word: letters with inner hyphens or apostrophes ("Secretary-General", "Children's"), or a number
#: ("108+" keeps its plus: Convention 108+ is not Convention 108);
#: a footnote digit glued to a word ("Child6") is a token of its own
WORD = re.compile(
    r"""
    [^\W\d_]+                      # letters
    (?:
        (?:[-\u2010\u2011'’‘]|\u00ad)  # joined by a hyphen (plain, U+2010, non-breaking U+2011), an
                                     # apostrophe (straight or typographic) or a soft hyphen
        [^\W\d_]+
    )*
    |\d+\+?                         # a number; "108+" keeps its plus
    """,
    re.VERBOSE,
)
#: the hyphens inside a compound: its normal form spells the parts apart ("secretary general")
HYPHEN = re.compile(r"[-\u2010\u2011]")
#: apostrophes folded to the straight one; the soft hyphen is dropped
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00ad": None})
#: a French elided article or pronoun in front of a word
ELISION = re.compile(r"(?i)^(?P<el>(?:jusqu|lorsqu|puisqu|qu|[ldjmnstc])['’‘ʼ])(?=[^\W_])")


class Token(NamedTuple):
    """A word: its offsets, its surface form and its normal form (a tuple: one is made per word)."""

    start: int
    end: int
    surface: str
    norm: str


@lru_cache(maxsize=500_000)
def fold(word: str) -> str:
    """Case- and accent-fold one word (Cyrillic й and ё keep their letters apart from и and е only by case)."""
    w = unicodedata.normalize("NFKC", word.translate(APOSTROPHES)).casefold().replace("ё", "е")
    decomposed = unicodedata.normalize("NFKD", w)
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch) and ch != "\u0306":  # keep й (и + breve)
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


CYRILLIC_LETTER = re.compile(r"[а-яё]", re.I)


@cache
def _morph() -> object:
    import pymorphy3  # loaded on first Russian word, not at import time

    return pymorphy3.MorphAnalyzer()


#: parts of speech a word of a name can be (pymorphy3's OpenCorpora tags), most preferred first; the
#: sort is stable, so the analyser's own order decides within a rank
NOMINAL_RANK = {"ADJF": 0, "PRTF": 0, "NOUN": 1, "ADJS": 2, "PRTS": 2, "NUMR": 2, "NPRO": 3}


@lru_cache(maxsize=200_000)
def russian_lemma(word: str) -> str:
    """The dictionary form of a Russian word (each part of a hyphenated one)."""
    parts = HYPHEN.split(word.translate(APOSTROPHES))
    morph = _morph()
    out = []
    for part in parts:
        if CYRILLIC_LETTER.search(part):
            parses = morph.parse(part)  # type: ignore[attr-defined]
            # names are nominal: "Устав" is the noun, not the verb "устать"; an adjective before a noun
            # ("Великое Герцогство") so that every case form of it lemmatises alike
            ranked = sorted(parses, key=lambda p: NOMINAL_RANK.get(p.tag.POS, len(NOMINAL_RANK)))
            out.append(ranked[0].normal_form)
        else:
            out.append(part.lower())
    return fold("-".join(out))


@lru_cache(maxsize=500_000)
def default_lemma(word: str, lang: str) -> str:
    if lang == "ru" and CYRILLIC_LETTER.search(word):
        return russian_lemma(word.lower())
    return fold(word)


Lemma = Callable[[str, str], str]


def tokens(text: str, lang: str, lemma: Lemma = default_lemma) -> list[Token]:
    """The words of ``text`` with offsets and normal forms."""
    out: list[Token] = []
    append = out.append
    make = tuple.__new__  # Token(...) without the named tuple's Python-level constructor: this runs per word
    for m in WORD.finditer(text):
        s, e = m.span()
        word = m.group()
        if lang == "fr":
            el = ELISION.match(word)
            if el:
                n = el.end()
                append(make(Token, (s, s + n, word[:n], fold(word[:n]))))
                s, word = s + n, word[n:]
        norm = lemma(word, lang)
        if "-" in norm or "\u2010" in norm:
            norm = " ".join(HYPHEN.split(norm))  # "secretary-general" is "secretary general"
        append(make(Token, (s, e, word, norm)))
    return out


# -- OCR look-alikes -------------------------------------------------------------------------------
# Scanned texts print names with character errors: a Cyrillic "о" inside a Latin word, "Nicar~gua",
# «Безонасности». The approximate pass of the matcher (kg.entities.matcher) compares words after the
# folds below; none of them changes the exact pass.

#: Latin letters and the Cyrillic letters printed alike (case-folded forms)
LOOKALIKES = {"a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м", "o": "о", "p": "р",
              "t": "т", "x": "х", "y": "у", "i": "і", "j": "ј", "s": "ѕ"}
TO_CYRILLIC = str.maketrans(LOOKALIKES)
TO_LATIN = str.maketrans({v: k for k, v in LOOKALIKES.items()})
LATIN_LETTER = re.compile(r"[a-z]", re.I)


@lru_cache(maxsize=200_000)
def fold_script(word: str, lang: str) -> str:
    """A folded word whose letters mix scripts, written in one: the script most of its letters are in (the
    language's own on a tie). A word in one script is left as it is ("UNESCO" in a Russian text).

    >>> fold_script("Cоuncil", "en"), fold_script("Ассамблеа", "ru")
    ('council', 'ассамблеа')
    """
    w = fold(word)
    cyr, lat = len(CYRILLIC_LETTER.findall(w)), len(LATIN_LETTER.findall(w))
    if not cyr or not lat:
        return w
    if cyr > lat or (cyr == lat and lang == "ru"):
        return w.translate(TO_CYRILLIC)
    return w.translate(TO_LATIN)


def mixed_script(word: str) -> bool:
    """Whether a word holds both Latin and Cyrillic letters (an OCR sign: "Cоuncil" with a Cyrillic о)."""
    return bool(CYRILLIC_LETTER.search(word)) and bool(LATIN_LETTER.search(word))


def stem(word: str, endings: tuple[str, ...], keep: int = 3) -> str:
    """``word`` without the longest of ``endings`` that leaves at least ``keep`` letters (Russian inflection:
    "секретарю" and "секретарь" are both ``секретар``); ``endings`` longest first.

    >>> stem("безонасности", ("ости", "ость", "и", "ь"))
    'безонасн'
    """
    for e in endings:
        if word.endswith(e) and len(word) - len(e) >= keep:
            return word[: -len(e)]
    return word


def within(a: str, b: str, limit: int) -> bool:
    """Whether the Levenshtein distance of ``a`` and ``b`` is at most ``limit`` (a banded count: words only).

    >>> within("оекретар", "секретар", 1), within("australia", "austria", 1)
    (True, False)
    """
    if abs(len(a) - len(b)) > limit:
        return False
    if a == b:
        return True
    if limit == 0:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return False
        prev = cur
    return prev[-1] <= limit


def deletions(word: str, depth: int) -> set[str]:
    """``word`` and every form of it with up to ``depth`` letters left out (the keys of a symmetric-deletion
    index: two words within ``depth`` edits of each other share one of these forms).

    >>> sorted(deletions("ab", 1))
    ['a', 'ab', 'b']
    """
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:k] + w[k + 1 :] for w in frontier for k in range(len(w))}
        out |= frontier
    return out
