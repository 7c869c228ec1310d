"""The RDF graph seen as a network: :func:`project` reads the graph with SPARQL and gives a networkx graph.

Four steps, each a plain function over networkx graphs:

1. read: every typed entity, document and provision becomes a node (its class, its names in every language,
   its identifiers); ``dcterms:isPartOf``, ``tkg:organOf``, ``tkg:establishedBy``, ``tkg:mentions`` and
   ``tkg:cites`` become edges, a mention or citation carrying the quotes its annotations hold;
2. view: ``all`` keeps that graph; ``bodies`` keeps organisations, organs, UN entities, treaties, documents
   and states, lifting each provision's mentions and citations to its whole text and adding co-mention
   edges between entities named in the same provisions; ``citations`` keeps the provisions of one treaty
   that cite or are cited, each tied to its chapter;
3. narrow: ``focus`` keeps the neighbourhood of one node, ``types`` keeps some classes;
4. reduce: above ``max_nodes`` the nodes of highest degree are kept (ties broken by IRI), and a note says so.

Nodes are keyed by IRI and carry only strings and integers, so GraphML and GEXF can hold them. The order
of nodes and edges follows their IRIs, so the same graph always gives the same projection.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import Literal
from rdflib.term import Identifier

from kg.query import Query, bind, parse_query, run_store
from kg.rdf.namespace import TKG_IRI
from kg.viz.style import BODY_KINDS, KINDS

#: the views :func:`project` knows
VIEWS = ("bodies", "citations", "all")
#: label languages, in the order a missing label falls back through (after the one asked for)
LANGS = ("en", "fr", "ru")
#: quotes kept on one edge; the rest are counted
MAX_QUOTES = 12


class ProjectionError(Exception):
    """A view that cannot be drawn: an unknown name, class or view; the message says what to give instead."""


@dataclass(frozen=True)
class View:
    """What to draw.

    >>> View(name="citations", treaty="coe-statute").name
    'citations'
    """

    name: str = "bodies"
    treaty: str | None = None
    focus: str | None = None
    depth: int = 1
    types: tuple[str, ...] = ()
    lang: str = "en"
    min_comentions: int = 2
    max_nodes: int | None = None


@dataclass
class Projection:
    """A networkx graph with a title and the notes that say what was left out and why."""

    graph: nx.MultiDiGraph
    title: str
    notes: list[str] = field(default_factory=list)


# -- the queries: no parameter is pasted into them; the one that takes a name binds it ------------------

_Q_TYPES = parse_query("""# title: typed nodes
SELECT DISTINCT ?node ?class WHERE { ?node a ?class FILTER(isIRI(?node) && STRSTARTS(STR(?class), STR(tkg:))) }
""", "viz-types")

_Q_PROPS = parse_query("""# title: names and identifiers
SELECT DISTINCT ?node ?p ?o WHERE {
  VALUES ?p { rdfs:label skos:altLabel owl:sameAs tkg:symbol tkg:cetsNumber tkg:etsNumber tkg:untsNumber
              tkg:untsVolume tkg:iso3166 tkg:number tkg:read tkg:discovered tkg:sourceFile dcterms:date }
  ?node ?p ?o .
  FILTER(isIRI(?node))
}
""", "viz-props")

_Q_LINKS = parse_query("""# title: links between nodes
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { dcterms:isPartOf tkg:organOf tkg:establishedBy tkg:mentions tkg:cites }
  ?s ?p ?o .
  FILTER(isIRI(?s) && isIRI(?o))
}
""", "viz-links")

_Q_QUOTES = parse_query("""# title: the quotes of mentions and citations
SELECT DISTINCT ?source ?body ?exact WHERE {
  ?annotation oa:hasBody ?body ; oa:hasTarget ?target .
  ?target oa:hasSource ?source ; oa:hasSelector ?selector .
  ?selector oa:exact ?exact .
}
""", "viz-quotes")

_Q_FIND = parse_query("""# title: nodes by name
# param: name string -- a label, alternative label, symbol, or the last segments of an IRI
SELECT DISTINCT ?name ?node WHERE {
  { ?node rdfs:label|skos:altLabel|tkg:symbol ?l . FILTER(LCASE(STR(?l)) = LCASE(STR(?name))) }
  UNION
  { ?node a ?class . FILTER(STRENDS(LCASE(STR(?node)), LCASE(CONCAT("/", STR(?name))))) }
}
""", "viz-find")

_PROPS = {
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "http://www.w3.org/2004/02/skos/core#altLabel": "alt",
    "http://www.w3.org/2002/07/owl#sameAs": "same_as",
    TKG_IRI + "symbol": "symbol",
    TKG_IRI + "cetsNumber": "cets",
    TKG_IRI + "etsNumber": "ets",
    TKG_IRI + "untsNumber": "unts_number",
    TKG_IRI + "untsVolume": "unts_volume",
    TKG_IRI + "iso3166": "iso3166",
    TKG_IRI + "number": "number",
    TKG_IRI + "read": "read",
    TKG_IRI + "discovered": "discovered",
    TKG_IRI + "sourceFile": "source_file",
    "http://purl.org/dc/terms/date": "date",
}
_LINKS = {
    "http://purl.org/dc/terms/isPartOf": "partOf",
    TKG_IRI + "organOf": "organOf",
    TKG_IRI + "establishedBy": "establishedBy",
    TKG_IRI + "mentions": "mentions",
    TKG_IRI + "cites": "cites",
}


def _select(db: ox.Store, query: Query, values: Mapping[str, str] | None = None) -> list[tuple[Any, ...]]:
    return run_store(db, query, bind(query, values or {})).rows


# -- 1. read -----------------------------------------------------------------------------------------------


def _lang_of(term: Identifier) -> str:
    return (term.language or "") if isinstance(term, Literal) else ""


def _quote_text(term: Identifier) -> str:
    lang = _lang_of(term)
    return f"\u00ab{term}\u00bb" + (f" ({lang})" if lang else "")


def read(db: ox.Store) -> nx.MultiDiGraph:
    """Every entity, document and provision of the graph, and the links between them."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for node, cls in _select(db, _Q_TYPES):
        kinds[str(node)].add(str(cls)[len(TKG_IRI):])
    attrs: dict[str, dict[str, Any]] = {}
    for iri in sorted(kinds):
        kind = next((k for k in KINDS if k in kinds[iri]), None)
        if kind is not None:
            attrs[iri] = {"iri": iri, "kind": kind}

    values: dict[tuple[str, str], set[Identifier]] = defaultdict(set)
    names: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: {"label": set(), "alt": set()})
    for node, p, o in _select(db, _Q_PROPS):
        iri, prop = str(node), _PROPS[str(p)]
        if iri not in attrs:
            continue
        if prop in ("label", "alt"):
            names[(iri, _lang_of(o) or "none")][prop].add(str(o))
        else:
            values[(iri, prop)].add(o)
    for (iri, lang), found in sorted(names.items()):
        # one label per language (the first in order); any other label of that language joins the aliases
        labels = sorted(found["label"])
        if labels:
            attrs[iri][f"label_{lang}"] = labels[0]
        aliases = sorted((set(labels[1:]) | found["alt"]) - set(labels[:1]))
        if aliases:
            attrs[iri][f"alt_{lang}"] = " | ".join(aliases)
    for (iri, prop), terms in sorted(values.items()):
        attrs[iri][prop] = " ".join(sorted(str(t) for t in terms))

    quotes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for source, body, exact in _select(db, _Q_QUOTES):
        quotes[(str(source), str(body))].add(_quote_text(exact))

    edges: list[tuple[str, str, str]] = []
    for s, p, o in _select(db, _Q_LINKS):
        edges.append((str(s), _LINKS[str(p)], str(o)))
    edges.sort()
    for s, rel, o in edges:
        for end in (s, o):
            if end not in attrs:
                # a node the graph links to but does not type (a text not read): drawn as a plain provision
                attrs[end] = {"iri": end, "kind": "Provision" if rel in ("cites", "partOf") else "Document"}

    g = nx.MultiDiGraph()
    for iri in sorted(attrs):
        g.add_node(iri, **attrs[iri])
    for s, rel, o in edges:
        data: dict[str, Any] = {"relation": rel, "weight": 1}
        q = sorted(quotes.get((s, o), ()))
        if q and rel in ("mentions", "cites"):
            data["quotes"] = "\n".join(q)
        g.add_edge(s, o, key=rel, **data)
    _place(g)
    return g


