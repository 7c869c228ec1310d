"""A VoID and DCAT description of the dataset in the store (``exports/void.ttl``).

What it says, and where each figure comes from:

- the dataset ``{base}dataset``: title, description, licence, the shapes it conforms to, the
  vocabularies it uses, its IRI space, and ``dcterms:created``, the latest ``dcterms:date`` of the
  documents read (a dataset is no older than its newest input; taken from the inputs, never from the
  clock, so the description is the same on every run);
- its sources: each file read (``{base}source/<file>#file``, a ``dcat:Distribution`` of the text) with
  its SHA-256 checksum, the ``tkg:contentHash`` the build recorded;
- its named graphs as subsets (``void:subset``), each with its number of triples and its source;
- triple counts of the merged graph: in all, by class (``void:classPartition``: the instances of the
  class and the triples about them) and by property (``void:propertyPartition``);
- its dumps: each export file (``void:dataDump`` and a ``dcat:Distribution`` with media type, size and
  SHA-256), under a download base URL (``--dump-base``, default :data:`DUMP_BASE`);
- the SPARQL endpoint, only when one is configured (``--sparql-endpoint`` or ``$TREATY_KG_SPARQL_ENDPOINT``).
"""

from __future__ import annotations

import hashlib
import io
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.export import subjects, write_store
from kg.rdf.namespace import DEFAULT_BASE, PREFIXES, TKG_IRI

#: where the export files are published unless --dump-base says otherwise
DUMP_BASE = "https://w3id.org/treaty-kg/exports/"
#: environment variable naming a public SPARQL endpoint of the dataset
ENV_ENDPOINT = "TREATY_KG_SPARQL_ENDPOINT"
LICENSE = "https://www.apache.org/licenses/LICENSE-2.0"
SHAPES_IRI = "https://w3id.org/treaty-kg/shapes"
ONTOLOGY_IRI = "https://w3id.org/treaty-kg/ontology"
TITLE = "Treaty knowledge graph"
DESCRIPTION = ("Treaties, resolutions and reports turned into a knowledge graph: international organisations and "
               "their organs, UN system entities, states, treaties and documents, the structure of each text down "
               "to its articles, paragraphs, items and footnotes with their words in every language read, the "
               "entities each provision mentions and the provisions and documents it cites, each with a W3C Web "
               "Annotation of where it was found.")

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
#: the prefixes of void.ttl: the exports' and those of the vocabularies describing datasets
VOID_PREFIXES = {**PREFIXES, "void": VOID, "dcat": DCAT, "spdx": SPDX, "formats": FORMATS_NS}

#: extension: (IANA media type, W3C format IRI)
DUMP_TYPES = {
    ".ttl": ("text/turtle", FORMATS_NS + "Turtle"),
    ".trig": ("application/trig", FORMATS_NS + "TriG"),
    ".nt": ("application/n-triples", FORMATS_NS + "N-Triples"),
    ".nq": ("application/n-quads", FORMATS_NS + "N-Quads"),
    ".jsonld": ("application/ld+json", FORMATS_NS + "JSON-LD"),
}
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Source:
    """A file read into the dataset: its named graph, name, SHA-256 and the document read from it."""

    graph: str
    name: str
    sha256: str
    document: str
    date: str | None


def dump_files(folder: str | os.PathLike[str], exclude: Iterable[str] = ()) -> list[Path]:
    """The export files in ``folder`` (by extension), sorted, without ``context.jsonld`` and ``exclude``."""
    skip = {"context.jsonld", *exclude}
    if not Path(folder).is_dir():
        return []
    return sorted(p for p in Path(folder).iterdir()
                  if p.is_file() and p.suffix in DUMP_TYPES and p.name not in skip and not p.name.startswith("."))


