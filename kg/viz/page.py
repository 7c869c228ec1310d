"""The interactive page: :func:`render_page` turns a :class:`~kg.viz.projection.Projection` into one HTML file.

pyvis builds the network (nodes, edges, vis-network options) and renders it, but through our own template:
pyvis's templates fetch vis-network, bootstrap and tom-select from CDNs, and even its ``in_line`` mode links
bootstrap from jsDelivr. Ours inlines vis-network's script and style, read at run time from the installed
pyvis package, and nothing else: no ``src``, no ``href``, no web font, and a Content-Security-Policy that
forbids every fetch but ``data:`` images (vis-network's own button icons), so the page works offline and
tells no server it was opened.

Every word on the page comes from documents, so:

- text in the HTML is escaped by the template (Jinja2 autoescape);
- the node and edge data sit in a ``<script>`` as JSON in which ``<``, ``>``, ``&`` and the JavaScript line
  separators are ``\\u`` escapes, so ``</script>`` in a label cannot close the element (:func:`script_json`);
- tooltips are HTML built here with every piece of text escaped (:func:`tooltip`); the page turns them into
  elements for vis-network, which would otherwise show the tags as text.

The output is deterministic: nodes and edges in IRI order, sorted keys, a fixed layout seed, no dates.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from importlib import resources
from typing import Any

from kg.viz.projection import LANGS, Projection
from kg.viz.style import EDGE_STYLES, NODE_STYLES, edge_style_of, style_of

#: the longest label drawn on the canvas; the tooltip has the whole of it
MAX_LABEL = 48
#: the layout seed: the same graph is laid out the same way on every opening
LAYOUT_SEED = 20240506

CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
       "font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; "
       "worker-src 'none'; base-uri 'none'; form-action 'none'")

#: identifiers shown in a tooltip, in this order, with their names
IDENTIFIERS = (
    ("same_as", "Wikidata"), ("symbol", "UN symbol"), ("cets", "CETS No."), ("ets", "ETS No."),
    ("unts_number", "UNTS No."), ("unts_volume", "UNTS vol."), ("iso3166", "ISO 3166"), ("number", "number"),
    ("date", "date"), ("source_file", "source file"), ("read", "text read"), ("discovered", "discovered"),
)


class PageError(Exception):
    """The page cannot be made (vis-network missing from the pyvis package, say); the message says why."""


# -- escaping -------------------------------------------------------------------------------------------------

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: no ``<``, ``>`` or ``&`` appears literally.

    >>> script_json({"label": "</script><b>"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    >>> json.loads(script_json({"label": "</script>"}))["label"]
    '</script>'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)


def _inline(text: str, what: str, closing: str) -> str:
    """An asset put inside a ``<script>`` or ``<style>`` as it is: refused if it could end the element early."""
    if re.search(rf"</{closing}|<!--", text, re.IGNORECASE):
        raise PageError(f"{what} holds '</{closing}' or '<!--' and cannot be inlined as it is")
    return text


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


# -- tooltips -------------------------------------------------------------------------------------------------


def tooltip(attrs: Mapping[str, Any], kind_name: str) -> str:
    """A node's tooltip: its label, class, names in every language, identifiers and IRI, all escaped.

    >>> tooltip({"iri": "https://ex.org/x", "label": "<img src=x>", "label_en": "<img src=x>"}, "Organ")
    '<div class="tip"><b>&lt;img src=x&gt;</b> <i>Organ</i><table><tr><th>en</th><td>&lt;img src=x&gt;</td></tr>\
<tr><th>IRI</th><td>https://ex.org/x</td></tr></table></div>'
    """
    rows: list[tuple[str, str]] = []
    langs = sorted({k.split("_", 1)[1] for k in attrs if k.startswith(("label_", "alt_"))},
                   key=lambda code: (LANGS.index(code) if code in LANGS else len(LANGS), code))
    for code in langs:
        names = [attrs[k] for k in (f"label_{code}",) if attrs.get(k)]
        alt = attrs.get(f"alt_{code}")
        cell = _esc(" | ".join(names))
        if alt:
            cell += (" " if cell else "") + f"<span class=\"alt\">({_esc(alt)})</span>"
        rows.append((_esc(code if code != "none" else "\u2014"), cell))
    for key, name in IDENTIFIERS:
        if attrs.get(key):
            value = str(attrs[key])
            if key == "same_as":
                value = " ".join(v.rsplit("/", 1)[-1] for v in value.split())
            rows.append((_esc(name), _esc(value)))
    if attrs.get("chapter_label"):
        rows.append(("chapter", _esc(attrs["chapter_label"])))
    rows.append(("IRI", _esc(attrs.get("iri", ""))))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return (f"<div class=\"tip\"><b>{_esc(attrs.get('label', ''))}</b> <i>{_esc(kind_name)}</i>"
            f"<table>{table}</table></div>")


def edge_tooltip(source: str, target: str, data: Mapping[str, Any]) -> str:
    """An edge's tooltip: who relates to whom, how often, and the quotes it was read from, all escaped."""
    style = edge_style_of(str(data.get("relation", "")))
    weight = int(data.get("weight", 1))
    head = f"<b>{_esc(source)}</b> {_esc(style.words)} <b>{_esc(target)}</b>"
    if weight > 1:
        head += f" <span class=\"alt\">({weight} provisions)</span>"
    quotes = [q for q in str(data.get("quotes", "")).split("\n") if q]
    body = "".join(f"<li>{_esc(q)}</li>" for q in quotes)
    return f"<div class=\"tip\">{head}" + (f"<ul>{body}</ul>" if body else "") + "</div>"


