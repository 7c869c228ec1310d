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
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from kg.rdf.namespace import PREFIXES

#: where the store lives unless --store or $TREATY_KG_STORE says otherwise
DEFAULT_STORE = Path(".treaty-kg") / "store"
ENV_STORE = "TREATY_KG_STORE"


class StoreError(Exception):
    """The store cannot be opened or written; the message says which folder and why."""


class StoreLocked(StoreError):
    """Another process holds the store for writing."""


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_STORE, "").strip()
    return Path(env) if env else DEFAULT_STORE


class Store:
    """A folder holding an Oxigraph database."""

    def __init__(self, db: ox.Store, path: Path | None, read_only: bool) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Store:
        p = store_path(path)
        try:
            if read_only:
                if not p.exists():
                    raise StoreError(f"{p}: no store here; run 'treaty-kg build' first (or pass --store)")
                db = ox.Store.read_only(str(p))
            else:
                p.mkdir(parents=True, exist_ok=True)
                db = ox.Store(str(p))
        except OSError as exc:
            text = str(exc)
            if "lock" in text.lower():
                raise StoreLocked(f"{p}: the store is being written by another process; try again when it has "
                                  "finished") from exc
            raise StoreError(f"{p}: cannot open the store: {text}") from exc
        return cls(db, p, read_only)

    @classmethod
    def memory(cls) -> Store:
        return cls(ox.Store(), None, False)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if not self.read_only:
            with contextlib.suppress(OSError):
                self.db.flush()
        del self.db

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
            self.db.clear_graph(ox.NamedNode(name))
            chunks.append(data)
        data = b"".join(chunks)
        if data:
            self.db.bulk_load(data, format=ox.RdfFormat.N_QUADS)

    def flush(self) -> None:
        if not self.read_only:
            self.db.flush()

    def dataset(self, names: Iterable[str]) -> Dataset:
        """The graphs ``names`` as an rdflib Dataset (for the writers of :mod:`kg.export`)."""
        from kg.rdf.build import new_dataset

        ds = new_dataset()
        for name in names:
            data = self.graph_ntriples(name)
            if data:
                ds.graph(URIRef(name)).parse(data=data.decode("utf-8"), format="nt")
        return ds

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
