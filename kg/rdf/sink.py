"""Where the graph-building code puts its triples: a plain list per named graph, written as N-Quads.

rdflib's in-memory Graph indexes every triple three ways as it is added, which is most of the cost of
building a large graph (``bench/results.md``); the build only needs to hand the triples on, to the
store or to a writer. :class:`TripleSink` takes ``add((s, p, o))`` like an rdflib Graph and keeps the
triples in order; :func:`nquads` writes them, each term in its N-Triples form.

>>> from rdflib import Literal, URIRef
>>> g = TripleSink("https://ex.org/g")
>>> g.add((URIRef("https://ex.org/s"), URIRef("https://ex.org/p"), Literal('say "hi"\\n', lang="en")))
>>> nquads([g]).decode()
'<https://ex.org/s> <https://ex.org/p> "say \\\\"hi\\\\"\\\\n"@en <https://ex.org/g> .\\n'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: characters an IRI may not hold in N-Triples (IRIREF); the IRI minting percent-encodes them, so one
#: here is a bug, not something to pass on to a store that would reject the whole file
BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r]')


class Adds(Protocol):
    """Anything triples can be added to: an rdflib Graph or a :class:`TripleSink`."""

    def add(self, triple: tuple[Any, Any, Any], /) -> Any: ...


class TripleSink:
    """The triples of one named graph, in the order they were added (duplicates allowed)."""

    __slots__ = ("name", "triples")

    def __init__(self, name: str) -> None:
        self.name = name
        self.triples: list[tuple[Identifier, Identifier, Identifier]] = []

    def add(self, triple: tuple[Identifier, Identifier, Identifier]) -> None:
        self.triples.append(triple)

    def __len__(self) -> int:
        return len(self.triples)

    def to_graph(self, g: Graph) -> Graph:
        for t in self.triples:
            g.add(t)
        return g


def iri_nt(value: str) -> str:
    if BAD_IRI.search(value):
        raise ValueError(f"not a valid IRI for N-Triples: {value!r}")
    return f"<{value}>"


def literal_nt(lit: Literal) -> str:
    text = str(lit)
    if _NEEDS_ESCAPE.search(text):
        text = _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)
    if lit.language:
        return f'"{text}"@{lit.language}'
    dt = lit.datatype
    if dt is None or str(dt) == XSD_STRING:
        return f'"{text}"'
    return f'"{text}"^^{iri_nt(str(dt))}'


def term_nt(term: Identifier, _iris: dict[str, str] | None = None) -> str:
    """One term in N-Triples (IRIs and literals only: the build makes no blank nodes)."""
    if isinstance(term, Literal):
        return literal_nt(term)
    if isinstance(term, URIRef):
        return iri_nt(str(term))
    raise ValueError(f"the graph build made a term N-Triples cannot hold here: {term!r}")


def nquads(graphs: Iterable[TripleSink]) -> bytes:
    """Every triple of ``graphs`` as N-Quads lines, in the order they were added, duplicates removed."""
    iris: dict[str, str] = {}

    def iri(term: Identifier) -> str:
        key = str(term)
        hit = iris.get(key)
        if hit is None:
            hit = iris[key] = iri_nt(key)
        return hit

    lines: dict[str, None] = {}
    for g in graphs:
        gname = iri_nt(g.name)
        for s, p, o in g.triples:
            obj = literal_nt(o) if isinstance(o, Literal) else iri(o) if isinstance(o, URIRef) else term_nt(o)
            lines[f"{iri(s)} {iri(p)} {obj} {gname} .\n"] = None
    return "".join(lines).encode("utf-8")
