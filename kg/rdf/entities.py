"""Entities, mentions, citations and facts to RDF, with a Web Annotation for each extracted fact.

Every ``tkg:mentions`` and ``tkg:cites`` triple gets an ``oa:Annotation`` whose target names the
provision and selects the quote by text and by position in that provision's ``tkg:text`` of the same
language. Annotation IRIs are hashed from what they say, so they are stable across runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import URIRef

from kg.entities.registry import Registry
from kg.model import Citation, Document, Entities, Fact, Mention
from kg.rdf.iri import ResourceIRI, annotation_iri, work_iri
from kg.rdf.namespace import DCTERMS as _DCTERMS
from kg.rdf.namespace import DEFAULT_BASE, OA, TKG, WD, Terms
from kg.rdf.namespace import OWL as _OWL
from kg.rdf.namespace import PROV as _PROV
from kg.rdf.namespace import RDF as _RDF
from kg.rdf.namespace import RDFS as _RDFS
from kg.rdf.namespace import SKOS as _SKOS
from kg.rdf.namespace import XSD as _XSD
from kg.rdf.sink import Adds, lit
from kg.structure import slug

CLASS_KIND = {"Organization": "org", "Organ": "organ", "UNEntity": "unentity", "Treaty": "treaty",
              "State": "state", "Document": "doc"}
CLASSES = {"Organization": TKG.Organization, "Organ": TKG.Organ, "UNEntity": TKG.UNEntity,
           "Treaty": TKG.Treaty, "State": TKG.State, "Document": TKG.Document}
CYRILLIC = re.compile(r"[\u0400-\u04FF]")

# looked up once each: these modules write every triple of a build
DCTERMS = Terms(_DCTERMS)
OWL = Terms(_OWL)
PROV = Terms(_PROV)
RDF = Terms(_RDF)
RDFS = Terms(_RDFS)
SKOS = Terms(_SKOS)
XSD = Terms(_XSD)


def entity_iri(key: str, reg: Registry, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a registry entity, a discovered one (``discovered:<class>:<name>``) or a document."""
    if key.startswith("discovered:"):
        _, cls, name = key.split(":", 2)
        return ResourceIRI("entity", slug(name), None, base).to_iri()
    e = reg.get(key)
    if e is None:
        return ResourceIRI("doc", key, None, base).to_iri()
    symbol = e.get("identifiers", {}).get("un_symbol")
    if e["class"] == "Document":
        return (ResourceIRI("doc", symbol, None, base) if symbol else ResourceIRI("entity", key, None, base)).to_iri()
    return ResourceIRI(CLASS_KIND[e["class"]], key, None, base).to_iri()


def add_name_keys(g: Adds, node: URIRef, names: Iterable[str]) -> None:
    """``tkg:nameKey``: each name in lower case (Python's ``str.lower`` and SPARQL's ``LCASE`` agree), once."""
    for key in sorted({n.lower() for n in names if n}):
        g.add((node, TKG.nameKey, lit(key)))


def describe_entity(g: Adds, key: str, reg: Registry, base: str = DEFAULT_BASE, *, lang_hint: str = "en",
                    seen: set[str] | None = None) -> URIRef:
    """Types, labels in every language, aliases, former names, identifiers and the parent organisation."""
    seen = seen if seen is not None else set()
    node = entity_iri(key, reg, base)
    if key in seen:
        return node
    seen.add(key)
    if key.startswith("discovered:"):
        _, cls, name = key.split(":", 2)
        g.add((node, RDF.type, CLASSES.get(cls, TKG.Organ)))
        g.add((node, RDFS.label, lit(name, lang=lang_hint)))
        g.add((node, TKG.discovered, lit(True)))
        add_name_keys(g, node, (name,))
        return node
    e: Mapping[str, Any] = reg.get(key) or {}
    if not e:
        return node
    g.add((node, RDF.type, CLASSES[e["class"]]))
    for lang, label in sorted(e.get("labels", {}).items()):
        g.add((node, RDFS.label, lit(label, lang=lang)))
    for lang, names in sorted(e.get("aliases", {}).items()):
        for n in names:
            g.add((node, SKOS.altLabel, lit(n, lang=lang)))
    for a in e.get("abbreviations", []):
        g.add((node, SKOS.altLabel, lit(a, lang="ru" if CYRILLIC.search(a) else "en")))
    for f in e.get("former_names", []):
        g.add((node, SKOS.altLabel, lit(f["name"], lang=f["lang"])))
        g.add((node, TKG.formerName, lit(f["name"], lang=f["lang"])))
    add_name_keys(g, node, [*e.get("labels", {}).values(), *(n for ns in e.get("aliases", {}).values() for n in ns),
                            *e.get("abbreviations", []), *(f["name"] for f in e.get("former_names", []))])
    ids = e.get("identifiers", {})
    if ids.get("wikidata"):
        g.add((node, OWL.sameAs, WD[ids["wikidata"]]))
    for field, prop in (("ets", TKG.etsNumber), ("cets", TKG.cetsNumber), ("unts_volume", TKG.untsVolume),
                        ("unts_number", TKG.untsNumber), ("un_symbol", TKG.symbol), ("iso3166", TKG.iso3166)):
        if ids.get(field):
            g.add((node, prop, lit(ids[field])))
    parent = e.get("organ_of")
    if parent:
        g.add((node, TKG.organOf, describe_entity(g, parent, reg, base, seen=seen)))
    return node