def _place(g: nx.MultiDiGraph) -> None:
    """Give every provision its document (the top of its ``isPartOf`` chain) and its chapter."""
    parent = {s: o for s, o, k in g.edges(keys=True) if k == "partOf"}
    for node, a in g.nodes(data=True):
        if a["kind"] in BODY_KINDS:
            continue
        chain = [node]
        seen = {node}
        while chain[-1] in parent and parent[chain[-1]] not in seen:
            seen.add(parent[chain[-1]])
            chain.append(parent[chain[-1]])
        if len(chain) > 1:
            a["document"] = chain[-1]
        chapter = next((c for c in chain[1:] if g.nodes[c].get("kind") in ("Chapter", "Part", "Section")), None)
        if chapter:
            a["chapter"] = chapter


# -- labels ------------------------------------------------------------------------------------------------


def label_of(attrs: Mapping[str, Any], lang: str = "en") -> str:
    """A node's label in ``lang``, else English, French, Russian, any other, else the end of its IRI.

    >>> label_of({"iri": "https://ex.org/id/x", "label_ru": "Совет Европы", "label_fr": "Conseil de l'Europe"}, "en")
    "Conseil de l'Europe"
    >>> label_of({"iri": "https://ex.org/id/treaty/coe-statute"})
    'coe-statute'
    """
    for code in (lang, *LANGS):
        if attrs.get(f"label_{code}"):
            return str(attrs[f"label_{code}"])
    others = sorted(k for k in attrs if k.startswith("label_") and attrs[k])
    if others:
        return str(attrs[others[0]])
    return str(attrs.get("iri", "")).rstrip("/").rsplit("/", 1)[-1]


