"""The query library and runner: named ``.rq`` files with a header, parameters bound as RDF terms.

A query file starts with comment lines that say what it answers and which parameters it takes::

    # title: Organs of an organisation and the provisions that establish them
    # answers: which organs an organisation has, with the provision establishing each where known
    # param: org IRI = https://w3id.org/treaty-kg/id/org/council-of-europe -- the organisation

Parameters are never pasted into the query text: on rdflib they are ``initBindings``; for a remote
endpoint a ``VALUES`` block whose terms are written by an RDF serialiser (so a quote, ``}`` or ``#`` in a
value stays inside its literal); on the embedded store Oxigraph substitutions plus that same block, which
lets Oxigraph's planner start from the bound terms.

>>> q = parse_query("# title: t\\n# param: x string = hi -- a word\\nSELECT ?x WHERE {}", "t")
>>> q.params[0].name, q.params[0].kind, q.params[0].default
('x', 'string', 'hi')
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Variable

from kg.rdf.namespace import PREFIXES
from kg.resources import queries_dir

HEADER = re.compile(r"^#\s*(?P<key>title|answers|param|heavy|returns)\s*:\s*(?P<value>.*)$")
PARAM = re.compile(
    r"^(?P<name>\w+)\s+(?P<kind>IRI|string|integer|lang)\s*(?:=\s*(?P<default>.*?))?\s*(?:--\s*(?P<doc>.*))?$")


class QueryError(Exception):
    """A query that cannot be found, parsed, bound or run; the message says which and why."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # IRI | string | integer | lang
    default: str | None = None
    doc: str = ""


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    title: str = ""
    answers: str = ""
    params: tuple[Param, ...] = ()
    heavy: bool = False


@dataclass
class Result:
    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Identifier, Identifier, Identifier]] = field(default_factory=list)

    def __len__(self) -> int:
        if self.kind == "ask":
            return 1 if self.boolean else 0
        return len(self.rows) if self.kind == "select" else len(self.triples)


def parse_query(text: str, name: str) -> Query:
    title = answers = ""
    heavy = False
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = HEADER.match(line)
        if not m:
            continue
        key, value = m.group("key"), m.group("value").strip()
        if key == "title":
            title = value
        elif key == "answers":
            answers = value
        elif key == "heavy":
            heavy = value.lower() in ("yes", "true", "1")
        elif key == "param":
            pm = PARAM.match(value)
            if not pm:
                raise QueryError(f"{name}: cannot read the parameter line {value!r}")
            params.append(Param(pm.group("name"), pm.group("kind"), pm.group("default"), pm.group("doc") or ""))
    return Query(name, text, title, answers, tuple(params), heavy)


def library(folder: Path | None = None) -> dict[str, Path]:
    folder = folder or queries_dir()
    return {p.stem: p for p in sorted(folder.glob("*.rq"))}


def load_query(ref: str, folder: Path | None = None) -> Query:
    """A query by library name ("most-cited-provisions") or by path to a ``.rq`` file."""
    p = Path(ref)
    if p.suffix == ".rq" and p.exists():
        return parse_query(p.read_text(encoding="utf-8"), p.stem)
    if p.suffix == ".rq":
        raise QueryError(f"{ref}: no such query file")
    lib = library(folder)
    if ref not in lib:
        raise QueryError(f"{ref}: no query of that name; the library has: {', '.join(lib) or '(none)'}")
    return parse_query(lib[ref].read_text(encoding="utf-8"), ref)


#: an absolute IRI as a parameter may give it: a scheme, then no space, control character or any of <>"{}|\^`
IRI_PARAM = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\x00-\x20\x7f-\x9f\s<>\"{}|\\^`]*")


