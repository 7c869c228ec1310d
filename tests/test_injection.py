"""Injection through query parameters and the read-only endpoint (issue 9, "Injection and escaping").

A treaty whose article headings and title hold SPARQL and HTML payloads is built with the real pipeline
into a store and a TriG file; every payload is then given as a parameter to ``treaty-kg query`` against
the store, the file (``--graph``) and ``kg.serve`` on 127.0.0.1 (``--endpoint``), and to rdflib's engine.
A parameter is a term: it comes back exactly as it was given, finds what a plain value would find, and
nothing is ever written. The endpoint refuses updates however they are sent, refuses SERVICE however it is
spelt, and bounds time, rows and request size.
"""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef

from kg.cli import main
from kg.query import QueryError, bind, load_query, parse_query, run_rdflib
from kg.serve import make_server
from kg.store import Store

from .conftest import ROOT

ID = "https://w3id.org/treaty-kg/id/"
TKG = "https://w3id.org/treaty-kg/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

#: parameter values that would change a query pasted as text; each must stay one literal
PAYLOADS = {
    "quote-brace-insert": 'x" } ; INSERT DATA { <urn:a> <urn:b> "c" } #',
    "drop-all": '" } } DROP ALL ; #',
    "hash": "# } DROP ALL",
    "newline-insert": 'x"\n} INSERT DATA { <urn:a> <urn:b> "c" }\n#',
    "triple-double-quote": '""" } INSERT DATA { <urn:a> <urn:b> "c" } """',
    "triple-single-quote": "''' } DROP ALL ; '''",
    "backslash-quote": 'x\\" } DROP ALL #',
    "trailing-backslash": "ends with \\",
    "angle-brackets": "<urn:a> } > INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "unicode-escape": '\\u0022 } INSERT DATA { <urn:a> <urn:b> "c" } #',
    "language-tag": 'x"@en',
    "datatype": '1"^^<http://www.w3.org/2001/XMLSchema#integer>',
    "variables": "?value $value ?heading",
    "crlf-tab": "a\r\n\tb",
    "line-separators": "a\u2028b\u2029c",
    "service": 'x" } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #',
    "html": '<script>alert(1)</script> "onload=x </textarea>',
}
#: the payloads that fit on one line, used as article headings ("Article N - HEADING")
HEADINGS = {k: v for k, v in PAYLOADS.items() if not set(v) & set("\r\n\t\u2028\u2029")}
PLAIN = "Plain heading"
TITLE = 'AGREEMENT ON """X""" } INSERT DATA # AND \\ DROP ALL'
INSERTED = 'ASK { { <urn:a> ?p ?o } UNION { GRAPH ?g { <urn:a> ?p ?o } } }'

#: an IRI parameter holding any of these is refused before anything is run or sent
BAD_IRIS = {
    "gt-then-update": "urn:x> } DROP ALL #",
    "space": "https://w3id.org/treaty-kg/id/org/council of europe",
    "bracketed-space": "<urn:a b>",
    "newline-in-brackets": "<urn:x\n>",
    "newline-update": "urn:x\n} INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "quote": 'urn:x"',
    "braces": "urn:{x}",
    "bad-percent": "http://example.org/%zz",
    "no-scheme": "council-of-europe",
    "control": "urn:x\x01y",
}


def document() -> str:
    lines = [TITLE, "", "The Parties,", "Have agreed as follows:", "", f"Article 1 - {PLAIN}",
             "The Parties shall cooperate."]
    for n, heading in enumerate(HEADINGS.values(), start=2):
        lines += ["", f"Article {n} - {heading}", f"The Parties shall read article {n}."]
    return "\n".join(lines) + "\n"


@dataclass
class Built:
    store: Path
    trig: Path
    queries: Path
    fingerprint: tuple[int, list[str], str]
    trig_bytes: bytes
    headings: dict[str, str]  # heading -> provision IRI, as the pipeline made them


