"""Pictures and numbers of the graph: the RDF graph projected to networkx, an offline interactive page, static
figures, GraphML/GEXF exports and statistics.

The verbs, one per module: :func:`~kg.viz.projection.project`, :func:`~kg.viz.page.render_page`,
:func:`~kg.viz.figure.figure_bytes`, :func:`~kg.viz.network.network_bytes`, :func:`~kg.viz.stats.statistics`,
and :func:`~kg.viz.source.open_graph` to read the graph. They are loaded on first use, so that importing
``kg.viz.commands`` (which ``treaty-kg --help`` does) loads neither networkx, pyvis nor matplotlib.

>>> import kg.viz
>>> kg.viz.project.__module__
'kg.viz.projection'
"""

from __future__ import annotations

import importlib
from typing import Any

_VERBS = {
    "project": "kg.viz.projection",
    "render_page": "kg.viz.page",
    "figure_bytes": "kg.viz.figure",
    "network_bytes": "kg.viz.network",
    "statistics": "kg.viz.stats",
    "open_graph": "kg.viz.source",
}

__all__ = sorted(_VERBS)


def __getattr__(name: str) -> Any:
    if name in _VERBS:
        return getattr(importlib.import_module(_VERBS[name]), name)
    raise AttributeError(f"module 'kg.viz' has no attribute {name!r}")
