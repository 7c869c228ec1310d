"""Credentials for remote endpoints, and pushes that fail half-way (issue 9).

``treaty-kg push`` and ``treaty-kg query --endpoint`` are run as the installed command against HTTP servers
this module starts on 127.0.0.1, which answer 401 or 500 (echoing the credentials they received, in every
spelling), drop the connection or never answer. Credentials come from ``TREATY_KG_USER``/``TREATY_KG_PASSWORD``
or from a ``.netrc`` in a temporary ``HOME``; the password must appear nowhere in what the commands print,
in no spelling: as is, percent-encoded, or base64-encoded as in the ``Authorization`` header.
"""

from __future__ import annotations

import base64
import doctest
import os
import re
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import kg.remote
from kg.query import QueryError, parse_query, run_endpoint
from kg.remote import PushError, push, redact
from kg.store import Store

from .conftest import ROOT

ENV_USER, ENV_PASSWORD = "alice", "s3cr3t p@ss/w:rd ü%+="
NETRC_USER, NETRC_PASSWORD = "bob", "n3trc:s3cr3t/+="
CREDENTIAL_VARS = ("TREATY_KG_USER", "TREATY_KG_PASSWORD")
PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "no_proxy",
              "NO_PROXY")

TREATY = """AGREEMENT ON COOPERATION

The Parties,
Have agreed as follows:

Article 1 - Scope
The Council of Europe and the United Nations shall cooperate.
"""


def spellings(user: str, password: str) -> set[str]:
    """Every way a password may come back in a message: as is, percent-encoded, base64 (with the user name, as
    in a Basic ``Authorization`` header, and alone)."""
    pair = f"{user}:{password}".encode()
    out = {password, urllib.parse.quote(password, safe=""), urllib.parse.quote_plus(password)}
    for raw in (pair, password.encode()):
        out |= {base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode()}
    return out


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


# -- servers that misbehave ------------------------------------------------------------------------------------


@dataclass
class Seen:
    method: str
    graph: str
    authorization: str | None


@dataclass
class Scripted:
    """An HTTP server on 127.0.0.1 whose ``answer(n, request)`` says what to do with the n-th request (from 0):
    a status code, ``"drop"`` (close without a reply) or ``"stall"`` (hold the connection until the test ends).
    Any error status echoes the credentials it received: in the reason phrase (the base64 token, the decoded
    pair percent-encoded), in a header, and in the body (decoded)."""

    answer: Callable[[int, Seen], int | str]
    requests: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.release = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                seen = Seen(self.command, (query.get("graph") or [""])[0], self.headers.get("Authorization"))
                with outer.lock:
                    n = len(outer.requests)
                    outer.requests.append(seen)
                action = outer.answer(n, seen)
                if action == "drop":
                    self.close_connection = True
                    return
                if action == "stall":
                    outer.release.wait(10)
                    self.close_connection = True
                    return
                assert isinstance(action, int)
                if action < 300:
                    self.send_response(action)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                token = (seen.authorization or "none").split()[-1]
                decoded = base64.b64decode(token).decode("utf-8") if seen.authorization else "nobody"
                body = f"no access for {decoded} ({token}, {urllib.parse.quote(decoded)})\n".encode()
                self.send_response(action, f"Denied {token} {urllib.parse.quote(decoded, safe='')}")
                self.send_header("WWW-Authenticate", 'Basic realm="x"')
                self.send_header("X-Echo", token)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_PUT = do_GET = do_POST = _handle  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def attempts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.requests:
            out[r.graph] = out.get(r.graph, 0) + 1
        return out


@pytest.fixture()
def scripted() -> Iterator[Callable[[Callable[[int, Seen], int | str]], Scripted]]:
    servers: list[Scripted] = []

    def start(answer: Callable[[int, Seen], int | str]) -> Scripted:
        servers.append(Scripted(answer))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


# -- the local store and the command --------------------------------------------------------------------------


@dataclass
class Built:
    store: Path
    graphs: list[str]