def fingerprint(store: Path) -> tuple[int, list[str], str]:
    """Size, named graphs and a hash of the sorted quads of a store, read without writing."""
    with Store.open(store, read_only=True) as st:
        lines = sorted(st.dump().decode("utf-8").splitlines())
        return len(st), st.graphs(), hashlib.sha256("\n".join(lines).encode()).hexdigest()


@pytest.fixture(autouse=True)
def _no_proxies_or_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                "TREATY_KG_USER", "TREATY_KG_PASSWORD"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("injection")
    source = folder / "hostile.txt"
    source.write_text(document(), encoding="utf-8")
    store, trig = folder / "store", folder / "hostile.trig"
    assert main(["build", str(source), "-o", str(trig), "--store", str(store), "-q", "-j", "1"]) == 0
    queries = folder / "queries"
    queries.mkdir()
    # a parameter in the projection is an Oxigraph substitution and a VALUES block; one outside it, the block alone
    (queries / "echo-projected.rq").write_text("# title: echo\n# param: value string -- any text\n"
                                               "SELECT ?value WHERE { }\n", encoding="utf-8")
    (queries / "echo-values.rq").write_text("# title: echo\n# param: value string -- any text\n"
                                            "SELECT ?out WHERE { BIND(STR(?value) AS ?out) }\n", encoding="utf-8")
    (queries / "by-heading.rq").write_text(
        "# title: provisions by heading\n# param: heading string -- the heading\n"
        "PREFIX tkg: <https://w3id.org/treaty-kg/ontology#>\n"
        "SELECT ?provision WHERE { ?provision tkg:heading ?h FILTER(STR(?h) = ?heading) }\n", encoding="utf-8")
    db = ox.Store()
    db.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    headings = {s["h"].value: s["p"].value for s in db.query(
        f"SELECT ?p ?h WHERE {{ GRAPH ?g {{ ?p <{TKG}heading> ?h }} }}")}
    return Built(store, trig, queries, fingerprint(store), trig.read_bytes(), headings)


@pytest.fixture(scope="module")
def endpoint(built: Built) -> Iterator[str]:
    store = Store.open(built.store, read_only=True)
    server = make_server(store, port=0, max_rows=20, timeout=10)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        store.close()


TARGETS = ("store", "graph", "endpoint")


def target_args(target: str, built: Built, endpoint: str) -> list[str]:
    return {"store": ["--store", str(built.store)], "graph": ["--graph", str(built.trig)],
            "endpoint": ["--endpoint", endpoint]}[target]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``treaty-kg ARGS`` in this process: exit status, stdout, and stderr without the endpoint's own log."""
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, "".join(line for line in err.splitlines(keepends=True) if not line.startswith("serve: "))


def json_values(out: str, var: str) -> list[str]:
    return [b[var]["value"] for b in json.loads(out)["results"]["bindings"]]


