"""Documents to RDF: the only place triples are made.

One named graph per source file (``{base}source/{file name}``); :func:`to_dataset` returns an rdflib
Dataset that :mod:`kg.rdf.serialize` writes in any of the contract's formats.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rdflib import Dataset, URIRef

from kg.entities.registry import Registry, registry
from kg.model import Document, Entities, Provision
from kg.rdf.entities import (
    add_citation,
    add_derived,
    add_entities,
    add_name_keys,
    add_unread,
    add_unresolved,
    describe_registry,
)
from kg.rdf.iri import ResourceIRI, registry_graph_iri, source_graph, work_iri
from kg.rdf.namespace import DCTERMS as _DCTERMS
from kg.rdf.namespace import DEFAULT_BASE, PREFIXES, TKG, Terms
from kg.rdf.namespace import RDF as _RDF
from kg.rdf.namespace import RDFS as _RDFS
from kg.rdf.namespace import XSD as _XSD
from kg.rdf.sink import Adds, TripleSink, lit
from kg.references import References
from kg.references.derived import Derived
from kg.structure.dates import find_date
from kg.structure.markers import markers

#: the class of each provision kind
PROVISION_CLASSES = {
    "part": TKG.Part,
    "chapter": TKG.Chapter,
    "section": TKG.Section,
    "article": TKG.Article,
    "paragraph": TKG.Paragraph,
    "item": TKG.Item,
    "footnote": TKG.Footnote,
    "preamble": TKG.Preamble,
    "recital": TKG.PreambularParagraph,
    "preambular": TKG.PreambularParagraph,
    "operative": TKG.OperativeParagraph,
    "conclusions": TKG.Conclusions,
    "heading": TKG.Heading,
    "annex": TKG.Annex,
}

#: document metadata keys and the property each goes to (plain strings)
METADATA_PROPERTIES = {
    "meeting": TKG.meeting,
    "session": TKG.session,
    "agenda_item": TKG.agendaItem,
    "job_number": TKG.jobNumber,
    "ods_job_number": TKG.jobNumber,
    "distribution": TKG.distribution,
    "reissued": TKG.reissued,
    "draft": TKG.draftSymbol,
    "transport_error": TKG.sourceNote,
    "ets": TKG.etsNumber,
    "cets": TKG.cetsNumber,
}

# looked up once each: these modules write every triple of a build
DCTERMS = Terms(_DCTERMS)
RDF = Terms(_RDF)
RDFS = Terms(_RDFS)
XSD = Terms(_XSD)


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    return ds


def provision_label(doc: Document, prov: Provision, lang: str) -> str:
    """A readable label: "Article 20, paragraph a, item iii", "Operative paragraph 12"."""
    m = markers()
    chain: list[Provision] = []
    node: Provision | None = prov
    while node is not None:
        chain.append(node)
        node = doc.provision(node.parent) if node.parent else None
    chain.reverse()
    # a chapter or part is a container, not part of a provision's citation label
    if prov.kind not in ("chapter", "part", "section"):
        # containers above the article are not part of a citation label; a section inside an article is
        # ("Article IX, Section 3, paragraph 1")
        inside = False
        kept = []
        for p in chain:
            inside = inside or p.kind == "article"
            if p.kind not in ("chapter", "part", "section", "preamble") or (p.kind == "section" and inside):
                kept.append(p)
        chain = kept or [prov]
    parts: list[str] = []
    for i, p in enumerate(chain):
        n = p.eid.rsplit("_", 1)[-1] if p.kind == "footnote" and p.number is None else p.number or ""
        label = m.label(p.kind, lang).format(n=n).strip()
        if i and label[:1].isupper() and lang != "de":
            label = label[:1].lower() + label[1:]
        parts.append(label)
    return ", ".join(parts)


def add_document(g: Adds, doc: Document, base: str = DEFAULT_BASE) -> URIRef:
    """Add one document's structural facts to ``g``; return the document's IRI."""
    work = work_iri(doc.kind, doc.key, base)
    d = work.to_iri()
    if doc.kind == "treaty":
        g.add((d, RDF.type, TKG.Treaty))
    else:
        g.add((d, RDF.type, TKG.Document))
        if doc.kind == "resolution":
            g.add((d, RDF.type, TKG.Resolution))
    for lang, title in doc.titles:
        g.add((d, RDFS.label, lit(title, lang=lang)))
        g.add((d, DCTERMS.title, lit(title, lang=lang)))
    if not doc.titles:
        g.add((d, RDFS.label, lit(doc.symbol or doc.key, lang=doc.languages[0] if doc.languages else "en")))
    add_name_keys(g, d, [title for _, title in doc.titles] or [doc.symbol or doc.key])
    if doc.symbol:
        g.add((d, TKG.symbol, lit(doc.symbol)))
    if doc.date:
        g.add((d, DCTERMS.date, lit(doc.date, datatype=XSD.date)))
    g.add((d, TKG.sourceFile, lit(doc.source.name)))
    g.add((d, TKG.contentHash, lit(doc.source.sha256)))
    g.add((d, TKG.encoding, lit(doc.source.encoding)))
    for lang in doc.languages:
        g.add((d, TKG.language, lit(lang)))
    for key, value in doc.metadata:
        prop = METADATA_PROPERTIES.get(key)
        if prop is not None:
            g.add((d, prop, lit(value)))
        elif key == "distribution_date":
            iso = find_date(value)
            if iso:
                g.add((d, TKG.distributionDate, lit(iso, datatype=XSD.date)))
    for prov in doc.provisions:
        add_provision(g, doc, work, prov)
    return d


def add_provision(g: Adds, doc: Document, work: ResourceIRI, prov: Provision) -> None:
    node = work.provision(prov.eid).to_iri()
    g.add((node, RDF.type, PROVISION_CLASSES[prov.kind]))
    # stated, not left to a reasoner: SPARQL clients query tkg:Provision without entailment
    g.add((node, RDF.type, TKG.Provision))
    parent = work.provision(prov.parent).to_iri() if prov.parent else work.to_iri()
    g.add((node, DCTERMS.isPartOf, parent))
    if prov.number is not None:
        g.add((node, TKG.number, lit(prov.number)))
    g.add((node, TKG.order, lit(prov.order, datatype=XSD.integer)))
    langs = [t.lang for t in prov.texts] or list(doc.languages[:1])
    for lang in langs:
        g.add((node, RDFS.label, lit(provision_label(doc, prov, lang), lang=lang)))
    for text in prov.texts:
        g.add((node, TKG.text, lit(text.value, lang=text.lang)))
    for lang, heading in prov.headings:
        g.add((node, TKG.heading, lit(heading, lang=lang)))
    for _lang, verb in prov.verb:
        g.add((node, TKG.verb, lit(verb)))
    if prov.marker:
        g.add((node, TKG.marker, lit(prov.marker)))
    if prov.number_inferred:
        g.add((node, TKG.numberInferred, lit(True)))


def file_graph(doc: Document, base: str = DEFAULT_BASE, ents: Entities | None = None,
               refs: References | None = None, der: Derived | None = None,
               reg: Registry | None = None) -> tuple[TripleSink, set[str]]:
    """One source file's named graph (its document, provisions, mentions, citations and facts) and the
    registry entities it names, whose descriptions belong in the registry graph. A file's graph depends
    on that file alone (and on the corpus index its references were resolved against)."""
    reg = reg or registry()
    g = TripleSink(str(source_graph(doc.source.name, base)))
    named: set[str] = set()
    add_document(g, doc, base)
    if ents is not None:
        add_entities(g, named, doc, ents, reg, base)
    work = work_iri(doc.kind, doc.key, base)
    if refs is not None:
        for c in refs.citations:
            add_citation(g, work, doc, c, reg, base)
        for u in refs.unresolved:
            add_unresolved(g, work, u, base)
        for key, eid, path in refs.unread:
            add_unread(g, key, eid, path, reg, base)
    if der is not None:
        add_derived(g, work, der, reg, base)
    return g, named


def registry_graph(keys: Iterable[str], base: str = DEFAULT_BASE, reg: Registry | None = None) -> TripleSink:
    """The ``source/registry`` graph: the description of every registry entity in ``keys``."""
    g = TripleSink(str(registry_graph_iri(base)))
    describe_registry(g, keys, reg or registry(), base)
    return g


def to_sinks(docs: Iterable[Document], base: str = DEFAULT_BASE,
             entities: Mapping[str, Entities] | None = None, reg: Registry | None = None,
             references: Mapping[str, References] | None = None,
             derived: Mapping[str, Derived] | None = None) -> list[TripleSink]:
    """Every file's graph, then the registry graph (empty when no file names a registry entity)."""
    graphs: list[TripleSink] = []
    named: set[str] = set()
    for doc in docs:
        name = doc.source.name
        g, keys = file_graph(doc, base, (entities or {}).get(name), (references or {}).get(name),
                             (derived or {}).get(name), reg)
        graphs.append(g)
        named |= keys
    graphs.append(registry_graph(named, base, reg))
    return graphs


def to_dataset(docs: Iterable[Document], base: str = DEFAULT_BASE,
               entities: Mapping[str, Entities] | None = None, reg: Registry | None = None,
               references: Mapping[str, References] | None = None,
               derived: Mapping[str, Derived] | None = None) -> Dataset:
    """One named graph per source file, holding that file's document, provisions, mentions, citations
    and facts; the registry entities they name are described in the ``source/registry`` graph."""
    ds = new_dataset()
    for sink in to_sinks(docs, base, entities, reg, references, derived):
        if len(sink):
            sink.to_graph(ds.graph(URIRef(sink.name)))
    return ds
