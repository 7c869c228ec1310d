"""The read-only SPARQL endpoint (``kg.serve``, ``treaty-kg serve``) over a store built from the seed corpus.

Servers run on 127.0.0.1 only, started and stopped by the tests (``shutdown()`` for the one in a thread,
the process id for the CLI's).
"""

from __future__ import annotations

import json
import os
import select
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
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.query import parse_query, result_from_json, run_store
from kg.serve import make_server
from kg.store import Store

from .conftest import CORPUS, ROOT, stop_process

MAX_ROWS = 50
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
TYPES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s a ?p } GROUP BY ?p"  # fewer rows than MAX_ROWS
LABELS = 'SELECT ?s ?label WHERE { ?s a tkg:State ; rdfs:label ?label FILTER(LANG(?label) = "en") }'
CONSTRUCT = "CONSTRUCT { ?organ tkg:organOf ?org } WHERE { ?organ tkg:organOf ?org }"
INSERT = 'INSERT DATA { <urn:a> <urn:b> "c" }'


@dataclass
class Endpoint:
    url: str
    store: Store


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("serve")
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(CORPUS), "-o", str(tmp / "seeds.trig"),
                           "--store", str(tmp / "store"), "-q"], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return tmp / "store"


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(key, raising=False)
    for key in ("TREATY_KG_USER", "TREATY_KG_PASSWORD"):
        monkeypatch.delenv(key, raising=False)


@pytest.fixture(scope="module")
def endpoint(store_dir: Path) -> Iterator[Endpoint]:
    store = Store.open(store_dir, read_only=True)
    server = make_server(store, port=0, max_rows=MAX_ROWS, timeout=10)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Endpoint(f"http://127.0.0.1:{server.server_address[1]}/sparql", store)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        store.close()


def wrapper(url: str, query: str, method: str = "GET", fmt: str = JSON) -> SPARQLWrapper:
    sw = SPARQLWrapper(url)
    sw.setTimeout(10)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method == "POST":
        sw.setMethod(POST)  # a form: query=...
    elif method == "POSTDIRECTLY":
        sw.setMethod(POST)
        sw.setRequestMethod(POSTDIRECTLY)  # the body is the query, application/sparql-query
    return sw


def answer(url: str, query: str, method: str = "GET") -> dict[str, Any]:
    """The W3C JSON results of a SELECT or ASK, through SPARQLWrapper."""
    doc = wrapper(url, query, method).query().convert()
    assert isinstance(doc, dict)
    return doc


def request(url: str, *, data: bytes | None = None, ctype: str | None = None,
            method: str | None = None) -> tuple[int, str, str]:
    """Status, content type and body of one request; an HTTP error status is returned, not raised."""
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": ctype} if ctype else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode("utf-8")


def local_rows(store: Store, query: str) -> set[tuple[object, ...]]:
    return set(run_store(store.db, parse_query(query, "q"), {}).rows)


def size(ep: Endpoint) -> tuple[int, int]:
    """Triples in the store, and as the endpoint counts them."""
    doc = answer(ep.url, "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
    return len(ep.store), int(doc["results"]["bindings"][0]["n"]["value"])


# -- queries over the SPARQL 1.1 Protocol ----------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
def test_select_answers_w3c_json(endpoint: Endpoint, method: str) -> None:
    res = wrapper(endpoint.url, TYPES, method).query()
    assert res.response.headers["Content-Type"].startswith("application/sparql-results+json")
    doc = res.convert()
    assert isinstance(doc, dict)
    assert doc["head"]["vars"] == ["p", "n"]
    bindings = doc["results"]["bindings"]
    assert bindings and all(b["p"]["type"] == "uri" for b in bindings)
    assert all(b["n"]["type"] == "literal" and b["n"]["datatype"] == str(XSD_INTEGER) for b in bindings)
    assert set(result_from_json(doc).rows) == local_rows(endpoint.store, TYPES)
    assert len(bindings) < MAX_ROWS


def test_language_tags_in_json(endpoint: Endpoint) -> None:
    doc = answer(endpoint.url, LABELS)
    cells = [b["label"] for b in doc["results"]["bindings"]]
    assert cells and all(c["type"] == "literal" and c["xml:lang"] == "en" and "datatype" not in c for c in cells)
    assert Literal("Portugal", lang="en") in {r[1] for r in result_from_json(doc).rows}  # type: ignore[arg-type]


def test_ask_answers_a_boolean(endpoint: Endpoint) -> None:
    assert answer(endpoint.url, "ASK { ?s tkg:organOf ?o }") == {"head": {}, "boolean": True}
    assert answer(endpoint.url, "ASK { <urn:nothing> ?p ?o }", "POST") == {
        "head": {}, "boolean": False}


def test_construct_answers_turtle(endpoint: Endpoint) -> None:
    res = wrapper(endpoint.url, CONSTRUCT, fmt=TURTLE).query()
    assert res.response.headers["Content-Type"].startswith("text/turtle")
    data = res.convert()
    assert isinstance(data, bytes | str)
    g = Graph().parse(data=data, format="turtle")
    local = Graph()
    for t in run_store(endpoint.store.db, parse_query(CONSTRUCT, "c"), {}).triples:
        local.add(t)
    assert len(g) and isomorphic(g, local)


def test_max_rows_bounds_a_huge_select(endpoint: Endpoint) -> None:
    # a cross join of the store with itself: some 230 million rows, of which MAX_ROWS are read and sent
    t0 = time.monotonic()
    doc = answer(endpoint.url, "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }")
    assert len(doc["results"]["bindings"]) == MAX_ROWS
    assert time.monotonic() - t0 < 5
    doc = answer(endpoint.url, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", "POST")
    assert len(doc["results"]["bindings"]) == 3


def test_errors_are_http_statuses(endpoint: Endpoint) -> None:
    base = endpoint.url.rsplit("/", 1)[0]
    assert request(f"{base}/query?query=ASK%20%7B%7D")[0] == 404
    assert request(endpoint.url)[0] == 400  # no query
    code, _, body = request(endpoint.url + "?" + urllib.parse.urlencode({"query": "SELECT WHERE {"}))
    assert code == 400 and body.strip()
    with pytest.raises(SPARQLWrapperException):
        wrapper(endpoint.url, "SELECT ?s WHERE { ?s ").query()


def test_a_query_over_time_gets_503(store_dir: Path) -> None:
    store = Store.open(store_dir, read_only=True)
    server = make_server(store, port=0, max_rows=MAX_ROWS, timeout=0.3)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        # counting a 15-million-row join takes a couple of seconds: longer than the 0.3 s allowed
        slow = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a ?t } GRAPH ?h { ?x a ?y } }"
        t0 = time.monotonic()
        code, _, body = request(url + "?" + urllib.parse.urlencode({"query": slow}))
        assert code == 503 and "longer than" in body
        assert time.monotonic() - t0 < 2
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        store.close()


