"""Writing the graph: formats by extension, byte-identical output, atomic files.

``.ttl`` merges every named graph into one; ``.trig`` and ``.nq`` keep one named graph per source
file; ``.nt`` and ``.jsonld`` as their names say. Line-based formats are sorted, JSON-LD is sorted by
``@id`` with sorted keys, so the same graph always gives the same bytes.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from kg.rdf.namespace import PREFIXES

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}


def format_for(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: unknown output format {suffix!r}; use one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


def merged(ds: Dataset) -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _sorted_lines(data: str) -> str:
    lines = sorted({ln for ln in data.splitlines() if ln.strip()})
    return "\n".join(lines) + ("\n" if lines else "")


def serialize(ds: Dataset, fmt: str) -> bytes:
    """The dataset in ``fmt`` (an rdflib format name), deterministically."""
    if fmt == "turtle":
        return merged(ds).serialize(format="turtle").encode("utf-8")
    if fmt == "nt":
        return _sorted_lines(merged(ds).serialize(format="nt")).encode("utf-8")
    if fmt == "nquads":
        return _sorted_lines(ds.serialize(format="nquads")).encode("utf-8")
    if fmt == "trig":
        return _trig(ds).encode("utf-8")
    if fmt == "json-ld":
        doc = json.loads(ds.serialize(format="json-ld", context=dict(PREFIXES)))
        return (json.dumps(_sort_jsonld(doc), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")


def _trig(ds: Dataset) -> str:
    """TriG with the named graphs in IRI order (rdflib's own order follows its store's hashing)."""
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
    blocks: list[str] = []
    graphs = sorted((g for g in ds.graphs() if len(g)), key=lambda g: str(g.identifier))
    for g in graphs:
        single = Graph()
        for prefix, ns in PREFIXES.items():
            single.bind(prefix, ns, override=True, replace=True)
        for triple in g:
            single.add(triple)
        body = single.serialize(format="turtle")
        lines = [ln for ln in body.splitlines() if not ln.startswith("@prefix")]
        while lines and not lines[0].strip():
            lines.pop(0)
        # no indentation: a multi-line string literal must keep its lines exactly
        inner = "\n".join(lines).rstrip()
        blocks.append(f"<{g.identifier}> {{\n{inner}\n}}\n")
    return head + "\n" + "\n".join(blocks)


def _sort_jsonld(node: object) -> object:
    if isinstance(node, dict):
        return {k: _sort_jsonld(v) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sort_jsonld(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file in the same folder, then rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp makes the file private; give it the mode a normal write would have
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_graph(ds: Dataset, path: str | os.PathLike[str]) -> int:
    """Serialise by ``path``'s extension and write atomically; return the number of bytes."""
    data = serialize(ds, format_for(path))
    write_atomic(path, data)
    return len(data)
