"""Publishing: the SHACL shapes (the corpus conforms; each rule catches what it is for, one broken graph
at a time), the validate command, the VoID description, the ontology's documentation and header."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from kg import resources
from kg.export import to_oxigraph
from kg.pipeline import build
from kg.publish import docs
from kg.publish.validate import Report, load_shapes, shapes_file, to_graph, validate_graph
from kg.publish.void import describe
from kg.rdf.namespace import OA, PROV, TKG, TKG_PROPERTIES

from .conftest import CORPUS, ROOT

#: xsd:date as a plain IRI: pytest's collection probes every module attribute, and rdflib's XSD namespace
#: warns on each name it does not define ("_mock_name is not defined in namespace XSD")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

DATA = Path(__file__).parent / "data" / "publish"
MINI = DATA / "mini-statute.txt"
ID = "https://w3id.org/treaty-kg/id/"
T = ID + "treaty/statute-of-the-example-union/"
SHAPES = "https://w3id.org/treaty-kg/shapes#"
BEL = URIRef(ID + "state/bel")
CM = URIRef(ID + "organ/coe-committee-of-ministers")
COE = URIRef(ID + "org/council-of-europe")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def mini_triples() -> list[tuple[URIRef, URIRef, URIRef]]:
    """A small statute (two articles, a chapter, a preamble; registry entities with Wikidata links;
    mentions and a cross-reference with their annotations), built by the pipeline."""
    result = build([MINI])
    assert not result.errors
    return list(to_graph(to_oxigraph(result.dataset()).quads_for_pattern(None, None, None, None)))


def fresh(triples: list[tuple[URIRef, URIRef, URIRef]]) -> Graph:
    g = to_graph([])
    for t in triples:
        g.add(t)
    return g


def annotation(g: Graph, source: str, body: URIRef) -> URIRef:
    """The annotation of ``source``'s mention of, or citation of, ``body``."""
    for a in g.subjects(OA.hasBody, body):
        if g.value(g.value(a, OA.hasTarget), OA.hasSource) == URIRef(source):
            return a  # type: ignore[return-value]
    raise AssertionError(f"no annotation of {body} in {source}")


def selector(g: Graph, a: URIRef, kind: URIRef) -> URIRef:
    for s in g.objects(g.value(a, OA.hasTarget), OA.hasSelector):
        if (s, RDF.type, kind) in g:
            return s  # type: ignore[return-value]
    raise AssertionError(f"no {kind} on {a}")


def text_of(g: Graph, provision: str) -> str:
    return str(next(t for t in g.objects(URIRef(provision), TKG.text) if t.language == "en"))


# --- each breaking change: (what it does to the graph) -> the node and the rule that must be reported ---

def drop_parent(g: Graph) -> str:
    g.remove((URIRef(T + "art_2"), DCTERMS.isPartOf, None))
    return T + "art_2"


def second_parent(g: Graph) -> str:
    g.add((URIRef(T + "art_2"), DCTERMS.isPartOf, URIRef(T + "art_1")))
    return T + "art_2"


def parent_loop(g: Graph) -> str:
    g.remove((URIRef(T + "chp_I"), DCTERMS.isPartOf, None))
    g.add((URIRef(T + "chp_I"), DCTERMS.isPartOf, URIRef(T + "art_1")))
    return T + "art_1__para_a"


def parent_not_a_provision(g: Graph) -> str:
    g.remove((URIRef(T + "art_2"), DCTERMS.isPartOf, None))
    g.add((URIRef(T + "art_2"), DCTERMS.isPartOf, BEL))
    return T + "art_2"


def drop_number(g: Graph) -> str:
    g.remove((URIRef(T + "art_2"), TKG.number, None))
    return T + "art_2"


def second_number(g: Graph) -> str:
    g.add((URIRef(T + "art_2"), TKG.number, Literal("2bis")))
    return T + "art_2"


def number_of_a_state(g: Graph) -> str:
    g.add((BEL, TKG.number, Literal("1")))
    return str(BEL)