@pytest.mark.parametrize("module", ["kg.query", "kg.serve"])
def test_module_doctests(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0


def test_the_document_holds_every_payload(built: Built) -> None:
    """The pipeline kept each heading as written (else the tests below would prove less than they say)."""
    assert set(built.headings) == {PLAIN, *HEADINGS.values()}
    assert all(iri.startswith(ID + "treaty/") for iri in built.headings.values())


# -- a parameter is a term ---------------------------------------------------------------------------


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("query", ["echo-projected", "echo-values"])
@pytest.mark.parametrize("payload", list(PAYLOADS), ids=list(PAYLOADS))
def test_a_value_comes_back_exactly(built: Built, endpoint: str, capsys: pytest.CaptureFixture[str], target: str,
                                    query: str, payload: str) -> None:
    value = PAYLOADS[payload]
    code, out, err = run_cli(capsys, "query", str(built.queries / f"{query}.rq"), "--param", f"value={value}",
                             "--format", "json", *target_args(target, built, endpoint))
    assert (code, err) == (0, ""), err
    assert json_values(out, "value" if query == "echo-projected" else "out") == [value]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("heading", [PLAIN, *HEADINGS.values()], ids=["plain", *HEADINGS])
def test_a_value_finds_what_a_plain_value_finds(built: Built, endpoint: str, capsys: pytest.CaptureFixture[str],
                                                target: str, heading: str) -> None:
    """Each heading finds its one provision, the hostile ones exactly as the plain one does."""
    code, out, err = run_cli(capsys, "query", str(built.queries / "by-heading.rq"), "--param", f"heading={heading}",
                             "--format", "json", *target_args(target, built, endpoint))
    assert (code, err) == (0, ""), err
    assert json_values(out, "provision") == [built.headings[heading]]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("payload", list(PAYLOADS), ids=list(PAYLOADS))
def test_a_library_query_by_name_writes_nothing(built: Built, endpoint: str, capsys: pytest.CaptureFixture[str],
                                                target: str, payload: str) -> None:
    """``treaty-kg query entities-by-name --param name=PAYLOAD``: no such name, so no row and exit 1, as for
    any plain unknown name; the store, the file and the endpoint's store are as they were built."""
    args = target_args(target, built, endpoint)
    plain = run_cli(capsys, "query", "entities-by-name", "--param", "name=no such name", "--format", "csv", *args)
    hostile = run_cli(capsys, "query", "entities-by-name", "--param", f"name={PAYLOADS[payload]}", "--format", "csv",
                      *args)
    assert plain == hostile == (1, "name,entity,property,matched\r\n", "")
    code, out, _ = run_cli(capsys, "query", "-e", INSERTED, "--format", "json", *args)
    assert json.loads(out)["boolean"] is False
    assert fingerprint(built.store) == built.fingerprint
    assert built.trig.read_bytes() == built.trig_bytes


@pytest.mark.parametrize("target", TARGETS)
def test_a_hostile_title_is_found_by_name(built: Built, endpoint: str, capsys: pytest.CaptureFixture[str],
                                          target: str) -> None:
    """The treaty's label, as the pipeline made it from a title full of quotes, braces, ``#`` and ``\\``."""
    db = ox.Store()
    db.bulk_load(path=str(built.trig), format=ox.RdfFormat.TRIG)
    label, treaty = next((s["l"].value, s["t"].value) for s in db.query(
        f"SELECT ?t ?l WHERE {{ GRAPH ?g {{ ?t a <{TKG}Treaty> ; <{RDFS_LABEL}> ?l }} }}"))
    assert '"""' in label and set('}#\\') <= set(label) and "DROP ALL" in label.upper(), label
    code, out, err = run_cli(capsys, "query", "entities-by-name", "--param", f"name={label}", "--format", "json",
                             *target_args(target, built, endpoint))
    assert (code, err) == (0, ""), err
    assert set(json_values(out, "entity")) == {treaty}
    assert set(json_values(out, "name")) == {label}


@pytest.fixture(scope="module")
def dataset(built: Built) -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(built.trig, format="trig")
    return ds


@pytest.mark.parametrize("payload", list(PAYLOADS), ids=list(PAYLOADS))
def test_rdflib_engine_binds_terms_too(built: Built, dataset: Dataset, payload: str) -> None:
    ds = dataset
    before = len(ds)
    for name, var in (("echo-projected", "value"), ("echo-values", "out")):
        q = load_query(str(built.queries / f"{name}.rq"))
        rows = run_rdflib(ds, q, bind(q, {"value": PAYLOADS[payload]})).rows
        assert [str(r[0]) for r in rows] == [PAYLOADS[payload]], (name, var)
    q = load_query(str(built.queries / "by-heading.rq"))
    if payload in HEADINGS:
        rows = run_rdflib(ds, q, bind(q, {"heading": PAYLOADS[payload]})).rows
        assert rows == [(URIRef(built.headings[PAYLOADS[payload]]),)]
    assert len(ds) == before
    assert not ds.query(INSERTED).askAnswer


def test_the_console_script_passes_a_payload_as_it_is(built: Built, endpoint: str) -> None:
    """The installed command (argv from the operating system, not a Python list) on all three targets."""
    value = PAYLOADS["newline-insert"]
    for target in TARGETS:
        proc = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(built.queries / "echo-values.rq"),
                               "--param", f"value={value}", "--format", "json",
                               *target_args(target, built, endpoint)],
                              capture_output=True, text=True, cwd=ROOT, timeout=60,
                              env={**_child_env(), "NO_PROXY": "127.0.0.1"})
        assert proc.returncode == 0, proc.stderr
        assert json_values(proc.stdout, "out") == [value]
    assert fingerprint(built.store) == built.fingerprint


