"""Pushing to and querying a remote store: a real Oxigraph server on 127.0.0.1, and fake ones that fail.

Every server is started by the test and stopped by it (by process id, or ``shutdown()`` for the ones in a
thread); nothing talks to anything but 127.0.0.1. The seed corpus is built once into a local store.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Identifier

from kg.query import QueryError, Result, bind, library, load_query, parse_query, run_endpoint, run_store
from kg.remote import credentials, push
from kg.store import Store

from .conftest import CORPUS, ROOT, stop_process

USER, PASSWORD = "alice", "s3cr3t-p4ss"
INJECTION = 'x" } ; INSERT DATA { <urn:a> <urn:b> "c" } #'
CREDENTIAL_VARS = ("TREATY_KG_USER", "TREATY_KG_PASSWORD")
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


# -- helpers --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a CLI child: no credentials or proxies of the caller, HOME without a .netrc."""
    env = {k: v for k, v in os.environ.items() if k not in CREDENTIAL_VARS + PROXY_VARS}
    env.update(HOME=str(home), NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", **extra)
    return env


def cli(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=timeout)


def fingerprint(store_dir: Path) -> tuple[int, list[str], str]:
    """Size, named graphs and a hash of the sorted quads of a store, read without writing."""
    with Store.open(store_dir, read_only=True) as st:
        lines = sorted(st.dump().decode("utf-8").splitlines())
        return len(st), st.graphs(), hashlib.sha256("\n".join(lines).encode()).hexdigest()


# a parameter is projected: the embedded store substitutes it (and binds it in a VALUES block too)
COUNT_IN_GRAPH = parse_query("# param: g IRI -- a named graph\n"
                             "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", "count-in-graph")
GRAPHS = parse_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "graphs")


def remote_counts(query_url: str, graphs: list[str]) -> dict[str, int]:
    out = {}
    for g in graphs:
        res = run_endpoint(query_url, COUNT_IN_GRAPH, bind(COUNT_IN_GRAPH, {"g": g}), timeout=10)
        out[g] = int(res.rows[0][1]) if res.rows else 0  # type: ignore[arg-type]
    return out


def local_counts(store_dir: Path) -> dict[str, int]:
    with Store.open(store_dir, read_only=True) as st:
        return {g: int(run_store(st.db, COUNT_IN_GRAPH, bind(COUNT_IN_GRAPH, {"g": g})).rows[0][1])  # type: ignore[arg-type]
                for g in st.graphs()}


def default_graph_size(base: str) -> int:
    """Triples in the server's real default graph, read with the Graph Store Protocol (no union involved)."""
    with urllib.request.urlopen(f"{base}/store?default", timeout=10) as resp:
        return sum(1 for line in resp.read().decode("utf-8").splitlines() if line.strip())


# -- the local store and a real Oxigraph server ---------------------------------------------------


@dataclass
class Built:
    store: Path
    home: Path  # an empty HOME: no ~/.netrc of the developer's is read
    at_build: tuple[int, list[str], str]  # the store's fingerprint right after the build


@dataclass
class Server:
    base: str

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"


@pytest.fixture(autouse=True)
def _no_credentials_or_proxies(monkeypatch: pytest.MonkeyPatch, built: Built) -> None:
    for key in CREDENTIAL_VARS + PROXY_VARS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("HOME", str(built.home))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tmp = tmp_path_factory.mktemp("remote")
    home = tmp / "home"
    home.mkdir()
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(CORPUS), "-o", str(tmp / "seeds.trig"),
                           "--store", str(tmp / "store"), "-q"], capture_output=True, text=True, cwd=ROOT,
                          env=child_env(home), timeout=120)
    assert proc.returncode == 0, proc.stderr
    return Built(tmp / "store", home, fingerprint(tmp / "store"))


def _oxigraph() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return shutil.which("oxigraph") or (str(beside) if beside.exists() else None)