def describe(db: ox.Store, dumps: Sequence[str | os.PathLike[str]] = (), *, base: str = DEFAULT_BASE,
             dump_base: str = DUMP_BASE, endpoint: str | None = None) -> bytes:
    """The VoID/DCAT description of the dataset in ``db``, as Turtle."""
    if endpoint is None:
        endpoint = os.environ.get(ENV_ENDPOINT, "").strip() or None
    lines = _Lines()
    dataset = f"{base}dataset"
    d = lines.iri(dataset)
    lines.add(d, _TYPE, lines.iri(VOID + "Dataset"))
    lines.add(d, _TYPE, lines.iri(DCAT + "Dataset"))
    lines.add(d, lines.iri("http://purl.org/dc/terms/title"), lines.text(TITLE, "en"))
    lines.add(d, lines.iri("http://purl.org/dc/terms/description"), lines.text(DESCRIPTION, "en"))
    lines.add(d, lines.iri("http://purl.org/dc/terms/license"), lines.iri(LICENSE))
    lines.add(d, lines.iri("http://purl.org/dc/terms/conformsTo"), lines.iri(SHAPES_IRI))
    lines.add(d, lines.iri(VOID + "uriSpace"), lines.text(base))
    if endpoint:
        lines.add(d, lines.iri(VOID + "sparqlEndpoint"), lines.iri(endpoint))

    sources = _sources(db)
    dates = [s.date for s in sources if s.date]
    if dates:
        lines.add(d, lines.iri("http://purl.org/dc/terms/created"), lines.typed(max(dates), _XSD + "date"))
    for s in sources:
        file = f"{s.graph}#file"
        lines.add(d, lines.iri("http://purl.org/dc/terms/source"), lines.iri(file))
        lines.add(lines.iri(file), _TYPE, lines.iri(DCAT + "Distribution"))
        lines.add(lines.iri(file), lines.iri("http://purl.org/dc/terms/title"), lines.text(s.name))
        _checksum(lines, file, s.sha256)

    for graph, count in _graph_sizes(db):
        g = lines.iri(graph)
        lines.add(d, lines.iri(VOID + "subset"), g)
        lines.add(g, _TYPE, lines.iri(VOID + "Dataset"))
        lines.add(g, lines.iri(VOID + "triples"), lines.integer(count))
        lines.add(g, lines.iri("http://purl.org/dc/terms/title"), lines.text(graph.rsplit("/", 1)[-1]))
        for s in sources:
            if s.graph == graph:
                lines.add(g, lines.iri("http://purl.org/dc/terms/source"), lines.iri(f"{s.graph}#file"))
                lines.add(g, lines.iri(VOID + "rootResource"), lines.iri(s.document))

    stats = _statistics(db, base)
    lines.add(d, lines.iri(VOID + "triples"), lines.integer(stats.triples))
    lines.add(d, lines.iri(VOID + "entities"), lines.integer(stats.entities))
    lines.add(d, lines.iri(VOID + "distinctSubjects"), lines.integer(stats.subjects))
    lines.add(d, lines.iri(VOID + "properties"), lines.integer(len(stats.properties)))
    lines.add(d, lines.iri(VOID + "classes"), lines.integer(len(stats.instances)))
    vocabularies = set()
    for cls, n in sorted(stats.instances.items()):
        part = lines.iri(f"{dataset}#class-{_fragment(cls)}")
        lines.add(d, lines.iri(VOID + "classPartition"), part)
        lines.add(part, lines.iri(VOID + "class"), lines.iri(cls))
        lines.add(part, lines.iri(VOID + "entities"), lines.integer(n))
        lines.add(part, lines.iri(VOID + "triples"), lines.integer(stats.class_triples[cls]))
        vocabularies.add(_namespace(cls))
    for prop, n in sorted(stats.properties.items()):
        part = lines.iri(f"{dataset}#property-{_fragment(prop)}")
        lines.add(d, lines.iri(VOID + "propertyPartition"), part)
        lines.add(part, lines.iri(VOID + "property"), lines.iri(prop))
        lines.add(part, lines.iri(VOID + "triples"), lines.integer(n))
        vocabularies.add(_namespace(prop))
    for ns in sorted(vocabularies):
        lines.add(d, lines.iri(VOID + "vocabulary"), lines.iri(ONTOLOGY_IRI if ns == TKG_IRI else ns))

    for path in sorted((Path(p) for p in dumps), key=lambda p: p.name):
        media, fmt = DUMP_TYPES[path.suffix]
        url = dump_base + path.name
        dist = f"{dataset}#dump-{path.name}"
        data = path.read_bytes()
        lines.add(d, lines.iri(VOID + "dataDump"), lines.iri(url))
        lines.add(d, lines.iri(VOID + "feature"), lines.iri(fmt))
        lines.add(d, lines.iri(DCAT + "distribution"), lines.iri(dist))
        lines.add(lines.iri(dist), _TYPE, lines.iri(DCAT + "Distribution"))
        lines.add(lines.iri(dist), lines.iri("http://purl.org/dc/terms/title"), lines.text(path.name))
        lines.add(lines.iri(dist), lines.iri(DCAT + "downloadURL"), lines.iri(url))
        lines.add(lines.iri(dist), lines.iri(DCAT + "mediaType"),
                  lines.iri(f"https://www.iana.org/assignments/media-types/{media}"))
        lines.add(lines.iri(dist), lines.iri("http://purl.org/dc/terms/conformsTo"), lines.iri(fmt))
        lines.add(lines.iri(dist), lines.iri(DCAT + "byteSize"), lines.integer(len(data)))
        _checksum(lines, dist, hashlib.sha256(data).hexdigest())

    store = ox.Store()
    store.bulk_load(lines.data(), format=ox.RdfFormat.N_TRIPLES)
    out = io.BytesIO()
    write_store(store, "turtle", out, prefixes=VOID_PREFIXES)
    return out.getvalue()