# -- assets ---------------------------------------------------------------------------------------------------


def vis_assets() -> tuple[str, str]:
    """vis-network's script and style from the installed pyvis package (the newest version it ships)."""
    try:
        lib = resources.files("pyvis").joinpath("templates", "lib")
        versions = [d for d in lib.iterdir() if d.name.startswith("vis-") and d.is_dir()]
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError) as exc:
        raise PageError(f"cannot find vis-network in the pyvis package: {exc}") from exc

    def version(d: Any) -> tuple[int, ...]:
        return tuple(int(x) for x in re.findall(r"\d+", d.name))

    for d in sorted(versions, key=version, reverse=True):
        js, css = d.joinpath("vis-network.min.js"), d.joinpath("vis-network.css")
        if js.is_file() and css.is_file():
            return (_inline(js.read_text(encoding="utf-8"), f"pyvis {d.name}/vis-network.min.js", "script"),
                    _inline(css.read_text(encoding="utf-8"), f"pyvis {d.name}/vis-network.css", "style"))
    raise PageError("the installed pyvis package ships no vis-network (templates/lib/vis-*/vis-network.min.js)")


def class_names(lang: str) -> dict[str, str]:
    """The classes' names in ``lang`` (else English) from the ontology; the local name where it has none."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDFS

    from kg.rdf.namespace import TKG_IRI
    from kg.resources import ontology_file

    try:
        onto = Graph().parse(ontology_file(), format="turtle")
    except (OSError, SyntaxError, ValueError):
        return {s.kind: s.kind for s in NODE_STYLES}
    names: dict[str, str] = {}
    for s in NODE_STYLES:
        labels = {(o.language or ""): str(o) for o in onto.objects(URIRef(TKG_IRI + s.kind), RDFS.label)
                  if isinstance(o, Literal)}
        name = labels.get(lang) or labels.get("en") or s.kind
        names[s.kind] = name[:1].upper() + name[1:]
    return names


# -- the page -------------------------------------------------------------------------------------------------

TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="treaty-kg viz">
<title>{{ heading }}</title>
<style>{{ vis_css|safe }}</style>
<style>
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #222; display: flex; flex-direction: column;
       height: 100vh; }
header { padding: 6px 12px; border-bottom: 1px solid #ddd; }
header h1 { font-size: 17px; margin: 0 0 2px 0; }
header p { margin: 2px 0; color: #444; }
header .note { color: #8a4b00; }
main { flex: 1; display: flex; min-height: 0; }
#mynetwork { flex: 1; min-width: 0; border-right: 1px solid #ddd; }
aside { width: 300px; overflow: auto; padding: 8px 10px; font-size: 13px; }
aside h2 { font-size: 14px; margin: 10px 0 4px 0; }
#legend ul { list-style: none; padding: 0; margin: 0; }
#legend li { cursor: pointer; user-select: none; padding: 1px 0; }
#legend li.off { opacity: 0.35; text-decoration: line-through; }
#legend .glyph { display: inline-block; width: 1.4em; text-align: center; font-size: 16px; }
#legend .line { display: inline-block; width: 1.4em; height: 0; vertical-align: middle; margin-right: 4px;
                border-top-width: 3px; }
#search { width: 100%; box-sizing: border-box; padding: 3px; }
.tip { max-width: 460px; white-space: normal; font-size: 12px; }
.tip table { border-collapse: collapse; margin-top: 4px; }
.tip th { text-align: left; padding-right: 8px; color: #555; font-weight: normal; vertical-align: top; }
.tip td { word-break: break-word; }
.tip .alt { color: #666; }
.tip ul { margin: 4px 0 0 0; padding-left: 18px; }
div.vis-tooltip { white-space: normal; font-family: system-ui, sans-serif; }
</style>
<script>{{ vis_js|safe }}</script>
</head>
<body>
<header>
<h1>{{ heading }}</h1>
<p id="summary">{{ summary }}</p>
{% for note in notes %}<p class="note">{{ note }}</p>
{% endfor %}</header>
<main>
<div id="mynetwork"></div>
<aside>
<input id="search" type="search" placeholder="{{ search_hint }}" aria-label="{{ search_hint }}">
<p id="status" role="status">Laying out\u2026</p>
<div id="legend"><h2>Classes</h2><ul>
{% for item in legend %}<li data-kind="{{ item.kind }}" title="{{ item.hint }}"><span class="glyph" \
style="color: {{ item.colour }}">{{ item.glyph }}</span>{{ item.name }} ({{ item.count }})</li>
{% endfor %}</ul>
{% if edge_legend %}<h2>Relations</h2><ul>
{% for item in edge_legend %}<li class="relation"><span class="line" style="border-top-style: \
{{ 'dashed' if item.dashes else 'solid' }}; border-top-color: {{ item.colour }}"></span>{{ item.words }} \
({{ item.count }})</li>
{% endfor %}</ul>{% endif %}</div>
<div id="details"></div>
</aside>
</main>
<script>
var nodes, edges, network, data;
(function () {
  "use strict";
  var rawNodes = {{ nodes|script_json }};
  var rawEdges = {{ edges|script_json }};
  var options = {{ options|script_json }};
  function tip(markup) {
    // the markup was escaped where it was made: only our own tags are in it
    var box = document.createElement("div");
    box.innerHTML = markup;
    return box.firstChild || box;
  }
  rawNodes.forEach(function (n) { n.tip = n.title; n.title = tip(n.title); });
  rawEdges.forEach(function (e) { e.tip = e.title; e.title = tip(e.title); });
  nodes = new vis.DataSet(rawNodes);
  edges = new vis.DataSet(rawEdges);
  data = {nodes: nodes, edges: edges};
  var status = document.getElementById("status");
  network = new vis.Network(document.getElementById("mynetwork"), data, options);
  window.treatyKg = {settled: false};
  function settle() {
    if (window.treatyKg.settled) { return; }
    network.setOptions({physics: false});
    window.treatyKg.settled = true;
    document.body.setAttribute("data-settled", "yes");
    status.textContent = "Layout settled; physics is off (drag nodes to move them). Click a node for details.";
  }
  network.on("stabilizationProgress", function (p) {
    status.textContent = "Laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", settle);
  if (rawNodes.length === 0 || !options.physics.enabled) { settle(); }
  var details = document.getElementById("details");
  function show(markup) {
    while (details.firstChild) { details.removeChild(details.firstChild); }
    if (markup) { details.appendChild(tip(markup)); }
  }
  network.on("click", function (params) {
    if (params.nodes.length) { show(nodes.get(params.nodes[0]).tip); }
    else if (params.edges.length) { show(edges.get(params.edges[0]).tip); }
    else { show(null); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("#legend li[data-kind]"), function (li) {
    li.addEventListener("click", function () {
      var off = li.classList.toggle("off");
      var kind = li.getAttribute("data-kind");
      nodes.update(nodes.get({filter: function (n) { return n.kind === kind; }}).map(function (n) {
        return {id: n.id, hidden: off};
      }));
    });
  });
  document.getElementById("search").addEventListener("change", function (ev) {
    var wanted = ev.target.value.trim().toLowerCase();
    if (!wanted) { network.unselectAll(); return; }
    var ids = nodes.getIds({filter: function (n) {
      return n.label.toLowerCase().indexOf(wanted) >= 0 || n.tip.toLowerCase().indexOf(wanted) >= 0;
    }});
    network.selectNodes(ids);
    if (ids.length) { network.fit({nodes: ids, animation: false}); }
    status.textContent = ids.length + " node(s) match.";
  });
}());
</script>
</body>
</html>
"""