@pytest.fixture(scope="module")
def oxigraph() -> Iterator[Server]:
    exe = _oxigraph()
    if exe is None:
        pytest.skip("the oxigraph server binary (pip package 'oxigraph', in the test extras) is not installed")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([exe, "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            assert proc.poll() is None, "oxigraph serve exited at start"
            try:
                ask = urllib.parse.urlencode({"query": "ASK {}"})
                with urllib.request.urlopen(f"{base}/query?{ask}", timeout=1) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "oxigraph serve did not answer within 10 s"
            time.sleep(0.05)
        yield Server(base)
    finally:
        stop_process(proc)


@pytest.fixture(scope="module")
def synced(built: Built, oxigraph: Server) -> Server:
    """The server holding exactly the local store's named graphs (pushed in-process, without pauses)."""
    with Store.open(built.store, read_only=True) as st:
        report = push(st, oxigraph.store_url, timeout=10, retries=2, backoff=0.01)
    assert not report.failed
    return oxigraph


# -- 2. push replaces each named graph --------------------------------------------------------------


def test_push_replaces_each_named_graph(built: Built, oxigraph: Server) -> None:
    local = local_counts(built.store)
    assert len(local) >= 2 and all(local.values())
    env = child_env(built.home)

    proc = cli("push", "--endpoint", oxigraph.store_url, "--store", str(built.store), env=env)
    assert proc.returncode == 0, proc.stderr
    assert sorted(re.findall(r"^replaced (\S+)$", proc.stdout, re.M)) == sorted(local)
    assert remote_counts(oxigraph.query_url, list(local)) == local
    remote_graphs = {str(r[0]) for r in run_endpoint(oxigraph.query_url, GRAPHS, {}).rows}
    assert remote_graphs == set(local)

    # a stale triple in one graph on the server (Graph Store POST merges) is gone after the next push
    first = sorted(local)[0]
    stale = urllib.request.Request(f"{oxigraph.store_url}?graph={urllib.parse.quote(first, safe='')}",
                                   data=b'<urn:stale> <urn:p> "stale" .\n', method="POST",
                                   headers={"Content-Type": "application/n-triples"})
    with urllib.request.urlopen(stale, timeout=10) as resp:
        assert resp.status in (200, 201, 204)
    assert remote_counts(oxigraph.query_url, [first])[first] == local[first] + 1

    for _ in range(2):  # twice: replace, not append
        proc = cli("push", "--endpoint", oxigraph.store_url, "--store", str(built.store), env=env)
        assert proc.returncode == 0, proc.stderr
        assert remote_counts(oxigraph.query_url, list(local)) == local


# -- 3. the library gives the same rows remotely and locally -----------------------------------------

try:
    LIBRARY = sorted(library())
except OSError:  # no queries folder at all
    LIBRARY = []

#: inline queries, run in addition to the library (which may still be empty): they cover what the library
#: may not: an IRI parameter bound by VALUES, language tags, typed literals, ASK, CONSTRUCT, and a header
#: whose words ("describe", "created") once made the query be sent as a CONSTRUCT or as an update
INLINE = {
    "types": "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type",
    "labels": 'SELECT ?s ?label (LANG(?label) AS ?lang) WHERE { ?s rdfs:label ?label FILTER(LANG(?label) != "") }',
    "literals": "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && DATATYPE(?o) != rdf:langString) }",
    "optional": "SELECT ?org ?organ ?label WHERE { ?organ tkg:organOf ?org OPTIONAL { ?organ rdfs:label ?label } }",
    "graph-param": "# title: the triples of one graph\n"
                   "# param: g IRI = https://w3id.org/treaty-kg/id/source/registry -- a named graph\n"
                   "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
    "string-param": "# title: things with a label\n# param: name lang = Portugal@en -- a label\n"
                    "SELECT ?s ?name WHERE { ?s rdfs:label ?name }",
    "header-words": "# title: which documents describe organs\n"
                    "# answers: organs that were created, added or deleted; ask for a construct\n"
                    "# returns: rows\nSELECT (COUNT(*) AS ?n) WHERE { ?s tkg:organOf ?o }",
    "ask": "ASK { ?s tkg:organOf ?o }",
    "construct": "CONSTRUCT { ?organ tkg:organOf ?org ; rdfs:label ?l } "
                 "WHERE { ?organ tkg:organOf ?org OPTIONAL { ?organ rdfs:label ?l } }",
}
INLINE["rdf-prefixed"] = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n" + INLINE["literals"]
del INLINE["literals"]


def _norm(t: Identifier | None) -> Identifier | None:
    """One spelling per term. RDF 1.1 makes ``"x"`` and ``"x"^^xsd:string`` the same literal, but rdflib
    compares them as different: the JSON results omit the datatype, the embedded store may or may not give it.
    Blank node labels are local to each store (the push copies them as new nodes), so they are all one here."""
    if isinstance(t, BNode):
        return BNode("b")
    if isinstance(t, Literal) and not t.language and t.datatype == XSD_STRING:
        return Literal(str(t))
    return t


def _graph(result: Result) -> Graph:
    g = Graph()
    for s, p, o in result.triples:
        g.add((s, p, _norm(o)))  # type: ignore[arg-type]
    return g


def _same(query_text: str, remote: Result, local: Result) -> None:
    assert remote.kind == local.kind
    if local.kind == "ask":
        assert remote.boolean == local.boolean
    elif local.kind == "graph":
        assert isomorphic(_graph(remote), _graph(local))
    else:
        assert remote.variables == local.variables
        rows_remote = Counter(tuple(map(_norm, r)) for r in remote.rows)
        rows_local = Counter(tuple(map(_norm, r)) for r in local.rows)
        if re.search(r"\bLIMIT\b", query_text, re.I) and not re.search(r"\bORDER\s+BY\b", query_text, re.I):
            # which rows a LIMIT keeps without an ORDER BY is up to each store's order: only the count is fixed
            assert sum(rows_remote.values()) == sum(rows_local.values())
        else:
            assert rows_remote == rows_local


@pytest.mark.parametrize("ref", [f"library:{n}" for n in LIBRARY] + [f"inline:{n}" for n in INLINE])
def test_every_query_gives_the_same_rows_remotely(ref: str, built: Built, synced: Server) -> None:
    source, name = ref.split(":", 1)
    query = load_query(name) if source == "library" else parse_query(INLINE[name], name)
    try:
        bindings = bind(query, {})
    except QueryError as exc:
        pytest.skip(f"{name} has a parameter without a default: {exc}")
    with Store.open(built.store, read_only=True) as st:
        local = run_store(st.db, query, bindings)
    remote = run_endpoint(synced.query_url, query, bindings, timeout=20)
    if source == "inline" and name != "ask":
        assert len(local), f"the inline query {name} should find something in the seed corpus"
    _same(query.text, remote, local)


# -- 4. parameters on a remote endpoint are terms, not text ------------------------------------------


def test_an_injection_attempt_is_one_literal_on_the_endpoint(built: Built, synced: Server) -> None:
    graphs = _graphs(built)
    before = (remote_counts(synced.query_url, graphs), default_graph_size(synced.base),
              run_endpoint(synced.query_url, parse_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "n"), {}).rows)
    label = parse_query("# param: name string -- a label\nSELECT ?s ?name WHERE { ?s rdfs:label ?name }", "by-label")
    assert run_endpoint(synced.query_url, label, bind(label, {"name": INJECTION})).rows == []
    echo = parse_query("# param: name string -- a value\nSELECT ?name WHERE { }", "echo")
    assert run_endpoint(synced.query_url, echo, bind(echo, {"name": INJECTION})).rows == [(Literal(INJECTION),)]
    # in an IRI parameter the same text is refused before anything is sent
    by_iri = parse_query("# param: s IRI -- a subject\nSELECT ?s ?p WHERE { ?s ?p ?o }", "by-iri")
    with pytest.raises(QueryError, match="not an IRI"):
        bind(by_iri, {"s": "urn:x> " + INJECTION})

    after = (remote_counts(synced.query_url, graphs), default_graph_size(synced.base),
             run_endpoint(synced.query_url, parse_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "n"), {}).rows)
    assert after == before
    ask = parse_query('ASK { { <urn:a> <urn:b> "c" } UNION { GRAPH ?g { <urn:a> <urn:b> "c" } } }', "ask")
    assert run_endpoint(synced.query_url, ask, {}).boolean is False


