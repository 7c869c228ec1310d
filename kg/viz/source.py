"""Where the pictures read the graph from: the local store (read-only), a graph file, or a dataset in memory.

Every reader gives an Oxigraph store, so the projection runs the same SPARQL whatever the source.

>>> from rdflib import Dataset, Literal, URIRef
>>> ds = Dataset()
>>> _ = ds.graph(URIRef("https://ex.org/g")).add((URIRef("https://ex.org/s"), URIRef("https://ex.org/p"), Literal("o")))
>>> len(from_dataset(ds))
1
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Dataset

#: graph file extensions and the Oxigraph format of each (the same set ``treaty-kg query --graph`` reads)
FILE_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
                ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD}


class SourceError(Exception):
    """The graph cannot be read; the message names the file or store and why."""


def from_file(path: str | os.PathLike[str]) -> ox.Store:
    """A graph file loaded into an in-memory store; its extension picks the format."""
    suffix = os.path.splitext(str(path))[1].lower()
    fmt = FILE_FORMATS.get(suffix)
    if fmt is None:
        raise SourceError(f"{path}: unknown graph format {suffix!r}; use one of {', '.join(FILE_FORMATS)}")
    db = ox.Store()
    try:
        db.bulk_load(path=str(path), format=fmt)
    except (OSError, SyntaxError, ValueError) as exc:
        raise SourceError(f"{path}: cannot read the graph: {exc}") from exc
    return db


def from_dataset(ds: Dataset) -> ox.Store:
    """An rdflib dataset (``kg.pipeline.build(...).dataset()``) copied into an in-memory store."""
    db = ox.Store()
    data = ds.serialize(format="nquads")
    text = data if isinstance(data, str) else bytes(data).decode("utf-8")
    if text.strip():
        db.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return db


@contextlib.contextmanager
def open_graph(graph_file: str | None = None, store_dir: str | None = None) -> Iterator[ox.Store]:
    """The graph file when one is given, else the local store opened read-only."""
    if graph_file:
        yield from_file(graph_file)
        return
    from kg.store import Store, StoreError

    try:
        st = Store.open(store_dir, read_only=True)
    except StoreError as exc:
        raise SourceError(str(exc)) from exc
    try:
        yield st.db
    finally:
        st.close()