def _child_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}


# -- an IRI parameter is checked, never pasted --------------------------------------------------------


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("value", list(BAD_IRIS.values()), ids=list(BAD_IRIS))
def test_a_bad_iri_parameter_is_refused_with_a_clear_message(built: Built, endpoint: str,
                                                            capsys: pytest.CaptureFixture[str], target: str,
                                                            value: str) -> None:
    capsys.readouterr()
    code = main(["query", "mentions-of-entity", "--param", f"entity={value}",
                 *target_args(target, built, endpoint)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith(f"treaty-kg: parameter entity: not an IRI: {value!r}"), err
    assert "serve: " not in err  # nothing reached the endpoint
    assert "Traceback" not in err


def test_iri_parameters_that_are_iris_still_work(built: Built, capsys: pytest.CaptureFixture[str]) -> None:
    iri = next(iter(built.headings.values()))
    for value in (iri, f"<{iri}>", f"  {iri}\n"):
        code, out, err = run_cli(capsys, "query", "article-in-every-language", "--param", f"article={value}",
                                 "--store", str(built.store), "--format", "json")
        assert (code, err) == (0, ""), err
        assert json.loads(out)["results"]["bindings"]


def test_text_that_is_not_utf8_is_refused_not_a_traceback(built: Built) -> None:
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "query", "entities-by-name", "--param",
                           b"name=caf\xe9".decode("utf-8", "surrogateescape"), "--store", str(built.store)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith("treaty-kg: parameter name: not UTF-8 text") and "Traceback" not in proc.stderr
    with pytest.raises(QueryError, match="not UTF-8"):
        q = parse_query("# param: s string -- text\nSELECT ?s WHERE {}", "q")
        bind(q, {"s": "caf\udce9"})


# -- the endpoint is read-only -------------------------------------------------------------------------

INSERT = 'INSERT DATA { <urn:a> <urn:b> "c" }'
DROP = "DROP ALL"


def request(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
            method: str | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=15) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
UPDATES = {
    # (how it is sent) -> (method, path and query string, body, headers, status)
    "form-update": ("POST", "", form(update=INSERT), FORM, 403),
    "form-update-drop": ("POST", "", form(update=DROP), FORM, 403),
    "form-query-and-update": ("POST", "", form(query="ASK {}", update=INSERT), FORM, 403),
    "form-charset": ("POST", "", form(update=INSERT), {"Content-Type": FORM["Content-Type"] + "; charset=UTF-8"}, 403),
    "sparql-update": ("POST", "", INSERT.encode(), {"Content-Type": "application/sparql-update"}, 403),
    "sparql-update-charset": ("POST", "", DROP.encode(), {"Content-Type": "application/sparql-update; charset=utf-8"},
                              403),
    "sparql-update-upper-case": ("POST", "", INSERT.encode(), {"Content-Type": "Application/SPARQL-Update"}, 403),
    "get-update": ("GET", "?" + urllib.parse.urlencode({"update": INSERT}), None, {}, 403),
    "post-url-update": ("POST", "?" + urllib.parse.urlencode({"update": DROP}), form(query="ASK {}"), FORM, 403),
    "put": ("PUT", "?default", b'<urn:a> <urn:b> "c" .\n', {"Content-Type": "application/n-triples"}, 403),
    "delete": ("DELETE", "?default", None, {}, 403),
    # an update sent as a query is not a query: the SPARQL 1.1 Protocol's answer is 400 (malformed query)
    "get-query-insert": ("GET", "?" + urllib.parse.urlencode({"query": INSERT}), None, {}, 400),
    "get-query-drop": ("GET", "?" + urllib.parse.urlencode({"query": DROP}), None, {}, 400),
    "get-query-then-insert": ("GET", "?" + urllib.parse.urlencode({"query": "ASK {} ; " + INSERT}), None, {}, 400),
    "form-query-insert": ("POST", "", form(query=INSERT), FORM, 400),
    "sparql-query-insert": ("POST", "", INSERT.encode(), {"Content-Type": "application/sparql-query"}, 400),
    "text-plain-insert": ("POST", "", INSERT.encode(), {"Content-Type": "text/plain"}, 400),
}


@pytest.mark.parametrize("how", list(UPDATES))
def test_updates_are_refused_however_sent(built: Built, endpoint: str, how: str) -> None:
    method, tail, body, headers, status = UPDATES[how]
    code, text = request(endpoint + tail, data=body, headers=headers, method=method)
    assert code == status, text
    assert text.strip()  # says why
    assert request(endpoint + "?" + urllib.parse.urlencode({"query": INSERTED}))[1].count('"boolean": false') == 1
    assert fingerprint(built.store) == built.fingerprint


def test_request_bodies_are_bounded(endpoint: str) -> None:
    host, port = urllib.parse.urlsplit(endpoint).netloc.split(":")
    for length, status in (("2000000", b"413"), ("-1", b"400"), ("many", b"400")):
        with socket.create_connection((host, int(port)), timeout=10) as conn:
            conn.sendall(f"POST /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n"
                         f"Content-Length: {length}\r\n\r\nASK {{}}".encode())
            reply = conn.recv(4096)  # answered at once, without waiting for a body that never comes
        assert reply.split(b" ")[1] == status, reply


# -- SERVICE, however spelt, is refused and fetches nothing ------------------------------------------------


@pytest.fixture()
def listener() -> Iterator[tuple[socket.socket, str]]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.settimeout(0.2)
        yield sock, f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"


SERVICES = {
    "spaced": "SELECT * WHERE {{ SERVICE <{t}> {{ ?s ?p ?o }} }}",
    "no-space": "SELECT * WHERE {{ SERVICE<{t}> {{ ?s ?p ?o }} }}",
    "comment-between": "SELECT * WHERE {{ SERVICE#x\n<{t}> {{ ?s ?p ?o }} }}",
    "tab-silent": "SELECT * WHERE {{ service\tsilent<{t}> {{ ?s ?p ?o }} }}",
    "variable": "SELECT * WHERE {{ BIND(<{t}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    "prefixed": "PREFIX e: <{t}/>\nSELECT * WHERE {{ SERVICE e:x {{ ?s ?p ?o }} }}",
    "relative-to-base": "BASE <{t}>\nSELECT * WHERE {{ SERVICE <> {{ ?s ?p ?o }} }}",
    "unicode-escape": "SELECT * WHERE {{ \\u0053ERVICE <{t}> {{ ?s ?p ?o }} }}",
    "after-a-string": 'SELECT * WHERE {{ BIND("a \\" b" AS ?x) SERVICE <{t}> {{ ?s ?p ?o }} }}',
    "after-less-than": "SELECT * WHERE {{ ?s ?p ?o FILTER(?o<?s) SERVICE<{t}>{{ ?a ?b ?c }} }}",
}


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("how", list(SERVICES))
def test_service_is_refused_however_spelt(endpoint: str, listener: tuple[socket.socket, str], how: str,
                                          method: str) -> None:
    sock, target = listener
    query = SERVICES[how].format(t=target)
    if method == "GET":
        code, text = request(endpoint + "?" + urllib.parse.urlencode({"query": query}))
    else:
        code, text = request(endpoint, data=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert code in (400, 403), text
    if how != "unicode-escape":  # Oxigraph does not read \u escapes outside strings: a syntax error, or refused
        assert code == 403 and "SERVICE" in text
    with pytest.raises(TimeoutError):
        sock.accept()


@pytest.mark.parametrize("query", [
    'SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), "SERVICE <http://127.0.0.1:9/>")) }',
    "SELECT ?s WHERE { ?s <http://example.org/SERVICE> ?o }",
    "# a SERVICE <http://127.0.0.1:9/> { } in a comment\nSELECT ?SERVICE WHERE { ?SERVICE ?p ?o } LIMIT 1",
    "PREFIX service: <http://example.org/>\nSELECT ?s WHERE { ?s service:x ?o }",
], ids=["literal", "iri", "comment-and-variable", "prefix"])
def test_the_word_service_elsewhere_is_fine(endpoint: str, query: str) -> None:
    code, text = request(endpoint + "?" + urllib.parse.urlencode({"query": query}))
    assert code == 200, text


# -- time and size bounds ----------------------------------------------------------------------------------


def test_rows_and_triples_are_bounded(endpoint: str) -> None:
    cross = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }"  # some 15 000 rows
    code, text = request(endpoint + "?" + urllib.parse.urlencode({"query": cross}))
    assert code == 200 and len(json.loads(text)["results"]["bindings"]) == 20
    construct = "CONSTRUCT { ?s ?p ?c } WHERE { ?s ?p ?o . ?a ?b ?c }"
    code, text = request(endpoint + "?" + urllib.parse.urlencode({"query": construct}),
                         headers={"Accept": "text/turtle"})
    assert code == 200
    assert 0 < len(list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))) <= 20


