"""The one orchestrator: files → ingest → structure → entities → (references) → RDF.

>>> result = build([])
>>> result.documents, result.errors
([], [])
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset

from kg.entities import extract_entities
from kg.entities.extract import default_stage
from kg.entities.registry import identify_treaty
from kg.ingest import IngestError, ingest
from kg.model import Document, Entities, Finding
from kg.rdf.build import to_dataset
from kg.rdf.namespace import DEFAULT_BASE
from kg.references import References, Unresolved, resolve_references
from kg.references.derived import Derived, derive
from kg.structure import structure

#: the file kinds read from a folder (a file named on the command line is read whatever its name)
READ_SUFFIXES = (".txt", ".md", ".markdown", ".htm", ".html", ".pdf", ".docx")


@dataclass(frozen=True)
class BuildError:
    """A file that could not be built: its name, the stage that failed and why."""

    path: str
    stage: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.stage == "read" else f"{self.path}: {self.stage}: {self.reason}"


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[BuildError] = field(default_factory=list)
    #: the entity stage's output per source file name
    entities: dict[str, Entities] = field(default_factory=dict)
    #: the references stage's output per source file name
    references: dict[str, References] = field(default_factory=dict)
    #: relations derived from the words (organs established, amendment notes) per source file name
    derived: dict[str, Derived] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        out = [f for d in self.documents for f in d.findings]
        out.extend(f for e in self.entities.values() for f in e.findings)
        return out

    def dataset(self, base: str = DEFAULT_BASE) -> Dataset:
        return to_dataset(self.documents, base, self.entities, references=self.references, derived=self.derived)

    @property
    def unresolved(self) -> list[Unresolved]:
        return [u for r in self.references.values() for u in r.unresolved]


def collect(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[Path], list[BuildError]]:
    """The text files named by ``paths`` (files, or folders walked without following links), sorted."""
    files: list[Path] = []
    errors: list[BuildError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found: list[Path] = []
            for root, dirs, names in os.walk(p, followlinks=False, onerror=lambda e: errors.append(
                    BuildError(str(e.filename), "read", e.strerror or str(e)))):
                dirs.sort()
                found.extend(Path(root) / n for n in names if n.lower().endswith(READ_SUFFIXES))
            if not found:
                errors.append(BuildError(str(p), "read", f"no {'/'.join(READ_SUFFIXES)} files in this folder"))
            files.extend(sorted(found))
        elif p.exists() or p.is_symlink():
            files.append(p)
        else:
            errors.append(BuildError(str(p), "read", "no such file or directory"))
    unique = list(dict.fromkeys(files))
    return unique, errors


def build(
    paths: Sequence[str | os.PathLike[str]],
    *,
    progress: Callable[[int, int, str], None] | None = None,
    max_bytes: int = 64 * 1024 * 1024,
    entities: bool = True,
) -> BuildResult:
    """Read and structure every file; one bad file is reported and skipped, the rest built."""
    files, errors = collect(paths)
    result = BuildResult(errors=errors)
    names: dict[str, Path] = {}
    for i, path in enumerate(files, 1):
        if progress:
            progress(i, len(files), path.name)
        try:
            doc = _read(path, max_bytes)
        except _Failed as f:
            result.errors.append(f.error)
            continue
        clash = names.get(doc.source.name)
        if clash is not None:
            result.errors.append(BuildError(doc.source.path, "read", f"another file has the same name ({clash}); "
                                            "named graphs are per file name"))
            continue
        names[doc.source.name] = Path(doc.source.path)
        result.documents.append(doc)
        if entities:
            try:
                result.entities[doc.source.name] = extract_entities(doc)
            except (ValueError, RecursionError) as exc:
                result.errors.append(BuildError(str(path), "entities", str(exc)))
    if entities:
        # references resolve across the whole build: a text may cite another text of the corpus
        by_key = {d.key: d for d in result.documents}
        matcher = default_stage().matcher
        for doc in result.documents:
            try:
                refs = resolve_references(doc, by_key, matcher)
                result.references[doc.source.name] = refs
                result.derived[doc.source.name] = derive(doc, result.entities[doc.source.name], refs)
            except (ValueError, RecursionError) as exc:
                result.errors.append(BuildError(doc.source.path, "references", str(exc)))
    return result


def documents(paths: Iterable[str | os.PathLike[str]]) -> list[Document]:
    return build(list(paths)).documents


# -- the streaming build: parallel, incremental, straight into the store --------------------------------

#: the build cache's file, kept in the store's folder beside the database it describes
CACHE_FILE = "treaty-kg-build.json"
CACHE_VERSION = 1
#: files rebuilt (or a tenth of the build, if more) from which the store is compacted after loading
COMPACT_AFTER = 50
#: bytes of N-Quads gathered before they are loaded into the store in one go
LOAD_BATCH = 32 * 1024 * 1024


@dataclass(frozen=True)
class IndexEntry:
    """What the other files of a build need to know of one file: its text's key and provision eids."""

    name: str
    path: str
    sha256: str
    key: str
    kind: str
    eids: frozenset[str]

    @property
    def digest(self) -> str:
        return _digest(self.kind, *sorted(self.eids))


