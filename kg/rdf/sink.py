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

from rdflib import Graph, Literal

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: characters an IRI may not hold in N-Triples (IRIREF); the IRI minting percent-encodes them, so one
#: here is a bug, not something to pass on to a store that would reject the whole file
BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
#: escaped as Oxigraph escapes them (so that a graph written here and one dumped from the store are the same
#: bytes): the N-Triples ECHARs, and other control characters as \uXXXX
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


class Adds(Protocol):
    """Anything triples can be added to: an rdflib Graph or a :class:`TripleSink`."""

    def add(self, triple: tuple[Any, Any, Any], /) -> Any: ...


class NT(str):
    """A literal already in its N-Triples form: made once, written as it is."""

    __slots__ = ()


XSD = "http://www.w3.org/2001/XMLSchema#"


def lit(value: str | int | bool, lang: str | None = None, datatype: str | None = None) -> NT:
    """A literal as rdflib's ``Literal(value, lang=, datatype=)`` would write it in N-Triples (booleans
    and integers without a datatype get xsd:boolean and xsd:integer, as rdflib gives them)."""
    if isinstance(value, bool):
        text, datatype = ("true" if value else "false"), datatype or XSD + "boolean"
    elif isinstance(value, int):
        text, datatype = str(value), datatype or XSD + "integer"
    else:
        text = value
    if _NEEDS_ESCAPE.search(text):
        text = _NEEDS_ESCAPE.sub(_escape, text)
    if lang:
        return NT(f'"{text}"@{lang}')
    if datatype and datatype != XSD_STRING:
        return NT(f'"{text}"^^{iri_nt(datatype)}')
    return NT(f'"{text}"')


class TripleSink:
    """The triples of one named graph, in the order they were added (duplicates allowed)."""

    __slots__ = ("name", "triples")

    def __init__(self, name: str) -> None:
        self.name = name
        self.triples: list[tuple[str, str, str]] = []

    def add(self, triple: tuple[str, str, str]) -> None:
        self.triples.append(triple)

    def __len__(self) -> int:
        return len(self.triples)

    def to_graph(self, g: Graph) -> Graph:
        """These triples in an rdflib graph (by way of N-Triples: the sink's literals are written ones)."""
        data = nquads([self]).decode("utf-8")
        triples = "".join(line.rsplit(" ", 2)[0] + " .\n" for line in data.splitlines())
        g.parse(data=triples, format="nt")
        return g


def iri_nt(value: str) -> str:
    if BAD_IRI.search(value):
        raise ValueError(f"not a valid IRI for N-Triples: {value!r}")
    return f"<{value}>"


def literal_nt(lit: Literal) -> str:
    text = str(lit)
    if _NEEDS_ESCAPE.search(text):
        text = _NEEDS_ESCAPE.sub(_escape, text)
    if lit.language:
        return f'"{text}"@{lit.language}'
    dt = lit.datatype
    if dt is None or str(dt) == XSD_STRING:
        return f'"{text}"'
    return f'"{text}"^^{iri_nt(str(dt))}'


def nquads(graphs: Iterable[TripleSink]) -> bytes:
    """Every triple of ``graphs`` as N-Quads lines, in the order they were added, duplicates removed."""
    iris: dict[str, str] = {}
    lines: dict[str, None] = {}
    for g in graphs:
        gname = iri_nt(g.name)
        for s, p, o in g.triples:
            ss = iris.get(s)
            if ss is None:
                ss = iris[s] = iri_nt(s)
            pp = iris.get(p)
            if pp is None:
                pp = iris[p] = iri_nt(p)
            if type(o) is NT:
                oo: str = o
            elif isinstance(o, Literal):
                oo = literal_nt(o)
            else:
                hit = iris.get(o)
                oo = hit if hit is not None else iris.setdefault(o, iri_nt(o))
            lines[f"{ss} {pp} {oo} {gname} .\n"] = None
    return "".join(lines).encode("utf-8")
