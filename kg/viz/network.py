"""The projection for Gephi and Cytoscape: :func:`network_bytes` writes GraphML or GEXF, byte for byte the same
for the same graph.

Nodes are keyed by IRI and carry their class (``kind``), label, names in every language (``label_en``,
``alt_ru`` ...) and identifiers; edges carry their ``relation`` (also the edge key), ``weight`` and quotes.
GEXF also gets each node's colour and size (its ``viz:`` attributes) so Gephi shows the page's colours;
networkx's date stamp in the GEXF header is left out, since it would change the file every day.
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

from kg.viz.projection import Projection
from kg.viz.style import style_of

FORMATS = ("graphml", "gexf")


def _rgb(colour: str) -> dict[str, Any]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16), "a": 1.0}


def network_bytes(projection: Projection, fmt: str) -> bytes:
    """The projection's graph as GraphML or GEXF (UTF-8)."""
    g = projection.graph
    if fmt == "graphml":
        out = nx.MultiDiGraph(title=projection.title, notes=" ".join(projection.notes))
        out.add_nodes_from(g.nodes(data=True))
        # GraphML edge ids must be unique in the file: number the edges, the relation stays an attribute
        for i, (s, o, d) in enumerate(g.edges(data=True)):
            out.add_edge(s, o, key=f"e{i}", **d)
        buf = io.BytesIO()
        nx.write_graphml_xml(out, buf, encoding="utf-8", prettyprint=True)
        return buf.getvalue()
    if fmt == "gexf":
        from networkx.readwrite.gexf import GEXFWriter

        degree = dict(g.degree())
        out = nx.MultiDiGraph()
        for n, a in g.nodes(data=True):
            out.add_node(n, **a, viz={"color": _rgb(style_of(a["kind"]).colour), "size": 4.0 + degree[n]})
        for s, o, k, d in g.edges(keys=True, data=True):
            out.add_edge(s, o, key=k, **{x: y for x, y in d.items() if x != "weight"}, weight=float(d["weight"]))
        writer = GEXFWriter(encoding="utf-8", prettyprint=True)
        meta = writer.xml.find("meta")
        if meta is not None:
            meta.attrib.pop("lastmodifieddate", None)
            creator = meta.find("creator")
            if creator is not None:
                creator.text = f"treaty-kg (NetworkX {nx.__version__})"
            description = meta.makeelement("description", {})
            description.text = projection.title
            meta.append(description)
        writer.add_graph(out)
        buf = io.BytesIO()
        writer.write(buf)
        return buf.getvalue()
    raise ValueError(f"unknown network format {fmt!r}; use one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "network_bytes"]