def _options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": n_nodes <= 200},
        "physics": {
            "enabled": n_nodes > 0,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": 300 if n_nodes <= 1000 else 150,
                              "updateInterval": 25, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "multiselect": True, "hideEdgesOnDrag": n_edges > 2000},
        "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif"}, "scaling": {"min": 8, "max": 34},
                  "borderWidth": 1},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1.5},
    }


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "\u2026"


def render_page(projection: Projection, lang: str = "en") -> str:
    """The whole page as a string: one self-contained HTML file that makes no request anywhere."""
    from jinja2 import DictLoader, Environment
    from markupsafe import Markup
    from pyvis.network import Network

    g = projection.graph
    names = class_names(lang)
    degree = dict(g.degree())
    net = Network(height="100%", width="100%", directed=True, heading=projection.title, cdn_resources="in_line")
    for n, a in g.nodes(data=True):
        st = style_of(a["kind"])
        net.add_node(n, label=_short(a["label"]), shape=st.vis_shape, color=st.colour,
                     title=tooltip(a, names.get(a["kind"], a["kind"])), value=degree[n] + 1, kind=a["kind"])
    for i, (s, o, data) in enumerate(g.edges(data=True)):
        est = edge_style_of(data["relation"])
        width = 1 + math.log2(max(1, int(data.get("weight", 1))))
        net.add_edge(s, o, id=f"e{i}", relation=data["relation"], color={"color": est.colour, "opacity": 0.85},
                     dashes=est.dashes, arrows="to" if est.arrows else "", width=round(width, 2),
                     title=edge_tooltip(g.nodes[s]["label"], g.nodes[o]["label"], data))
    net.options = _options(g.number_of_nodes(), g.number_of_edges())

    kinds = Counter(a["kind"] for _, a in g.nodes(data=True))
    relations = Counter(d["relation"] for *_, d in g.edges(data=True))
    legend = [{"kind": s.kind, "colour": s.colour, "glyph": s.glyph, "name": names.get(s.kind, s.kind),
               "count": kinds[s.kind], "hint": f"tkg:{s.kind}; click to hide or show"}
              for s in NODE_STYLES if kinds[s.kind]]
    edge_legend = [{"words": e.words, "colour": e.colour, "dashes": e.dashes, "count": relations[e.relation]}
                   for e in EDGE_STYLES if relations[e.relation]]
    vis_js, vis_css = vis_assets()

    def to_script(value: Any) -> Markup:
        if isinstance(value, str):
            value = json.loads(value)
        return Markup(script_json(value))

    env = Environment(loader=DictLoader({"treaty-kg.html": TEMPLATE}), autoescape=True, keep_trailing_newline=True)
    env.filters["script_json"] = to_script
    env.globals.update(
        lang=lang if re.fullmatch(r"[A-Za-z-]{1,16}", lang) else "en", csp=CSP, vis_js=Markup(vis_js),
        vis_css=Markup(vis_css), notes=projection.notes, legend=legend, edge_legend=edge_legend,
        summary=f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges. Hover or click a node or an edge for "
                "its names, identifiers and quotes; click a class to hide it.",
        search_hint="Find a node by name")
    # pyvis renders with its own environment and template name; ours replace them
    net.templateEnv = env
    net.path = "treaty-kg.html"
    page: str = net.generate_html()
    return page


__all__ = ["CSP", "PageError", "edge_tooltip", "render_page", "script_json", "tooltip", "vis_assets"]