# -- 2. views ----------------------------------------------------------------------------------------------


def _add_edge(g: nx.MultiDiGraph, s: str, o: str, rel: str, weight: int, quotes: Iterable[str]) -> None:
    q = sorted(set(quotes))
    data: dict[str, Any] = {"relation": rel, "weight": weight}
    if q:
        kept = q[:MAX_QUOTES]
        if len(q) > MAX_QUOTES:
            kept.append(f"\u2026 and {len(q) - MAX_QUOTES} more")
        data["quotes"] = "\n".join(kept)
    g.add_edge(s, o, key=rel, **data)


def _bodies(full: nx.MultiDiGraph, min_comentions: int, lang: str) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    bodies = [n for n, a in full.nodes(data=True) if a["kind"] in BODY_KINDS]
    for n in bodies:
        g.add_node(n, **full.nodes[n])

    def whole(n: str) -> str | None:
        a = full.nodes[n]
        return n if a["kind"] in BODY_KINDS else a.get("document")

    lifted: dict[tuple[str, str, str], dict[str, set[str]]] = defaultdict(lambda: {"via": set(), "quotes": set()})
    mentioned: dict[str, set[str]] = defaultdict(set)
    for s, o, rel, data in full.edges(keys=True, data=True):
        if rel == "organOf" and s in g and o in g:
            lifted[(s, o, rel)]["via"].add(s)
        elif rel == "establishedBy":
            target = whole(o)
            if s in g and target is not None and target in g:
                entry = lifted[(s, target, rel)]
                entry["via"].add(o)
                entry["quotes"].add(label_of(full.nodes[o], lang))
        elif rel in ("mentions", "cites"):
            source, target = whole(s), whole(o)
            if rel == "mentions":
                mentioned[s].add(o)
            if source is None or target is None or source == target or source not in g or target not in g:
                continue
            entry = lifted[(source, target, rel)]
            entry["via"].add(s)
            where = label_of(full.nodes[s], lang)
            entry["quotes"].update(f"{where}: {q}" for q in (data.get("quotes") or "").split("\n") if q)
    for (s, o, rel), entry in sorted(lifted.items()):
        _add_edge(g, s, o, rel, len(entry["via"]), entry["quotes"])

    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for provision, entities in mentioned.items():
        inside = sorted(e for e in entities if e in g)
        for a, b in itertools.combinations(inside, 2):
            pairs[(a, b)].add(provision)
    for (a, b), provisions in sorted(pairs.items()):
        if len(provisions) >= min_comentions:
            _add_edge(g, a, b, "coMentioned", len(provisions), (label_of(full.nodes[p], lang) for p in provisions))
    return g