def to_term(param: Param, value: str) -> Identifier:
    """A parameter's value as an RDF term of the declared kind (never as query text).

    An IRI that holds a space, a control character, a backquote or one of ``<>"{}|\\^`` is refused, not pasted:

    >>> try:
    ...     to_term(Param("g", "IRI"), "urn:x> } DROP ALL #")
    ... except QueryError as exc:
    ...     print(str(exc).split(" (")[0])
    parameter g: not an IRI: 'urn:x> } DROP ALL #'
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a byte that is not UTF-8 on the command line arrives as a lone surrogate
        raise QueryError(f"parameter {param.name}: not UTF-8 text: {value!r}") from None
    if param.kind == "IRI":
        v = value.strip()
        if v.startswith("<") and v.endswith(">"):
            v = v[1:-1]
        # fullmatch, not "$": "$" also matches before a final newline
        if not IRI_PARAM.fullmatch(v):
            raise QueryError(f"parameter {param.name}: not an IRI: {value!r} (an IRI has a scheme and no space, "
                             "control character or any of <>\"{}|\\^`)")
        try:
            ox.NamedNode(v)  # the store's own IRI parser: a bad percent-escape or host is refused here too
        except ValueError as exc:
            raise QueryError(f"parameter {param.name}: not an IRI: {value!r} ({exc})") from None
        return URIRef(v)
    if param.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"parameter {param.name}: not an integer: {value!r}")
        return Literal(int(value))
    if param.kind == "lang":
        m = re.fullmatch(r"(?s)(.*)@([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)", value)
        return Literal(m.group(1), lang=m.group(2)) if m else Literal(value)
    return Literal(value)


def bind(query: Query, values: Mapping[str, str]) -> dict[str, Identifier]:
    known = {p.name: p for p in query.params}
    unknown = set(values) - set(known)
    if unknown:
        raise QueryError(f"{query.name}: no parameter {', '.join(sorted(unknown))}; it takes "
                         f"{', '.join(known) or 'none'}")
    out: dict[str, Identifier] = {}
    for p in query.params:
        raw = values.get(p.name, p.default)
        if raw is None:
            raise QueryError(f"{query.name}: parameter {p.name} is required ({p.doc})")
        out[p.name] = to_term(p, raw)
    return out


# -- terms between rdflib and pyoxigraph ---------------------------------------------------------


def _to_ox(term: Identifier) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def _from_ox(term: Any) -> Identifier | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt: str | None = term.datatype.value if term.datatype else None
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            dt = None
        return Literal(term.value, datatype=URIRef(dt) if dt else None)
    return URIRef(str(term))


# -- execution ------------------------------------------------------------------------------------


def run_store(db: ox.Store, query: Query, bindings: Mapping[str, Identifier], timeout: float | None = None) -> Result:
    # Parameters are Oxigraph substitutions (bound inside every group, as a parameter should be) and also
    # a VALUES block at the head of the WHERE clause, its terms written by the RDF serialiser: Oxigraph's
    # planner does not start from a substituted variable, so a query about one treaty read the whole store
    # (citation-network on 33.8 million triples: 20.7 s with substitutions alone, 34 ms with both).
    text = with_values(query.text, bindings) if bindings else query.text
    subs = {ox.Variable(k): _to_ox(v) for k, v in bindings.items()}
    try:
        try:
            res = db.query(text, substitutions=subs, use_default_graph_as_union=True, prefixes=dict(PREFIXES))
        except RuntimeError as exc:
            if "projection" not in str(exc):
                raise QueryError(f"{query.name}: {exc}") from exc
            # Oxigraph substitutes only projected variables: the VALUES block alone binds the others
            res = db.query(text, use_default_graph_as_union=True, prefixes=dict(PREFIXES))
    except SyntaxError as exc:
        raise QueryError(f"{query.name}: {exc}") from exc
    if isinstance(res, ox.QueryBoolean):
        return Result("ask", boolean=bool(res))
    if isinstance(res, ox.QuerySolutions):
        variables = [v.value for v in res.variables]
        # rdflib terms are slow to make and results repeat them (the same entity, rule, provision):
        # convert each distinct term once
        memo: dict[Any, Identifier | None] = {}

        def conv(term: Any) -> Identifier | None:
            if term is None:
                return None
            hit = memo.get(term)
            if hit is None:
                hit = memo[term] = _from_ox(term)
            return hit

        # a solution iterates over its values in the order of the variables (None where unbound): 2.5 times
        # faster than looking each up by name (2,084 rows of 6: 30 ms to 12 ms)
        rows = [tuple(conv(value) for value in sol) for sol in res]
        return Result("select", variables, rows)
    triples = [(_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in res]
    return Result("graph", triples=triples)  # type: ignore[arg-type]


def run_rdflib(graph: Graph, query: Query, bindings: Mapping[str, Identifier]) -> Result:
    """rdflib's engine: the baseline the benchmark measures the store against."""
    ns = dict(PREFIXES)
    try:
        res = graph.query(query.text, initBindings={Variable(k): v for k, v in bindings.items()}, initNs=ns)
    except Exception as exc:  # rdflib raises pyparsing errors of many kinds
        raise QueryError(f"{query.name}: {exc}") from exc
    if res.type == "ASK":
        return Result("ask", boolean=bool(res.askAnswer))
    if res.type == "SELECT":
        variables = [str(v) for v in res.vars or []]
        return Result("select", variables, [tuple(row) for row in res])  # type: ignore[arg-type]
    return Result("graph", triples=list(res))  # type: ignore[arg-type]


