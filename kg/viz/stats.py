"""The numbers a paper needs: :func:`statistics` counts and ranks what the graph holds.

- instances of each class (a provision counts under ``tkg:Provision`` and under its kind);
- the most-cited provisions: distinct citing provisions from any text, a provision citing itself not counted
  (the rule of the ``most-cited-provisions`` library query, over every treaty at once);
- the body network (the ``bodies`` view, as an undirected simple graph): the bodies of highest degree and
  betweenness centrality, and its connected components;
- co-mention pairs: entities named together in at least ``min_comentions`` provisions;
- unresolved references, from the ``unresolved-references`` library query.

:class:`Stats` prints itself as a table, JSON or CSV.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.query import bind, load_query, parse_query, run_store
from kg.rdf.namespace import PREFIXES
from kg.viz.projection import View, label_of, project, read

_Q_CLASSES = parse_query("""# title: instances per class
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n) ?class
""", "viz-classes")


@dataclass(frozen=True)
class Ranked:
    """One ranked item: its IRI, its label, its class and a value (a count or a centrality)."""

    iri: str
    label: str
    kind: str
    value: float


@dataclass
class Stats:
    """Everything :func:`statistics` found; ``dump()`` is the JSON form."""

    classes: list[tuple[str, int]] = field(default_factory=list)
    most_cited: list[Ranked] = field(default_factory=list)
    degree: list[Ranked] = field(default_factory=list)
    betweenness: list[Ranked] = field(default_factory=list)
    components: list[list[str]] = field(default_factory=list)
    body_nodes: int = 0
    body_edges: int = 0
    comentions: list[tuple[str, str, int]] = field(default_factory=list)
    comention_pairs: int = 0
    unresolved: list[dict[str, str]] = field(default_factory=list)
    min_comentions: int = 2

    def dump(self) -> dict[str, Any]:
        return {
            "classes": [{"class": c, "count": n} for c, n in self.classes],
            "most_cited_provisions": [asdict(r) for r in self.most_cited],
            "body_network": {
                "nodes": self.body_nodes, "edges": self.body_edges,
                "highest_degree": [asdict(r) for r in self.degree],
                "highest_betweenness": [asdict(r) for r in self.betweenness],
                "components": {"count": len(self.components), "sizes": [len(c) for c in self.components],
                               "members": self.components},
            },
            "co_mentions": {"min_provisions": self.min_comentions, "pairs": self.comention_pairs,
                            "top": [{"a": a, "b": b, "provisions": n} for a, b, n in self.comentions]},
            "unresolved_references": {"count": len(self.unresolved), "items": self.unresolved},
        }

    def to_json(self) -> str:
        return json.dumps(self.dump(), ensure_ascii=False, indent=2) + "\n"

    def rows(self) -> list[tuple[str, int, str, str, str]]:
        """One row per fact: section, rank, IRI or key, label, value (the CSV form)."""
        out: list[tuple[str, int, str, str, str]] = []
        out += [("class", i, c, c, str(n)) for i, (c, n) in enumerate(self.classes, 1)]
        out += [("most-cited", i, r.iri, r.label, _num(r.value)) for i, r in enumerate(self.most_cited, 1)]
        out += [("degree", i, r.iri, r.label, _num(r.value)) for i, r in enumerate(self.degree, 1)]
        out += [("betweenness", i, r.iri, r.label, _num(r.value)) for i, r in enumerate(self.betweenness, 1)]
        out += [("component", i, "", " | ".join(c), str(len(c))) for i, c in enumerate(self.components, 1)]
        out += [("co-mention", i, "", f"{a} + {b}", str(n)) for i, (a, b, n) in enumerate(self.comentions, 1)]
        out += [("unresolved", i, u.get("provision", ""), u.get("quote", ""), u.get("reason", ""))
                for i, u in enumerate(self.unresolved, 1)]
        return out

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(["section", "rank", "iri", "label", "value"])
        w.writerows(self.rows())
        return buf.getvalue()

    def to_table(self) -> str:
        lines: list[str] = []

        def table(title: str, head: tuple[str, ...], body: list[tuple[str, ...]]) -> None:
            lines.append(title)
            if not body:
                lines.extend(["  (none)", ""])
                return
            widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(head)]
            lines.append("  " + "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip())
            lines.append("  " + "  ".join("-" * w for w in widths))
            lines.extend("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body)
            lines.append("")

        table("Instances per class", ("class", "count"), [(c, str(n)) for c, n in self.classes])
        table("Most-cited provisions (distinct citing provisions)", ("#", "provision", "citations"),
              [(str(i), _cut(r.label), _num(r.value)) for i, r in enumerate(self.most_cited, 1)])
        lines.append(f"Body network: {self.body_nodes} nodes, {self.body_edges} links, "
                     f"{len(self.components)} connected component(s)")
        lines.append("")
        table("Highest degree in the body network", ("#", "body", "class", "degree"),
              [(str(i), _cut(r.label), r.kind, _num(r.value)) for i, r in enumerate(self.degree, 1)])
        table("Highest betweenness in the body network", ("#", "body", "class", "betweenness"),
              [(str(i), _cut(r.label), r.kind, _num(r.value)) for i, r in enumerate(self.betweenness, 1)])
        table("Connected components", ("#", "size", "members"),
              [(str(i), str(len(c)), _cut(", ".join(c), 90)) for i, c in enumerate(self.components, 1)])
        table(f"Co-mention pairs (named together in at least {self.min_comentions} provisions; "
              f"{self.comention_pairs} pairs)", ("#", "entity", "entity", "provisions"),
              [(str(i), _cut(a, 40), _cut(b, 40), str(n)) for i, (a, b, n) in enumerate(self.comentions, 1)])
        table(f"Unresolved references ({len(self.unresolved)})", ("provision", "lang", "quote", "reason"),
              [(_cut(u.get("provision", ""), 50), u.get("lang", ""), _cut(u.get("quote", ""), 40),
                _cut(u.get("reason", ""), 50)) for u in self.unresolved])
        return "\n".join(lines)

    def render(self, fmt: str) -> str:
        if fmt == "json":
            return self.to_json()
        if fmt == "csv":
            return self.to_csv()
        return self.to_table()


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.4f}"


def _cut(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def statistics(db: ox.Store, *, top: int = 10, lang: str = "en", min_comentions: int = 2) -> Stats:
    """Counts, rankings and components of the graph in ``db``; rankings keep the ``top`` first (ties by IRI)."""
    out = Stats(min_comentions=min_comentions)
    rows = run_store(db, _Q_CLASSES, {}).rows
    out.classes = [(_short(str(c)), int(str(n))) for c, n in rows]

    full = read(db)
    citing: dict[str, set[str]] = defaultdict(set)
    for s, o, k in full.edges(keys=True):
        if k == "cites" and s != o and full.nodes[o]["kind"] not in ("Treaty", "Document", "Resolution"):
            citing[o].add(s)
    cited = sorted(citing, key=lambda n: (-len(citing[n]), n))[:top]
    out.most_cited = [Ranked(n, _provision_label(full, n, lang), full.nodes[n]["kind"], len(citing[n]))
                      for n in cited]

    bodies = project(db, View(name="bodies", lang=lang, min_comentions=min_comentions)).graph
    simple = nx.Graph()
    simple.add_nodes_from(bodies.nodes)
    simple.add_edges_from((s, o) for s, o in bodies.edges() if s != o)
    out.body_nodes, out.body_edges = simple.number_of_nodes(), simple.number_of_edges()
    degree = dict(simple.degree())
    between = nx.betweenness_centrality(simple) if len(simple) else {}

    def ranked(values: dict[str, float]) -> list[Ranked]:
        best = sorted(values, key=lambda n: (-values[n], n))[:top]
        return [Ranked(n, bodies.nodes[n]["label"], bodies.nodes[n]["kind"], round(values[n], 6)) for n in best]

    out.degree = ranked({n: float(d) for n, d in degree.items()})
    out.betweenness = ranked(between)
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    out.components = [sorted(bodies.nodes[n]["label"] for n in c) for c in components]

    pairs = [(bodies.nodes[s]["label"], bodies.nodes[o]["label"], int(d["weight"]))
             for s, o, d in bodies.edges(data=True) if d["relation"] == "coMentioned"]
    out.comention_pairs = len(pairs)
    out.comentions = sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))[:top]

    query = load_query("unresolved-references")
    result = run_store(db, query, bind(query, {}))
    for row in result.rows:
        item = {v: ("" if t is None else str(t)) for v, t in zip(result.variables, row, strict=True)}
        out.unresolved.append(item)
    return out


def _provision_label(g: nx.MultiDiGraph, node: str, lang: str) -> str:
    label = label_of(g.nodes[node], lang)
    document = g.nodes[node].get("document")
    if document and document in g:
        return f"{label_of(g.nodes[document], lang)}, {label}"
    return label


__all__ = ["Ranked", "Stats", "statistics"]
