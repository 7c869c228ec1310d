"""The ``viz``, ``stats`` and ``figure`` commands (issue 6). Only argparse at import time: ``treaty-kg --help``
must not load networkx, pyvis or matplotlib; each command imports what it needs when it runs."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.viz.projection import View

VIEWS = ("bodies", "citations", "all")
LANGS = ("en", "ru", "fr")
PAGE_FORMATS = {".html": "html", ".htm": "html", ".graphml": "graphml", ".gexf": "gexf"}
FIGURE_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: the page's and the figure's default limits: above them the nodes of highest degree are kept
PAGE_MAX_NODES = 2000
FIGURE_MAX_NODES = 300


def _add_source(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", metavar="FILE", help="read a graph file (.ttl, .trig, .nq, .nt, .jsonld) instead of "
                                                   "the local store")
    p.add_argument("--store", metavar="DIR", help="the embedded store's folder (default $TREATY_KG_STORE or "
                                                  "./.treaty-kg/store)")


def _add_view(p: argparse.ArgumentParser, max_nodes_help: str) -> None:
    g = p.add_argument_group("what to draw")
    g.add_argument("--view", choices=VIEWS, help="bodies: organisations, organs, UN entities, treaties, documents "
                                                 "and states and how they relate (the default); citations: the "
                                                 "provisions of one treaty and their cross-references, grouped "
                                                 "by chapter (needs --treaty); all: entities, texts and "
                                                 "provisions (the default with --focus)")
    g.add_argument("--treaty", metavar="NAME", help="the treaty or document of the citations view: a label in any "
                                                    "language, a key such as coe-statute or A/RES/67/83, or an IRI")
    g.add_argument("--focus", metavar="ENTITY", help="keep only the neighbourhood of this node (a label, key or IRI)")
    g.add_argument("--depth", type=int, default=1, metavar="N", help="how many links from --focus (default 1)")
    g.add_argument("--types", action="append", default=[], metavar="CLASS[,CLASS...]",
                   help="keep only these classes, e.g. Organ,Organization (repeatable)")
    g.add_argument("--lang", choices=LANGS, default="en",
                   help="label language (default en; a missing label falls back to en, fr, ru, then any)")
    g.add_argument("--min-comentions", type=int, default=2, metavar="N",
                   help="link two entities of the bodies view when named together in at least N provisions "
                        "(default 2)")
    g.add_argument("--max-nodes", type=int, metavar="N", help=max_nodes_help)


def _view(args: argparse.Namespace, max_nodes: int | None) -> View:
    from kg.viz.projection import View

    name = args.view or ("all" if args.focus else "bodies")
    return View(name=name, treaty=args.treaty, focus=args.focus, depth=args.depth, types=tuple(args.types),
                lang=args.lang, min_comentions=args.min_comentions, max_nodes=max_nodes)


def _format(path: str, explicit: str | None, known: dict[str, str], what: str) -> str:
    if explicit:
        return explicit
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in known:
        raise ValueError(f"{path}: cannot tell the {what} format from {suffix or 'no extension'!r}; use "
                         f"{', '.join(known)} or --format")
    return known[suffix]


def _cmd_viz(args: argparse.Namespace) -> int:
    from kg.export import write_atomic
    from kg.viz.page import PageError, render_page
    from kg.viz.projection import ProjectionError, project
    from kg.viz.source import SourceError, open_graph

    try:
        fmt = _format(args.output, args.format, PAGE_FORMATS, "output")
        limit = args.max_nodes if args.max_nodes is not None else (PAGE_MAX_NODES if fmt == "html" else None)
        with open_graph(args.graph, args.store) as db:
            projection = project(db, _view(args, limit))
        if fmt == "html":
            data = render_page(projection, args.lang).encode("utf-8")
        else:
            from kg.viz.network import network_bytes

            data = network_bytes(projection, fmt)
        write_atomic(args.output, data)
    except (ValueError, ProjectionError, SourceError, PageError, OSError) as exc:
        print(f"treaty-kg: viz: {exc}", file=sys.stderr)
        return 2
    g = projection.graph
    for note in projection.notes:
        if note.startswith("Reduced"):
            print(f"treaty-kg: note: {note}", file=sys.stderr)
    print(f"treaty-kg: {projection.title}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges -> "
          f"{args.output} ({len(data)} bytes)", file=sys.stderr)
    return 0 if g.number_of_nodes() else 1


def _cmd_figure(args: argparse.Namespace) -> int:
    from kg.export import write_atomic
    from kg.viz.figure import figure_bytes
    from kg.viz.projection import ProjectionError, project
    from kg.viz.source import SourceError, open_graph

    try:
        fmt = _format(args.output, args.format, FIGURE_FORMATS, "figure")
        limit = args.max_nodes if args.max_nodes is not None else FIGURE_MAX_NODES
        with open_graph(args.graph, args.store) as db:
            projection = project(db, _view(args, limit))
        data = figure_bytes(projection, fmt, width=args.width, height=args.height, dpi=args.dpi)
        write_atomic(args.output, data)
    except (ValueError, ProjectionError, SourceError, OSError) as exc:
        print(f"treaty-kg: figure: {exc}", file=sys.stderr)
        return 2
    g = projection.graph
    print(f"treaty-kg: {projection.title}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges -> "
          f"{args.output} ({len(data)} bytes)", file=sys.stderr)
    return 0 if g.number_of_nodes() else 1


def _cmd_stats(args: argparse.Namespace) -> int:
    from kg.query import QueryError
    from kg.viz.source import SourceError, open_graph
    from kg.viz.stats import statistics

    try:
        with open_graph(args.graph, args.store) as db:
            stats = statistics(db, top=args.top, lang=args.lang, min_comentions=args.min_comentions)
    except (SourceError, QueryError) as exc:
        print(f"treaty-kg: stats: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(stats.render(args.format))
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's commands to the ``treaty-kg`` parser."""
    v = sub.add_parser(
        "viz", help="an interactive page of the graph (one offline HTML file), or a GraphML/GEXF export",
        description="Draw a view of the graph as one self-contained HTML page (vis-network inlined, no request to "
                    "any host; nodes coloured and shaped by class, a legend, tooltips with every name, "
                    "identifier and quote), or export the same projection for Gephi and Cytoscape. The "
                    "extension of FILE picks the format: .html, .graphml, .gexf; --format overrides it.")
    v.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write (.html, .graphml, .gexf)")
    v.add_argument("--format", choices=("html", "graphml", "gexf"),
                   help="the output format when the extension of FILE does not say it")
    _add_view(v, f"above N nodes keep the N of highest degree, and say so on the page (default {PAGE_MAX_NODES} "
                 "for a page, no limit for GraphML and GEXF)")
    _add_source(v)
    v.set_defaults(func=_cmd_viz)

    f = sub.add_parser(
        "figure", help="a static drawing of a view for papers (PNG, SVG or PDF)",
        description="Draw a view of the graph with matplotlib: a fixed layout seed and no dates in the file, so "
                    "the same graph gives the same bytes. The extension of FILE picks the format: .png, .svg, "
                    ".pdf.")
    f.add_argument("-o", "--output", required=True, metavar="FILE", help="the figure to write (.png, .svg, .pdf)")
    f.add_argument("--format", choices=("png", "svg", "pdf"), help="the format when the extension does not say it")
    f.add_argument("--width", type=float, default=11.0, metavar="IN", help="width in inches (default 11)")
    f.add_argument("--height", type=float, default=8.5, metavar="IN", help="height in inches (default 8.5)")
    f.add_argument("--dpi", type=int, default=200, help="resolution of a PNG (default 200)")
    _add_view(f, f"above N nodes keep the N of highest degree (default {FIGURE_MAX_NODES})")
    _add_source(f)
    f.set_defaults(func=_cmd_figure)

    s = sub.add_parser(
        "stats", help="counts by class, most-cited provisions, central bodies, components, co-mentions",
        description="Instances per class; the most-cited provisions; the bodies of highest degree and "
                    "betweenness in the body network and its connected components; co-mention pairs; unresolved "
                    "references. A table on the terminal, or --format json|csv for scripts.")
    s.add_argument("--format", choices=("table", "json", "csv"), default="table", help="output format (default table)")
    s.add_argument("--top", type=int, default=10, metavar="N", help="rows in each ranking (default 10)")
    s.add_argument("--lang", choices=LANGS, default="en", help="label language (default en)")
    s.add_argument("--min-comentions", type=int, default=2, metavar="N",
                   help="the least number of shared provisions for a co-mention pair (default 2)")
    _add_source(s)
    s.set_defaults(func=_cmd_stats)
