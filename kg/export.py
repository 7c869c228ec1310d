"""Writing the graph: formats by extension, byte-identical output, atomic files.

``.ttl`` and ``.nt`` merge every named graph into one graph; ``.trig``, ``.nq`` and ``.jsonld`` keep one
named graph per source file. The same graph always gives the same bytes, on every run and machine.

One writer serves both the build (an rdflib :class:`~rdflib.Dataset`) and the store (an Oxigraph
database), so the two cannot drift: a Dataset is first loaded into an in-memory Oxigraph store, then
both are written by streaming each named graph out of Oxigraph as N-Triples, sorting the lines and
writing them:

- N-Triples and N-Quads are the sorted lines (N-Quads: graph by graph, the default graph first);
- Turtle and TriG group the sorted lines by subject, ``a`` first, prefixed names for the namespaces of
  :data:`kg.rdf.namespace.PREFIXES`, bare integers and booleans, and ``\"\"\"long strings\"\"\"`` for
  multi-line literals, whose lines are written exactly as they are (never indented);
- JSON-LD is one node object per subject with the context of :func:`jsonld_context` embedded, the
  named graphs as ``{"@id": graph, "@graph": [...]}``.

Merging all graphs (``.ttl``, ``.nt``) sorts the whole dataset; runs of :data:`RUN_LINES` lines are
sorted in memory and merged from temporary files, so a store of tens of millions of triples is written
in bounded memory.

Blank nodes have no stable labels. The project's graph has none, and then nothing is done; where a
dataset has some, it is canonicalised first (RDFC-1.0, labels ``_:c14n0``...), which is slower.

>>> from rdflib import Dataset, Literal, URIRef
>>> from kg.rdf.namespace import TKG
>>> ds = Dataset()
>>> g = ds.graph(URIRef("https://ex.org/g"))
>>> _ = g.add((URIRef("https://ex.org/s"), TKG.text, Literal("a\\nb", lang="en")))
>>> print(serialize(ds, "trig").decode().split("\\n\\n", 1)[1], end="")
<https://ex.org/g> {
    <https://ex.org/s> tkg:text \"\"\"a
b\"\"\"@en .
}
"""

from __future__ import annotations

import contextlib
import heapq
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.rdf.namespace import PREFIXES, RDF, XSD

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}
#: the ``export`` command's format names, and the writer format each stands for
EXPORT_FORMATS = {"ttl": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}
#: writer formats that merge all named graphs into one graph
MERGED = frozenset({"turtle", "nt"})

#: lines sorted in memory at once before a merge through temporary files (about 0.4 GB for Turtle)
RUN_LINES = 1_000_000


