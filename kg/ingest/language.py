"""Which language each line is in, and the runs of lines that make one language version.

A file may hold several language versions of one text (the Statute of the Council of Europe in
Russian, then English). Lines are told apart by script (Cyrillic against Latin) and, among Latin
texts, English from French by their function words; short runs (a Latin "(ETS N 1)" in a Russian
title) are absorbed by their neighbours so that only real versions become blocks.

>>> line_language("Комитет министров является органом")
'ru'
>>> line_language("The Committee of Ministers is the organ") is None  # Latin: decided per block
False
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

from kg.model import LanguageBlock, SourceLine

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
WORD = re.compile(r"[^\W\d_]+")



@cache
def function_words() -> dict[str, frozenset[str]]:
    """Function words that tell Latin-script languages apart (``function_words`` in structure.json)."""
    data = json.loads(resources.files("kg").joinpath("data/structure.json").read_text(encoding="utf-8"))
    return {lang: frozenset(words) for lang, words in data["function_words"].items()}


#: a run of lines in one script shorter than this (in letters) is absorbed by its neighbours
MIN_BLOCK_LETTERS = 400


def line_script(text: str) -> str | None:
    """'cyrl', 'latn' or None (no letters) by majority of letters."""
    c = len(CYRILLIC.findall(text))
    latin = len(LATIN.findall(text))
    if c == 0 and latin == 0:
        return None
    return "cyrl" if c >= latin else "latn"


def latin_language(texts: Sequence[str]) -> str:
    """English or French, by which language's function words are more frequent."""
    counts = dict.fromkeys(function_words(), 0)
    for t in texts:
        for w in WORD.findall(t.lower()):
            for lang, words in function_words().items():
                if w in words:
                    counts[lang] += 1
    return "fr" if counts["fr"] > counts["en"] else "en"


def line_language(text: str) -> str | None:
    """'ru' for a Cyrillic line; for a Latin one, 'en' or 'fr' by its own words; None without letters."""
    script = line_script(text)
    if script == "cyrl":
        return "ru"
    if script == "latn":
        return latin_language([text])
    return None


def split_blocks(lines: Sequence[SourceLine]) -> tuple[LanguageBlock, ...]:
    """Group lines into language versions: runs of one script, small runs absorbed."""
    runs: list[list] = []  # [script, [lines], letters]
    for line in lines:
        script = line_script(line.text)
        letters = len(WORD.findall(line.text))
        if script is None or (runs and runs[-1][0] == script):
            if not runs:
                runs.append([script, [], 0])
            runs[-1][1].append(line)
            runs[-1][2] += sum(len(w) for w in WORD.findall(line.text)) if letters else 0
            continue
        runs.append([script, [line], sum(len(w) for w in WORD.findall(line.text))])
    # absorb small runs into the previous run (or the next one at the start)
    merged: list[list] = []
    for run in runs:
        if merged and (run[2] < MIN_BLOCK_LETTERS or run[0] is None or run[0] == merged[-1][0]):
            merged[-1][1].extend(run[1])
            merged[-1][2] += run[2]
        elif merged and merged[-1][2] < MIN_BLOCK_LETTERS and merged[-1][0] != run[0] and len(merged) == 1:
            run[1][:0] = merged[-1][1]
            run[2] += merged[-1][2]
            merged[-1] = run
        else:
            merged.append(run)
    blocks: list[LanguageBlock] = []
    for script, block_lines, _ in merged:
        lang = "ru" if script == "cyrl" else latin_language([ln.text for ln in block_lines])
        tagged = tuple(
            SourceLine(ln.number, ln.start, ln.end, ln.text, ln.indent, ln.line_start, lang) for ln in block_lines
        )
        blocks.append(LanguageBlock(lang, tagged))
    return tuple(blocks)
