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
import re
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


def safe_url(url: str) -> str:
    """``url`` with any user name and password in it replaced by ``***``, for messages.

    >>> safe_url("http://bob:hunter2@127.0.0.1:7878/store")
    'http://***@127.0.0.1:7878/store'
    """
    return re.sub(r"(?<=//)[^/?#\s]*@", "***@", url)


def check_endpoint(url: str) -> None:
    """Refuse a URL that is not http(s), or that carries credentials: those come from the environment or
    ``~/.netrc``, never from the command line (where shell history, process lists and logs keep them), and
    urllib would hand ``user:password@host`` to the name resolver as a host name.

    >>> check_endpoint("http://bob:hunter2@127.0.0.1/store")
    Traceback (most recent call last):
    ...
    ValueError: http://***@127.0.0.1/store: credentials in the URL are refused; set TREATY_KG_USER and \
TREATY_KG_PASSWORD or use ~/.netrc
    """
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        raise ValueError(f"{safe_url(url)}: not a URL ({exc})") from None
    if "@" in parts.netloc:
        raise ValueError(f"{safe_url(url)}: credentials in the URL are refused; set TREATY_KG_USER and "
                         "TREATY_KG_PASSWORD or use ~/.netrc")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{safe_url(url)}: not an http(s) URL")


def credentials(url: str) -> tuple[str, str] | None:
    """The user name and password for ``url``: ``TREATY_KG_USER``/``TREATY_KG_PASSWORD``, else the entry of
    ``~/.netrc`` for its host (Python refuses a ``.netrc`` with a password that others can read)."""
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


def basic_auth(creds: tuple[str, str]) -> str:
    """The ``Authorization`` header's value for HTTP Basic authentication."""
    return "Basic " + base64.b64encode(f"{creds[0]}:{creds[1]}".encode()).decode("ascii")


def redact(message: str, creds: tuple[str, str] | None) -> str:
    """``message`` with the credentials taken out, in every spelling a server may echo them back in:
    as they are, percent-encoded, and base64-encoded as in a Basic ``Authorization`` header; and with any
    ``user:password@`` in a URL.

    >>> redact("401 for Basic Ym9iOmh1bnRlcjI= (bob:hunter2)", ("bob", "hunter2"))
    '401 for Basic *** (***:***)'
    """
    if creds:
        user, password = creds
        pair = f"{user}:{password}".encode()
        spellings = {password, urllib.parse.quote(password, safe=""), urllib.parse.quote_plus(password)}
        for raw in (pair, password.encode()):
            spellings |= {base64.b64encode(raw).decode("ascii"), base64.urlsafe_b64encode(raw).decode("ascii")}
        spellings |= {s.rstrip("=") for s in list(spellings) if len(s.rstrip("=")) >= 4}
        # the longest first, so that a spelling inside another is not replaced half-way
        for secret in sorted((s for s in spellings if s), key=len, reverse=True):
            message = message.replace(secret, "***")
        message = message.replace(user, "***")
    return safe_url(message)


def put_graph(endpoint: str, graph: str, data: bytes, timeout: float, creds: tuple[str, str] | None) -> None:
    sep = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{sep}graph={urllib.parse.quote(graph, safe='')}"
    req = urllib.request.Request(url, data=data, method="PUT", headers={"Content-Type": "application/n-triples"})
    if creds:
        req.add_header("Authorization", basic_auth(creds))
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - the user names the endpoint
        if resp.status not in (200, 201, 204):
            raise urllib.error.HTTPError(url, resp.status, resp.reason, resp.headers, None)


def push(store: Store, endpoint: str, *, timeout: float = 60.0, retries: int = 3, backoff: float = 0.5) -> PushReport:
    try:
        check_endpoint(endpoint)
    except ValueError as exc:
        raise PushError(str(exc)) from None
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
            report.failed.append((name, redact(last, creds)))
            continue
        if name not in report.replaced:
            report.failed.append((name, redact(last, creds)))
    return report