def format_for(path: str | os.PathLike[str]) -> str:
    """The writer format for a file name's extension.

    >>> format_for("exports/corpus.trig")
    'trig'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: unknown output format {suffix!r}; use one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


def merged(ds: Dataset) -> Graph:
    """All the named graphs of ``ds`` as one rdflib graph, with the project's prefixes bound."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def to_oxigraph(ds: Dataset) -> ox.Store:
    """An in-memory Oxigraph store holding ``ds`` (its default graph stays the default graph)."""
    db = ox.Store()
    data = ds.serialize(format="nquads")
    if data.strip():
        db.bulk_load(data.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return db


def serialize(ds: Dataset, fmt: str) -> bytes:
    """The dataset in ``fmt`` (a writer format: turtle, trig, nquads, nt, json-ld), deterministically."""
    if fmt not in EXPORT_FORMATS.values():
        raise ValueError(f"unknown format {fmt!r}")
    out = io.BytesIO()
    write_store(to_oxigraph(ds), fmt, out)
    return out.getvalue()


def write_graph(ds: Dataset, path: str | os.PathLike[str]) -> int:
    """Serialise by ``path``'s extension and write atomically; return the number of bytes."""
    data = serialize(ds, format_for(path))
    write_atomic(path, data)
    return len(data)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file in the same folder, then rename."""
    with atomic_file(path) as fh:
        fh.write(data)


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary file that becomes ``path`` when the block ends without an error, and vanishes otherwise."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp makes the file private; give it the mode a normal write would have
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w+b") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_store(db: ox.Store, fmt: str, out: IO[bytes], graphs: Iterable[str] | None = None,
                prefixes: Mapping[str, str] | None = None) -> int:
    """Write the Oxigraph store ``db`` (or only its named graphs ``graphs``) in ``fmt`` to the seekable
    binary file ``out``, with ``prefixes`` (default :data:`~kg.rdf.namespace.PREFIXES`); return the
    number of triples (merged formats) or quads written."""
    if fmt not in _WRITERS:
        raise ValueError(f"unknown format {fmt!r}")
    terms = _Terms(PREFIXES if prefixes is None else prefixes)
    only = None if graphs is None else frozenset(graphs)
    start = out.tell()
    source = _Source(db, only, blank_ok=False)
    try:
        _write(_WRITERS[fmt](source, terms), out)
    except _BlankNodes:
        out.seek(start)
        out.truncate()
        source = _Source(canonical(db), only, blank_ok=True)
        _write(_WRITERS[fmt](source, terms), out)
    return source.count


def canonical(db: ox.Store) -> ox.Store:
    """A copy of ``db`` whose blank nodes carry their RDFC-1.0 canonical labels."""
    dataset = ox.Dataset(db)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    copy = ox.Store()
    copy.extend(dataset)
    return copy


class _BlankNodes(Exception):
    """The store has blank nodes: write a canonicalised copy instead."""


def _write(chunks: Iterable[str], out: IO[bytes]) -> None:
    buffer: list[str] = []
    size = 0
    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size > 1 << 20:
            out.write("".join(buffer).encode("utf-8"))
            buffer, size = [], 0
    out.write("".join(buffer).encode("utf-8"))


# --- reading the store ---------------------------------------------------------------------------------

_BLANK = re.compile(r"(?m)^_:|\s_:\S+ \.$")


GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


def subject_order(line: str) -> str:
    """The sort key of an N-Triples line: by subject IRI, so ``<…/a>`` comes before ``<…/a#b>`` and
    ``<…/art_2>`` before ``<…/art_20>`` (the closing ``>`` of the subject sorts first)."""
    return line.replace("> ", "\x00", 1)


class _Source:
    """The graphs of a store to write (all, or the named graphs in ``only``), as N-Triples lines; counts
    what it hands out. Raises :class:`_BlankNodes` on a blank node unless ``blank_ok``."""

    def __init__(self, db: ox.Store, only: frozenset[str] | None, blank_ok: bool) -> None:
        self.db = db
        self.only = only
        self.blank_ok = blank_ok
        self.count = 0

    def names(self) -> list[GraphName]:
        """The default graph, then the named graphs in the order of their names."""
        names: list[ox.NamedNode | ox.BlankNode] = list(self.db.named_graphs())
        if self.only is not None:
            names = [g for g in names if isinstance(g, ox.NamedNode) and g.value in self.only]
        if not self.blank_ok and any(isinstance(g, ox.BlankNode) for g in names):
            raise _BlankNodes
        names.sort(key=lambda g: (isinstance(g, ox.BlankNode), g.value))
        return [*([ox.DefaultGraph()] if self.only is None else []), *names]

    def lines(self, graph: GraphName) -> list[str]:
        """One graph's triples as N-Triples lines (without the newline), in the store's order."""
        data = self.db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        if not data:
            return []
        text = data.decode("utf-8")
        if not self.blank_ok and "_:" in text and _BLANK.search(text):
            raise _BlankNodes
        # split on "\n" only: a literal may hold U+2028 and the like, which str.splitlines() splits on
        lines = text.split("\n")
        if lines and not lines[-1]:
            lines.pop()
        return lines

    def graphs(self, key: Callable[[str], str] | None) -> Iterator[tuple[str, list[str]]]:
        """(graph name as N-Triples, or "" for the default graph; its lines sorted by ``key``) for each
        graph that has triples."""
        for name in self.names():
            lines = self.lines(name)
            if lines:
                lines.sort(key=key)
                self.count += len(lines)
                yield ("" if isinstance(name, ox.DefaultGraph) else str(name)), lines

    def merged(self, key: Callable[[str], str] | None) -> Iterator[str]:
        """Every triple of every graph once, sorted by ``key``."""
        for line in _sorted_union((self.lines(name) for name in self.names()), key):
            self.count += 1
            yield line


def _sorted_union(blocks: Iterable[list[str]], key: Callable[[str], str] | None = None,
                  run_lines: int | None = None) -> Iterator[str]:
    """The sorted, de-duplicated union of the blocks' lines, in memory up to ``run_lines`` lines at once.

    >>> list(_sorted_union([["b", "a"], ["c", "a"], ["b"]], run_lines=2))
    ['a', 'b', 'c']
    """
    limit = run_lines or RUN_LINES
    buffer: list[str] = []
    with contextlib.ExitStack() as stack:
        runs: list[IO[str]] = []
        for lines in blocks:
            buffer.extend(lines)
            if len(buffer) >= limit:
                runs.append(_spill(buffer, key, stack))
                buffer = []
        if not runs:
            buffer.sort(key=key)
            yield from _unique(buffer)
            return
        if buffer:
            runs.append(_spill(buffer, key, stack))
            buffer = []
        yield from _unique(heapq.merge(*(_read_run(r) for r in runs), key=key))


def _spill(lines: list[str], key: Callable[[str], str] | None, stack: contextlib.ExitStack) -> IO[str]:
    """Sort ``lines`` into a temporary file (closed, and so removed, when ``stack`` closes)."""
    lines.sort(key=key)
    run = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n"))  # noqa: SIM115
    for i in range(0, len(lines), 10_000):  # in slices: one string of a whole run would double the memory
        run.write("\n".join(lines[i:i + 10_000]) + "\n")
    run.seek(0)
    return run


def _read_run(run: IO[str]) -> Iterator[str]:
    for line in run:
        yield line[:-1]


def _unique(lines: Iterable[str]) -> Iterator[str]:
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line


# --- terms -----------------------------------------------------------------------------------------------

#: local names written as prefixed names: a conservative subset of Turtle's PN_LOCAL that every parser reads
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_TYPE = f"<{RDF.type}>"
_XSD_INTEGER = str(XSD.integer)
_XSD_BOOLEAN = str(XSD.boolean)


def _split_literal(term: str) -> tuple[str, str, str]:
    """(escaped lexical form, language, datatype IRI) of an N-Triples literal."""
    end = term.rfind('"')
    lexical, tail = term[1:end], term[end + 1:]
    if tail.startswith("@"):
        return lexical, tail[1:], ""
    if tail.startswith("^^<"):
        return lexical, "", tail[3:-1]
    return lexical, "", ""


def _newlines(match: re.Match[str]) -> str:
    return "\n" if match.group() == "\\n" else match.group()


def _unescape(lexical: str) -> str:
    """The string an N-Triples lexical form (without its quotes) stands for."""
    simple = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}

    def one(match: re.Match[str]) -> str:
        text = match.group()
        if text[1] in "uU":
            return chr(int(text[2:], 16))
        return simple.get(text[1], text[1])

    return _ESCAPE.sub(one, lexical)


def _json_string(lexical: str) -> str:
    """A JSON string for an N-Triples lexical form: Oxigraph's escapes are JSON's, so it is kept as it is."""
    if "\\U" in lexical or "\\'" in lexical:
        return json.dumps(_unescape(lexical), ensure_ascii=False)
    return f'"{lexical}"'


class _Terms:
    """N-Triples terms written as Turtle or JSON-LD with a set of prefixes."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.prefixes = dict(prefixes)
        self.namespaces = {ns: prefix for prefix, ns in self.prefixes.items()}

    def compact(self, iri: str) -> str | None:
        """``prefix:local`` for an IRI (without brackets) in a known namespace, else None."""
        cut = max(iri.rfind("#"), iri.rfind("/")) + 1
        prefix = self.namespaces.get(iri[:cut])
        if prefix is not None and _LOCAL.fullmatch(iri, cut):
            return f"{prefix}:{iri[cut:]}"
        return None

    # Turtle

    def header(self) -> str:
        return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in self.prefixes.items())

    def ttl_iri(self, term: str) -> str:
        """A Turtle IRI or prefixed name for an N-Triples IRI ``<...>`` or blank node ``_:x``."""
        if term[0] != "<":
            return term
        return self.compact(term[1:-1]) or term

    def ttl_literal(self, term: str) -> str:
        lexical, lang, datatype = _split_literal(term)
        if datatype == _XSD_INTEGER and _INTEGER.fullmatch(lexical):
            return lexical
        if datatype == _XSD_BOOLEAN and lexical in ("true", "false"):
            return lexical
        tail = f"@{lang}" if lang else f"^^{self.ttl_iri(f'<{datatype}>')}" if datatype else ""
        if "\\n" in lexical:
            # a multi-line string: its lines exactly as they are, other escapes kept
            long = _ESCAPE.sub(_newlines, lexical)
            if "\n" in long:
                return f'"""{long}"""{tail}'
        return f'"{lexical}"{tail}'

    def ttl_term(self, term: str) -> str:
        return self.ttl_literal(term) if term[0] == '"' else self.ttl_iri(term)

    def turtle_block(self, subject: str, predicates: list[tuple[str, list[str]]], indent: str) -> str:
        """One subject's statements; ``indent`` starts each line the writer makes (never a literal's)."""
        parts: list[str] = []
        for i, (p, objects) in enumerate(predicates):
            head = f"{indent}{self.ttl_iri(subject)} " if i == 0 else f"{indent}    "
            verb = "a" if p == _TYPE else self.ttl_iri(p)
            values = f",\n{indent}        ".join(self.ttl_term(o) for o in objects)
            parts.append(f"{head}{verb} {values}")
        return " ;\n".join(parts) + " .\n"

    # JSON-LD

    def json_iri(self, term: str) -> str:
        if term[0] != "<":
            return f'"{term}"'
        iri = term[1:-1]
        return f'"{self.compact(iri) or iri}"'

    def json_value(self, term: str) -> str:
        if term[0] != '"':
            return f'{{"@id": {self.json_iri(term)}}}'
        lexical, lang, datatype = _split_literal(term)
        value = _json_string(lexical)
        if lang:
            return f'{{"@value": {value}, "@language": "{lang}"}}'
        if datatype:
            return f'{{"@value": {value}, "@type": {self.json_iri(f"<{datatype}>")}}}'
        return value

    def json_node(self, subject: str, predicates: list[tuple[str, list[str]]], indent: str) -> str:
        inner = indent + "  "
        fields = [f'{inner}"@id": {self.json_iri(subject)}']
        for p, objects in predicates:
            if p == _TYPE and all(o[0] != '"' for o in objects):
                fields.append(f'{inner}"@type": [{", ".join(self.json_iri(o) for o in objects)}]')
            else:
                fields.append(f'{inner}{self.json_iri(p)}: [{", ".join(self.json_value(o) for o in objects)}]')
        return f"{indent}{{\n" + ",\n".join(fields) + f"\n{indent}}}"


