"""A read-only SPARQL 1.1 Protocol endpoint over the local store, on 127.0.0.1 only.

``GET /sparql?query=...`` and ``POST /sparql`` (form or ``application/sparql-query``) answer with
the W3C JSON results (or Turtle for CONSTRUCT). Updates are refused with 403; a query may take at
most ``timeout`` seconds (the reply is then 503) and returns at most ``max_rows`` rows.

Queries over a store on disk run in a pool of worker processes, each with the database open read-only.
Oxigraph cannot be interrupted inside a sort or an aggregate, so a query still running at its deadline
has its worker killed, and a fresh worker takes its place: an abandoned query does not go on using a
core. (A store in memory cannot be opened by another process: its queries run in threads, and one that
times out runs on to its end.)
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.query import QueryError, Result, _from_ox, parse_query, render
from kg.rdf.namespace import PREFIXES
from kg.store import Store

#: the parts of a query in which the word SERVICE is not a keyword: string literals (long ones first), IRIs
#: and comments, matched left to right as SPARQL's tokenizer reads them
INERT = re.compile(r"""
      \"\"\"(?:[^"\\]|\\[\s\S]|"(?!""))*\"\"\"    # a long string in double quotes
    | '\'\'(?:[^'\\]|\\[\s\S]|'(?!''))*'\'\'      # a long string in single quotes
    | "(?:[^"\\\n\r]|\\.)*"                      # a string in double quotes
    | '(?:[^'\\\n\r]|\\.)*'                      # a string in single quotes
    | <[^<>"{}|^`\\\x00-\x20]*>                  # an IRI (a lone "<" is the less-than operator)
    | \#[^\n\r]*                               # a comment, to the end of the line
""", re.VERBOSE)
#: the SERVICE keyword, whatever follows it: a space, a comment, an IRI ("SERVICE<http://...>"), a variable
SERVICE_WORD = re.compile(r"(?<![\w?$:.\-])SERVICE(?![\w:.\-])", re.IGNORECASE)


def has_service(query: str) -> bool:
    """Whether a query holds a SERVICE clause, which would make the endpoint send requests to any URL a caller
    names. The word in a literal, an IRI or a comment does not count; the keyword counts however it is spaced.

    >>> has_service('SELECT * WHERE { SERVICE<http://127.0.0.1:1/> { ?s ?p ?o } }')
    True
    >>> has_service('SELECT * WHERE { SERVICE#no space\\n<http://127.0.0.1:1/> { ?s ?p ?o } }')
    True
    >>> has_service('SELECT * WHERE { ?s ?p "SERVICE <x>" } # SERVICE <http://x/>')
    False
    >>> has_service('SELECT * WHERE { \\\\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }')
    True
    """
    # SPARQL 1.1 (section 19.2) lets \u and \U escapes stand anywhere; Oxigraph reads them in strings and
    # IRIs only, but a query is refused if either reading finds the keyword
    unescaped = re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})",
                       lambda m: chr(min(int(m.group(1) or m.group(2), 16), 0x10FFFF)), query)
    return any(SERVICE_WORD.search(INERT.sub(" ", text)) for text in {query, unescaped})


#: the largest request body read (a query is text; a megabyte is far more than any query needs)
MAX_BODY = 1_000_000


class TimedOut(Exception):
    """The query was still running at its deadline: its answer would be incomplete."""


def _run_bounded(store: Store, text: str, max_rows: int, deadline: float) -> Result:
    """Like :func:`kg.query.run_store`, but reads at most ``max_rows`` rows (or triples) and stops reading at
    the ``deadline`` (a :func:`time.monotonic` time), so a huge result is never built in memory and a timed-out
    query stops working. A result cut short by the deadline raises :class:`TimedOut`: it is never sent as if
    it were whole (a result cut at ``max_rows`` is, as the endpoint documents)."""
    query = parse_query(text, "request")
    try:
        res = store.db.query(query.text, use_default_graph_as_union=True, prefixes=dict(PREFIXES))
    except SyntaxError as exc:
        raise QueryError(f"{query.name}: {exc}") from exc
    if isinstance(res, ox.QueryBoolean):
        return Result("ask", boolean=bool(res))
    items: list[Any] = []
    for item in res:
        if time.monotonic() > deadline:
            raise TimedOut
        if len(items) >= max_rows:
            break
        items.append(item)
    if time.monotonic() > deadline:
        raise TimedOut
    if isinstance(res, ox.QuerySolutions):
        variables = [v.value for v in res.variables]
        # a solution iterates over its values in the order of the variables, as in kg.query.run_store
        return Result("select", variables, [tuple(_from_ox(value) for value in sol) for sol in items])
    triples = [(_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in items]
    return Result("graph", triples=triples)  # type: ignore[arg-type]


#: what a query comes back as, from a worker or a thread: ("ok", media type, body), ("timed out",),
#: ("error", why) for a query at fault, ("failed", why) for a worker that died
Reply = tuple[str, ...]


def _answer_of(store: Store, text: str, max_rows: int, deadline: float) -> Reply:
    try:
        result = _run_bounded(store, text, max_rows, deadline)
    except TimedOut:
        return ("timed out",)
    except (QueryError, OSError, ValueError) as exc:
        return ("error", str(exc))
    if result.kind == "graph":
        return ("ok", "text/turtle; charset=utf-8", render(result, "ttl"))
    return ("ok", "application/sparql-results+json", render(result, "json"))


def _worker_main(db_dir: str, conn: Any) -> None:
    """A worker process: answers the queries sent on ``conn`` from its own read-only view of the database."""
    store = Store(ox.Store.read_only(db_dir), Path(db_dir), True)
    while True:
        try:
            text, max_rows, deadline = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_answer_of(store, text, max_rows, deadline))


class _Worker:
    def __init__(self, ctx: Any, db_dir: str) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(db_dir, child), daemon=True)
        self.proc.start()
        child.close()

    def stop(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes that answer queries; one still running at its deadline is killed and replaced.

    The workers are forked from a fork server (``multiprocessing``'s "forkserver"), a clean process that
    has imported this module: never from the server itself, whose threads may hold locks at that moment.
    """

    def __init__(self, db_dir: Path, size: int) -> None:
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["kg.serve"])
        self._db_dir = str(db_dir)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, size)):
            self._add()

    def _add(self) -> None:
        w = _Worker(self._ctx, self._db_dir)
        with self._lock:
            if self._closed:
                w.stop()
                return
            self._all.add(w)
        self._idle.put(w)

    def _retire(self, w: _Worker) -> None:
        with self._lock:
            self._all.discard(w)
        w.stop()
        if not self._closed:
            # the replacement starts in the background: the 503 is not held back by it
            threading.Thread(target=self._add, daemon=True).start()

    def pids(self) -> set[int]:
        with self._lock:
            return {w.proc.pid for w in self._all if w.proc.pid is not None}

    def run(self, text: str, max_rows: int, deadline: float) -> Reply:
        try:
            w = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:  # every worker busy until the deadline
            return ("timed out",)
        try:
            w.conn.send((text, max_rows, deadline))
            if w.conn.poll(max(0.0, deadline - time.monotonic())):
                reply: Reply = w.conn.recv()
                self._idle.put(w)
                return reply
            self._retire(w)  # still running: stop it rather than let it run on
            return ("timed out",)
        except (EOFError, OSError):  # the worker died (killed from outside, out of memory)
            self._retire(w)
            return ("failed", "the query's worker process stopped")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._all = list(self._all), set()
        for w in workers:
            w.stop()