def _citations(full: nx.MultiDiGraph, treaty: str) -> nx.MultiDiGraph:
    inside = {n for n, a in full.nodes(data=True) if a.get("document") == treaty}
    cites = [(s, o, d) for s, o, k, d in full.edges(keys=True, data=True)
             if k == "cites" and (s in inside or o in inside)]
    keep = {treaty}
    for s, o, _ in cites:
        keep.update((s, o))
    # group by chapter: each provision of the treaty hangs from its chapter, each chapter from the treaty
    tree: set[tuple[str, str]] = set()
    for n in sorted(keep & inside):
        chapter = full.nodes[n].get("chapter")
        if chapter and chapter != n:
            keep.add(chapter)
            tree.add((n, chapter))
            tree.add((chapter, treaty))
        elif n != treaty:
            tree.add((n, treaty))
    g = nx.MultiDiGraph()
    for n in sorted(keep):
        g.add_node(n, **full.nodes[n])
    for s, o in sorted(tree):
        if s != o:
            g.add_edge(s, o, key="partOf", relation="partOf", weight=1)
    for s, o, d in sorted(cites, key=lambda e: (e[0], e[1])):
        g.add_edge(s, o, key="cites", **d)
    return g


# -- finding a node by name -----------------------------------------------------------------------------------


def find_node(db: ox.Store, g: nx.MultiDiGraph, name: str, kinds: Iterable[str] = (), lang: str = "en") -> str:
    """The node of ``g`` that ``name`` names: an IRI, a label or alternative label in any language, a symbol,
    or the last segments of its IRI (``coe-statute``, ``A/RES/67/83``); failing those, the one node whose
    names contain ``name``. When ``kinds`` is given, only nodes of those classes count."""
    text = name.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if text in g:
        return text
    wanted = set(kinds)
    found = sorted({str(row[1]) for row in _select(db, _Q_FIND, {"name": text}) if str(row[1]) in g})
    if not found:
        needle = text.casefold()
        found = sorted(n for n, a in g.nodes(data=True)
                       if any(needle in str(v).casefold() for k, v in a.items() if k.startswith(("label_", "alt_"))))
    if wanted:
        of_kind = [n for n in found if g.nodes[n]["kind"] in wanted]
        if found and not of_kind:
            raise ProjectionError(f"{name!r} names no {' or '.join(sorted(wanted))}; give a label, an IRI or a key "
                                  "such as coe-statute")
        found = of_kind
    if len(found) == 1:
        return found[0]
    if not found:
        raise ProjectionError(f"no node is named {name!r}; give a label, an IRI or a key such as coe-statute")
    listed = "; ".join(f"{label_of(g.nodes[n], lang)} <{n}>" for n in found[:10])
    more = f" and {len(found) - 10} more" if len(found) > 10 else ""
    raise ProjectionError(f"{name!r} names {len(found)} nodes: {listed}{more}; give one of their IRIs")


# -- 3. narrow and 4. reduce ---------------------------------------------------------------------------------


