"""Name matching throughput: the entity stage's one-pass matcher against one regex per name.

    python bench/matcher_bench.py --mb 5

The text is the seed corpus's provision texts (English and Russian) repeated to the given size; the
baseline compiles one regex per registry name of the language and runs them one after another, the
way a straightforward gazetteer does (no morphology, so it finds fewer Russian forms).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # a benchmark script, run from a checkout

from kg.entities.matcher import Context, Matcher  # noqa: E402
from kg.entities.registry import Registry, registry  # noqa: E402
from kg.pipeline import build  # noqa: E402


def paragraphs(lang: str) -> list[str]:
    out = []
    for doc in build([ROOT / "corpus"], entities=False).documents:
        for p in doc.provisions:
            t = p.text(lang)
            if t is not None and p.kind not in ("article", "preamble", "chapter"):
                out.append(t.value)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    args = ap.parse_args()
    reg = registry()
    lines = []
    for lang in ("en", "ru"):
        paras = paragraphs(lang)
        size = sum(len(p.encode("utf-8")) for p in paras)
        reps = max(1, int(args.mb * 1e6 / 2 / size))
        corpus = paras * reps
        mb = sum(len(p.encode("utf-8")) for p in corpus) / 1e6
        matcher = Matcher(reg)
        matcher.find("warm up", lang, Context())  # compile the automata outside the timing
        t = time.perf_counter()
        found = 0
        ctx = Context()
        for p in corpus:
            found += len(matcher.find(p, lang, ctx))
            if len(ctx.named) > 1000:
                del ctx.named[:-100]
        ours = time.perf_counter() - t
        names = sorted({n for e in reg.entries.values() for n in Registry.names(e) if n}, key=len, reverse=True)
        patterns = [re.compile(r"\b" + re.escape(n) + r"\b") for n in names]
        t = time.perf_counter()
        base_found = 0
        for p in corpus:
            for pat in patterns:
                base_found += len(pat.findall(p))
        base = time.perf_counter() - t
        lines.append(f"| {lang} | {mb:.1f} MB | {mb / ours:.2f} MB/s ({found:,} mentions) | "
                     f"{mb / base:.2f} MB/s ({base_found:,} hits, {len(patterns)} regexes) | {base / ours:.1f}x |")
    print("| language | text | one-pass matcher | one regex per name | speed-up |")
    print("|---|---|---|---|---|")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