class _Server(ThreadingHTTPServer):
    pool: QueryPool | None = None

    def server_close(self) -> None:
        super().server_close()
        if self.pool is not None:
            self.pool.close()


def make_server(store: Store, port: int = 7879, max_rows: int = 10000, timeout: float = 20.0,
                workers: int = 2) -> ThreadingHTTPServer:
    """The endpoint on 127.0.0.1:``port`` (0: a free port); a store on disk gets ``workers`` query processes."""
    pool = QueryPool(store.path, workers) if store.path is not None and workers > 0 else None

    def in_thread(text: str, deadline: float) -> Reply:
        box: dict[str, Reply] = {}

        def work() -> None:
            box["reply"] = _answer_of(store, text, max_rows, deadline)

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        worker.join(max(0.0, deadline - time.monotonic()))
        return box.get("reply", ("timed out",))

    class Handler(BaseHTTPRequestHandler):
        server_version = "treaty-kg"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            sys.stderr.write("serve: " + (format % args) + "\n")

        def _reply(self, code: int, body: str, ctype: str = "text/plain; charset=utf-8") -> None:
            data = body.encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(data)

        def _answer(self, text: str) -> None:
            if not text.strip():
                self._reply(400, "no query\n")
                return
            if has_service(text):
                self._reply(403, "this endpoint does not run federated (SERVICE) queries\n")
                return
            deadline = time.monotonic() + timeout
            reply = pool.run(text, max_rows, deadline) if pool is not None else in_thread(text, deadline)
            if reply[0] == "ok":
                self._reply(200, reply[2], reply[1])
            elif reply[0] == "timed out":
                self._reply(503, f"the query took longer than {timeout:g} s\n")
            elif reply[0] == "failed":  # not the query's fault: the process running it died
                self._reply(500, f"{reply[1]}\n")
            else:
                self._reply(400, f"{reply[1]}\n")

        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            url = urllib.parse.urlsplit(self.path)
            if url.path != "/sparql":
                self._reply(404, "the endpoint is /sparql\n")
                return
            qs = urllib.parse.parse_qs(url.query)
            if "update" in qs:
                self._reply(403, "this endpoint is read-only\n")
                return
            self._answer((qs.get("query") or [""])[0])

        def do_POST(self) -> None:  # noqa: N802
            url = urllib.parse.urlsplit(self.path)
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0:  # read(-1) would wait for the client to close the connection
                self.close_connection = True
                self._reply(400, "a POST needs a valid Content-Length\n")
                return
            if length > MAX_BODY:
                self.close_connection = True
                self._reply(413, f"a request body may hold at most {MAX_BODY} bytes\n")
                return
            body = self.rfile.read(length).decode("utf-8", "replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if url.path != "/sparql":
                self._reply(404, "the endpoint is /sparql\n")
                return
            if ctype == "application/sparql-update" or "update" in urllib.parse.parse_qs(url.query):
                self._reply(403, "this endpoint is read-only\n")
                return
            if ctype == "application/sparql-query":
                self._answer(body)
                return
            form = urllib.parse.parse_qs(body)
            if "update" in form:
                self._reply(403, "this endpoint is read-only\n")
                return
            self._answer((form.get("query") or [""])[0])

        def do_PUT(self) -> None:  # noqa: N802
            self._reply(403, "this endpoint is read-only\n")

        do_DELETE = do_PUT  # noqa: N815

    try:
        server = _Server(("127.0.0.1", port), Handler)
    except OSError:
        if pool is not None:
            pool.close()
        raise
    server.pool = pool
    return server


def serve(store: Store, port: int = 7879, max_rows: int = 10000, timeout: float = 20.0, workers: int = 2) -> int:
    server = make_server(store, port, max_rows, timeout, workers)
    host, real_port = server.server_address[:2]
    host_text = host.decode("ascii") if isinstance(host, bytes) else str(host)
    print(json.dumps({"endpoint": f"http://{host_text}:{real_port}/sparql"}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        store.close()
    return 0
