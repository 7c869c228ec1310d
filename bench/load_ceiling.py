"""How fast can Oxigraph take triples on this machine, whatever treaty-kg does around it?

    python bench/load_ceiling.py STORE_DIR [--work /tmp/load-ceiling] [--out bench/results-load.md]

STORE_DIR is a built store (for example ``/tmp/tkb/store-1000-j1`` left by ``bench/run.py``). Its quads are
dumped once to N-Quads, then loaded again by every way Oxigraph offers, each into a fresh database:

- ``Store.bulk_load(path=...)`` on disk (what ``treaty-kg build`` uses), lenient and not;
- the same from 32 MB chunks of bytes (what the build hands it, batch by batch), from the same chunks
  written to files and loaded by path, and from all the bytes in one piece (chunking or bytes: which costs?);
- the ``oxigraph load`` command line (Rust, no Python at all);
- ``Store.bulk_load`` into an in-memory store (an upper bound: nothing is written to disk).

Each line gives wall time, CPU time (the loader uses several threads) and triples per second. The figures
bound what the build can reach: a build cannot load faster than the loader alone.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from kg.store import database_dir  # noqa: E402

CHUNK = 32 << 20


def cpu() -> float:
    r, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime


def measure(label: str, fn: Callable[[], None], quads: int) -> list[str]:
    c0, t0 = cpu(), time.perf_counter()
    fn()
    wall, used = time.perf_counter() - t0, cpu() - c0
    print(f"{label}: {wall:.1f} s wall, {used:.1f} s CPU, {quads / wall:,.0f} triples/s", flush=True)
    return [label, f"{wall:.1f}", f"{used:.1f}", f"{quads / wall:,.0f}"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--work", type=Path, default=Path("/tmp/load-ceiling"))
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results-load.md")
    ap.add_argument("--ways", default="", help="which ways to measure, comma-separated (default: all): "
                    "path,strict,chunks,chunk-files,bytes,cli,memory")
    args = ap.parse_args()
    db_dir = database_dir(args.store)
    if db_dir is None:
        raise SystemExit(f"{args.store}: no database")
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    dump = args.work / "dump.nq"
    src = ox.Store.read_only(str(db_dir))
    quads = len(src)
    src.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    del src
    size = dump.stat().st_size
    fresh = iter(range(100))

    def new_db() -> ox.Store:
        return ox.Store(str(args.work / f"db-{next(fresh)}"))

    def from_path(lenient: bool) -> None:
        db = new_db()
        db.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS, lenient=lenient)
        db.flush()

    def from_chunks() -> None:
        db = new_db()
        with dump.open("rb") as f:
            while chunk := f.read(CHUNK):
                chunk += f.readline()
                db.bulk_load(chunk, format=ox.RdfFormat.N_QUADS, lenient=True)
        db.flush()

    def from_chunk_files() -> None:
        # the same chunks, each written to a file and loaded by path: is it the chunking or the bytes?
        db = new_db()
        part = args.work / "chunk.nq"
        with dump.open("rb") as f:
            while chunk := f.read(CHUNK):
                part.write_bytes(chunk + f.readline())
                db.bulk_load(path=str(part), format=ox.RdfFormat.N_QUADS, lenient=True)
        part.unlink()
        db.flush()

    def from_bytes() -> None:
        db = new_db()
        db.bulk_load(dump.read_bytes(), format=ox.RdfFormat.N_QUADS, lenient=True)
        db.flush()

    def cli() -> None:
        exe = Path(sys.executable).parent / "oxigraph"
        subprocess.run([str(exe), "load", "--location", str(args.work / "db-cli"), "--file", str(dump),
                        "--lenient"], check=True, capture_output=True)

    def in_memory() -> None:
        ox.Store().bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS, lenient=True)

    ways: dict[str, tuple[str, Callable[[], None]]] = {
        "path": ("bulk_load(path), on disk, lenient", lambda: from_path(True)),
        "strict": ("bulk_load(path), on disk", lambda: from_path(False)),
        "chunks": ("bulk_load(bytes) in 32 MB chunks, on disk, lenient", from_chunks),
        "chunk-files": ("bulk_load(path) of 32 MB chunk files, on disk, lenient", from_chunk_files),
        "bytes": ("bulk_load(bytes) in one piece, on disk, lenient", from_bytes),
        "cli": ("oxigraph load --lenient (command line), on disk", cli),
        "memory": ("bulk_load(path), in memory, lenient", in_memory),
    }
    if not (Path(sys.executable).parent / "oxigraph").exists():
        del ways["cli"]
    rows = []
    for key in args.ways.split(",") if args.ways else ways:
        label, fn = ways[key]
        rows.append(measure(label, fn, quads))
        for old in args.work.glob("db-*"):  # each database is measured, then dropped: they are large
            shutil.rmtree(old)
    shutil.rmtree(args.work, ignore_errors=True)
    lines = ["# Oxigraph's load rate on this machine", "",
             f"`python bench/load_ceiling.py {args.store}`: {quads:,} quads ({size / 1e6:,.0f} MB of N-Quads) from "
             f"that store, loaded by each way below into a fresh database. {os.cpu_count()} cores, Python "
             f"{platform.python_version()}, pyoxigraph {ox.__version__}, load average at the end "
             f"{os.getloadavg()[0]:.1f}.", "",
             "| how | wall s | CPU s | triples/s |", "|---|---|---|---|",
             *[f"| {' | '.join(r)} |" for r in rows], ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