def order_as_text(g: Graph) -> str:
    g.remove((URIRef(T + "art_2"), TKG.order, None))
    g.add((URIRef(T + "art_2"), TKG.order, Literal("second")))
    return T + "art_2"


def provision_not_stated(g: Graph) -> str:
    g.remove((URIRef(T + "art_2"), RDF.type, TKG.Provision))
    return T + "art_2"


def blank_provision(g: Graph) -> str:
    b = BNode()
    for t in ((b, RDF.type, TKG.Article), (b, RDF.type, TKG.Provision), (b, DCTERMS.isPartOf, URIRef(T + "chp_I")),
              (b, TKG.number, Literal("3")), (b, RDFS.label, Literal("Article 3", lang="en"))):
        g.add(t)
    return "[]"


def text_without_language(g: Graph) -> str:
    g.add((URIRef(T + "art_2"), TKG.text, Literal("no language")))
    return T + "art_2"


def text_without_label_in_its_language(g: Graph) -> str:
    g.add((URIRef(T + "art_2"), TKG.text, Literal("Комитет министров действует", lang="ru")))
    return T + "art_2"


def second_text_in_a_language(g: Graph) -> str:
    g.add((URIRef(T + "art_2"), TKG.text, Literal("Another text", lang="en")))
    return T + "art_2"


def drop_label(g: Graph) -> str:
    g.remove((URIRef(T + "art_2"), RDFS.label, None))
    return T + "art_2"


def mention_without_annotation(g: Graph) -> str:
    g.add((URIRef(T + "art_2"), TKG.mentions, BEL))
    return T + "art_2"


def cites_without_annotation(g: Graph) -> str:
    g.add((URIRef(T + "art_2"), TKG.cites, URIRef(T + "art_1__para_a")))
    return T + "art_2"


def annotation_of_another_provision(g: Graph) -> str:
    a = annotation(g, T + "art_2", CM)
    target = g.value(a, OA.hasTarget)
    g.remove((target, OA.hasSource, None))
    g.add((target, OA.hasSource, URIRef(T + "art_1")))
    return T + "art_2"


def mention_of_a_provision(g: Graph) -> str:
    g.add((URIRef(T + "art_2"), TKG.mentions, URIRef(T + "art_1")))
    return T + "art_2"


def citation_of_a_state(g: Graph) -> str:
    g.add((URIRef(T + "art_2"), TKG.cites, BEL))
    return T + "art_2"


def mention_from_a_state(g: Graph) -> str:
    g.add((BEL, TKG.mentions, COE))
    return str(BEL)


def offsets_dropped(g: Graph) -> str:
    pos = selector(g, annotation(g, T + "art_2", CM), OA.TextPositionSelector)
    g.remove((pos, OA.start, None))
    g.remove((pos, OA.end, None))
    return str(pos)


def offsets_past_the_end(g: Graph) -> str:
    a = annotation(g, T + "art_2", CM)
    pos = selector(g, a, OA.TextPositionSelector)
    n = len(text_of(g, T + "art_2"))
    g.remove((pos, OA.start, None))
    g.remove((pos, OA.end, None))
    g.add((pos, OA.start, Literal(n + 2)))
    g.add((pos, OA.end, Literal(n + 24)))
    return str(a)


def quote_not_at_the_offsets(g: Graph) -> str:
    a = annotation(g, T + "art_2", CM)
    q = selector(g, a, OA.TextQuoteSelector)
    g.remove((q, OA.exact, None))
    g.add((q, OA.exact, Literal("Parliamentary Assembly", lang="en")))
    return str(a)


def start_after_end(g: Graph) -> str:
    pos = selector(g, annotation(g, T + "art_2", CM), OA.TextPositionSelector)
    start, end = g.value(pos, OA.start), g.value(pos, OA.end)
    g.remove((pos, OA.start, None))
    g.remove((pos, OA.end, None))
    g.add((pos, OA.start, end))
    g.add((pos, OA.end, start))
    return str(pos)


def negative_offset(g: Graph) -> str:
    pos = selector(g, annotation(g, T + "art_2", CM), OA.TextPositionSelector)
    g.remove((pos, OA.start, None))
    g.add((pos, OA.start, Literal(-1)))
    return str(pos)


