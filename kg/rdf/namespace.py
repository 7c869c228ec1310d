"""Closed namespaces: every IRI the code writes comes from here, and a misspelt term raises.

The project's own vocabulary, ``TKG``, lists each term once; ``ontology/treaty-kg.ttl`` declares the
same terms (a test keeps the two in step). W3C / DCMI namespaces come from rdflib, which already closes
them; Web Annotation, ELI and W3C ORG are closed here on the terms the project uses.

>>> str(TKG.Article)
'https://w3id.org/treaty-kg/ontology#Article'
"""

from __future__ import annotations

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
    "Part", "Section", "Preamble", "Conclusions", "SeatAllocation", "Amendment",
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
    "discovered", "formerName", "inProvision", "iso3166", "rule", "seats", "state",
    # additions: references
    "read", "unresolved",
    # additions: derived relations
    "establishedBy", "amends", "amendmentKind",
)

TKG = ClosedNamespace(TKG_IRI, [*TKG_CLASSES, *TKG_PROPERTIES])

OA = ClosedNamespace(
    "http://www.w3.org/ns/oa#",
    [
        "Annotation", "SpecificResource", "TextQuoteSelector", "TextPositionSelector",
        "hasBody", "hasTarget", "hasSource", "hasSelector", "motivatedBy", "exact", "prefix",
        "suffix", "start", "end", "identifying", "linking", "describing",
    ],
)
ELI = ClosedNamespace(
    "http://data.europa.eu/eli/ontology#",
    ["LegalResource", "LegalResourceSubdivision", "is_part_of", "has_part"],
)
ORG = ClosedNamespace(
    "http://www.w3.org/ns/org#",
    ["FormalOrganization", "Organization", "OrganizationalUnit", "unitOf", "hasUnit"],
)
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

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