def _checksum(lines: _Lines, node: str, sha256: str) -> None:
    checksum = lines.iri(f"{node}-sha256" if "#" in node else f"{node}#sha256")
    lines.add(lines.iri(node), lines.iri(SPDX + "checksum"), checksum)
    lines.add(checksum, _TYPE, lines.iri(SPDX + "Checksum"))
    lines.add(checksum, lines.iri(SPDX + "algorithm"), lines.iri(SPDX + "checksumAlgorithm_sha256"))
    lines.add(checksum, lines.iri(SPDX + "checksumValue"), lines.typed(sha256, _XSD + "hexBinary"))


class _Lines:
    """N-Triples lines, made from plain strings (no rdflib: the terms here are few and simple)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    @staticmethod
    def iri(value: str) -> str:
        return str(ox.NamedNode(value))

    @staticmethod
    def text(value: str, lang: str | None = None) -> str:
        return str(ox.Literal(value, language=lang)) if lang else str(ox.Literal(value))

    @staticmethod
    def typed(value: str, datatype: str) -> str:
        return str(ox.Literal(value, datatype=ox.NamedNode(datatype)))

    def integer(self, n: int) -> str:
        return self.typed(str(n), _XSD + "integer")

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .\n")

    def data(self) -> bytes:
        return "".join(self.lines).encode("utf-8")


def _sources(db: ox.Store) -> list[Source]:
    query = """
        PREFIX tkg: <https://w3id.org/treaty-kg/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?g ?doc ?file ?hash ?date WHERE {
            GRAPH ?g { ?doc tkg:sourceFile ?file ; tkg:contentHash ?hash . OPTIONAL { ?doc dcterms:date ?date } }
        }"""
    found = []
    for row in db.query(query):  # type: ignore[union-attr]
        date = row["date"]
        found.append(Source(row["g"].value, row["file"].value, row["hash"].value, row["doc"].value,
                            date.value if isinstance(date, ox.Literal) and date.datatype.value == _XSD + "date"
                            else None))
    return sorted(found, key=lambda s: (s.graph, s.document))


def _graph_sizes(db: ox.Store) -> list[tuple[str, int]]:
    rows = db.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return sorted((row["g"].value, int(row["n"].value)) for row in rows  # type: ignore[union-attr]
                  if isinstance(row["g"], ox.NamedNode))


@dataclass
class _Statistics:
    triples: int
    subjects: int
    entities: int
    properties: Counter[str]
    instances: Counter[str]
    class_triples: Counter[str]


def _statistics(db: ox.Store, base: str) -> _Statistics:
    """Counts over the merged graph, one pass over the subjects in order (bounded memory); the entities
    are the subjects in the dataset's IRI space."""
    stats = _Statistics(0, 0, 0, Counter(), Counter(), Counter())
    space = f"<{base}"
    for subject, predicates in subjects(db):
        n = sum(len(objects) for _, objects in predicates)
        stats.triples += n
        stats.subjects += 1
        stats.entities += subject.startswith(space)
        for p, objects in predicates:
            stats.properties[p[1:-1]] += len(objects)
            if p == _TYPE:
                for o in objects:
                    if o.startswith("<"):
                        stats.instances[o[1:-1]] += 1
                        stats.class_triples[o[1:-1]] += n
    return stats


def _namespace(iri: str) -> str:
    return iri[:max(iri.rfind("#"), iri.rfind("/")) + 1]


def _fragment(iri: str) -> str:
    """A readable fragment for a class or property: ``tkg-Article``, or a digest for an unknown namespace."""
    ns = _namespace(iri)
    for prefix, known in PREFIXES.items():
        if ns == known:
            return f"{prefix}-{iri[len(ns):]}"
    named = {VOID: "void", DCAT: "dcat", "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf"}
    if ns in named:
        return f"{named[ns]}-{iri[len(ns):]}"
    return hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


__all__ = ["DUMP_BASE", "DUMP_TYPES", "ENV_ENDPOINT", "LICENSE", "VOID_PREFIXES", "Source", "describe", "dump_files"]