def quote_dropped(g: Graph) -> str:
    a = annotation(g, T + "art_2", CM)
    target = g.value(a, OA.hasTarget)
    g.remove((target, OA.hasSelector, selector(g, a, OA.TextQuoteSelector)))
    return str(target)


def source_dropped(g: Graph) -> str:
    target = g.value(annotation(g, T + "art_2", CM), OA.hasTarget)
    g.remove((target, OA.hasSource, None))
    return str(target)


def body_dropped(g: Graph) -> str:
    a = annotation(g, T + "art_2", CM)
    g.remove((a, OA.hasBody, None))
    return str(a)


def wrong_motivation(g: Graph) -> str:
    a = annotation(g, T + "art_2", CM)
    g.remove((a, OA.motivatedBy, None))
    g.add((a, OA.motivatedBy, OA.describing))
    return str(a)


def citation_annotated_as_mention(g: Graph) -> str:
    a = annotation(g, T + "art_2", URIRef(T + "art_1__para_b"))
    g.remove((a, OA.motivatedBy, None))
    g.add((a, OA.motivatedBy, OA.identifying))
    return T + "art_2"


def same_as_dbpedia(g: Graph) -> str:
    g.add((BEL, OWL.sameAs, URIRef("http://dbpedia.org/resource/Belgium")))
    return str(BEL)


def same_as_wikidata_property(g: Graph) -> str:
    g.add((BEL, OWL.sameAs, URIRef("http://www.wikidata.org/entity/P31")))
    return str(BEL)


