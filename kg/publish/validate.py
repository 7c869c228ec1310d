"""Validate a graph against the published SHACL shapes (``ontology/shapes.ttl``) with pySHACL.

The graph comes from a file (any format of :mod:`kg.export`, read by Oxigraph's parser) or from the
store; its named graphs are merged, because the rules cross them (a provision in a file's graph
mentions an entity described in the registry graph). No inference is run: the build states the
classes the shapes check (``tkg:Provision`` on every provision), as SPARQL clients need them stated.

>>> from rdflib import Graph
>>> report = validate_graph(Graph())
>>> report.conforms, report.findings
(True, [])
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Identifier, Node

from kg import resources
from kg.rdf.namespace import PREFIXES

#: the shapes file, inside ``ontology/``
SHAPES_FILENAME = "shapes.ttl"
#: the namespace of the shapes' own IRIs
SHAPES_NS = "https://w3id.org/treaty-kg/shapes#"

_OX_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
               ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD}


class GraphError(Exception):
    """The graph to validate cannot be read; the message says which and why."""


def shapes_file() -> Path:
    """``ontology/shapes.ttl``, found like the ontology (:mod:`kg.resources`).

    >>> shapes_file().name
    'shapes.ttl'
    """
    return resources.find(Path("ontology") / SHAPES_FILENAME)


def load_shapes(path: str | os.PathLike[str] | None = None) -> Graph:
    return Graph().parse(Path(path) if path else shapes_file(), format="turtle")


@dataclass(frozen=True)
class Finding:
    """One validation result: the node, the rule (a shape of ``shapes.ttl``) and what was found."""

    focus: str
    shape: str
    label: str
    component: str
    path: str
    value: str
    message: str

    def dump(self) -> dict[str, str]:
        return {"focus": self.focus, "shape": self.shape, "label": self.label, "component": self.component,
                "path": self.path, "value": self.value, "message": self.message}


@dataclass(frozen=True)
class Report:
    """What pySHACL found, sorted by rule and node; ``seconds`` is the time pySHACL took."""

    conforms: bool
    findings: list[Finding]
    triples: int
    seconds: float

    def text(self, limit: int = 20) -> str:
        """A readable report: each rule that failed, with up to ``limit`` of its results."""
        lines: list[str] = []
        by_rule: dict[str, list[Finding]] = {}
        for f in self.findings:
            by_rule.setdefault(f.shape, []).append(f)
        for shape, found in by_rule.items():
            label = f" ({found[0].label})" if found[0].label else ""
            lines.append(f"{shape}{label}: {len(found)} result(s); {found[0].message}")
            for f in found[:limit]:
                what = f"  {f.focus}"
                if f.path:
                    what += f" {f.path}"
                if f.value:
                    what += f" = {f.value}"
                lines.append(f"{what}  [{f.component}]")
                if f.message != found[0].message:
                    lines.append(f"      {f.message}")
            if len(found) > limit:
                lines.append(f"  ... and {len(found) - limit} more")
        verdict = "conforms" if self.conforms else f"does not conform: {len(self.findings)} result(s) of " \
                                                  f"{len(by_rule)} rule(s)"
        lines.append(f"{self.triples} triples checked against {SHAPES_FILENAME} in {self.seconds:.1f} s: {verdict}")
        return "\n".join(lines) + "\n"


class _PreparedQueries(Graph):
    """A graph that parses each SPARQL text once. pySHACL hands rdflib the text of a SHACL-SPARQL
    constraint again for every focus node, and rdflib's parser takes about 30 ms a query, ten times
    what evaluating it takes here; the answers are the same."""

    def __init__(self) -> None:
        super().__init__()
        self._prepared: dict[str, Any] = {}

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(query_object, str) and not kwargs.get("initNs") and not kwargs.get("base"):
            prepared = self._prepared.get(query_object)
            if prepared is None:
                prepared = self._prepared[query_object] = prepareQuery(query_object,
                                                                       initNs=dict(self.namespaces()))
            query_object = prepared
        return super().query(query_object, *args, **kwargs)


def _term(t: Any) -> Identifier:
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    if t.datatype.value == str(XSD.string):
        return Literal(t.value)
    return Literal(t.value, datatype=URIRef(t.datatype.value))


def to_graph(quads: Iterable[Any]) -> Graph:
    """The union of the graphs of Oxigraph ``quads`` as one rdflib graph, ready for pySHACL."""
    g = _PreparedQueries()
    for q in quads:
        g.add((_term(q.subject), _term(q.predicate), _term(q.object)))
    return g


def read_file(path: str | os.PathLike[str]) -> Graph:
    """A graph file (by its extension) as one merged rdflib graph; :class:`GraphError` if it cannot be read."""
    p = Path(path)
    fmt = _OX_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise GraphError(f"{p}: unknown graph format {p.suffix!r}; use one of {', '.join(_OX_FORMATS)}")
    try:
        return to_graph(ox.parse(path=str(p), format=fmt))
    except (OSError, SyntaxError, ValueError) as exc:
        raise GraphError(f"{p}: cannot read the graph: {exc}") from exc


def validate_graph(data: Graph, shapes: Graph | None = None) -> Report:
    """Validate ``data`` (one rdflib graph) against ``shapes`` (default: the published shapes)."""
    import pyshacl

    shapes = shapes if shapes is not None else load_shapes()
    if not isinstance(data, _PreparedQueries):
        prepared = _PreparedQueries()
        for t in data:
            prepared.add(t)
        data = prepared
    start = time.perf_counter()
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False,
                                            abort_on_first=False, allow_warnings=False, meta_shacl=False)
    seconds = time.perf_counter() - start
    findings = sorted(_findings(results, shapes), key=lambda f: (f.shape, f.focus, f.path, f.value, f.component))
    return Report(bool(conforms), findings, len(data), seconds)


def _findings(results: Graph, shapes: Graph) -> Iterable[Finding]:
    short = _Shortener({**PREFIXES, "tkgsh": SHAPES_NS, "sh": str(SH), "rdf": str(RDF)})
    for r in results.subjects(SH.resultSeverity, None):
        # a SPARQL rule is named by the constraint (sh:sourceConstraint), any other by its shape
        constraint = results.value(r, SH.sourceConstraint)
        rule = constraint if isinstance(constraint, URIRef) else results.value(r, SH.sourceShape)
        component = results.value(r, SH.sourceConstraintComponent)
        label = shapes.value(rule, RDFS.label) if rule is not None else None
        yield Finding(
            focus=short(results.value(r, SH.focusNode)),
            shape=short(rule),
            label=str(label or ""),
            component=str(component or "").rsplit("#", 1)[-1],
            path=short(results.value(r, SH.resultPath)),
            value=short(results.value(r, SH.value)),
            message=str(results.value(r, SH.resultMessage) or ""),
        )


class _Shortener:
    """Terms as in Turtle, with prefixed names where a prefix fits; a blank shape node as ``[]``."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))

    def __call__(self, term: Node | None) -> str:
        if term is None:
            return ""
        if isinstance(term, BNode):
            return "[]"
        if isinstance(term, URIRef):
            iri = str(term)
            for prefix, ns in self.prefixes:
                local = iri[len(ns):]
                if iri.startswith(ns) and local and all(c.isalnum() or c in "_-" for c in local):
                    return f"{prefix}:{local}"
            return f"<{iri}>"
        lit = term if isinstance(term, Literal) else Literal(str(term))
        text = str(lit)
        shown = text if len(text) <= 60 else text[:57] + "..."
        if lit.language:
            return f'"{shown}"@{lit.language}'
        if lit.datatype is not None and lit.datatype != XSD.string:
            return f'"{shown}"^^{self(lit.datatype)}'
        return f'"{shown}"'


def validate_file(path: str | os.PathLike[str], shapes: Graph | None = None) -> Report:
    return validate_graph(read_file(path), shapes)


def validate_store(db: ox.Store, shapes: Graph | None = None) -> Report:
    return validate_graph(to_graph(db.quads_for_pattern(None, None, None, None)), shapes)


__all__ = ["SHAPES_FILENAME", "SHAPES_NS", "Finding", "GraphError", "Report", "load_shapes", "read_file", "shapes_file",
           "to_graph", "validate_file", "validate_graph", "validate_store"]