# -- 5. a dead endpoint ------------------------------------------------------------------------------


def test_a_dead_endpoint_is_a_clear_error_quickly(built: Built) -> None:
    before = fingerprint(built.store)
    url = f"http://127.0.0.1:{free_port()}/query"
    t0 = time.monotonic()
    proc = cli("query", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--endpoint", url, "--store", str(built.store),
               "--timeout", "5", env=child_env(built.home))
    elapsed = time.monotonic() - t0
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"treaty-kg: {url}: ") and "refused" in proc.stderr.lower()
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert elapsed < 10
    with pytest.raises(QueryError, match=re.escape(url)):
        run_endpoint(url, parse_query("ASK {}", "ask"), {}, timeout=5)
    assert fingerprint(built.store) == before


def test_a_silent_endpoint_times_out_even_below_one_second() -> None:
    with FakeServer("stall") as fake:
        t0 = time.monotonic()
        with pytest.raises(QueryError, match="timed out"):
            run_endpoint(f"{fake.url}/query", parse_query("ASK {}", "ask"), {}, timeout=0.5)
        elapsed = time.monotonic() - t0
    assert elapsed < 4  # the server holds the connection open for 5 s; a time-out of 0 s used to mean none


# -- 6. failing pushes: fake Graph Store endpoints ---------------------------------------------------