def _annotate(g: Adds, source: URIRef, body: URIRef | None, lang: str, start: int, end: int, quote: str,
              motivation: URIRef, rule: str, base: str, unresolved: str | None = None) -> None:
    """A Web Annotation: ``body`` found at ``start..end`` of ``source``'s text in ``lang``; with no body,
    a reference that names nothing, and ``unresolved`` says why."""
    a = annotation_iri(source, body if body is not None else "unresolved", lang, start, end,
                       *([rule] if body is not None else []), base=base)
    target, qsel, psel = f"{a}#target", f"{a}#quote", f"{a}#position"
    g.add((a, RDF.type, OA.Annotation))
    g.add((a, OA.motivatedBy, motivation))
    if body is not None:
        g.add((a, OA.hasBody, body))
    if unresolved is not None:
        g.add((a, TKG.unresolved, lit(unresolved)))
    g.add((a, OA.hasTarget, target))
    g.add((a, TKG.rule, lit(rule)))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, source))
    g.add((target, OA.hasSelector, qsel))
    g.add((target, OA.hasSelector, psel))
    g.add((qsel, RDF.type, OA.TextQuoteSelector))
    g.add((qsel, OA.exact, lit(quote, lang=lang)))
    g.add((psel, RDF.type, OA.TextPositionSelector))
    g.add((psel, OA.start, lit(start, datatype=XSD.integer)))
    g.add((psel, OA.end, lit(end, datatype=XSD.integer)))


def add_entities(g: Adds, named: set[str], doc: Document, ents: Entities, reg: Registry,
                 base: str = DEFAULT_BASE) -> None:
    """Mentions, citations and facts of one document into ``g``; the registry entities it names into
    ``named`` (their descriptions go to the registry graph, :func:`describe_registry`); discovered
    entities, which come from this file, are described in ``g``."""
    seen: set[str] = set()
    work = work_iri(doc.kind, doc.key, base)
    if doc.key in reg.entries:
        named.add(doc.key)
    for m in ents.mentions:
        add_mention(g, named, work, m, reg, base, seen)
    for c in ents.citations:
        add_citation(g, work, doc, c, reg, base)
    for f in ents.facts:
        add_fact(g, work, f, reg, base)


def add_mention(g: Adds, named: set[str], work: ResourceIRI, m: Mention, reg: Registry, base: str,
                seen: set[str]) -> None:
    prov = work.provision(m.eid).to_iri()
    if m.entity.startswith("discovered:"):
        entity = describe_entity(g, m.entity, reg, base, lang_hint=m.lang, seen=seen)
    else:
        named.add(m.entity)
        entity = entity_iri(m.entity, reg, base)
    g.add((prov, TKG.mentions, entity))
    _annotate(g, prov, entity, m.lang, m.start, m.end, m.quote, OA.identifying, m.how, base)


def describe_registry(g: Adds, keys: Iterable[str], reg: Registry, base: str = DEFAULT_BASE) -> None:
    """The registry entities named anywhere in the build, each described once (with the organisations
    they are organs of)."""
    seen: set[str] = set()
    for key in sorted(keys):
        if reg.get(key) is not None:
            describe_entity(g, key, reg, base, seen=seen)


def target_work(key: str, kind: str, reg: Registry, base: str) -> ResourceIRI:
    """The work a citation points into: a treaty by registry id, a document by symbol."""
    if kind == "treaty":
        e = reg.get(key)
        if e is not None and e["class"] == "Document":
            symbol = e.get("identifiers", {}).get("un_symbol")
            return ResourceIRI("doc", symbol, None, base) if symbol else ResourceIRI("entity", key, None, base)
        return ResourceIRI("treaty", key, None, base)
    return ResourceIRI("doc", key, None, base)