@dataclass
class FileOutput:
    """One file's share of a build: its named graph as N-Quads and what the build reports about it."""

    name: str
    path: str
    sha256: str
    key: str = ""
    nquads: bytes = b""
    triples: int = 0
    #: registry entities the file names (described once, in the registry graph)
    named: list[str] = field(default_factory=list)
    #: keys of other texts its references asked about, with the digest each had (None: not in the build)
    deps: dict[str, str | None] = field(default_factory=dict)
    citations: int = 0
    unresolved: list[Unresolved] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: BuildError | None = None
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class StoreBuild:
    """What :func:`build_store` did."""

    files: list[str] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[BuildError] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    citations: int = 0
    triples: int = 0
    #: the named graphs of this build's files (and the registry graph), sorted
    graphs: list[str] = field(default_factory=list)
    #: seconds per stage, summed over files (wall time for "load" and "total")
    timings: dict[str, float] = field(default_factory=dict)
    bytes_read: int = 0


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:32]


#: the parts of the package whose code or data decides what a file's graph holds
GRAPH_MAKERS = frozenset({"ingest", "structure", "entities", "references", "rdf", "data", "model.py",
                          "pipeline.py"})


def fingerprint(base: str) -> str:
    """A digest of the code and data that make a file's graph: a different one invalidates the cache."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(base.encode("utf-8"))
    for p in sorted(root.rglob("*")):
        if p.relative_to(root).parts[0] not in GRAPH_MAKERS:
            continue
        if p.suffix in (".py", ".json") and p.is_file() and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(root)).encode("utf-8"))
            h.update(p.read_bytes())
    return h.hexdigest()[:32]


def _read(path: Path, max_bytes: int) -> Document:
    """Ingest and structure one file; raise :class:`BuildError` naming the stage that failed."""
    try:
        source = ingest(path, max_bytes=max_bytes)
    except IngestError as exc:
        raise _Failed(BuildError(exc.path, "read", exc.reason)) from exc
    except OSError as exc:
        raise _Failed(BuildError(str(path), "read", exc.strerror or str(exc))) from exc
    try:
        return structure(source, identify=identify_treaty)
    except (ValueError, RecursionError) as exc:
        raise _Failed(BuildError(str(path), "structure", str(exc))) from exc


class _Failed(Exception):
    def __init__(self, error: BuildError) -> None:
        super().__init__(str(error))
        self.error = error


# state the worker processes inherit (fork) or receive (initializer): set before a pool starts
_WORK: dict[str, Any] = {}


def _index_one(path: Path) -> IndexEntry | BuildError:
    try:
        doc = _read(path, _WORK["max_bytes"])
    except _Failed as f:
        return f.error
    spool: Path | None = _WORK.get("spool")
    if spool is not None:
        # the second pass reads this back instead of reading and structuring the file again
        with open(spool / _spool_name(path), "wb") as fh:
            pickle.dump(doc, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return IndexEntry(doc.source.name, str(path), doc.source.sha256, doc.key, doc.kind,
                      frozenset(p.eid for p in doc.provisions))


def _spool_name(path: Path) -> str:
    return hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:32] + ".pickle"


def _spooled(path: Path) -> Document | None:
    """The document the first pass structured, if it left one (and remove it: it is read once)."""
    spool: Path | None = _WORK.get("spool")
    if spool is None:
        return None
    f = spool / _spool_name(path)
    try:
        with open(f, "rb") as fh:
            doc: Document = pickle.load(fh)
    except FileNotFoundError:
        return None
    f.unlink()
    return doc


def _build_one(path: Path) -> FileOutput:
    """Every stage for one file, against the corpus index in ``_WORK``."""
    from kg.rdf.build import file_graph
    from kg.rdf.sink import nquads
    from kg.references.resolve import CorpusIndex

    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    try:
        doc = _spooled(path) or _read(path, _WORK["max_bytes"])
    except _Failed as f:
        return FileOutput(path.name, str(path), "", error=f.error)
    t1 = time.perf_counter()
    timings["read+structure"] = t1 - t0
    out = FileOutput(doc.source.name, str(path), doc.source.sha256, key=doc.key, findings=list(doc.findings))
    stage = "entities"
    try:
        ents = extract_entities(doc)
        t2 = time.perf_counter()
        timings["entities"] = t2 - t1
        out.findings.extend(ents.findings)
        stage = "references"
        index = CorpusIndex(_WORK["eids"])
        refs = resolve_references(doc, index, default_stage().matcher)
        der = derive(doc, ents, refs)
        t3 = time.perf_counter()
        timings["references"] = t3 - t2
        stage = "rdf"
        g, named = file_graph(doc, _WORK["base"], ents, refs, der)
        out.nquads = nquads([g])
        t4 = time.perf_counter()
        timings["rdf"] = t4 - t3
    except (ValueError, RecursionError) as exc:
        out.error = BuildError(str(path), stage, str(exc))
        return out
    out.triples = out.nquads.count(b"\n")
    out.named = sorted(named)
    digests: dict[str, str] = _WORK["digests"]
    out.deps = {k: digests.get(k) for k in sorted(index.asked) if k != doc.key}
    out.citations = len(refs.citations)
    out.unresolved = list(refs.unresolved)
    out.timings = timings
    return out


def _map(fn: Callable[[Path], Any], paths: list[Path], jobs: int) -> Iterable[Any]:
    """``fn`` over ``paths`` in this process or in ``jobs`` forked workers (results in any order)."""
    if jobs <= 1 or len(paths) < 2:
        return map(fn, paths)
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    pool = ctx.Pool(min(jobs, len(paths)))

    def results() -> Iterable[Any]:
        try:
            yield from pool.imap_unordered(fn, paths, chunksize=1)
        finally:
            pool.terminate()
            pool.join()

    return results()


def _load_cache(path: Path, fp: str) -> dict[str, Any]:
    """The cache's contents, or an empty one when it is missing, unreadable or made by other code."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or data.get("fingerprint") != fp:
        return {}
    return data