class FakeServer:
    """A Graph Store (and query) endpoint on 127.0.0.1 that misbehaves on purpose.

    ``flaky``: 500 to the first request for each graph, 204 afterwards; ``500``: always 500, with the
    credentials it received echoed in the reason phrase and body (a hostile or careless server);
    ``drop``: closes the connection without a reply; ``stall``: holds the connection for up to 5 s;
    ``401``: always 401.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.requests: list[tuple[str, str, str | None]] = []  # (method, graph, Authorization)
        self.lock = threading.Lock()
        self.release = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                graph = (urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("graph") or [""])[0]
                auth = self.headers.get("Authorization")
                with fake.lock:
                    seen = sum(1 for _, g, _ in fake.requests if g == graph)
                    fake.requests.append((self.command, graph, auth))
                if fake.mode == "drop":
                    self.close_connection = True
                    return
                if fake.mode == "stall":
                    fake.release.wait(5)
                    self.close_connection = True
                    return
                if fake.mode == "flaky" and seen > 0:
                    self.send_response(204)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                code = 401 if fake.mode == "401" else 500
                who = base64.b64decode(auth.split()[-1]).decode() if auth else "nobody"
                body = f"cannot store anything for {who}\n".encode()
                self.send_response(code, f"Server Error for {who}")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_PUT = do_GET = do_POST = _handle  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> FakeServer:
        self.thread.start()
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def per_graph(self) -> Counter[str]:
        return Counter(g for m, g, _ in self.requests if m == "PUT")


def _graphs(built: Built) -> list[str]:
    with Store.open(built.store, read_only=True) as st:
        return st.graphs()


def test_push_retries_a_failing_request_and_then_replaces(built: Built) -> None:
    graphs = _graphs(built)
    with FakeServer("flaky") as fake, Store.open(built.store, read_only=True) as st:
        report = push(st, f"{fake.url}/store", timeout=5, retries=2, backoff=0.01)
    assert report.replaced == graphs and report.failed == []
    assert fake.per_graph() == dict.fromkeys(graphs, 2)


def test_push_reports_each_graph_an_endpoint_refuses(built: Built) -> None:
    graphs = _graphs(built)
    with FakeServer("500") as fake:
        proc = cli("push", "--endpoint", f"{fake.url}/store", "--store", str(built.store), "--retries", "1",
                   env=child_env(built.home))
    assert proc.returncode == 1
    assert "replaced" not in proc.stdout
    failed = re.findall(r"^NOT replaced (\S+): HTTP 500\b", proc.stderr, re.M)
    assert sorted(failed) == graphs, proc.stderr
    assert fake.per_graph() == dict.fromkeys(graphs, 1)

    with FakeServer("500") as fake, Store.open(built.store, read_only=True) as st:
        t0 = time.monotonic()
        report = push(st, f"{fake.url}/store", timeout=5, retries=3, backoff=0.01)
        elapsed = time.monotonic() - t0
    assert report.replaced == [] and [g for g, _ in report.failed] == graphs
    assert all(why.startswith("HTTP 500") for _, why in report.failed)
    assert fake.per_graph() == dict.fromkeys(graphs, 3)  # retries=3: three attempts each, no more
    assert elapsed < 5


@pytest.mark.parametrize("mode, expected", [("drop", "RemoteDisconnected"), ("stall", "timed out"),
                                            ("401", "HTTP 401")])
def test_push_reports_a_broken_connection_within_bounds(built: Built, mode: str, expected: str) -> None:
    graphs = _graphs(built)
    retries = 1 if mode == "stall" else 3
    with FakeServer(mode) as fake, Store.open(built.store, read_only=True) as st:
        t0 = time.monotonic()
        report = push(st, f"{fake.url}/store", timeout=0.3, retries=retries, backoff=0.01)
        elapsed = time.monotonic() - t0
    assert report.replaced == []
    assert [g for g, _ in report.failed] == graphs
    assert all(expected in why for _, why in report.failed), report.failed
    # a 4xx is not retried; anything else is, at most `retries` times
    assert fake.per_graph() == dict.fromkeys(graphs, 1 if mode == "401" else retries)
    assert elapsed < 5


def test_push_reports_a_reply_that_is_not_http(built: Built) -> None:
    """A port where something else listens (here: a line of SMTP) is a failure per graph, not a crash."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.05)
    stop = threading.Event()

    def answer() -> None:
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(65536)
                    conn.sendall(b"220 mail.example ESMTP\r\n")
                except OSError:
                    pass

    t = threading.Thread(target=answer, daemon=True)
    t.start()
    try:
        with Store.open(built.store, read_only=True) as st:
            report = push(st, f"http://127.0.0.1:{srv.getsockname()[1]}/store", timeout=2, retries=2, backoff=0.01)
    finally:
        stop.set()
        t.join(5)
        srv.close()
    assert report.replaced == [] and len(report.failed) == len(_graphs(built))


