"""The query runner: headers, parameter kinds, binding paths on the embedded store."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.query import QueryError, bind, parse_query, run_store, to_term, with_values

INJECTION = 'x" } ; INSERT DATA { <urn:a> <urn:b> "c" } #\n}'


@pytest.fixture()
def db() -> ox.Store:
    s = ox.Store()
    for name in ("s", "t"):
        s.add(ox.Quad(ox.NamedNode(f"http://e/{name}"), ox.NamedNode("http://e/p"), ox.Literal(name)))
    return s


def test_parameter_not_in_the_projection_is_still_bound(db: ox.Store) -> None:
    # Oxigraph substitutes projected variables only; the runner binds the others with VALUES
    q = parse_query("# param: s IRI = http://e/s -- a subject\n# note: where { in a comment\n"
                    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "count")
    assert run_store(db, q, bind(q, {})).rows == [(Literal(1),)]


@pytest.mark.parametrize("projected", [True, False], ids=["substitution", "values"])
def test_injection_stays_a_literal(db: ox.Store, projected: bool) -> None:
    head = "SELECT ?o ?label" if projected else "SELECT ?o"
    q = parse_query(f"# param: label string -- a label\n{head} WHERE {{ ?s ?p ?o FILTER(?o = ?label) }}", "inj")
    before = len(db)
    result = run_store(db, q, bind(q, {"label": INJECTION}))
    assert result.rows == [] and len(db) == before
    assert not db.query("ASK { <urn:a> ?p ?o }", use_default_graph_as_union=True)


def test_values_block_serialises_terms() -> None:
    text = with_values("# where {\nSELECT ?x WHERE { ?x ?p ?o }", {"x": Literal(INJECTION)})
    assert text.index("VALUES") > text.index("SELECT")
    assert '\\"' in text and "\\n" in text  # the quote and the newline are escaped inside the literal


@pytest.mark.parametrize(("kind", "value", "term"), [
    ("IRI", "https://w3id.org/treaty-kg/id/org/council-of-europe", URIRef("https://w3id.org/treaty-kg/id/org/council-of-europe")),
    ("IRI", "<urn:x>", URIRef("urn:x")),
    ("integer", "42", Literal(42)),
    ("lang", "Комитет министров@ru", Literal("Комитет министров", lang="ru")),
    ("string", "a } b", Literal("a } b")),
], ids=["iri", "iri-brackets", "integer", "lang", "string"])
def test_parameter_kinds(kind: str, value: str, term: object) -> None:
    from kg.query import Param

    assert to_term(Param("p", kind), value) == term


@pytest.mark.parametrize(("kind", "value"), [("IRI", "not an iri"), ("IRI", "urn:a> } INSERT"), ("integer", "1; DROP")])
def test_bad_parameters_are_refused(kind: str, value: str) -> None:
    from kg.query import Param

    with pytest.raises(QueryError):
        to_term(Param("p", kind), value)


def test_unknown_and_missing_parameters() -> None:
    q = parse_query("# param: a string -- needed\nSELECT ?a WHERE {}", "q")
    with pytest.raises(QueryError, match="required"):
        bind(q, {})
    with pytest.raises(QueryError, match="no parameter b"):
        bind(q, {"a": "x", "b": "y"})


def test_rebuilding_one_file_replaces_its_graph_only(tmp_path) -> None:
    import subprocess
    import sys

    from kg.store import Store

    from .conftest import RESOLUTION_FILE, ROOT, STATUTE_FILE

    corpus = tmp_path / "in"
    corpus.mkdir()
    res = corpus / "res.txt"
    res.write_bytes(RESOLUTION_FILE.read_bytes())
    (corpus / "statute.txt").write_bytes(STATUTE_FILE.read_bytes())
    store = tmp_path / "store"

    def build(*paths) -> None:
        out = subprocess.run([sys.executable, "-m", "kg.cli", "build", *map(str, paths), "-o", str(tmp_path / "o.nq"),
                              "--store", str(store), "-q"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr

    def counts() -> dict[str, int]:
        with Store.open(store, read_only=True) as st:
            count = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}"
            return {g: int(next(iter(st.db.query(count.format(g))))[0].value) for g in st.graphs()}

    build(corpus)
    before = counts()
    res.write_text(res.read_text(encoding="utf-8").replace("53rd plenary meeting", "54th plenary meeting"),
                   encoding="utf-8")
    build(res)
    after = counts()
    base = "https://w3id.org/treaty-kg/id/source/"
    assert after[base + "statute.txt"] == before[base + "statute.txt"]
    assert after[base + "registry"] >= before[base + "registry"]  # the Statute's entities are still described
    with Store.open(store, read_only=True) as st:
        meetings = {s["m"].value for s in st.db.query(
            "SELECT ?m WHERE { GRAPH ?g { ?d <https://w3id.org/treaty-kg/ontology#meeting> ?m } }")}
    assert meetings == {"54th plenary meeting"}