# --- grouping --------------------------------------------------------------------------------------------


def by_subject(lines: Iterable[str]) -> Iterator[tuple[str, list[tuple[str, list[str]]]]]:
    """(subject, [(predicate, [objects])]) from N-Triples lines sorted by subject; rdf:type comes first.

    >>> list(by_subject(["<s> <p> <o> .", '<s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <C> .']))
    [('<s>', [('<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>', ['<C>']), ('<p>', ['<o>'])])]
    """
    subject = ""
    predicates: list[tuple[str, list[str]]] = []
    for line in lines:
        s, p, rest = line.split(" ", 2)
        o = rest[:-2]
        if s != subject:
            if predicates:
                yield subject, _type_first(predicates)
            subject, predicates = s, []
        if predicates and predicates[-1][0] == p:
            predicates[-1][1].append(o)
        else:
            predicates.append((p, [o]))
    if predicates:
        yield subject, _type_first(predicates)


def _type_first(predicates: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    for i, (p, _) in enumerate(predicates):
        if p == _TYPE:
            return [predicates[i], *predicates[:i], *predicates[i + 1:]] if i else predicates
    return predicates


def subjects(db: ox.Store) -> Iterator[tuple[str, list[tuple[str, list[str]]]]]:
    """The merged graph of ``db`` (every triple once), subject by subject in :func:`subject_order`, terms
    in N-Triples; what the Turtle export writes, for callers that compute over it (the VoID counts)."""
    try:
        yield from by_subject(_Source(db, None, blank_ok=False).merged(subject_order))
    except _BlankNodes:
        yield from by_subject(_Source(canonical(db), None, blank_ok=True).merged(subject_order))


# --- writers ---------------------------------------------------------------------------------------------


def _ntriples(source: _Source, terms: _Terms) -> Iterator[str]:
    for line in source.merged(None):
        yield line + "\n"


def _nquads(source: _Source, terms: _Terms) -> Iterator[str]:
    for graph, lines in source.graphs(None):
        suffix = f"{graph} .\n" if graph else ".\n"
        yield "".join(line[:-1] + suffix for line in lines)


def _turtle(source: _Source, terms: _Terms) -> Iterator[str]:
    yield terms.header()
    for subject, predicates in by_subject(source.merged(subject_order)):
        yield "\n" + terms.turtle_block(subject, predicates, "")


def _trig(source: _Source, terms: _Terms) -> Iterator[str]:
    yield terms.header()
    for graph, lines in source.graphs(subject_order):
        blocks = [terms.turtle_block(s, ps, "    " if graph else "") for s, ps in by_subject(lines)]
        body = "\n".join(blocks)
        yield f"\n{graph} {{\n{body}}}\n" if graph else f"\n{body}"


def _jsonld(source: _Source, terms: _Terms) -> Iterator[str]:
    context = json.dumps(terms.prefixes, indent=2, ensure_ascii=False).replace("\n", "\n  ")
    yield f'{{\n  "@context": {context},\n  "@graph": ['
    first = True
    for graph, lines in source.graphs(subject_order):
        if graph:
            nodes = ",\n".join(terms.json_node(s, ps, "        ") for s, ps in by_subject(lines))
            block = f'    {{\n      "@id": {terms.json_iri(graph)},\n      "@graph": [\n{nodes}\n      ]\n    }}'
        else:
            block = ",\n".join(terms.json_node(s, ps, "    ") for s, ps in by_subject(lines))
        yield ("\n" if first else ",\n") + block
        first = False
    yield "\n  ]\n}\n"


#: the writer of each format
_WRITERS: dict[str, Callable[[_Source, _Terms], Iterator[str]]] = {
    "nt": _ntriples, "nquads": _nquads, "turtle": _turtle, "trig": _trig, "json-ld": _jsonld,
}


def jsonld_context() -> dict[str, object]:
    """The JSON-LD context of the exports: the project's prefixes (``exports/context.jsonld``). The JSON-LD
    export embeds the same object, so it reads offline without fetching anything.

    >>> jsonld_context()["@context"]["tkg"]
    'https://w3id.org/treaty-kg/ontology#'
    """
    return {"@context": dict(PREFIXES)}


def context_bytes() -> bytes:
    """``exports/context.jsonld``, byte for byte."""
    return (json.dumps(jsonld_context(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


__all__ = [
    "EXPORT_FORMATS", "FORMATS", "MERGED", "RUN_LINES", "atomic_file", "by_subject", "canonical",
    "context_bytes", "format_for", "jsonld_context", "merged", "serialize", "subject_order", "subjects",
    "to_oxigraph", "write_atomic", "write_graph", "write_store",
]