def _kinds(types: Iterable[str]) -> set[str]:
    by_name = {k.casefold(): k for k in KINDS}
    out = set()
    for t in types:
        for part in re.split(r"[,\s]+", t):
            if not part:
                continue
            key = part.removeprefix("tkg:").casefold()
            if key not in by_name:
                raise ProjectionError(f"unknown class {part!r}; the classes are {', '.join(KINDS)}")
            out.add(by_name[key])
    return out


def _reduce(g: nx.MultiDiGraph, max_nodes: int) -> tuple[nx.MultiDiGraph, str | None]:
    if len(g) <= max_nodes:
        return g, None
    degree = dict(g.degree())
    ranked = sorted(g.nodes, key=lambda n: (-degree[n], n))
    kept = set(ranked[:max_nodes])
    small = g.subgraph(kept).copy()
    note = (f"Reduced: the {max_nodes} nodes of highest degree are shown (ties broken by IRI), out of {len(g)}; "
            f"{len(g) - max_nodes} nodes and {g.number_of_edges() - small.number_of_edges()} edges are left out. "
            "Use --focus, --types or --max-nodes to see others.")
    return _ordered(small), note


def _ordered(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph()
    for n in sorted(g.nodes):
        out.add_node(n, **g.nodes[n])
    for s, o, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        out.add_edge(s, o, key=k, **d)
    return out


def project(db: ox.Store, view: View) -> Projection:
    """The network of ``view`` read from ``db``.

    >>> from rdflib import Dataset
    >>> from kg.viz.source import from_dataset
    >>> project(from_dataset(Dataset()), View()).graph.number_of_nodes()
    0
    """
    if view.name not in VIEWS:
        raise ProjectionError(f"unknown view {view.name!r}; the views are {', '.join(VIEWS)}")
    if view.depth < 0:
        raise ProjectionError("--depth must be 0 or more")
    wanted = _kinds(view.types)
    full = read(db)
    notes: list[str] = []
    if view.name == "citations":
        if not view.treaty:
            raise ProjectionError("the citations view needs --treaty NAME (a label, a key such as coe-statute, "
                                  "or an IRI)")
        treaty = find_node(db, full, view.treaty, ("Treaty", "Resolution", "Document"), view.lang)
        g = _citations(full, treaty)
        title = f"Cross-references of {label_of(full.nodes[treaty], view.lang)}"
        cites = sum(1 for *_, k in g.edges(keys=True) if k == "cites")
        notes.append(f"{cites} cross-references (tkg:cites) from or to its provisions; each provision hangs from "
                     "its chapter.")
    elif view.name == "bodies":
        g = _bodies(full, view.min_comentions, view.lang)
        title = "Organisations, organs, UN entities, treaties, documents and states"
        notes.append(f"A text's mentions and citations are drawn from the whole text; entities named together in "
                     f"at least {view.min_comentions} provisions are linked as co-mentioned.")
    else:
        g = full
        title = "Entities, texts and provisions"
    if view.focus:
        centre = find_node(db, g, view.focus, (), view.lang)
        keep = set(nx.ego_graph(g, centre, radius=view.depth, undirected=True).nodes)
        g = g.subgraph(keep).copy()
        title = f"{title}: around {label_of(g.nodes[centre], view.lang)} (depth {view.depth})"
    else:
        centre = None
    if wanted:
        g = g.subgraph([n for n, a in g.nodes(data=True) if a["kind"] in wanted or n == centre]).copy()
        notes.append("Classes shown: " + ", ".join(k for k in KINDS if k in wanted) + ".")
    g = _ordered(g)
    if view.max_nodes is not None:
        g, note = _reduce(g, view.max_nodes)
        if note:
            notes.append(note)
    for _, a in g.nodes(data=True):
        a["label"] = label_of(a, view.lang)
        if "chapter" in a and a["chapter"] in full:
            a["chapter_label"] = label_of(full.nodes[a["chapter"]], view.lang)
    return Projection(g, title, notes)


__all__ = ["LANGS", "VIEWS", "Projection", "ProjectionError", "View", "find_node", "label_of", "project", "read"]