def sparql_term(term: Identifier) -> str:
    """An RDF term in SPARQL syntax, every special character of a literal escaped (short form only)."""
    if isinstance(term, URIRef):
        iri = str(term)
        if re.search(r"[\x00-\x20<>\"{}|^`\\]", iri):
            raise QueryError(f"not an IRI: {iri!r}")
        return f"<{iri}>"
    if isinstance(term, Literal):
        body = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r").replace("\t", "\\t"))
        if term.language:
            return f'"{body}"@{term.language}'
        if term.datatype:
            return f'"{body}"^^{sparql_term(URIRef(term.datatype))}'
        return f'"{body}"'
    raise QueryError(f"cannot bind {term!r}")


def with_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with a ``VALUES`` block binding the parameters, written by the RDF serialiser.

    The block goes right after the first ``{`` of the WHERE clause, so the parameters are bound
    before anything else is evaluated.
    """
    if not bindings:
        return text
    names = sorted(bindings)
    block = "VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join(
        sparql_term(bindings[n]) for n in names) + ") }"
    # comment lines may hold words like "where {" too: search with them blanked out
    masked = re.sub(r"(?m)^[ \t]*#.*$", lambda c: " " * len(c.group()), text)
    m = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE) or re.search(r"\{", masked)
    if not m:
        raise QueryError("cannot bind parameters: the query has no group pattern")
    return text[: m.end()] + "\n  " + block + "\n" + text[m.end() :]


def run_endpoint(url: str, query: Query, bindings: Mapping[str, Identifier], timeout: float = 30.0) -> Result:
    """A query against a SPARQL 1.1 endpoint through SPARQLWrapper.

    Credentials come from ``TREATY_KG_USER``/``TREATY_KG_PASSWORD`` or ``~/.netrc`` (as for ``push``); a URL
    that carries them itself is refused, and no message repeats them, in any spelling.
    """
    from SPARQLWrapper import JSON, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    from kg.remote import check_endpoint, credentials, redact, safe_url

    try:
        check_endpoint(url)
    except ValueError as exc:
        raise QueryError(str(exc)) from None
    text = with_values(query.text, bindings)
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if f"PREFIX {p}:" not in text)
    sw = SPARQLWrapper(url)
    # SPARQLWrapper truncates to whole seconds, and 0 means "no time-out at all"
    sw.setTimeout(max(1, math.ceil(timeout)))
    creds = credentials(url)
    if creds:
        sw.setCredentials(*creds)
    sw.setQuery(prefixes + text)
    # the query form, read past comment lines (the header may say "describe" or "created") and the prologue;
    # SPARQLWrapper's own guess reads words in comments and would send a SELECT as an update
    body = re.sub(r"(?m)^[ \t]*#.*$", "", text)
    body = re.sub(r"(?is)^(?:\s*(?:PREFIX\s+[^\s:]*:\s*|BASE\s*)<[^>]*>)*", "", body)
    kind = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.IGNORECASE)
    sw.queryType = kind.group(1).upper() if kind else "SELECT"
    is_graph = sw.queryType in ("CONSTRUCT", "DESCRIBE")
    try:
        if is_graph:
            sw.setReturnFormat("turtle")
            data = sw.query().convert()
            g = Graph()
            text_data = data if isinstance(data, str) else bytes(data).decode("utf-8")  # type: ignore[arg-type]
            g.parse(data=text_data, format="turtle")
            return Result("graph", triples=list(g))  # type: ignore[arg-type]
        sw.setReturnFormat(JSON)
        doc = sw.query().convert()
    except SPARQLWrapperException as exc:
        raise QueryError(f"{safe_url(url)}: the endpoint refused the query: {redact(str(exc), creds)}") from None
    except Exception as exc:  # urllib errors, time-outs, refused connections
        raise QueryError(f"{safe_url(url)}: {type(exc).__name__}: {redact(str(exc), creds)}") from None
    return result_from_json(doc)  # type: ignore[arg-type]


def result_from_json(doc: Mapping[str, Any]) -> Result:
    if "boolean" in doc:
        return Result("ask", boolean=bool(doc["boolean"]))
    variables = list(doc["head"]["vars"])
    rows = []
    for b in doc["results"]["bindings"]:
        row: list[Identifier | None] = []
        for v in variables:
            cell = b.get(v)
            if cell is None:
                row.append(None)
            elif cell["type"] == "uri":
                row.append(URIRef(cell["value"]))
            elif cell["type"] == "bnode":
                row.append(BNode(cell["value"]))
            else:
                lang = cell.get("xml:lang")
                dt = cell.get("datatype")
                row.append(Literal(cell["value"], lang=lang, datatype=URIRef(dt) if dt and not lang else None))
        rows.append(tuple(row))
    return Result("select", variables, rows)


# -- output ---------------------------------------------------------------------------------------


def _json_term(t: Identifier) -> dict[str, str]:
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    assert isinstance(t, Literal)
    out = {"type": "literal", "value": str(t)}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype:
        out["datatype"] = str(t.datatype)
    return out


def to_json(result: Result) -> str:
    """The W3C SPARQL 1.1 Query Results JSON Format."""
    if result.kind == "ask":
        doc: dict[str, Any] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        doc = {"head": {"vars": result.variables}, "results": {"bindings": [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows]}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _short(t: Identifier | None, prefixes: Mapping[str, str]) -> str:
    if t is None:
        return ""
    if isinstance(t, URIRef):
        s = str(t)
        for p, ns in prefixes.items():
            if s.startswith(ns):
                return f"{p}:{s[len(ns):]}"
        return s
    if isinstance(t, Literal) and t.language:
        return f"{t}@{t.language}"
    return str(t)


def to_delimited(result: Result, delimiter: str) -> str:
    """SPARQL 1.1 CSV (values only) or TSV (RDF terms) results."""
    buf = io.StringIO()
    if delimiter == ",":
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(result.variables)
        for row in result.rows:
            w.writerow(["" if t is None else str(t) for t in row])
    else:
        buf.write("\t".join(f"?{v}" for v in result.variables) + "\n")
        for row in result.rows:
            buf.write("\t".join("" if t is None else t.n3().replace("\t", "\\t").replace("\n", "\\n")
                                for t in row) + "\n")
    return buf.getvalue()


#: characters that move a terminal's cursor or start an escape sequence (shown as a space in a table)
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def to_table(result: Result, prefixes: Mapping[str, str] | None = None, width: int = 60) -> str:
    prefixes = prefixes if prefixes is not None else {"id": "https://w3id.org/treaty-kg/id/", **PREFIXES}
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    if result.kind == "graph":
        g = Graph()
        for t in result.triples:
            g.add(t)
        return g.serialize(format="turtle")
    # a table is for a terminal: a newline, carriage return or escape sequence in a label must not redraw it
    cells = [[CONTROL.sub(" ", _short(t, prefixes))[:width] for t in row] for row in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(result.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def render(result: Result, fmt: str) -> str:
    if fmt == "json":
        if result.kind == "graph":
            raise QueryError("json is for SELECT and ASK results; use --format ttl for a graph")
        return to_json(result)
    if fmt in ("csv", "tsv"):
        if result.kind != "select":
            raise QueryError(f"{fmt} is for SELECT results")
        return to_delimited(result, "," if fmt == "csv" else "\t")
    if fmt == "ttl":
        if result.kind != "graph":
            raise QueryError("ttl is for CONSTRUCT and DESCRIBE results")
        g = Graph()
        for p, ns in PREFIXES.items():
            g.bind(p, ns)
        for t in result.triples:
            g.add(t)
        return g.serialize(format="turtle")
    return to_table(result)


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise QueryError(f"--param {pair!r}: write name=value")
        k, v = pair.split("=", 1)
        out[k.strip()] = v
    return out