def same_as_from_a_provision(g: Graph) -> str:
    g.add((URIRef(T + "art_2"), OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q42")))
    return T + "art_2"


def entity_without_label(g: Graph) -> str:
    g.remove((BEL, RDFS.label, None))
    return str(BEL)


def organ_of_a_state(g: Graph) -> str:
    g.add((CM, TKG.organOf, BEL))
    return str(CM)


def alt_label_of_a_provision(g: Graph) -> str:
    g.add((URIRef(T + "art_2"), SKOS.altLabel, Literal("Art. 2", lang="en")))
    return T + "art_2"


def two_dates(g: Graph) -> str:
    treaty = URIRef(T[:-1])
    g.add((treaty, DCTERMS.date, Literal("1949-05-05", datatype=XSD_DATE)))
    g.add((treaty, DCTERMS.date, Literal("1950-05-05", datatype=XSD_DATE)))
    return T[:-1]


def date_as_text(g: Graph) -> str:
    g.add((URIRef(T[:-1]), DCTERMS.date, Literal("5 May 1949")))
    return T[:-1]


def content_hash_not_hex(g: Graph) -> str:
    g.remove((URIRef(T[:-1]), TKG.contentHash, None))
    g.add((URIRef(T[:-1]), TKG.contentHash, Literal("not-a-digest")))
    return T[:-1]


def source_file_a_path(g: Graph) -> str:
    g.remove((URIRef(T[:-1]), TKG.sourceFile, None))
    g.add((URIRef(T[:-1]), TKG.sourceFile, Literal("/home/me/mini-statute.txt")))
    return T[:-1]


def symbol_of_a_treaty(g: Graph) -> str:
    g.add((URIRef(T[:-1]), TKG.symbol, Literal("A/RES/1/1")))
    return T[:-1]


def verb_of_an_article(g: Graph) -> str:
    g.add((URIRef(T + "art_2"), TKG.verb, Literal("Decides")))
    return T + "art_2"


def unts_of_a_state(g: Graph) -> str:
    g.add((BEL, TKG.untsVolume, Literal("2187")))
    return str(BEL)


def iso_code_of_two_letters(g: Graph) -> str:
    g.remove((BEL, TKG.iso3166, None))
    g.add((BEL, TKG.iso3166, Literal("BE")))
    return str(BEL)


def amendment_of_a_state(g: Graph) -> str:
    a = URIRef(T + "art_2__amendment_1")
    g.add((a, RDF.type, TKG.Amendment))
    g.add((a, TKG.amends, BEL))
    g.add((a, TKG.amendmentKind, Literal("repealed")))
    g.add((a, PROV.wasDerivedFrom, URIRef(T + "art_1")))
    return str(a)


#: (id, change, rule that must name the node the change returns)
CASES: list[tuple[str, Callable[[Graph], str], str]] = [
    ("no parent", drop_parent, "provision-parent"),
    ("second parent", second_parent, "provision-parent"),
    ("parents loop, never reach the treaty", parent_loop, "provision-root"),
    ("parent is a state", parent_not_a_provision, "isPartOf-value"),
    ("numbered provision without number", drop_number, "numbered-provision-number"),
    ("two numbers", second_number, "provision-number"),
    ("number on a state", number_of_a_state, "number"),
    ("order not an integer", order_as_text, "provision-order"),
    ("article not stated a provision", provision_not_stated, "ProvisionKind"),
    ("blank-node provision", blank_provision, "Provision"),
    ("text without language", text_without_language, "provision-text"),
    ("text in a language without a label", text_without_label_in_its_language, "provision-label-per-language"),
    ("two texts in one language", second_text_in_a_language, "provision-text"),
    ("provision without label", drop_label, "provision-label"),
    ("mention without annotation", mention_without_annotation, "mentions-annotation"),
    ("cites without annotation", cites_without_annotation, "cites-annotation"),
    ("annotation of another provision", annotation_of_another_provision, "mentions-annotation"),
    ("citation annotated as a mention", citation_annotated_as_mention, "cites-annotation"),
    ("mention of a provision", mention_of_a_provision, "mentions-value"),
    ("citation of a state", citation_of_a_state, "cites-value"),
    ("mention from a state", mention_from_a_state, "mentions"),
    ("annotation without offsets", offsets_dropped, "position-start"),
    ("offsets past the text end", offsets_past_the_end, "annotation-offsets"),
    ("quote not the text at the offsets", quote_not_at_the_offsets, "annotation-offsets"),
    ("start after end", start_after_end, "position-start"),
    ("negative offset", negative_offset, "position-start"),
    ("target without quote selector", quote_dropped, "target-quote-selector"),
    ("target without source", source_dropped, "target-source"),
    ("annotation without body or reason", body_dropped, "annotation-body-or-reason"),
    ("annotation describing", wrong_motivation, "annotation-motivation"),
    ("sameAs to DBpedia", same_as_dbpedia, "same-as-wikidata"),
    ("sameAs to a Wikidata property", same_as_wikidata_property, "same-as-wikidata"),
    ("sameAs from a provision", same_as_from_a_provision, "same-as"),
    ("entity without label", entity_without_label, "entity-label"),
    ("organ of a state", organ_of_a_state, "organOf-value"),
    ("altLabel on a provision", alt_label_of_a_provision, "altLabel"),
    ("treaty with two dates", two_dates, "work-date"),
    ("date as text", date_as_text, "date-value"),
    ("content hash not a digest", content_hash_not_hex, "contentHash-value"),
    ("source file given as a path", source_file_a_path, "sourceFile-value"),
    ("symbol on a treaty", symbol_of_a_treaty, "symbol"),
    ("verb on an article", verb_of_an_article, "verb"),
    ("UNTS volume on a state", unts_of_a_state, "untsVolume"),
    ("ISO code of two letters", iso_code_of_two_letters, "iso3166-value"),
    ("amendment of a state", amendment_of_a_state, "amends-value"),
]


def _short(node: str) -> str:
    return node if node == "[]" else f"<{node}>"


def test_the_mini_statute_conforms(mini_triples: list[tuple[URIRef, URIRef, URIRef]], shapes: Graph) -> None:
    report = validate_graph(fresh(mini_triples), shapes)
    assert report.conforms, report.text()
    assert {p for _, p, _ in mini_triples} >= {TKG.mentions, TKG.cites, OWL.sameAs, DCTERMS.isPartOf}


@pytest.mark.parametrize("change, rule", [(c, r) for _, c, r in CASES], ids=[i for i, _, _ in CASES])
def test_each_rule_catches_what_it_is_for(mini_triples: list[tuple[URIRef, URIRef, URIRef]], shapes: Graph,
                                          change: Callable[[Graph], str], rule: str) -> None:
    g = fresh(mini_triples)
    node = change(g)
    report = validate_graph(g, shapes)
    assert not report.conforms
    named = {(f.focus, f.shape) for f in report.findings}
    assert (_short(node), f"tkgsh:{rule}") in named, report.text()


def test_the_report_says_what_was_found(mini_triples: list[tuple[URIRef, URIRef, URIRef]], shapes: Graph) -> None:
    g = fresh(mini_triples)
    same_as_dbpedia(g)
    report = validate_graph(g, shapes)
    [finding] = [f for f in report.findings if f.shape == "tkgsh:same-as-wikidata"]
    assert finding.focus == f"<{BEL}>"
    assert finding.value == "<http://dbpedia.org/resource/Belgium>"
    assert finding.path == "owl:sameAs"
    assert finding.component == "PatternConstraintComponent"
    text = report.text()
    assert "tkgsh:same-as-wikidata (owl:sameAs a Wikidata entity): 1 result(s); owl:sameAs is only to a " \
           "Wikidata entity IRI" in text
    assert f"<{BEL}> owl:sameAs = <http://dbpedia.org/resource/Belgium>  [PatternConstraintComponent]" in text
    assert "does not conform: 1 result(s) of 1 rule(s)" in text


# --- the shapes file ----------------------------------------------------------------------------------


def test_every_rule_has_a_label_and_a_message(shapes: Graph) -> None:
    rules = {s for s in shapes.subjects(SH.message, None) if isinstance(s, URIRef)}
    assert len(rules) > 60
    for rule in rules:
        assert str(rule).startswith(SHAPES), rule
        assert shapes.value(rule, SH.message).language == "en"  # type: ignore[union-attr]


def test_every_property_has_a_rule_for_its_subjects_and_its_values(shapes: Graph) -> None:
    """Each property of the ontology and each reused one is the target or the path of some rule."""
    targeted = set(shapes.objects(None, SH.targetSubjectsOf))
    paths = set(shapes.objects(None, SH.path))
    reused = {DCTERMS.isPartOf, DCTERMS.date, DCTERMS.title, RDFS.label, SKOS.altLabel, OWL.sameAs,
              PROV.wasDerivedFrom}
    for prop in [*(TKG[p] for p in TKG_PROPERTIES), *reused]:
        if prop == RDFS.label:
            continue  # everything has labels: the subjects' classes are not restricted
        assert prop in targeted, f"no rule on the subjects of {prop}"
        assert prop in paths, f"no rule on the values of {prop}"


def test_every_predicate_of_the_corpus_is_checked(shapes: Graph) -> None:
    with ox_corpus() as db:
        used = {q.predicate.value for q in db}
    checked = {str(p) for p in shapes.objects(None, SH.path)}
    checked |= {str(p) for p in shapes.objects(None, SH.targetSubjectsOf)}
    assert used - checked - {str(RDF.type)} == set()


class ox_corpus:
    """The corpus built into an in-memory Oxigraph store."""

    def __enter__(self) -> ox.Store:
        self.db = to_oxigraph(build([CORPUS]).dataset())
        return self.db

    def __exit__(self, *exc: object) -> None:
        del self.db


def test_shapes_are_found_like_the_ontology() -> None:
    assert shapes_file() == resources.ontology_dir() / "shapes.ttl"


# --- the corpus and the command -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "corpus.trig"
    res = run("build", str(CORPUS), "-q", "-o", str(out), "--no-store")
    assert res.returncode == 0, res.stderr
    return out


def test_the_corpus_build_conforms(corpus_file: Path) -> None:
    res = run("validate", str(corpus_file))
    assert res.returncode == 0, res.stdout[-3000:]
    assert res.stdout.endswith("conforms\n")
    assert "triples checked against shapes.ttl" in res.stdout


def test_validate_reads_the_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run("build", str(MINI), "-q", "--store", str(store)).returncode == 0
    res = run("validate", "--store", str(store))
    assert res.returncode == 0, res.stdout
    res = run("validate", "--store", str(tmp_path / "none"))
    assert res.returncode == 2 and "no store here" in res.stderr


def test_validate_exit_codes_and_json(mini_triples: list[tuple[URIRef, URIRef, URIRef]], tmp_path: Path) -> None:
    g = fresh(mini_triples)
    drop_parent(g)
    broken = tmp_path / "broken.nt"
    broken.write_text(g.serialize(format="nt"), encoding="utf-8")
    res = run("validate", str(broken), "--json")
    assert res.returncode == 1
    data = json.loads(res.stdout)
    assert data["conforms"] is False
    assert {"focus": f"<{T}art_2>", "shape": "tkgsh:provision-parent"}.items() <= next(
        r for r in data["results"] if r["shape"] == "tkgsh:provision-parent").items()
    (tmp_path / "bad.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    res = run("validate", str(tmp_path / "bad.ttl"))
    assert res.returncode == 2 and "cannot read the graph" in res.stderr
    res = run("validate", str(tmp_path / "missing.trig"))
    assert res.returncode == 2 and "missing.trig" in res.stderr


@pytest.mark.parametrize("command", ["export", "validate"])
def test_publish_commands_have_help(command: str) -> None:
    res = run(command, "--help")
    assert res.returncode == 0
    assert f"usage: treaty-kg {command}" in res.stdout


def test_help_does_not_load_pyshacl_or_pyoxigraph() -> None:
    code = ("import sys\nfrom kg.cli import parser\nparser()\n"
            "print(sorted(m for m in ('pyshacl', 'pyoxigraph', 'pylode') if m in sys.modules))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert res.stdout.strip() == "[]", res.stderr


# --- VoID ----------------------------------------------------------------------------------------------

VOID = "http://rdfs.org/ns/void#"
SPDX = "http://spdx.org/rdf/terms#"


@pytest.fixture(scope="module")
def void_graph() -> Graph:
    return Graph().parse(ROOT / "exports" / "void.ttl", format="turtle")


def test_void_counts_match_the_exported_graph(void_graph: Graph) -> None:
    merged = Graph().parse(ROOT / "exports" / "corpus.ttl", format="turtle")
    dataset = URIRef(ID + "dataset")
    assert int(void_graph.value(dataset, URIRef(VOID + "triples"))) == len(merged)  # type: ignore[arg-type]
    for part in void_graph.objects(dataset, URIRef(VOID + "propertyPartition")):
        prop = void_graph.value(part, URIRef(VOID + "property"))
        assert int(void_graph.value(part, URIRef(VOID + "triples"))) == len(  # type: ignore[arg-type]
            list(merged.triples((None, prop, None)))), prop
    for part in void_graph.objects(dataset, URIRef(VOID + "classPartition")):
        cls = void_graph.value(part, URIRef(VOID + "class"))
        instances = set(merged.subjects(RDF.type, cls))
        assert int(void_graph.value(part, URIRef(VOID + "entities"))) == len(instances), cls  # type: ignore[arg-type]
        about = sum(1 for s in instances for _ in merged.predicate_objects(s))
        assert int(void_graph.value(part, URIRef(VOID + "triples"))) == about, cls  # type: ignore[arg-type]


def test_void_lists_each_source_with_its_checksum(void_graph: Graph) -> None:
    dataset = URIRef(ID + "dataset")
    sources = {str(void_graph.value(s, DCTERMS.title)): s for s in void_graph.objects(dataset, DCTERMS.source)}
    assert set(sources) == {p.name for p in CORPUS.iterdir()}
    for name, node in sources.items():
        checksum = void_graph.value(node, URIRef(SPDX + "checksum"))
        value = str(void_graph.value(checksum, URIRef(SPDX + "checksumValue")))
        assert value == hashlib.sha256((CORPUS / name).read_bytes()).hexdigest()
    # the newest document date of the inputs (A/RES/67/83, 12 December 2012), not the day it was made
    assert void_graph.value(dataset, DCTERMS.created) == Literal("2012-12-12", datatype=XSD_DATE)
    assert void_graph.value(dataset, DCTERMS.license) == URIRef("https://www.apache.org/licenses/LICENSE-2.0")


def test_void_links_each_dump_with_its_size_and_checksum(void_graph: Graph) -> None:
    dataset = URIRef(ID + "dataset")
    dumps = {str(u).rsplit("/", 1)[-1] for u in void_graph.objects(dataset, URIRef(VOID + "dataDump"))}
    assert dumps == {"corpus.ttl", "corpus.trig", "corpus.nt", "corpus.jsonld"}
    dcat = "http://www.w3.org/ns/dcat#"
    for dist in void_graph.objects(dataset, URIRef(dcat + "distribution")):
        name = str(void_graph.value(dist, DCTERMS.title))
        data = (ROOT / "exports" / name).read_bytes()
        assert int(void_graph.value(dist, URIRef(dcat + "byteSize"))) == len(data)  # type: ignore[arg-type]
        checksum = void_graph.value(dist, URIRef(SPDX + "checksum"))
        assert str(void_graph.value(checksum, URIRef(SPDX + "checksumValue"))) == hashlib.sha256(data).hexdigest()
    assert void_graph.value(dataset, URIRef(VOID + "sparqlEndpoint")) is None


def test_void_names_an_endpoint_only_when_one_is_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    db = to_oxigraph(build([MINI]).dataset())
    monkeypatch.delenv("TREATY_KG_SPARQL_ENDPOINT", raising=False)
    assert b"sparqlEndpoint" not in describe(db)
    monkeypatch.setenv("TREATY_KG_SPARQL_ENDPOINT", "https://example.org/sparql")
    assert b"void:sparqlEndpoint <https://example.org/sparql>" in describe(db)
    assert b"<https://example.org/q>" in describe(db, endpoint="https://example.org/q")


def test_void_conforms_to_void_and_reads_back_with_oxigraph() -> None:
    quads = list(ox.parse(path=str(ROOT / "exports" / "void.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(quads) > 100
    assert not any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads)


# --- the ontology and its documentation -----------------------------------------------------------------


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(resources.ontology_file(), format="turtle")


def test_ontology_has_version_iri_and_info_license_and_labels(ontology: Graph) -> None:
    onto = URIRef("https://w3id.org/treaty-kg/ontology")
    assert ontology.value(onto, OWL.versionIRI) == URIRef("https://w3id.org/treaty-kg/ontology/0.1.0")
    assert ontology.value(onto, OWL.versionInfo) is not None
    assert ontology.value(onto, DCTERMS.license) is not None
    assert (onto, RDFS.seeAlso, URIRef("https://w3id.org/treaty-kg/shapes")) in ontology
    for cls in ontology.subjects(RDF.type, OWL.Class):
        if isinstance(cls, URIRef):
            langs = {lit.language for lit in ontology.objects(cls, RDFS.label)}  # type: ignore[attr-defined]
            assert {"en", "fr", "ru"} <= langs, cls
            assert ontology.value(cls, SKOS.definition) is not None, cls


def test_documentation_is_current() -> None:
    import importlib.util

    if importlib.util.find_spec("pylode") is None:
        pytest.skip("pyLODE is not installed: it comes with pip install -e '.[test]'")
    committed = docs.docs_page().read_bytes()
    fresh = docs.render()
    assert fresh == committed, "ontology/docs/index.html is stale: run .venv/bin/python scripts/make-docs.py"


def test_documentation_documents_every_term(ontology: Graph) -> None:
    html = docs.docs_page().read_text(encoding="utf-8")
    for term in ontology.subjects(RDF.type, None):
        if isinstance(term, URIRef) and str(term).startswith(str(TKG)):
            assert f"<code>{term}</code>" in html, term
    assert "http://" not in "".join(ln for ln in html.splitlines() if "<script src=" in ln or "<link href" in ln
                                    and "stylesheet" in ln)


def test_report_object_is_plain_data() -> None:
    report = Report(True, [], 0, 0.0)
    assert report.text().endswith("conforms\n")