# -- 7. credentials ------------------------------------------------------------------------------------


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def test_credentials_are_sent_and_never_printed(built: Built) -> None:
    env = child_env(built.home, TREATY_KG_USER=USER, TREATY_KG_PASSWORD=PASSWORD)
    outputs = []
    with FakeServer("500") as fake:
        push_proc = cli("push", "--endpoint", f"{fake.url}/store", "--store", str(built.store), "--retries", "1",
                        env=env)
        query_proc = cli("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", f"{fake.url}/query",
                         env=env)
    assert push_proc.returncode == 1 and query_proc.returncode == 2
    assert "NOT replaced" in push_proc.stderr and "HTTP 500" in push_proc.stderr
    assert "500" in query_proc.stderr, query_proc.stderr
    # the fake server echoed "alice:s3cr3t-p4ss" back; it was taken out of the messages
    assert "***" in push_proc.stderr
    outputs += [push_proc, query_proc]
    assert fake.requests and all(auth == _basic(USER, PASSWORD) for _, _, auth in fake.requests)
    assert {m for m, _, _ in fake.requests} == {"PUT", "GET"}

    dead = f"http://127.0.0.1:{free_port()}"
    outputs.append(cli("push", "--endpoint", f"{dead}/store", "--store", str(built.store), "--retries", "1",
                       env=env))
    outputs.append(cli("query", "-e", "ASK {}", "--endpoint", f"{dead}/query", env=env))
    # a password written into the URL (not the way to give one) is not printed either
    outputs.append(cli("query", "-e", "ASK {}", "--endpoint", f"http://{USER}:{PASSWORD}@127.0.0.1:1/query",
                       env=env))
    assert [p.returncode for p in outputs[2:]] == [1, 2, 2]
    for proc in outputs:
        assert PASSWORD not in proc.stdout + proc.stderr
        assert base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode() not in proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr


def _write_netrc(home: Path, mode: int) -> None:
    netrc_file = home / ".netrc"
    netrc_file.write_text("machine 127.0.0.1\n  login bob\n  password n3trc-s3cret\n", encoding="utf-8")
    netrc_file.chmod(mode)


def test_push_reads_credentials_from_netrc(built: Built, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _write_netrc(home, 0o600)
    with FakeServer("500") as fake:
        proc = cli("push", "--endpoint", f"{fake.url}/store", "--store", str(built.store), "--retries", "1",
                   env=child_env(home))
        assert proc.returncode == 1
        assert "n3trc-s3cret" not in proc.stdout + proc.stderr
        assert fake.requests and all(auth == _basic("bob", "n3trc-s3cret") for _, _, auth in fake.requests)

        # the environment wins over ~/.netrc
        fake.requests.clear()
        proc = cli("push", "--endpoint", f"{fake.url}/store", "--store", str(built.store), "--retries", "1",
                   env=child_env(home, TREATY_KG_USER=USER, TREATY_KG_PASSWORD=PASSWORD))
        assert fake.requests and all(auth == _basic(USER, PASSWORD) for _, _, auth in fake.requests)


def test_a_netrc_others_can_read_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    _write_netrc(home, 0o600)
    assert credentials("http://127.0.0.1:1/store") == ("bob", "n3trc-s3cret")
    assert credentials("http://example.org/store") is None  # another host
    _write_netrc(home, 0o644)  # Python's netrc refuses a password file others can read
    assert credentials("http://127.0.0.1:1/store") is None


def test_the_store_is_only_read(built: Built, synced: Server) -> None:
    """Everything above (pushes, failed pushes, remote queries) left the local store as it was built."""
    assert fingerprint(built.store) == built.at_build
    assert remote_counts(synced.query_url, built.at_build[1]) == local_counts(built.store)

