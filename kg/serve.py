"""A read-only SPARQL 1.1 Protocol endpoint over the local store, on 127.0.0.1 only.

``GET /sparql?query=...`` and ``POST /sparql`` (form or ``application/sparql-query``) answer with
the W3C JSON results (or Turtle for CONSTRUCT). Updates are refused with 403; a query may take at
most ``timeout`` seconds (the reply is then 503) and returns at most ``max_rows`` rows.
"""

from __future__ import annotations

import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kg.query import QueryError, parse_query, render, run_store
from kg.store import Store


def make_server(store: Store, port: int = 7879, max_rows: int = 10000, timeout: float = 20.0) -> ThreadingHTTPServer:
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
            box: dict[str, object] = {}

            def work() -> None:
                try:
                    result = run_store(store.db, parse_query(text, "request"), {})
                    if result.kind == "select" and len(result.rows) > max_rows:
                        result.rows = result.rows[:max_rows]
                    box["result"] = result
                except (QueryError, OSError, ValueError) as exc:
                    box["error"] = str(exc)

            worker = threading.Thread(target=work, daemon=True)
            worker.start()
            worker.join(timeout)
            if worker.is_alive():
                self._reply(503, f"the query took longer than {timeout:g} s\n")
                return
            if "error" in box:
                self._reply(400, f"{box['error']}\n")
                return
            result = box["result"]
            if result.kind == "graph":  # type: ignore[attr-defined]
                self._reply(200, render(result, "ttl"), "text/turtle; charset=utf-8")  # type: ignore[arg-type]
            else:
                self._reply(200, render(result, "json"), "application/sparql-results+json")  # type: ignore[arg-type]

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
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(min(length, 1_000_000)).decode("utf-8", "replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if url.path != "/sparql":
                self._reply(404, "the endpoint is /sparql\n")
                return
            if ctype == "application/sparql-update":
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

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def serve(store: Store, port: int = 7879, max_rows: int = 10000, timeout: float = 20.0) -> int:
    server = make_server(store, port, max_rows, timeout)
    host, real_port = server.server_address[:2]
    print(json.dumps({"endpoint": f"http://{host}:{real_port}/sparql"}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        store.close()
    return 0
