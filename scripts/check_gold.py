"""Check hand-made gold files mechanically (../shared/spec/gold-schema.md, "Check each gold file").

usage: python scripts/check_gold.py [GOLD_FILE_OR_DIR ...] [--corpus DIR]

For each gold file: the required keys and values are there; the source file exists in the corpus; every
entity and reference surface occurs in the text (runs of whitespace count as one space); every
reference surface occurs after the heading of the unit it is said to come from ("Article N",
"paragraph N"); the article headings found in the text run 1..N when `articles` is N. It reads the
text only, never the extractor's output, so it can judge gold written before the extractor reads a file.
Exit 0 when every file passes, 1 otherwise, printing each problem as FILE: problem.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = HERE.parent / "shared" / "corpus-real"
DEFAULT_GOLD = HERE / "tests" / "data" / "gold"

KINDS = {"treaty", "resolution", "declaration"}
TYPES = {"Organ", "UNEntity", "Organization", "Treaty", "Document", "State"}
REF_KINDS = {"internal", "external", "intra", "anaphoric", "chapter", "resolution", "document"}

# an article heading at the start of a line, in the three languages (Markdown marks allowed)
ARTICLE_HEADING = re.compile(
    r"""^[#*\s]*(?:ARTICLE|Article|Art\.|Статья|СТАТЬЯ)\s+
        (?P<n>\d+|premier|PREMIER|[IVXLC]+)(?:er)?\b""",
    re.VERBOSE | re.MULTILINE,
)


def roman(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(s):
        v = values[ch]
        total += -v if i + 1 < len(s) and values[s[i + 1]] > v else v
    return total


def collapse(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


def find_file(corpus: Path, name: str) -> Path | None:
    hits = sorted(corpus.rglob(name))
    return hits[0] if hits else None


def unit_text(text: str, unit: str) -> str | None:
    """The text from the heading of `unit` ("Article 12") to the end; None when no heading is found."""
    m = re.match(r"(?i)article\s+(\S+)$", unit)
    if not m:
        return None
    n = m.group(1)
    pat = re.compile(
        r"^[#*\s]*(?:ARTICLE|Article|Art\.|Статья|СТАТЬЯ)\s+" + re.escape(n) + r"(?:er)?\b",
        re.MULTILINE,
    )
    if n == "1":
        pat = re.compile(r"^[#*\s]*(?:ARTICLE|Article|Art\.|Статья|СТАТЬЯ)\s+(?:1|premier|PREMIER)(?:er)?\b", re.MULTILINE)
    hit = pat.search(text)
    return text[hit.start():] if hit else None


def check(path: Path, corpus: Path) -> list[str]:
    problems: list[str] = []
    try:
        g = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"cannot read: {e}"]
    for key in ("doc", "language", "kind", "title", "entities", "references"):
        if key not in g:
            problems.append(f"missing key {key!r}")
    if problems:
        return problems
    if g["language"] not in {"en", "fr", "ru"}:
        problems.append(f"language {g['language']!r}")
    if g["kind"] not in KINDS:
        problems.append(f"kind {g['kind']!r}")
    name = g.get("file", g["doc"] + ".txt")
    src = find_file(corpus, name)
    if src is None:
        return problems + [f"no file {name} under {corpus}"]
    if src.suffix.lower() in {".pdf", ".png", ".docx"}:
        # the words of a binary original are checked against its text twin, when the corpus has one
        # the text extracted from the same file (a-res-68-262.pdf.en.txt for a-res-68-262.en.pdf), not another
        # rendering of the document (its .lisp.en.txt transcription has other words)
        stem = src.name.split(".")[0]
        kind = src.suffix.lower().lstrip(".")
        twin = next(iter(sorted(corpus.rglob(f"{stem}.{kind}.*.txt"))), None)
        if twin is None:
            return problems
        src = twin
    text = src.read_text(encoding="utf-8", errors="replace")
    flat = collapse(text)
    for e in g["entities"]:
        for key in ("label", "type", "surface", "must"):
            if key not in e:
                problems.append(f"entity {e.get('label')!r}: missing {key!r}")
        if e.get("type") not in TYPES:
            problems.append(f"entity {e.get('label')!r}: type {e.get('type')!r}")
        for s in e.get("surface", []):
            if collapse(s) not in flat:
                problems.append(f"entity {e.get('label')!r}: surface {s!r} not in the text")
    for r in g["references"]:
        for key in ("from", "to", "surface", "kind", "must"):
            if key not in r:
                problems.append(f"reference {r.get('surface')!r}: missing {key!r}")
        if r.get("kind") not in REF_KINDS:
            problems.append(f"reference {r.get('surface')!r}: kind {r.get('kind')!r}")
        s = collapse(r.get("surface", ""))
        if s not in flat:
            problems.append(f"reference {r.get('surface')!r} (from {r.get('from')}): surface not in the text")
            continue
        unit = unit_text(text, r.get("from", ""))
        if unit is not None and s not in collapse(unit):
            problems.append(f"reference {r.get('surface')!r}: not found after the heading of {r['from']}")
    for t in g.get("treaty_series", []):
        if collapse(t.get("surface", "")) not in flat:
            problems.append(f"treaty_series {t.get('surface')!r}: surface not in the text")
    n = g.get("articles")
    if n:
        found = set()
        for m in ARTICLE_HEADING.finditer(text):
            v = m.group("n")
            if re.fullmatch(r"[IVXLC]+", v):
                v = str(roman(v))
            found.add("1" if v.lower() == "premier" else v)
        missing = [str(i) for i in range(1, n + 1) if str(i) not in found]
        if missing and len(missing) > n // 2:
            problems.append(f"articles {n}: no heading found for {len(missing)} of them (e.g. {missing[:5]})")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    a = ap.parse_args(argv)
    files: list[Path] = []
    for p in a.paths or [DEFAULT_GOLD]:
        files += sorted(p.glob("*.json")) if p.is_dir() else [p]
    bad = 0
    for f in files:
        for problem in check(f, a.corpus):
            bad += 1
            print(f"{f.name}: {problem}")
    print(f"{len(files)} gold file(s), {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
