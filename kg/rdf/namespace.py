"""Closed namespaces: every IRI the code writes comes from here, and a misspelt term raises.

The project's own vocabulary, ``TKG``, lists each term once; ``ontology/treaty-kg.ttl`` declares the
same terms (a test keeps the two in step). W3C / DCMI namespaces come from rdflib, which already closes
them; Web Annotation, ELI and W3C ORG are closed here on the terms the project uses.

>>> str(TKG.Article)
'https://w3id.org/treaty-kg/ontology#Article'
"""

from __future__ import annotations

from typing import Any

from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, ClosedNamespace, Namespace

TKG_IRI = "https://w3id.org/treaty-kg/ontology#"
DEFAULT_BASE = "https://w3id.org/treaty-kg/id/"

#: classes of the graph contract, then the project's additions
TKG_CLASSES = (
    # contract
    "Organization", "Organ", "UNEntity", "Treaty", "Document", "Resolution", "Provision",
    "Chapter", "Article", "Paragraph", "Item", "Footnote", "PreambularParagraph",
    "OperativeParagraph", "State",
    # additions
    "Part", "Section", "Preamble", "Conclusions", "Heading", "Annex", "SeatAllocation", "Amendment",
)

#: properties of the graph contract, then the project's additions
TKG_PROPERTIES = (
    # contract
    "number", "order", "text", "mentions", "cites", "organOf", "symbol", "untsVolume",
    "untsNumber", "verb", "sourceFile",
    # additions: structure
    "heading", "marker", "numberInferred",
    # additions: document metadata
    "adoptedBy", "meeting", "session", "agendaItem", "jobNumber", "distribution",
    "distributionDate", "reissued", "draftSymbol", "etsNumber", "cetsNumber", "contentHash",
    "encoding", "sourceNote", "language",
    # additions: entities and facts
    "discovered", "formerName", "nameKey", "inProvision", "iso3166", "rule", "seats", "state",
    # additions: references
    "read", "unresolved",
    # additions: derived relations
    "establishedBy", "amends", "amendmentKind",
)

TKG = ClosedNamespace(TKG_IRI, [*TKG_CLASSES, *TKG_PROPERTIES])

OA_TERMS = (
    "Annotation", "SpecificResource", "TextQuoteSelector", "TextPositionSelector",
    "hasBody", "hasTarget", "hasSource", "hasSelector", "motivatedBy", "exact", "prefix",
    "suffix", "start", "end", "identifying", "linking", "describing",
)
ELI_TERMS = ("LegalResource", "LegalResourceSubdivision", "is_part_of", "has_part")
ORG_TERMS = ("FormalOrganization", "Organization", "OrganizationalUnit", "unitOf", "hasUnit")
OA = ClosedNamespace("http://www.w3.org/ns/oa#", list(OA_TERMS))
ELI = ClosedNamespace("http://data.europa.eu/eli/ontology#", list(ELI_TERMS))
ORG = ClosedNamespace("http://www.w3.org/ns/org#", list(ORG_TERMS))
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

def _prefill(ns: ClosedNamespace, names: tuple[str, ...] | list[str]) -> ClosedNamespace:
    """Each term made once: rdflib makes a new term on every attribute access, a real cost when a
    build writes millions of triples. Unknown names still raise, through the namespace's own lookup."""
    for name in names:
        if not hasattr(str, name):  # a term named like a str method ("title") stays rdflib's to answer
            ns.__dict__[name] = ns.term(name)
    return ns


for _ns, _names in ((TKG, [*TKG_CLASSES, *TKG_PROPERTIES]), (OA, OA_TERMS), (ELI, ELI_TERMS), (ORG, ORG_TERMS)):
    _prefill(_ns, _names)


class Terms:
    """A vocabulary of rdflib's (``RDF``, ``RDFS``, ``XSD`` …) whose terms are looked up once each, for
    the code that writes triples; rdflib's own namespace answers unknown names (and raises for them)."""

    def __init__(self, ns: Any) -> None:
        self._ns = ns

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term: URIRef = getattr(self._ns, name)
        self.__dict__[name] = term
        return term

    def __getitem__(self, name: str) -> URIRef:
        term: URIRef = self._ns[name]
        return term

    def __str__(self) -> str:
        return str(self._ns)


#: prefixes bound in every serialisation, in this order
PREFIXES = {
    "tkg": TKG_IRI,
    "oa": "http://www.w3.org/ns/oa#",
    "dcterms": str(DCTERMS),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "prov": str(PROV),
    "eli": "http://data.europa.eu/eli/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "schema": str(SCHEMA),
    "wd": str(WD),
}

__all__ = [
    "DCTERMS", "DEFAULT_BASE", "ELI", "OA", "ORG", "OWL", "PREFIXES", "PROV", "RDF", "RDFS",
    "SCHEMA", "SKOS", "TKG", "TKG_CLASSES", "TKG_IRI", "TKG_PROPERTIES", "WD", "XSD",
]