def add_citation(g: Adds, work: ResourceIRI, doc: Document, c: Citation, reg: Registry, base: str) -> None:
    prov = work.provision(c.eid).to_iri()
    if c.target_kind == "footnote" and c.target_eid:
        target = work.provision(c.target_eid).to_iri()
        rule = "footnote_marker"
    elif c.target_eid:
        same = c.target == doc.key
        into = work if same else target_work(c.target, c.target_kind, reg, base)
        target = into.provision(c.target_eid).to_iri()
        rule = "reference"
    else:
        registered = reg.by_symbol(c.target)
        target = entity_iri(registered, reg, base) if registered else ResourceIRI("doc", c.target, None, base).to_iri()
        if c.target_eid:
            target = URIRef(f"{target}/{c.target_eid}")
        g.add((target, RDF.type, TKG.Document))
        if "/RES/" in c.target:
            g.add((target, RDF.type, TKG.Resolution))
        for s in c.symbols or (c.target,):
            g.add((target, TKG.symbol, lit(s)))
        label = c.target if not registered else reg.entries[registered]["labels"]["en"]
        g.add((target, RDFS.label, lit(label, lang="en")))
        add_name_keys(g, target, (label,))
        rule = "symbol"
    g.add((prov, TKG.cites, target))
    _annotate(g, prov, target, c.lang, c.start, c.end, c.quote, OA.linking, rule, base)


def add_unresolved(g: Adds, work: ResourceIRI, u: Any, base: str) -> None:
    """A reference that names nothing: an annotation with its quote and reason, and no body."""
    _annotate(g, work.provision(u.eid).to_iri(), None, u.lang, u.start, u.end, u.quote, OA.linking, "reference",
              base, unresolved=u.reason)


UNIT_CLASSES = {"article": TKG.Article, "paragraph": TKG.Paragraph, "item": TKG.Item, "chapter": TKG.Chapter,
                "part": TKG.Part}
UNIT_PREFIX = {"article": "art", "paragraph": "para", "item": "item", "chapter": "chp", "part": "part"}
UNIT_LABELS = {"article": "Article {n}", "paragraph": "paragraph {n}", "item": "item {n}", "chapter": "Chapter {n}",
               "part": "Part {n}"}


def add_unread(g: Adds, key: str, eid: str, path: tuple, reg: Registry, base: str) -> None:
    """Provision nodes of a text outside the corpus, made because a text of the corpus cites them."""
    work = target_work(key, "treaty", reg, base)
    parent = work.to_iri()
    labels: list[str] = []
    for k in range(1, len(path) + 1):
        sub_path = path[:k]
        kind, label = sub_path[-1]
        node_eid = "__".join(f"{UNIT_PREFIX[kd]}_{lb}" for kd, lb in sub_path)
        node = work.provision(node_eid).to_iri()
        labels.append(UNIT_LABELS[kind].format(n=label))
        g.add((node, RDF.type, UNIT_CLASSES[kind]))
        g.add((node, RDF.type, TKG.Provision))
        g.add((node, DCTERMS.isPartOf, parent))
        g.add((node, TKG.number, lit(label)))
        g.add((node, RDFS.label, lit(", ".join(labels), lang="en")))
        g.add((node, TKG.read, lit(False)))
        parent = node


def add_derived(g: Adds, work: ResourceIRI, derived: Any, reg: Registry, base: str) -> None:
    """``tkg:establishedBy`` from organs to provisions, and amendment facts with the note they come from."""
    for e in derived.established:
        g.add((entity_iri(e.organ, reg, base), TKG.establishedBy, work.provision(e.eid).to_iri()))
    counts: dict[str, int] = {}
    for a in derived.amendments:
        k = counts.get(a.eid, 0) + 1
        counts[a.eid] = k
        node = work.provision(f"{a.eid}__amendment_{k}").to_iri()
        g.add((node, RDF.type, TKG.Amendment))
        g.add((node, TKG.amends, work.provision(a.eid).to_iri()))
        g.add((node, TKG.amendmentKind, lit(a.kind)))
        if a.date:
            dtype = XSD.gYearMonth if len(a.date) == 7 else XSD.gYear
            g.add((node, DCTERMS.date, lit(a.date, datatype=dtype)))
        g.add((node, PROV.wasDerivedFrom, work.provision(a.note).to_iri()))
        g.add((node, RDFS.label, lit(f"{a.kind} {a.date or ''}".strip(), lang="en")))


def add_fact(g: Adds, work: ResourceIRI, f: Fact, reg: Registry, base: str) -> None:
    subject = entity_iri(f.subject, reg, base)
    if f.prop == "seats":
        alloc = work.provision(f"{f.eid}__seats_{f.lang}_{slug(f.subject)}").to_iri()
        g.add((alloc, RDF.type, TKG.SeatAllocation))
        g.add((alloc, TKG.state, subject))
        g.add((alloc, TKG.seats, lit(int(f.value), datatype=XSD.integer)))
        g.add((alloc, TKG.language, lit(f.lang)))
        g.add((alloc, TKG.inProvision, work.provision(f.eid).to_iri()))
        return
    prop = {"untsVolume": TKG.untsVolume, "untsNumber": TKG.untsNumber}[f.prop]
    g.add((subject, prop, lit(f.value)))