def build_store(
    paths: Sequence[str | os.PathLike[str]],
    store: Any,
    *,
    base: str = DEFAULT_BASE,
    jobs: int = 1,
    max_bytes: int = 64 * 1024 * 1024,
    incremental: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
) -> StoreBuild:
    """Build ``paths`` into ``store`` (a :class:`kg.store.Store`), one named graph per file.

    A file whose bytes, and whose cited texts, are unchanged since the last build into this store is
    skipped (by content hash, with a cache in the store's folder); the others go through every stage,
    in ``jobs`` processes, and replace their graphs. The registry graph describes the registry entities
    every file in the store names. Bad files are reported and skipped; their old graphs stay.
    """
    started = time.perf_counter()
    result = StoreBuild()
    files, errors = collect(paths)
    _WORK.clear()
    spool = tempfile.TemporaryDirectory(prefix="treaty-kg-spool-")
    _WORK.update(max_bytes=max_bytes, base=base, spool=Path(spool.name))
    try:
        return _build_store(files, errors, store, base, jobs, incremental, progress, started, result)
    finally:
        _WORK.clear()
        spool.cleanup()


def _build_store(files: list[Path], errors: list[BuildError], store: Any, base: str, jobs: int, incremental: bool,
                 progress: Callable[[int, int, str], None] | None, started: float, result: StoreBuild) -> StoreBuild:
    from kg.rdf.build import registry_graph
    from kg.rdf.iri import registry_graph_iri, source_graph
    from kg.rdf.sink import nquads

    result.errors.extend(errors)
    fp = fingerprint(base)
    cache_path = Path(store.path) / CACHE_FILE if store.path is not None else None
    old = _load_cache(cache_path, fp) if (cache_path and incremental) else {}
    cached: dict[str, Any] = dict(old.get("files") or {})

    # 1. the index: from the cache where a file's bytes are unchanged, else by reading it
    max_bytes: int = _WORK["max_bytes"]
    entries: dict[str, IndexEntry] = {}
    known_digests: dict[str, str] = {}  # from the cache: hashing every text's eids again costs seconds
    hashes: dict[Path, str] = {}
    to_index: list[Path] = []
    for p in files:
        try:
            st = p.stat()
            # only a regular file is read here: a named pipe would wait for a writer; ingest reports the rest
            regular = stat.S_ISREG(st.st_mode) and st.st_size <= max_bytes
            hashes[p] = hashlib.sha256(p.read_bytes()).hexdigest() if regular else ""
        except OSError:
            hashes[p] = ""
        c = cached.get(p.name)
        if c and hashes[p] and c.get("sha256") == hashes[p] and c.get("path") == str(p):
            entries[str(p)] = IndexEntry(p.name, str(p), c["sha256"], c["key"], c["kind"], frozenset(c["eids"]))
            if c.get("digest"):
                known_digests[str(p)] = c["digest"]
        else:
            to_index.append(p)
    t = time.perf_counter()
    failed: dict[str, BuildError] = {}
    for item in _map(_index_one, to_index, jobs):
        if isinstance(item, BuildError):
            failed[item.path] = item
        else:
            entries[item.path] = item
    result.timings["index"] = time.perf_counter() - t
    # one graph per file name; the first file of a name (in path order) is built, a later one refused
    seen_names: dict[str, str] = {}
    by_key: dict[str, IndexEntry] = {}
    ordered: list[IndexEntry] = []
    for p in files:
        if str(p) in failed:
            result.errors.append(failed[str(p)])
            continue
        e = entries[str(p)]
        if e.name in seen_names:
            result.errors.append(BuildError(e.path, "read", f"another file has the same name ({seen_names[e.name]}); "
                                            "named graphs are per file name"))
            continue
        seen_names[e.name] = e.path
        ordered.append(e)
        by_key[e.key] = e  # as in build(): a later text with the same key wins
    digests = {k: known_digests.get(e.path) or e.digest for k, e in by_key.items()}
    _WORK.update(eids={k: e.eids for k, e in by_key.items()}, digests=digests)

    # 2. what must be built again: changed files, and files whose cited texts changed
    todo: list[Path] = []
    for e in ordered:
        c = cached.get(e.name)
        fresh = (c is not None and c.get("sha256") == e.sha256 and c.get("path") == e.path
                 and all(digests.get(k) == v for k, v in c.get("deps", {}).items()))
        if fresh:
            result.skipped.append(e.name)
        else:
            todo.append(Path(e.path))
    result.files = [e.name for e in ordered]

    # 3. every stage for those files, in parallel; each graph replaces the old one in the store
    stage_time: dict[str, float] = {}
    done = 0
    batch: list[tuple[str, bytes]] = []

    def load(graphs: list[tuple[str, bytes]]) -> None:
        t = time.perf_counter()
        store.replace_graphs_nquads(graphs)
        stage_time["load"] = stage_time.get("load", 0.0) + time.perf_counter() - t
        graphs.clear()

    for out in _map(_build_one, todo, jobs):
        done += 1
        if progress:
            progress(done, len(todo), out.name)
        if out.error is not None:
            result.errors.append(out.error)
            cached.pop(out.name, None)
            continue
        batch.append((str(source_graph(out.name, base)), out.nquads))
        if sum(len(d) for _, d in batch) >= LOAD_BATCH:
            load(batch)
        for k, v in out.timings.items():
            stage_time[k] = stage_time.get(k, 0.0) + v
        result.rebuilt.append(out.name)
        cached[out.name] = {
            "path": out.path, "sha256": out.sha256, "key": out.key, "kind": entries[out.path].kind,
            "eids": sorted(entries[out.path].eids), "digest": entries[out.path].digest, "deps": out.deps,
            "named": out.named,
            "triples": out.triples, "citations": out.citations,
            "unresolved": [u.dump() for u in out.unresolved], "findings": [f.dump() for f in out.findings],
        }
    result.rebuilt.sort()

    # 4. the registry graph: the entities named by every file this store holds a graph of
    named: set[str] = set()
    for c in cached.values():
        named.update(c.get("named", ()))
    reg_name = str(registry_graph_iri(base))
    reg_digest = _digest(*sorted(named))
    if reg_digest != old.get("registry"):
        batch.append((reg_name, nquads([registry_graph(named, base)])))
    load(batch)

    # 5. the report, from the cache (so a skipped file's unresolved references are still reported)
    for e in ordered:
        c = cached.get(e.name)
        if c is None:
            continue
        result.citations += c.get("citations", 0)
        result.triples += c.get("triples", 0)
        result.unresolved.extend(Unresolved(**u) for u in c.get("unresolved", ()))
        result.findings.extend(Finding(**f) for f in c.get("findings", ()))
        result.bytes_read += Path(e.path).stat().st_size
    result.graphs = sorted([str(source_graph(n, base)) for n in result.files if n in cached] + [reg_name])
    store.flush()
    if len(result.rebuilt) >= max(COMPACT_AFTER, len(result.files) // 10) and hasattr(store, "optimize"):
        # many bulk loads leave many small files: compacting them makes every later read faster
        t = time.perf_counter()
        store.optimize()
        result.timings["compact"] = time.perf_counter() - t
    if cache_path is not None:
        payload = {"version": CACHE_VERSION, "fingerprint": fp, "base": base, "registry": reg_digest,
                   "files": {k: cached[k] for k in sorted(cached)}}
        write_json_atomic(cache_path, payload)
    result.timings.update(stage_time)
    result.timings["total"] = time.perf_counter() - started
    return result


def write_json_atomic(path: Path, payload: object) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)