def child_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CREDENTIAL_VARS + PROXY_VARS}
    env.update(HOME=str(home), NO_PROXY="127.0.0.1", no_proxy="127.0.0.1", **extra)
    return env


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=60)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("credentials")
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(TREATY.replace("COOPERATION", f"COOPERATION {name[0].upper()}"), encoding="utf-8")
    home = folder / "home"
    home.mkdir()
    proc = cli("build", str(folder / "a.txt"), str(folder / "b.txt"), "--store", str(folder / "store"), "-q",
               "-j", "1", env=child_env(home))
    assert proc.returncode == 0, proc.stderr
    with Store.open(folder / "store", read_only=True) as st:
        graphs = st.graphs()
    assert len(graphs) == 3  # the two files and the registry
    return Built(folder / "store", graphs)


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty HOME, for the command and for this process; no credentials or proxies of the caller."""
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("HOME", str(h))
    for key in CREDENTIAL_VARS + PROXY_VARS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    return h


def write_netrc(home: Path) -> None:
    path = home / ".netrc"
    path.write_text(f"machine 127.0.0.1\n  login {NETRC_USER}\n  password {NETRC_PASSWORD}\n", encoding="utf-8")
    path.chmod(0o600)


def assert_no_secret(proc: subprocess.CompletedProcess[str], user: str, password: str) -> None:
    printed = proc.stdout + proc.stderr
    for secret in spellings(user, password):
        assert secret not in printed, (secret, printed)
    assert "Traceback" not in proc.stderr, proc.stderr


def test_module_doctests() -> None:
    result = doctest.testmod(kg.remote)
    assert result.failed == 0 and result.attempted > 0


# -- 1. nothing printed holds the password ---------------------------------------------------------------------

MODES: dict[str, Callable[[int, Seen], int | str]] = {
    "401": lambda n, r: 401,
    "500-echo": lambda n, r: 500,
    "drop": lambda n, r: "drop",
    "stall": lambda n, r: "stall",
}
#: what the report says for each mode (push) and the words of the query's error
REASONS = {"401": "HTTP 401", "500-echo": "HTTP 500", "drop": "RemoteDisconnected", "stall": "timed out"}


@pytest.mark.parametrize(("mode", "source"), [(m, s) for m in MODES for s in ("environment", "netrc")
                                                if (m, s) != ("stall", "netrc")])  # a stall is the slow one
def test_push_and_query_never_print_the_password(built: Built, home: Path, scripted: Callable[..., Scripted],
                                                 mode: str, source: str) -> None:
    if source == "netrc":
        write_netrc(home)
        env, user, password = child_env(home), NETRC_USER, NETRC_PASSWORD
    else:
        env = child_env(home, TREATY_KG_USER=ENV_USER, TREATY_KG_PASSWORD=ENV_PASSWORD)
        user, password = ENV_USER, ENV_PASSWORD
    server = scripted(MODES[mode])
    pushed = cli("push", "--endpoint", f"{server.url}/store", "--store", str(built.store), "--retries", "1",
                 "--timeout", "0.5", env=env)
    queried = cli("query", "-e", "ASK {}", "--endpoint", f"{server.url}/query", "--timeout", "0.5", env=env)
    assert (pushed.returncode, queried.returncode) == (1, 2), (pushed.stderr, queried.stderr)
    # the credentials were sent, each time (so the commands had them to leak)
    assert [r.authorization for r in server.requests] == [basic(user, password)] * (len(built.graphs) + 1)
    assert {r.method for r in server.requests} == {"PUT", "GET"}
    # and the commands said what went wrong, graph by graph
    failed = re.findall(r"^NOT replaced (\S+): (.*)$", pushed.stderr, re.M)
    assert [g for g, _ in failed] == built.graphs and pushed.stdout == ""
    assert all(REASONS[mode] in why for _, why in failed), failed
    assert queried.stderr.startswith(f"treaty-kg: {server.url}/query: ")
    for proc in (pushed, queried):
        assert_no_secret(proc, user, password)
    if mode == "500-echo":
        assert "***" in pushed.stderr and "***" in queried.stderr  # the echoed secret was there, and taken out


@pytest.mark.parametrize("url", [
    "http://{user}:{password}@127.0.0.1:{port}/store",
    "http://{user}@127.0.0.1:{port}/store",
    "https://{user}:{password}@127.0.0.1:notaport/store",
], ids=["http", "user-only", "https-bad-port"])
def test_credentials_in_the_url_are_refused_and_not_printed(built: Built, home: Path,
                                                            scripted: Callable[..., Scripted], url: str) -> None:
    server = scripted(lambda n, r: 204)
    port = server.url.rsplit(":", 1)[1]
    password = "url-pa55word"
    endpoint = url.format(user="carol", password=password, port=port)
    pushed = cli("push", "--endpoint", endpoint, "--store", str(built.store), env=child_env(home))
    queried = cli("query", "-e", "ASK {}", "--endpoint", endpoint.replace("/store", "/query"), env=child_env(home))
    assert (pushed.returncode, queried.returncode) == (1, 2)
    for proc in (pushed, queried):
        assert "***@127.0.0.1" in proc.stderr, proc.stderr
        assert "carol" not in proc.stderr
        assert_no_secret(proc, "carol", password)
    if "notaport" not in url:
        assert "credentials in the URL are refused" in pushed.stderr + queried.stderr
    assert server.requests == []  # refused before anything was sent


def test_the_library_refuses_and_redacts_too(home: Path) -> None:
    with pytest.raises(QueryError) as info:
        run_endpoint("http://carol:url-pa55word@127.0.0.1:1/query", parse_query("ASK {}", "ask"), {}, timeout=1)
    assert "url-pa55word" not in str(info.value) and info.value.__cause__ is None
    with pytest.raises(PushError, match=r"http://\*\*\*@127\.0\.0\.1:1/store"), Store.memory() as st:
        push(st, "http://carol:url-pa55word@127.0.0.1:1/store")
    message = redact(f"HTTP 401 Denied {basic(ENV_USER, ENV_PASSWORD).split()[1]} for "
                     f"{urllib.parse.quote(ENV_PASSWORD, safe='')} at http://x:y@host/", (ENV_USER, ENV_PASSWORD))
    assert not any(s in message for s in spellings(ENV_USER, ENV_PASSWORD)) and "x:y" not in message


def test_query_reads_netrc_like_push(built: Built, home: Path, scripted: Callable[..., Scripted]) -> None:
    """``query --endpoint`` used to send no credentials from ``~/.netrc`` (only from the environment)."""
    write_netrc(home)
    server = scripted(lambda n, r: 401)
    proc = cli("query", "-e", "ASK {}", "--endpoint", f"{server.url}/query", env=child_env(home))
    assert proc.returncode == 2
    assert [r.authorization for r in server.requests] == [basic(NETRC_USER, NETRC_PASSWORD)]
    # the environment wins over ~/.netrc, as for push
    server.requests.clear()
    proc = cli("query", "-e", "ASK {}", "--endpoint", f"{server.url}/query",
               env=child_env(home, TREATY_KG_USER=ENV_USER, TREATY_KG_PASSWORD=ENV_PASSWORD))
    assert [r.authorization for r in server.requests] == [basic(ENV_USER, ENV_PASSWORD)]
    assert_no_secret(proc, ENV_USER, ENV_PASSWORD)


# -- 2. a push that fails half-way ----------------------------------------------------------------------------


def half_way(n: int, request: Seen) -> int | str:
    """The first request is accepted, the second gets 500, every later one has its connection dropped."""
    return 204 if n == 0 else 500 if n == 1 else "drop"


def test_a_push_failing_half_way_says_which_graphs_were_replaced(built: Built, home: Path,
                                                                 scripted: Callable[..., Scripted]) -> None:
    first, second, third = built.graphs
    server = scripted(half_way)
    env = child_env(home, TREATY_KG_USER=ENV_USER, TREATY_KG_PASSWORD=ENV_PASSWORD)
    proc = cli("push", "--endpoint", f"{server.url}/store", "--store", str(built.store), "--retries", "2",
               "--timeout", "5", env=env)
    assert proc.returncode == 1
    assert re.findall(r"^replaced (\S+)$", proc.stdout, re.M) == [first]
    failed = dict(re.findall(r"^NOT replaced (\S+): (.*)$", proc.stderr, re.M))
    assert list(failed) == [second, third]
    # two attempts each, no more: the second graph's last answer was a dropped connection, like the third's
    assert server.attempts() == {first: 1, second: 2, third: 2}
    assert all("RemoteDisconnected" in why for why in failed.values()), failed
    assert_no_secret(proc, ENV_USER, ENV_PASSWORD)


def test_the_push_report_lists_both(built: Built, home: Path, scripted: Callable[..., Scripted]) -> None:
    first, second, third = built.graphs
    # accepted, then 500 and accepted on the retry, then 500 three times
    answers = [204, 500, 204, 500, 500, 500]
    server = scripted(lambda n, r: answers[n] if n < len(answers) else "drop")
    with Store.open(built.store, read_only=True) as st:
        report = push(st, f"{server.url}/store", timeout=5, retries=3, backoff=0.01)
    assert report.replaced == [first, second]
    assert [(g, why.split(" ")[:2]) for g, why in report.failed] == [(third, ["HTTP", "500"])]
    assert server.attempts() == {first: 1, second: 2, third: 3}
    # retries=1: one attempt each, and a 4xx is never retried
    server = scripted(lambda n, r: 401 if n == 0 else "drop")
    with Store.open(built.store, read_only=True) as st:
        report = push(st, f"{server.url}/store", timeout=5, retries=4, backoff=0.01)
    assert report.replaced == [] and [g for g, _ in report.failed] == built.graphs
    assert server.attempts() == {first: 1, second: 4, third: 4}