def test_a_query_over_time_is_stopped_not_left_running(store_dir: Path) -> None:
    """Oxigraph cannot be interrupted inside an aggregate: the worker process running it is killed at the
    deadline and a fresh one takes its place, so the abandoned count does not go on using a core."""
    store = Store.open(store_dir, read_only=True)
    server = make_server(store, port=0, max_rows=MAX_ROWS, timeout=0.3, workers=1)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    pool = server.pool  # type: ignore[attr-defined]
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        [before] = pool.pids()
        slow = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a ?t } GRAPH ?h { ?x a ?y } }"
        code, _, body = request(url + "?" + urllib.parse.urlencode({"query": slow}))
        assert code == 503 and "longer than" in body
        with pytest.raises(ProcessLookupError):  # killed at once, not when its count ends
            os.kill(before, 0)
        # the endpoint still answers, from the worker that replaced it
        quick = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/treaty-kg/ontology#Treaty> }"
        code, _, body = request(url + "?" + urllib.parse.urlencode({"query": quick}))
        assert code == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0
        [after] = pool.pids()
        assert after != before
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        store.close()
    assert not pool.pids(), "closing the server stops its workers"


# -- the endpoint is read-only ---------------------------------------------------------------------


def test_updates_are_refused_and_change_nothing(endpoint: Endpoint) -> None:
    before = size(endpoint)
    form = urllib.parse.urlencode({"update": INSERT}).encode()
    assert request(endpoint.url, data=INSERT.encode(), ctype="application/sparql-update")[0] == 403
    assert request(endpoint.url, data=form, ctype="application/x-www-form-urlencoded")[0] == 403
    assert request(endpoint.url + "?" + urllib.parse.urlencode({"update": INSERT}))[0] == 403
    # an update sent as a query is not a query
    assert request(endpoint.url + "?" + urllib.parse.urlencode({"query": INSERT}))[0] == 400
    assert request(endpoint.url, data=INSERT.encode(), ctype="application/sparql-query")[0] == 400
    # Graph Store verbs
    assert request(endpoint.url + "?default", data=b'<urn:a> <urn:b> "c" .\n', ctype="application/n-triples",
                   method="PUT")[0] == 403
    assert request(endpoint.url + "?default", method="DELETE")[0] == 403
    # SPARQLWrapper's own update path
    sw = SPARQLWrapper(endpoint.url)
    sw.setTimeout(10)
    sw.setMethod(POST)
    sw.setQuery(INSERT)
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)):
        sw.query()
    assert size(endpoint) == before
    ask = 'ASK { { <urn:a> ?p ?o } UNION { GRAPH ?g { <urn:a> ?p ?o } } }'
    assert answer(endpoint.url, ask)["boolean"] is False


def test_service_is_refused_and_nothing_is_fetched(endpoint: Endpoint) -> None:
    """A SERVICE clause would make the endpoint a proxy to any URL (the endpoint allows any origin)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        for query in (f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
                      f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
                      f"SELECT * WHERE {{ BIND(<{target}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}"):
            code, _, body = request(endpoint.url + "?" + urllib.parse.urlencode({"query": query}))
            assert code == 403 and "SERVICE" in body
        listener.settimeout(0.3)
        with pytest.raises(TimeoutError):
            listener.accept()
    # the word in a literal is not a SERVICE clause
    doc = answer(endpoint.url, 'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, "service of")) }')
    assert "results" in doc


# -- the command -----------------------------------------------------------------------------------


def test_serve_command(store_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", "0", "--store", str(store_dir),
                             "--max-rows", "7"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            cwd=ROOT, env=env)
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], 10)
        assert ready, "treaty-kg serve printed nothing within 10 s"
        line = proc.stdout.readline()
        url = json.loads(line)["endpoint"]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/sparql") and not url.endswith(":0/sparql")
        doc = answer(url, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
        assert doc["head"]["vars"] == ["s", "p", "o"]
        assert len(doc["results"]["bindings"]) == 7
        assert proc.poll() is None
    finally:
        stop_process(proc)