def test_an_expensive_query_gets_503_in_time(built: Built) -> None:
    store = Store.open(built.store, read_only=True)
    server = make_server(store, port=0, max_rows=20, timeout=0.5)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    # counting the store joined with itself 200 times over (some 25 million rows) takes seconds, not 0.5 s
    values = " ".join(str(k) for k in range(200))
    slow = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f VALUES ?k {{ {values} }} }}"
    try:
        t0 = time.monotonic()
        code, text = request(url + "?" + urllib.parse.urlencode({"query": slow}))
        elapsed = time.monotonic() - t0
        assert code == 503 and "longer than 0.5 s" in text
        assert elapsed < 0.5 + 4.0  # the time-out, and a generous margin
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        store.close()  # the abandoned count ran in a worker process, which was killed at the deadline


def test_a_result_cut_short_by_the_deadline_is_never_sent_as_whole(built: Built) -> None:
    """Rows read before the deadline are not an answer: a query still running at it is 503, never a 200 with
    part of its rows (which a client could not tell from the whole result)."""
    from kg.serve import TimedOut, _run_bounded

    with Store.open(built.store, read_only=True) as store:
        with pytest.raises(TimedOut):
            _run_bounded(store, "SELECT * WHERE { ?s ?p ?o }", 10**6, time.monotonic() - 1)
        whole = _run_bounded(store, "SELECT * WHERE { ?s ?p ?o }", 10**6, time.monotonic() + 60)
        assert len(whole.rows) == len(list(store.db.query("SELECT * WHERE { ?s ?p ?o }",
                                                          use_default_graph_as_union=True)))
        assert len(_run_bounded(store, "SELECT * WHERE { ?s ?p ?o }", 7, time.monotonic() + 60).rows) == 7


def test_parameters_sent_to_an_endpoint_are_terms(built: Built, endpoint: str) -> None:
    """The library call under ``--endpoint``: the VALUES block holds the payload as one literal."""
    from kg.query import run_endpoint

    q = parse_query("# param: value string -- text\nSELECT ?out WHERE { BIND(?value AS ?out) }", "echo")
    for value in PAYLOADS.values():
        assert run_endpoint(endpoint, q, bind(q, {"value": value}), timeout=10).rows == [(Literal(value),)]
    assert fingerprint(built.store) == built.fingerprint
