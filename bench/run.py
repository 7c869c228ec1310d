"""The whole tool measured on generated corpora: build throughput, memory, stages, incremental rebuild,
store load and export, queries and start-up, each beside a baseline measured in the same run.

    python bench/run.py                          # 100, 1,000 and 10,000 documents (about 20 minutes)
    python bench/run.py --sizes 100,1000 --out /tmp/results.md

Corpora come from ``bench/make_corpus.py`` (a fixed seed: the same size gives the same files) and are
kept in ``--work`` between runs. The results go to ``bench/results.md`` with the machine they were
measured on; every target of the scale issue is listed with its figure and by how much it is met or
missed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # a benchmark script, run from a checkout

import pyoxigraph as ox  # noqa: E402
from rdflib import URIRef  # noqa: E402

from kg.query import bind, library, load_query, run_rdflib, run_store, with_values  # noqa: E402
from kg.store import database_dir  # noqa: E402

TREATY_KG = [sys.executable, "-m", "kg.cli"]
MB = 1_000_000


# -- measuring ------------------------------------------------------------------------------------


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc (kB)."""
    parents: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            parents[int(d.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    family = {root}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in family and pid not in family:
                family.add(pid)
                grew = True
    total = 0
    for pid in family:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stderr: str = ""


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    """Run ``cmd``; wall time and the peak resident memory of its whole process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    return Run(seconds, peak / 1024, proc.returncode, err[-2000:])


def timed(fn: Callable[[], Any], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.txt"))


# -- the report -----------------------------------------------------------------------------------


@dataclass
class Report:
    sections: list[str] = field(default_factory=list)
    targets: list[tuple[str, str, str, str]] = field(default_factory=list)  # target, measured, verdict, note
    figures: dict[str, Any] = field(default_factory=dict)

    out: Path | None = None

    def section(self, title: str, lines: list[str]) -> None:
        self.sections.append(f"## {title}\n\n" + "\n".join(lines) + "\n")
        print(f"\n## {title}\n" + "\n".join(lines), flush=True)
        if self.out is not None:  # a run stopped part-way still leaves what it measured
            self.out.with_suffix(".partial.md").write_text("\n".join(self.sections), encoding="utf-8")

    def target(self, what: str, measured: str, met: bool, note: str = "") -> None:
        self.targets.append((what, measured, "met" if met else "MISSED", note))


def table(head: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return out


# -- the measurements -----------------------------------------------------------------------------


def make_corpora(sizes: list[int], work: Path, rep: Report) -> dict[int, Path]:
    rows = []
    out = {}
    for n in sizes:
        folder = work / f"corpus-{n}"
        done = folder / ".complete"
        seconds = 0.0
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            t = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(n), str(folder)], check=True,
                           cwd=ROOT)
            seconds = time.perf_counter() - t
            done.write_text("ok")
        files = sorted(folder.rglob("*.txt"))
        rows.append([n, len(files), f"{corpus_bytes(folder) / MB:.1f}", f"{seconds:.1f}" if seconds else "(kept)"])
        out[n] = folder
    rep.section("Corpora (bench/make_corpus.py, seed 0)", table(["documents", "files", "MB", "generated in s"], rows))
    return out


def open_db(store: Path) -> ox.Store:
    """A store folder's database, read-only (the folder links to the database in use)."""
    db_dir = database_dir(store)
    if db_dir is None:
        raise SystemExit(f"{store}: no database")
    return ox.Store.read_only(str(db_dir))


def store_triples(store: Path) -> int:
    return len(open_db(store))


def build_runs(corpora: dict[int, Path], work: Path, jobs_list: list[int], rep: Report) -> dict[tuple[int, int], Path]:
    rows = []
    stores: dict[tuple[int, int], Path] = {}
    rates: dict[tuple[int, int], float] = {}
    for n, folder in corpora.items():
        size = corpus_bytes(folder)
        for jobs in jobs_list:
            store = work / f"store-{n}-j{jobs}"
            shutil.rmtree(store, ignore_errors=True)
            r = run_measured([*TREATY_KG, "build", str(folder), "--store", str(store), "-j", str(jobs), "--full", "-q"])
            if r.returncode not in (0, 1):
                raise SystemExit(f"build of {folder} failed: {r.stderr}")
            triples = store_triples(store)
            rate = size / MB / r.seconds
            rates[(n, jobs)] = rate
            stores[(n, jobs)] = store
            rows.append([n, jobs, f"{size / MB:.1f}", f"{r.seconds:.1f}", f"{rate:.2f}", f"{n / r.seconds:.1f}",
                         f"{r.peak_rss_mb:.0f}", f"{triples:,}", f"{triples / r.seconds:,.0f}",
                         f"{os.getloadavg()[0]:.1f}"])
            rep.figures[f"build_{n}_j{jobs}"] = {"seconds": r.seconds, "mb_s": rate, "rss_mb": r.peak_rss_mb,
                                                 "triples": triples}
    rep.section("Build, end to end (`treaty-kg build DIR --store S -j N --full`: read, structure, entities, "
                "references, graph, store)",
                ["The last column is the machine's one-minute load average when the build ended (2 cores: "
                 "above 2 means other work was competing with the build).", "",
                 *table(["documents", "processes", "MB", "seconds", "MB/s", "documents/s",
                         "peak RSS MB (all processes)", "triples", "triples/s", "load"], rows)])
    biggest = max(corpora)
    one = rates.get((max(n for n, _ in rates if (n, 1) in rates), 1)) if any(j == 1 for _, j in rates) else None
    if one is not None:
        rep.target("build >= 3 MB/s per process", f"{one:.2f} MB/s", one >= 3.0,
                   f"{one / 3.0:.0%} of the target")
        n1 = max(n for n, j in rates if j == 1)
        if (n1, 2) in rates:
            speedup = rates[(n1, 2)] / rates[(n1, 1)]
            rep.target("2 processes >= 1.7x one", f"{speedup:.2f}x ({n1} documents)", speedup >= 1.7)
    if (biggest, 2) in stores:
        f = rep.figures[f"build_{biggest}_j2"]
        rep.target(f"{biggest:,} documents in < 3 min on 2 cores", f"{f['seconds']:.0f} s", f["seconds"] < 180,
                   f"{f['seconds'] / 180:.1f}x the limit" if f["seconds"] >= 180 else "")
        rep.target(f"peak RSS < 2 GiB for {biggest:,} documents", f"{f['rss_mb']:.0f} MB", f["rss_mb"] < 2048)
    return stores


def stage_times(folder: Path, work: Path, rep: Report) -> None:
    from kg.pipeline import build_store
    from kg.store import Store

    store = work / "store-stages"
    shutil.rmtree(store, ignore_errors=True)
    with Store.open(store) as st:
        res = build_store([folder], st, jobs=1, incremental=False)
    total = res.timings["total"]
    rows = [[k, f"{v:.2f}", f"{v / total:.0%}"] for k, v in sorted(res.timings.items(), key=lambda kv: -kv[1])
            if k != "total"]
    rows.append(["total (wall)", f"{total:.2f}", "100%"])
    rep.section(f"Stages on the {folder.name} corpus (one process; seconds)",
                ["`index` reads and structures every file once so that references can be resolved across files, "
                 "and spools each structured document; `read+structure` reads it back inside each file's build; "
                 "`compact` is the store's compaction after the bulk loads.", "",
                 *table(["stage", "seconds", "share"], rows)])
    rep.figures["stages"] = res.timings


def incremental(folder: Path, store: Path, rep: Report) -> None:
    """After a full build: nothing changed, then one file changed."""
    r0 = run_measured([*TREATY_KG, "build", str(folder), "--store", str(store), "-q"])
    victim = sorted(folder.rglob("*.txt"))[len(list(folder.rglob("*.txt"))) // 2]
    original = victim.read_bytes()
    try:
        victim.write_bytes(original + b"\nArticle 999\nThe Parties shall apply Article 1.\n")
        r1 = run_measured([*TREATY_KG, "build", str(folder), "--store", str(store), "-q"])
    finally:
        victim.write_bytes(original)
    r2 = run_measured([*TREATY_KG, "build", str(folder), "--store", str(store), "-q"])
    rep.section(f"Incremental rebuild ({folder.name}, store already built)",
                table(["change", "seconds", "peak RSS MB"],
                      [["none", f"{r0.seconds:.2f}", f"{r0.peak_rss_mb:.0f}"],
                       [f"one file ({victim.name}) changed", f"{r1.seconds:.2f}", f"{r1.peak_rss_mb:.0f}"],
                       ["the file changed back", f"{r2.seconds:.2f}", f"{r2.peak_rss_mb:.0f}"]]))
    rep.target(f"rebuild after one change < 5 s ({folder.name})", f"{r1.seconds:.2f} s", r1.seconds < 5.0)
    rep.figures["incremental"] = {"none": r0.seconds, "one": r1.seconds, "back": r2.seconds}


def store_rates(store: Path, small_store: Path, work: Path, rep: Report) -> None:
    import rdflib

    db = open_db(store)
    t = time.perf_counter()
    data = db.dump(format=ox.RdfFormat.N_QUADS) or b""
    dump_s = time.perf_counter() - t
    n = data.count(b"\n")
    del db
    fresh = work / "store-load"
    shutil.rmtree(fresh, ignore_errors=True)
    st = ox.Store(str(fresh))
    t = time.perf_counter()
    st.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    st.flush()
    load_s = time.perf_counter() - t
    del st
    del data
    shutil.rmtree(fresh, ignore_errors=True)
    rows = [["Oxigraph bulk load (N-Quads)", f"{n:,}", f"{load_s:.1f}", f"{n / load_s:,.0f}"],
            ["Oxigraph dump (N-Quads)", f"{n:,}", f"{dump_s:.1f}", f"{n / dump_s:,.0f}"]]
    # the baseline: rdflib's in-memory Dataset on the smaller graph (the big one would not fit)
    sdb = open_db(small_store)
    small = sdb.dump(format=ox.RdfFormat.N_QUADS) or b""
    del sdb
    sn = small.count(b"\n")
    t = time.perf_counter()
    ds = rdflib.Dataset()
    ds.parse(data=small.decode("utf-8"), format="nquads")
    rd_s = time.perf_counter() - t
    rows.append([f"rdflib Dataset parse (N-Quads, {small_store.name})", f"{sn:,}", f"{rd_s:.1f}", f"{sn / rd_s:,.0f}"])
    t = time.perf_counter()
    ds.serialize(format="nquads")
    rdx_s = time.perf_counter() - t
    rows.append([f"rdflib serialize (N-Quads, {small_store.name})", f"{sn:,}", f"{rdx_s:.1f}", f"{sn / rdx_s:,.0f}"])
    rows.extend(export_rates(store, work))
    rep.section("Store load and export", table(["what", "triples", "seconds", "triples/s"], rows))
    rep.target("store load >= 300,000 triples/s", f"{n / load_s:,.0f} triples/s", n / load_s >= 300_000,
               f"rdflib: {sn / rd_s:,.0f} triples/s")
    rep.figures["store"] = {"triples": n, "load_s": load_s, "rdflib_load_rate": sn / rd_s}


def export_rates(store: Path, work: Path) -> list[list[str]]:
    """``treaty-kg export`` per format from the store (the command of the publishing work)."""
    rows = []
    n = store_triples(store)
    for fmt in ("nt", "nq", "ttl", "trig", "jsonld"):
        out = work / f"export.{fmt}"
        r = run_measured([*TREATY_KG, "export", "--format", fmt, "--store", str(store), "-o", str(out)])
        if r.returncode != 0:
            rows.append([f"treaty-kg export --format {fmt} ({store.name})", f"{n:,}", "failed",
                         r.stderr.strip().splitlines()[-1][:80] if r.stderr.strip() else ""])
            continue
        rows.append([f"treaty-kg export --format {fmt} ({store.name}, {out.stat().st_size / MB:.0f} MB)", f"{n:,}",
                     f"{r.seconds:.1f}", f"{n / r.seconds:,.0f}"])
        out.unlink()
    return rows


# parameters of the library queries on a generated corpus: the seed's defaults (the Statute, A/RES/67/83)
# are not in it, and a query about a missing treaty measures nothing. Each is picked by a query of its own.
PICKS = {
    # the treaty and the resolution of the corpus (read from a file) with the most provisions, and the
    # provision of a text of the corpus cited most often
    "treaty": "SELECT ?x WHERE { ?x a tkg:Treaty ; tkg:sourceFile ?f . ?p dcterms:isPartOf ?x } GROUP BY ?x "
              "ORDER BY DESC(COUNT(?p)) ?x LIMIT 1",
    "resolution": "SELECT ?x WHERE { ?x a tkg:Resolution ; tkg:sourceFile ?f . ?p dcterms:isPartOf ?x } "
                  "GROUP BY ?x ORDER BY DESC(COUNT(?p)) ?x LIMIT 1",
    # (of the treaty above: the query binds ?treaty)
    "target": "SELECT ?x WHERE { ?x dcterms:isPartOf+ ?treaty . ?p tkg:cites ?x } GROUP BY ?x "
              "ORDER BY DESC(COUNT(?p)) ?x LIMIT 1",
    # the entity of the registry named in the median number of provisions: a typical lookup
    "entity": "SELECT ?x (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p tkg:mentions ?x } GROUP BY ?x ORDER BY ?n ?x",
}
PICKS["document"] = PICKS["resolution"]
PICKS["article"] = PICKS["target"]
PREFIX_TEXT = ("PREFIX tkg: <https://w3id.org/treaty-kg/ontology#>\n"
               "PREFIX dcterms: <http://purl.org/dc/terms/>\n")


def pick_params(db: ox.Store) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, text in PICKS.items():
        if "?treaty" in text and "treaty" in out:
            text = with_values(text, {"treaty": URIRef(out["treaty"])})
        rows = list(db.query(PREFIX_TEXT + text, use_default_graph_as_union=True))  # type: ignore[arg-type]
        if not rows:
            continue
        row = rows[len(rows) // 2] if name == "entity" else rows[0]
        out[name] = row["x"].value
    return out


def _query_child(store_dir: str, name: str, values: dict[str, str], runs: int, conn: Any,
                 dataset: Any = None) -> None:
    q = load_query(name)
    b = bind(q, {p.name: values[p.name] for p in q.params if p.name in values})
    db = None if dataset is not None else ox.Store.read_only(store_dir)
    for _ in range(runs):
        t = time.perf_counter()
        res = run_rdflib(dataset, q, b) if dataset is not None else run_store(db, q, b)  # type: ignore[arg-type]
        conn.send((time.perf_counter() - t, len(res.rows) if res.rows is not None else len(res.triples or [])))
    conn.close()


def time_query(store_dir: str, name: str, values: dict[str, str], runs: int, limit: float,
               dataset: Any = None) -> tuple[list[float], int | None]:
    """Run one query ``runs`` times in a forked child, which is killed after ``limit`` seconds in all:
    a query that runs away cannot stop the benchmark. Returns the times of the runs that ended, and rows."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    here, there = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_query_child, args=(store_dir, name, values, runs, there, dataset))
    child.start()
    there.close()
    times: list[float] = []
    rows: int | None = None
    deadline = time.monotonic() + limit
    while len(times) < runs:
        left = deadline - time.monotonic()
        if left <= 0 or not here.poll(left):
            break
        try:
            t, rows = here.recv()
        except EOFError:  # the child failed: its traceback is on stderr
            break
        times.append(t)
    child.kill()
    child.join()
    return times, rows


def query_times(store: Path, small_store: Path, rep: Report, runs: int, limit: float = 60.0) -> None:
    import rdflib

    names = sorted(library())
    heavy = {n: load_query(n).heavy for n in names}
    big = str(database_dir(store))
    values = pick_params(open_db(store))
    rows = []
    slow = []
    medians: dict[str, float] = {}
    for name in names:
        times, n = time_query(big, name, values, 3 if heavy[name] else runs, limit)
        if times:
            med = statistics.median(times)
            medians[name] = med
            rows.append([name, "yes" if heavy[name] else "", str(len(times)), f"{n:,}", f"{med * 1000:.0f}",
                         f"{p95(times) * 1000:.0f}"])
        else:
            med = math.inf
            rows.append([name, "yes" if heavy[name] else "", "0", "", f"> {limit * 1000:.0f}", ""])
        print(f"  {name}: {rows[-1][4]} ms", flush=True)
        if not heavy[name] and med >= 0.1:
            slow.append(f"{name} {rows[-1][4]} ms")
    light = [n for n in names if not heavy[n]]
    rep.section(f"Queries on the {store.name} graph (Oxigraph; ms; up to {runs} runs, {limit:.0f} s at most "
                "per query)",
                ["Parameters (picked by `PICKS` in bench/run.py; the other parameters keep their defaults):", "",
                 *[f"- `{k}` = <{v}>" for k, v in sorted(values.items())], "",
                 *table(["query", "analytics", "runs", "rows", "median", "p95"], rows)])
    rep.target("every non-analytics query < 100 ms median (largest graph)",
               f"{len(light) - len(slow)} of {len(light)} under", not slow, "; ".join(slow))
    # the baseline: the same queries on the smallest graph, Oxigraph against rdflib's engine
    small = str(database_dir(small_store))
    sdb = open_db(small_store)
    svalues = pick_params(sdb)
    data = sdb.dump(format=ox.RdfFormat.N_QUADS) or b""
    del sdb
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=data.decode("utf-8"), format="nquads")
    rows = []
    ratios = []
    for name in names:
        ox_times, _ = time_query(small, name, svalues, 3, limit)
        rd_times, n = time_query(small, name, svalues, 1, limit, dataset=ds)
        if not ox_times:
            rows.append([name, f"> {limit * 1000:.0f}", "", ""])
            continue
        ox_t = statistics.median(ox_times)
        rd_t = statistics.median(rd_times) if rd_times else limit
        ratio = rd_t / max(ox_t, 1e-4)
        ratios.append(ratio)
        rows.append([name, f"{ox_t * 1000:.1f}", f"{rd_t * 1000:.0f}" if rd_times else f"> {limit * 1000:.0f}",
                     f"{ratio:.0f}x" if rd_times else f"> {ratio:.0f}x"])
        print(f"  rdflib {name}: {rows[-1][3]}", flush=True)
    worst = min(ratios)
    rep.section(f"Queries on the {small_store.name} graph ({len(ds):,} triples): Oxigraph against rdflib's engine "
                "(ms, median; the same parameters, picked the same way)",
                table(["query", "Oxigraph", "rdflib", "rdflib / Oxigraph"], rows))
    rep.target(">= 5x faster than rdflib on every query", f"slowest ratio {worst:.1f}x, median "
               f"{statistics.median(ratios):.0f}x", worst >= 5)


def startup(rep: Report) -> None:
    cmd = [str(Path(sys.executable).parent / "treaty-kg"), "--help"]
    if not Path(cmd[0]).exists():
        cmd = [*TREATY_KG, "--help"]
    times = timed(lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True), 10)
    med = statistics.median(times)
    rep.section("Start-up", [f"`treaty-kg --help`: median {med * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
                             "over 10 runs (commands import their modules when they run)."])
    rep.target("`treaty-kg --help` < 0.5 s", f"{med:.2f} s", med < 0.5)


def extraction_baseline(folder: Path, rep: Report, limit_mb: float) -> None:
    """The entity matcher against one regex per registry name, on the corpus's own provision texts."""
    from kg.entities.extract import default_stage
    from kg.entities.matcher import Context
    from kg.entities.registry import registry
    from kg.pipeline import build

    texts: dict[str, list[str]] = {"en": [], "ru": []}
    size = 0.0
    for path in sorted(folder.rglob("*.txt")):
        for doc in build([path], entities=False).documents:
            for p in doc.provisions:
                for t in p.texts:
                    if t.lang in texts:
                        texts[t.lang].append(t.value)
                        size += len(t.value.encode("utf-8")) / MB
        if size >= limit_mb:
            break
    matcher = default_stage().matcher
    reg = registry()
    rows = []
    for lang, paras in texts.items():
        mb = sum(len(p.encode("utf-8")) for p in paras) / MB
        names = sorted({n for e in reg.entries.values() for n in [e.get("labels", {}).get(lang, ""),
                                                                  *e.get("aliases", {}).get(lang, [])] if n},
                       key=len, reverse=True)
        regexes = [re.compile(r"(?<!\w)" + re.escape(n) + r"(?!\w)") for n in names]
        t = time.perf_counter()
        ours = sum(len(matcher.find(p, lang, Context())) for p in paras)
        ours_s = time.perf_counter() - t
        t = time.perf_counter()
        base = sum(len(rx.findall(p)) for p in paras for rx in regexes)
        base_s = time.perf_counter() - t
        rows.append([lang, f"{mb:.1f}", f"{mb / ours_s:.2f}", ours, f"{mb / base_s:.2f}", base,
                     f"{base_s / ours_s:.0f}x"])
    rep.section("Extraction: the entity matcher against one regex per name (same provision texts)",
                table(["language", "MB", "matcher MB/s", "matches", "regex-per-name MB/s", "matches", "speed-up"],
                      rows))


def machine() -> list[str]:
    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                    if ln.startswith("model name")), "")
    mem = ""
    try:
        kb = int(next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines()
                      if ln.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return [f"- cores: {os.cpu_count()} ({cpu})", f"- memory: {mem}", f"- Python {platform.python_version()}, "
            f"pyoxigraph {ox.__version__}", f"- measured: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
            f"- load average at the start: {os.getloadavg()[0]:.1f}"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000", help="corpus sizes (documents), comma-separated")
    ap.add_argument("--work", type=Path, default=Path("/tmp/treaty-kg-bench"), help="where corpora and stores go")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md")
    ap.add_argument("--query-runs", type=int, default=9)
    ap.add_argument("--skip", default="", help="sections to skip: build,stages,incremental,store,queries,"
                    "extraction (without build, the stores an earlier run left in --work are used)")
    ap.add_argument("--query-limit", type=float, default=60.0, help="seconds at most per query (all its runs)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    skip = set(args.skip.split(",")) - {""}
    args.work.mkdir(parents=True, exist_ok=True)
    rep = Report(out=args.out)
    rep.section("Machine", machine())
    corpora = make_corpora(sizes, args.work, rep)
    biggest, middle = max(sizes), sorted(sizes)[len(sizes) // 2] if len(sizes) > 1 else max(sizes)
    stores: dict[tuple[int, int], Path] = {}
    if "build" not in skip:
        plans = {n: ([1, 2] if n != biggest or len(sizes) == 1 else [2]) for n in sizes}
        for n in sizes:
            stores.update(build_runs({n: corpora[n]}, args.work, plans[n], rep))
    else:  # the stores of an earlier run in the same --work folder
        stores = {(n, j): args.work / f"store-{n}-j{j}" for n in sizes for j in (1, 2)
                  if database_dir(args.work / f"store-{n}-j{j}") is not None}
    if "stages" not in skip:
        stage_times(corpora[middle], args.work, rep)
    smallest = min(sizes)
    big_store = stores.get((biggest, 2)) or stores.get((biggest, 1))
    mid_store = stores.get((middle, 1)) or stores.get((middle, 2))
    # rdflib, the baseline, holds its graph in Python objects: it gets the smallest graph
    small_store = stores.get((smallest, 1)) or stores.get((smallest, 2))
    if big_store and "incremental" not in skip:
        incremental(corpora[biggest], big_store, rep)
    if mid_store and small_store and "store" not in skip:
        store_rates(mid_store, small_store, args.work, rep)
    if big_store and small_store and "queries" not in skip:
        query_times(big_store, small_store, rep, args.query_runs, args.query_limit)
    startup(rep)
    if "extraction" not in skip:
        extraction_baseline(corpora[middle], rep, limit_mb=4.0)

    head = ["# Benchmark results", "",
            "Measured by `python bench/run.py` (see its docstring); every figure below is from one run on the "
            "machine described. Targets are those of the scale issue; a missed one says by how much.", "",
            "## Targets", "", *table(["target", "measured", "verdict", "note"], [list(t) for t in rep.targets]), ""]
    text = "\n".join(head) + "\n" + "\n".join(rep.sections)
    args.out.write_text(text, encoding="utf-8")
    (args.out.with_suffix(".json")).write_text(json.dumps(rep.figures, indent=2, sort_keys=True), encoding="utf-8")
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
