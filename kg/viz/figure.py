"""Static figures for papers: :func:`figure_bytes` draws a projection with matplotlib (Agg) as PNG, SVG or PDF.

Deterministic: the spring layout has a fixed seed, nodes are drawn in IRI order, SVG ids come from a fixed
salt, and no date is written into the SVG or PDF metadata, so the same graph gives the same bytes.
Each class has its colour and marker (the page's, from :mod:`kg.viz.style`) and the legend says which is
which; the nodes of highest degree are labelled, the others are left bare so the figure stays readable.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

import networkx as nx

from kg.viz.projection import Projection
from kg.viz.style import EDGE_STYLES, NODE_STYLES, edge_style_of

FORMATS = ("png", "svg", "pdf")
#: the layout seed of every figure
LAYOUT_SEED = 20240506
#: above this many nodes only the ones of highest degree get a label
LABEL_ALL_BELOW = 60
LABELLED = 40

_METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None, "Creator": "treaty-kg"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "treaty-kg"},
    "png": {"Software": "treaty-kg (matplotlib)"},
}


def _layout(g: nx.MultiDiGraph) -> dict[str, Any]:
    simple = nx.Graph()
    simple.add_nodes_from(g.nodes)
    for s, o, d in g.edges(data=True):
        if s != o:
            # a provision stays near its chapter, an organ near its organisation
            strength = 2.0 if d.get("relation") in ("partOf", "organOf") else 1.0
            simple.add_edge(s, o, weight=max(strength, simple.get_edge_data(s, o, {}).get("weight", 0)))
    if len(simple) == 0:
        return {}
    try:
        pos: dict[str, Any] = nx.spring_layout(simple, seed=LAYOUT_SEED, iterations=200, weight="weight")
    except ImportError as exc:  # networkx wants scipy above 500 nodes
        raise ValueError(f"a figure of {len(simple)} nodes needs scipy; lower --max-nodes below 500 or "
                         "install scipy") from exc
    return pos


def figure_bytes(projection: Projection, fmt: str, *, width: float = 11.0, height: float = 8.5,
                 dpi: int = 200) -> bytes:
    """The projection drawn as ``fmt`` (png, svg or pdf)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown figure format {fmt!r}; use one of {', '.join(FORMATS)}")
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    g = projection.graph
    pos = _layout(g)
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, 0.08, 0.74, 0.84))
    ax.set_axis_off()
    fig.suptitle(_plain(projection.title), fontsize=12, x=0.02, ha="left")
    if projection.notes:
        caption = _plain("\n".join(textwrap.fill(n, 150) for n in projection.notes))
        fig.text(0.02, 0.01, caption, fontsize=6.5, va="bottom", ha="left", color="#444444")

    degree = dict(g.degree())
    handles: list[Any] = []
    for rel in [e.relation for e in EDGE_STYLES]:
        edgelist = [(s, o) for s, o, d in g.edges(data=True) if d["relation"] == rel and s != o]
        if not edgelist:
            continue
        est = edge_style_of(rel)
        arrows: dict[str, Any] = {"arrows": True, "arrowsize": 6, "arrowstyle": "-|>", "node_size": 30} \
            if est.arrows else {"arrows": False}
        nx.draw_networkx_edges(g, pos, ax=ax, edgelist=edgelist, edge_color=est.colour, width=0.7,
                               style="dashed" if est.dashes else "solid", alpha=0.7, **arrows)
        handles.append(Line2D([0], [0], color=est.colour, lw=1.2, ls="--" if est.dashes else "-",
                              label=f"{est.words} ({len(edgelist)})"))
    node_handles: list[Any] = []
    for st in NODE_STYLES:
        nodelist = [n for n, a in g.nodes(data=True) if a["kind"] == st.kind]
        if not nodelist:
            continue
        sizes = [18 + 10 * min(degree[n], 20) for n in nodelist]
        nx.draw_networkx_nodes(g, pos, ax=ax, nodelist=nodelist, node_color=st.colour, node_shape=st.marker,
                               node_size=sizes, edgecolors="#333333", linewidths=0.4)
        node_handles.append(Line2D([0], [0], marker=st.marker, color="none", markerfacecolor=st.colour,
                                   markeredgecolor="#333333", markersize=7, label=f"{st.kind} ({len(nodelist)})"))
    ranked = sorted(g.nodes, key=lambda n: (-degree[n], n))
    shown = ranked if len(ranked) < LABEL_ALL_BELOW else ranked[:LABELLED]
    labels = {n: _short(g.nodes[n]["label"]) for n in shown}
    nx.draw_networkx_labels(g, pos, labels=labels, ax=ax, font_size=6, font_color="#111111")
    if node_handles or handles:
        fig.legend(handles=node_handles + handles, loc="upper left", bbox_to_anchor=(0.76, 0.92), fontsize=7,
                   frameon=False, title="classes and relations", title_fontsize=8)
    if len(ranked) >= LABEL_ALL_BELOW:
        fig.text(0.76, 0.1, f"Labels: the {LABELLED} nodes of highest degree.", fontsize=6.5, color="#444444")

    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "treaty-kg", "svg.fonttype": "path", "pdf.fonttype": 42}):
        fig.savefig(buf, format=fmt, metadata=_METADATA[fmt], dpi=dpi)
    return buf.getvalue()


def _plain(text: str) -> str:
    """Text matplotlib prints as it is: a ``$`` would start mathtext, which document text must not."""
    return text.replace("$", r"\$")


def _short(label: str, width: int = 32) -> str:
    return _plain(label if len(label) <= width else label[: width - 1].rstrip() + "\u2026")


__all__ = ["FORMATS", "figure_bytes"]
