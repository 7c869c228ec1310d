"""Pushing the local store to a shared triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each source file's named graph is replaced with ``PUT <endpoint>?graph=<iri>`` (N-Triples), so a
shared store (Oxigraph server, Fuseki, GraphDB, Virtuoso, QLever) holds exactly what the local
build holds. Credentials come from ``TREATY_KG_USER``/``TREATY_KG_PASSWORD`` or ``~/.netrc`` and never
appear in output. A failing request is retried a bounded number of times; the report says which
graphs were and were not replaced. The local store is only read.
"""

from __future__ import annotations

import base64
import http.client
import netrc
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from kg.store import Store


class PushError(Exception):
    """The endpoint cannot be used at all (bad URL); per-graph failures go in the report."""


@dataclass
class PushReport:
    replaced: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def credentials(url: str) -> tuple[str, str] | None:
    user, password = os.environ.get("TREATY_KG_USER"), os.environ.get("TREATY_KG_PASSWORD")
    if user and password:
        return user, password
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        auth = netrc.netrc().authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError, OSError):
        return None
    if auth and auth[0] and auth[2]:
        return auth[0], auth[2]
    return None


def _redact(message: str, creds: tuple[str, str] | None) -> str:
    if creds:
        for secret in creds:
            message = message.replace(secret, "***")
    return message


def put_graph(endpoint: str, graph: str, data: bytes, timeout: float, creds: tuple[str, str] | None) -> None:
    sep = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{sep}graph={urllib.parse.quote(graph, safe='')}"
    req = urllib.request.Request(url, data=data, method="PUT", headers={"Content-Type": "application/n-triples"})
    if creds:
        token = base64.b64encode(f"{creds[0]}:{creds[1]}".encode()).decode("ascii")
        req.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - the user names the endpoint
        if resp.status not in (200, 201, 204):
            raise urllib.error.HTTPError(url, resp.status, resp.reason, resp.headers, None)


def push(store: Store, endpoint: str, *, timeout: float = 60.0, retries: int = 3, backoff: float = 0.5) -> PushReport:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"{endpoint}: not an http(s) URL")
    creds = credentials(endpoint)
    report = PushReport()
    for name in store.graphs():
        data = store.graph_ntriples(name)
        last = ""
        for attempt in range(1, max(1, retries) + 1):
            try:
                put_graph(endpoint, name, data, timeout, creds)
                report.replaced.append(name)
                break
            except urllib.error.HTTPError as exc:
                last = f"HTTP {exc.code} {exc.reason}"
                if 400 <= exc.code < 500 and exc.code not in (408, 429):
                    break  # the request is wrong, retrying will not help
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError,
                    http.client.HTTPException) as exc:  # HTTPException: a reply that is not HTTP
                reason = getattr(exc, "reason", exc)
                last = f"{type(exc).__name__}: {reason}"
            if attempt < retries:
                time.sleep(backoff * attempt)
        else:
            report.failed.append((name, _redact(last, creds)))
            continue
        if name not in report.replaced:
            report.failed.append((name, _redact(last, creds)))
    return report
