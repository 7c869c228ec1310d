"""The ontology file: it parses, declares exactly the terms of ``kg.rdf.namespace``, labels and defines
them, carries the contract's alignment axioms, and ``kg.resources`` finds it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg import resources
from kg.rdf.namespace import ELI, ORG, SCHEMA, TKG, TKG_CLASSES, TKG_IRI, TKG_PROPERTIES

ONTOLOGY_IRI = URIRef("https://w3id.org/treaty-kg/ontology")
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
PROVISION_KINDS = (
    "Chapter", "Article", "Paragraph", "Item", "Footnote", "PreambularParagraph", "OperativeParagraph",
    "Part", "Section", "Preamble", "Conclusions",
)

#: (subject, predicate, object) of each alignment axiom the graph contract asks for
ALIGNMENTS = [
    (TKG.Organization, RDFS.subClassOf, ORG.FormalOrganization),
    (TKG.Organ, RDFS.subClassOf, ORG.OrganizationalUnit),
    (TKG.UNEntity, RDFS.subClassOf, ORG.Organization),
    (TKG.Treaty, RDFS.subClassOf, ELI.LegalResource),
    (TKG.Treaty, RDFS.subClassOf, SCHEMA.Legislation),
    (TKG.Document, RDFS.subClassOf, ELI.LegalResource),
    (TKG.Resolution, RDFS.subClassOf, TKG.Document),
    (TKG.Provision, RDFS.subClassOf, ELI.LegalResourceSubdivision),
    *[(TKG[kind], RDFS.subClassOf, TKG.Provision) for kind in PROVISION_KINDS],
    (TKG.State, RDFS.subClassOf, SCHEMA.Country),
    (TKG.organOf, RDFS.subPropertyOf, ORG.unitOf),
]

#: (subject, predicate, object) of domains and ranges the contract states
DOMAINS_AND_RANGES = [
    (TKG.mentions, RDFS.domain, TKG.Provision),
    (TKG.cites, RDFS.domain, TKG.Provision),
    (TKG.organOf, RDFS.range, TKG.Organization),
    (TKG.order, RDFS.range, rdfns.XSD.integer),
    (TKG.number, RDFS.range, rdfns.XSD.string),
    (TKG.text, RDFS.range, RDF.langString),
    (TKG.symbol, RDFS.domain, TKG.Document),
]


def _id(triple: tuple[URIRef, URIRef, URIRef]) -> str:
    def short(term: URIRef) -> str:
        return term.split("#")[-1].split("/")[-1]

    return f"{short(triple[0])}-{short(triple[1])}-{short(triple[2])}"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(resources.ontology_file(), format="turtle")


def _declared_tkg_terms(graph: Graph, types: tuple[URIRef, ...]) -> set[str]:
    return {
        str(s)[len(TKG_IRI):]
        for t in types
        for s in graph.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(TKG_IRI)
    }


def _languages(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language}


# --- the file and its header ------------------------------------------------------------------------


def test_ontology_parses(ontology: Graph) -> None:
    assert len(ontology) > 0


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.title) is not None
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.description) is not None
    assert (ONTOLOGY_IRI, DCTERMS.license, URIRef("https://www.apache.org/licenses/LICENSE-2.0")) in ontology
    assert (ONTOLOGY_IRI, DCTERMS.created, Literal("2026-11-22", datatype=rdfns.XSD.date)) in ontology


@pytest.mark.parametrize(
    "reused",
    ["dcterms:isPartOf", "rdfs:label", "skos:altLabel", "dcterms:date", "owl:sameAs", "oa:Annotation"],
)
def test_ontology_documents_reused_terms(ontology: Graph, reused: str) -> None:
    comments = " ".join(str(c) for c in ontology.objects(ONTOLOGY_IRI, RDFS.comment))
    assert reused in comments


# --- declarations match the namespace module ----------------------------------------------------------


@pytest.mark.parametrize("name", TKG_CLASSES)
def test_class_declared(ontology: Graph, name: str) -> None:
    assert (TKG[name], RDF.type, OWL.Class) in ontology


@pytest.mark.parametrize("name", TKG_PROPERTIES)
def test_property_declared(ontology: Graph, name: str) -> None:
    assert any((TKG[name], RDF.type, t) in ontology for t in PROPERTY_TYPES)


def test_ontology_declares_nothing_outside_namespace_module(ontology: Graph) -> None:
    classes = _declared_tkg_terms(ontology, (OWL.Class, RDFS.Class))
    properties = _declared_tkg_terms(ontology, (*PROPERTY_TYPES, RDF.Property))
    assert classes - set(TKG_CLASSES) == set()
    assert properties - set(TKG_PROPERTIES) == set()


def test_no_tkg_term_used_undeclared(ontology: Graph) -> None:
    declared = set(TKG_CLASSES) | set(TKG_PROPERTIES)
    used = {
        str(term)[len(TKG_IRI):]
        for triple in ontology
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(TKG_IRI)
    }
    assert used - declared == set()


def test_namespace_module_lists_each_term_once() -> None:
    names = [*TKG_CLASSES, *TKG_PROPERTIES]
    assert len(names) == len(set(names))


# --- labels and definitions ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", TKG_CLASSES)
def test_class_labelled_in_en_fr_ru(ontology: Graph, name: str) -> None:
    assert {"en", "fr", "ru"} <= _languages(ontology, TKG[name], RDFS.label)


@pytest.mark.parametrize("name", [*TKG_CLASSES, *TKG_PROPERTIES])
def test_term_labelled_and_defined_in_english(ontology: Graph, name: str) -> None:
    assert "en" in _languages(ontology, TKG[name], RDFS.label)
    definitions = _languages(ontology, TKG[name], SKOS.definition) | _languages(
        ontology, TKG[name], RDFS.comment
    )
    assert "en" in definitions


# --- alignments, domains and ranges -------------------------------------------------------------------


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=[_id(t) for t in ALIGNMENTS])
def test_alignment_axiom(ontology: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in ontology


@pytest.mark.parametrize("triple", DOMAINS_AND_RANGES, ids=[_id(t) for t in DOMAINS_AND_RANGES])
def test_domain_or_range(ontology: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in ontology


def test_organ_of_domain_covers_un_entities_without_making_them_organs(ontology: Graph) -> None:
    from rdflib.collection import Collection

    [domain] = list(ontology.objects(TKG.organOf, RDFS.domain))
    members = set(Collection(ontology, ontology.value(domain, OWL.unionOf)))
    assert members == {TKG.Organ, TKG.UNEntity}


def test_property_kinds_fit_their_ranges(ontology: Graph) -> None:
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        for rng in ontology.objects(prop, RDFS.range):
            assert str(rng).startswith((str(rdfns.XSD), str(RDF))), f"{prop} has non-literal range {rng}"
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        for rng in ontology.objects(prop, RDFS.range):
            assert not str(rng).startswith(str(rdfns.XSD)), f"{prop} has literal range {rng}"


# --- kg.resources -------------------------------------------------------------------------------------


def _copy_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / "ontology").mkdir(parents=True)
    (home / "queries").mkdir()
    shutil.copy(resources.ontology_file(), home / "ontology" / resources.ONTOLOGY_FILENAME)
    return home


def test_ontology_file_found() -> None:
    path = resources.ontology_file()
    assert path.is_file()
    assert path.name == "treaty-kg.ttl"
    assert path.parent == resources.ontology_dir()


def test_env_var_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = _copy_home(tmp_path)
    monkeypatch.setenv(resources.ENV_VAR, str(home))
    assert resources.ontology_file() == home / "ontology" / "treaty-kg.ttl"
    assert resources.ontology_dir() == home / "ontology"
    assert resources.queries_dir() == home / "queries"


def test_empty_env_var_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resources.ENV_VAR, "")
    assert [c.origin for c in resources.candidate_roots()] == [
        "the source checkout", "the copy shipped in the package"
    ]


def test_wrong_env_var_falls_back_to_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resources.ENV_VAR, str(tmp_path / "missing"))
    assert resources.ontology_file().is_file()


def test_nothing_anywhere_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = tmp_path / "wrong"
    monkeypatch.setenv(resources.ENV_VAR, str(wrong))
    real = resources.candidate_roots()
    only_wrong = [resources.Candidate(c.origin, tmp_path / f"empty-{i}") for i, c in enumerate(real)]
    only_wrong[0] = resources.Candidate(real[0].origin, wrong)
    monkeypatch.setattr(resources, "candidate_roots", lambda: only_wrong)
    with pytest.raises(FileNotFoundError) as excinfo:
        resources.ontology_file()
    message = str(excinfo.value)
    assert "ontology/treaty-kg.ttl" in message
    assert str(wrong) in message
    assert resources.ENV_VAR in message
    for candidate in only_wrong:
        assert candidate.origin in message


def test_explicit_roots_bypass_defaults(tmp_path: Path) -> None:
    home = _copy_home(tmp_path)
    roots = [resources.Candidate("nowhere", tmp_path / "nowhere"), resources.Candidate("test", home)]
    assert resources.ontology_file(roots) == home / "ontology" / "treaty-kg.ttl"
    with pytest.raises(FileNotFoundError, match="nowhere"):
        resources.queries_dir(roots[:1])
