"""The embedded, persistent store: Oxigraph (pyoxigraph), chosen over rdflib's in-memory graph by
measurement (``bench/results.md``: load, export and query are one to two orders of magnitude faster).

One named graph per source file, as in the TriG export; re-building a file replaces its graph only.
Only one process may write at a time: a second writer gets :class:`StoreLocked`, never a half-write.

>>> import tempfile
>>> from rdflib import Dataset, URIRef, Literal
>>> ds = Dataset()
>>> _ = ds.graph(URIRef("https://ex.org/g")).add((URIRef("https://ex.org/s"), URIRef("https://ex.org/p"), Literal("o")))
>>> with Store.open(tempfile.mkdtemp()) as st:
...     loaded = st.replace_graphs(ds)
...     (loaded, len(st), st.graphs())
(1, 1, ['https://ex.org/g'])
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox
from rdflib import Dataset

from kg.rdf.namespace import PREFIXES

#: where the store lives unless --store or $TREATY_KG_STORE says otherwise
DEFAULT_STORE = Path(".treaty-kg") / "store"
ENV_STORE = "TREATY_KG_STORE"


class StoreError(Exception):
    """The store cannot be opened or written; the message says which folder and why."""


class StoreLocked(StoreError):
    """Another process holds the store for writing."""


def _point(root: Path, db_dir: Path) -> None:
    """Make ``root/current`` link to ``db_dir`` in one rename (after the database is on disk)."""
    tmp = root / f".{CURRENT}.{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    os.symlink(db_dir.name, tmp)
    fd = os.open(db_dir, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, root / CURRENT)
    fd = os.open(root, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_STORE, "").strip()
    return Path(env) if env else DEFAULT_STORE


#: the link, inside a store's folder, to the database in use; a build swaps it in one rename
CURRENT = "current"
LOCK = "lock"


def database_dir(root: Path) -> Path | None:
    """The database a store folder uses now (None when there is none yet)."""
    link = root / CURRENT
    if link.is_symlink() or link.is_dir():
        target = link.resolve()
        return target if target.is_dir() else None  # a link left dangling is no database
    return None


def _migrate_legacy(root: Path) -> None:
    """A folder that is itself an Oxigraph database (made before the atomic layout) becomes ``db-0``."""
    if (root / "CURRENT").is_file() and not (root / CURRENT).exists():
        target = root / "db-0"
        target.mkdir()
        for child in list(root.iterdir()):
            if child.name not in ("db-0", LOCK):
                os.rename(child, target / child.name)
        os.symlink("db-0", root / CURRENT)


class _Lock:
    """An exclusive lock on a store folder (``flock``: the system drops it if the holder dies)."""

    def __init__(self, root: Path, wait: float) -> None:
        import fcntl

        self.fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(self.fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    os.close(self.fd)
                    raise StoreLocked(f"{root}: another treaty-kg process (pid {holder}) is writing to this store; "
                                      "try again when it has finished, or wait for it with --wait SECONDS") from None
                time.sleep(0.1)
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, str(os.getpid()).encode("ascii"), 0)

    def release(self) -> None:
        os.close(self.fd)


class Store:
    """A folder holding an Oxigraph database, behind a link that a build replaces in one step.

    Layout: ``ROOT/current`` links to ``ROOT/db-N``. :meth:`open` with ``atomic=True`` (what ``build``
    uses) copies the database to ``db-N+1`` (a RocksDB checkpoint: hard links, no copying of data),
    writes there, and only when everything is written points ``current`` at it; a build killed at any
    moment leaves ``current`` on the previous, whole database. Writers hold ``ROOT/lock``: never two.
    """

    def __init__(self, db: ox.Store, path: Path | None, read_only: bool, root: Path | None = None,
                 lock: _Lock | None = None, commit_to: Path | None = None) -> None:
        self.db = db
        #: the database folder in use (the cache of incremental builds lives there too)
        self.path = path
        #: the store folder the user named
        self.root = root if root is not None else path
        self.read_only = read_only
        self._lock = lock
        self._commit_to = commit_to

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, read_only: bool = False, atomic: bool = False,
             fresh: bool = False, wait: float = 0.0) -> Store:
        """Open the store folder ``path`` (default: $TREATY_KG_STORE or ./.treaty-kg/store).

        ``atomic``: write to a copy that replaces the database on a clean close; with ``fresh`` the copy
        starts empty (a full rebuild). ``wait``: seconds to wait for another writer to finish.
        """
        root = store_path(path)
        lock: _Lock | None = None
        try:
            if read_only:
                db_dir = database_dir(root) if root.exists() else None
                if db_dir is None and (root / "CURRENT").is_file():
                    db_dir = root  # an older layout, read as it is
                if db_dir is None:
                    raise StoreError(f"{root}: no store here; run 'treaty-kg build' first (or pass --store)")
                return cls(ox.Store.read_only(str(db_dir)), db_dir, True, root)
            root.mkdir(parents=True, exist_ok=True)
            lock = _Lock(root, wait)
            _migrate_legacy(root)
            in_use = database_dir(root)
            for stale in root.glob("db-*"):  # left by a build that was killed
                # resolved: ``root`` may be relative, the link's target never is
                if stale.is_dir() and stale.resolve() != in_use:
                    shutil.rmtree(stale, ignore_errors=True)
            current = database_dir(root)
            if current is None:
                current = root / "db-0"
                ox.Store(str(current)).flush()
                _point(root, current)
            if not atomic:
                return cls(ox.Store(str(current)), current, False, root, lock)
            number = int(current.name.rsplit("-", 1)[-1]) + 1 if current.name.startswith("db-") else 0
            new = root / f"db-{number}"
            if fresh:
                ox.Store(str(new)).flush()
            else:
                ox.Store.read_only(str(current)).backup(str(new))
                for own in current.glob("treaty-kg-*"):  # the project's files beside the database (build cache)
                    shutil.copy2(own, new / own.name)
            return cls(ox.Store(str(new)), new, False, root, lock, commit_to=new)
        except OSError as exc:
            if lock is not None:
                lock.release()
            text = str(exc)
            if "lock" in text.lower():
                raise StoreLocked(f"{root}: the store is being written by another process; try again when it has "
                                  "finished") from exc
            raise StoreError(f"{root}: cannot open the store: {text}") from exc
        except StoreError:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def memory(cls) -> Store:
        return cls(ox.Store(), None, False)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close(commit=et is None)

    def close(self, commit: bool = True) -> None:
        """Close the database; an atomic store is made current only if ``commit`` (else thrown away)."""
        try:
            if not self.read_only and commit:
                self.db.flush()
            del self.db
            if self._commit_to is not None and self.root is not None:
                if commit:
                    old = database_dir(self.root)
                    _point(self.root, self._commit_to)
                    if old is not None and old != self._commit_to.resolve():
                        shutil.rmtree(old, ignore_errors=True)
                else:
                    shutil.rmtree(self._commit_to, ignore_errors=True)
        finally:
            self._commit_to = None
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __len__(self) -> int:
        return len(self.db)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.db.named_graphs() if isinstance(g, ox.NamedNode))

    def replace_graphs(self, ds: Dataset, names: Iterable[str] | None = None, merge: Iterable[str] = ()) -> int:
        """Replace each named graph of ``ds`` (or only those in ``names``) in one transaction each.

        Graphs named in ``merge`` are added to rather than replaced: the registry graph describes the
        entities every file names, so re-building one file must not drop the others' entities.
        """
        keep = set(merge)
        wanted = set(names) if names is not None else None
        loaded = 0
        for g in ds.graphs():
            if not len(g) or not hasattr(g.identifier, "n3") or str(g.identifier).startswith("urn:x-rdflib"):
                continue
            name = str(g.identifier)
            if wanted is not None and name not in wanted:
                continue
            data = g.serialize(format="nt").encode("utf-8")
            node = ox.NamedNode(name)
            if name not in keep:
                self.db.clear_graph(node)
            self.db.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=node)
            loaded += len(g)
        return loaded

    def replace_graphs_nquads(self, graphs: Iterable[tuple[str, bytes]]) -> None:
        """Replace each graph ``name`` with its ``data`` (N-Quads whose every line is in that graph).

        One bulk load for the lot: Oxigraph's bulk loader writes sorted files straight into the
        database, several times faster than transactional inserts (``bench/results.md``).
        """
        chunks: list[bytes] = []
        for name, data in graphs:
            node = ox.NamedNode(name)
            if self.db.contains_named_graph(node):  # clearing costs a scan even when there is nothing
                self.db.clear_graph(node)
            chunks.append(data)
        data = b"".join(chunks)
        if data:
            # lenient: the build wrote these lines itself and checked every IRI (kg.rdf.sink)
            self.db.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)

    def flush(self) -> None:
        if not self.read_only:
            self.db.flush()

    def optimize(self) -> None:
        """Compact the database: after many bulk loads, reads (queries, exports) are several times faster."""
        if not self.read_only:
            self.db.optimize()

    def drop_graph(self, name: str) -> None:
        self.db.remove_graph(ox.NamedNode(name))

    def dump(self, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> bytes:
        out = self.db.dump(format=fmt)
        return out or b""

    def graph_ntriples(self, name: str) -> bytes:
        out = self.db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        return out or b""

    def prefixes(self) -> dict[str, str]:
        return dict(PREFIXES)
