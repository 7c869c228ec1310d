"""PDF readers side by side: speed and reading order on the real PDFs of ../shared/corpus-real/original.

    .venv/bin/pip install pdfplumber pypdf   # for the measurement only; pypdfium2 is a dependency
    .venv/bin/python bench/pdf_readers.py [--runs 3] [--markdown]

Readers: pypdfium2's page text as PDFium orders it (``get_text_range``), kg.ingest.pdf (pypdfium2's
characters and boxes, lines rebuilt from the boxes), pdfplumber's ``extract_text`` (pdfminer.six)
and pypdf's ``extract_text``. A reader that is not installed is left out.

Reading order is compared with the ``pdftotext`` twins in ../shared/corpus-real/en (``*.pdf.en.txt``):

- words: difflib's ratio between the two texts' word sequences (1.0: the same words in the same order);
- lines found / in order: of the twin's lines of 25 characters or more, the share found in the reader's
  text (whitespace ignored), and the share of those found that come in the twin's order (the longest
  increasing run of their positions);
- for the four born-digital UN resolutions, the UN layout: a footnote marker glued to its word
  ("1994,1 the Treaty" on one line), a footnote's number on the line of its text ("1 A/49/765"), an
  operative number on the line of its words ("1. Affirms"), and the page-1 footer (job number) after the
  body rather than before it.
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # a benchmark script, run from a checkout

from kg.ingest.decode import IngestError  # noqa: E402
from kg.ingest.pdf import pdf_to_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus-real"
ORIGINAL = CORPUS / "original"
TWINS = CORPUS / "en"
BORN_DIGITAL = ("a-res-68-262", "a-res-es-11-2", "a-res-es-11-3", "a-res-es-11-4")
#: the UN-layout checks of the born-digital resolutions: what must be on one line
UN_LAYOUT = {
    "a-res-68-262": {"marker glued": r"1994,1 the Treaty", "footnote line": r"^1 A/49/765, annex I\.",
                     "operative line": r"^1\. Affirms its commitment"},
    "a-res-es-11-2": {"marker glued": r"Geneva Conventions of 19491$",
                      "footnote line": r"^1 United Nations, Treaty Series, vol\. 75",
                      "operative line": r"^1\. Reiterates"},
    "a-res-es-11-3": {"operative line": r"^1\. Decides to suspend"},
    "a-res-es-11-4": {"operative line": r"^1\. Reaffirms its commitment"},
}
JOB = re.compile(r"^\d{2}-\d{5}\b", re.M)


def read_pdfium(data: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return "\f".join(doc[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(doc)))
    finally:
        doc.close()


def read_kg(data: bytes) -> str:
    try:
        return pdf_to_text(data, "bench.pdf").text
    except IngestError:
        return ""


def read_pdfplumber(data: bytes) -> str:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\f".join(page.extract_text() or "" for page in pdf.pages)


def read_pypdf(data: bytes) -> str:
    import io

    import pypdf

    return "\f".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages)


READERS: dict[str, Callable[[bytes], str]] = {
    "pypdfium2 (get_text_range)": read_pdfium,
    "kg.ingest.pdf (pypdfium2 boxes)": read_kg,
    "pdfplumber": read_pdfplumber,
    "pypdf": read_pypdf,
}


def available() -> dict[str, Callable[[bytes], str]]:
    out = {}
    for name, fn in READERS.items():
        module = {"pdfplumber": "pdfplumber", "pypdf": "pypdf"}.get(name, "pypdfium2")
        try:
            __import__(module)
        except ImportError:
            print(f"skipped {name}: not installed", file=sys.stderr)
            continue
        out[name] = fn
    return out


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def lis_length(seq: list[int]) -> int:
    tails: list[int] = []
    for x in seq:
        i = bisect.bisect_left(tails, x)
        tails[i : i + 1] = [x]
    return len(tails)


def order_scores(text: str, twin: str) -> tuple[float, float, float]:
    flat = " ".join(text.split())
    lines = [" ".join(ln.split()) for ln in twin.splitlines()]
    lines = [ln for ln in lines if len(ln) >= 25]
    positions = [flat.find(ln) for ln in lines]
    found = [p for p in positions if p >= 0]
    ratio = difflib.SequenceMatcher(None, words(text), words(twin), autojunk=False).ratio()
    share_found = len(found) / len(lines) if lines else 1.0
    in_order = lis_length(found) / len(found) if found else 0.0
    return ratio, share_found, in_order


def layout_checks(stem: str, text: str) -> list[str]:
    out = []
    for what, pattern in UN_LAYOUT.get(stem, {}).items():
        out.append(f"{what} {'yes' if re.search(pattern, text, re.M) else 'NO'}")
    first_page = text.split("\f")[0]
    job = JOB.search(first_page)
    body = first_page.find("The General Assembly")
    if job and body >= 0:
        out.append(f"footer after body {'yes' if job.start() > body else 'NO'}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="timed runs per reader and file (the median is kept)")
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = ap.parse_args()
    if not ORIGINAL.is_dir():
        print(f"needs {ORIGINAL}", file=sys.stderr)
        return 2
    readers = available()
    pdfs = sorted(ORIGINAL.glob("*.pdf"))
    totals: dict[str, list[float]] = {name: [] for name in readers}
    rows = []
    for pdf in pdfs:
        data = pdf.read_bytes()
        stem = pdf.name.removesuffix(".en.pdf").removesuffix(".ru.pdf")
        twin_path = TWINS / f"{stem}.pdf.en.txt"
        twin = twin_path.read_text(encoding="utf-8") if twin_path.exists() else None
        for name, fn in readers.items():
            times = []
            text = ""
            for _ in range(args.runs):
                t0 = time.perf_counter()
                text = fn(data)
                times.append(time.perf_counter() - t0)
            seconds = statistics.median(times)
            if twin is not None:  # the six PDFs with a text layer; the scans are refused at once
                totals[name].append(seconds)
            chars = len(text.replace("\f", "").strip())
            scores = order_scores(text, twin) if twin is not None and chars else None
            rows.append((pdf.name, name, seconds, chars, scores, layout_checks(stem, text) if stem in BORN_DIGITAL
                         else []))
    if args.markdown:
        print("| file | reader | s | chars | words vs pdftotext | lines found | in order | UN layout |")
        print("|---|---|---:|---:|---:|---:|---:|---|")
        for file, name, seconds, chars, scores, checks in rows:
            s = " | ".join(f"{x:.3f}" for x in scores) if scores else "- | - | -"
            print(f"| {file} | {name} | {seconds:.3f} | {chars} | {s} | {', '.join(checks)} |")
        print()
        print("| reader | mean s per PDF with a text layer | total s (those 6 PDFs) |")
        print("|---|---:|---:|")
        for name, ts in totals.items():
            print(f"| {name} | {statistics.mean(ts):.3f} | {sum(ts):.3f} |")
    else:
        for file, name, seconds, chars, scores, checks in rows:
            s = "  ".join(f"{x:.3f}" for x in scores) if scores else "-"
            print(f"{file:60} {name:32} {seconds:7.3f}s {chars:6} {s}  {'; '.join(checks)}")
        for name, ts in totals.items():
            print(f"{name:32} mean {statistics.mean(ts):.3f}s per PDF with a text layer, total {sum(ts):.3f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
