"""Minting IRIs: the one place resource IRIs are made, deterministic and readable.

Shapes (``{base}`` defaults to ``https://w3id.org/treaty-kg/id/``):

* a treaty or other registry entity: ``{base}{kind}/{id}``, e.g. ``treaty/coe-statute``,
  ``organ/coe-committee-of-ministers``, ``state/fra``;
* a UN document by its symbol, slashes kept: ``{base}doc/A/RES/67/83``;
* a provision: its work's IRI, ``/``, its Akoma-Ntoso-style eid: ``…/treaty/coe-statute/art_20__para_d``.
  An eid starts with a lower-case letter and a symbol part never does, so the parse is unambiguous;
* a source file's named graph: ``{base}source/{file name}``; an annotation:
  ``{base}annotation/{hash}`` with ``#target``, ``#quote``, ``#position`` for its parts.

Anything taken from a document is percent-encoded so it cannot leave the base or forge a path: a space,
quote, ``#``, ``?``, ``%``, newline or any non-ASCII character is a ``%XX`` escape of its UTF-8 bytes, and a
``.`` or ``..`` segment is spelt ``%2E``. A key may be as long as it likes; the IRI is as long as its escapes.

Unicode normalisation: a key or file name is used exactly as it is spelt, code point for code point. The
NFC and NFD spellings of one name (``й`` and ``и`` + U+0306) give two distinct IRIs, each deterministic and
each parsing back to its own spelling. Folding them into one would make two files that a file system keeps
apart (Linux does) share a named graph, so that building one would silently replace the other. Keys made
from titles are ASCII slugs (NFKD, then ASCII), so a title spelt either way gives one key.

>>> iri = ResourceIRI("treaty", "coe-statute", "art_20__para_d")
>>> str(iri.to_iri())
'https://w3id.org/treaty-kg/id/treaty/coe-statute/art_20__para_d'
>>> ResourceIRI.parse(str(iri.to_iri())) == iri
True
>>> str(ResourceIRI("doc", "A/RES/67/83", "op_12").to_iri())
'https://w3id.org/treaty-kg/id/doc/A/RES/67/83/op_12'
>>> ResourceIRI.parse("https://w3id.org/treaty-kg/id/doc/A/RES/67/83/op_12").key
'A/RES/67/83'
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, unquote

from rdflib import URIRef

from kg.rdf.namespace import DEFAULT_BASE

#: the kinds of resource and the path segment of each
KINDS = ("treaty", "doc", "org", "organ", "unentity", "state", "source", "annotation", "entity")
#: characters kept as they are in a key; everything else is percent-encoded
SAFE_KEY = "-._~()/"
#: an eid starts with a lower-case letter (symbol parts start with a capital or a digit)
EID = re.compile(r"^[a-z]+(?:_[A-Za-z0-9.\-]+)*(?:__[a-z]+(?:_[A-Za-z0-9.\-]+)*)*$")


def _quote(part: str, safe: str) -> str:
    out = quote(part, safe=safe)
    # a key must not climb out of its place
    return re.sub(r"(^|/)\.{1,2}(?=/|$)", lambda m: m.group(1) + m.group(0)[len(m.group(1)):].replace(".", "%2E"), out)


def check_base(base: str) -> str:
    """``base`` if it can hold resource IRIs: http(s), ending in ``/``, no ``?`` or ``#`` (every resource would be
    a query or a fragment, and an annotation's ``#target`` a second fragment), no space or control character.

    >>> check_base("https://example.org/kg#/")
    Traceback (most recent call last):
    ...
    ValueError: base IRI must be an http(s) IRI ending in '/', without '?' or '#': 'https://example.org/kg#/'
    """
    if not re.fullmatch(r"https?://[^\x00-\x20\x7f-\x9f\s<>\"{}|\\^`?#/]+(?:/[^\x00-\x20\x7f-\x9f\s<>\"{}|\\^`?#]*)?/",
                        base):
        raise ValueError(f"base IRI must be an http(s) IRI ending in '/', without '?' or '#': {base!r}")
    return base


@dataclass(frozen=True)
class ResourceIRI:
    kind: str
    key: str
    eid: str | None = None
    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown resource kind {self.kind!r}")
        if self.eid is not None and not EID.match(self.eid):
            raise ValueError(f"not an eid: {self.eid!r}")
        if not self.key:
            raise ValueError("empty key")

    def __str__(self) -> str:
        return _mint(self.kind, self.key, self.eid, self.base)

    def to_iri(self) -> URIRef:
        return _mint_ref(self.kind, self.key, self.eid, self.base)

    def provision(self, eid: str) -> ResourceIRI:
        return ResourceIRI(self.kind, self.key, eid, self.base)

    @classmethod
    def parse(cls, iri: str, base: str = DEFAULT_BASE) -> ResourceIRI:
        if not iri.startswith(base):
            raise ValueError(f"{iri!r} is not under {base!r}")
        kind, _, rest = iri[len(base) :].partition("/")
        parts = rest.split("/")
        eid = None
        if kind != "doc":
            key, _, tail = rest.partition("/")
            return cls(kind, unquote(key), tail or None, base)
        if len(parts) > 1 and EID.match(parts[-1]):
            eid = parts.pop()
        return cls(kind, unquote("/".join(parts)), eid, base)


@lru_cache(maxsize=1 << 16)
def _mint(kind: str, key: str, eid: str | None, base: str) -> str:
    key = _quote(key, SAFE_KEY if kind == "doc" else "-._~()")
    if kind == "doc":
        # a symbol part never starts with a lower-case letter; escape one that does, so that
        # only an eid does and the parse stays unambiguous
        key = re.sub(r"(^|/)([a-z])", lambda m: f"{m.group(1)}%{ord(m.group(2)):02X}", key)
    tail = f"/{eid}" if eid else ""
    return f"{base}{kind}/{key}{tail}"


@lru_cache(maxsize=1 << 16)
def _mint_ref(kind: str, key: str, eid: str | None, base: str) -> URIRef:
    return URIRef(_mint(kind, key, eid, base))


def work_iri(kind: str, key: str, base: str = DEFAULT_BASE) -> ResourceIRI:
    """The IRI of a document (``kind`` "resolution"/"document" → doc) or treaty."""
    return ResourceIRI("doc" if kind in ("resolution", "document") else "treaty", key, None, base)


#: the key of the named graph that describes registry entities (the registry is a source too)
REGISTRY_SOURCE = "registry"


def source_graph(file_name: str, base: str = DEFAULT_BASE) -> URIRef:
    """The named graph of one source file; a file called ``registry`` gets ``%72egistry``, so that no
    file can write into the registry's graph.

    >>> str(source_graph("003 Устав.txt"))
    'https://w3id.org/treaty-kg/id/source/003%20%D0%A3%D1%81%D1%82%D0%B0%D0%B2.txt'
    >>> str(source_graph("registry")) != str(registry_graph_iri())
    True
    """
    if file_name == REGISTRY_SOURCE:
        return URIRef(f"{base}source/%{ord(file_name[0]):02X}{file_name[1:]}")
    return ResourceIRI("source", file_name, None, base).to_iri()


def registry_graph_iri(base: str = DEFAULT_BASE) -> URIRef:
    """The named graph of the registry's descriptions of the entities the texts name."""
    return ResourceIRI("source", REGISTRY_SOURCE, None, base).to_iri()


def annotation_iri(*parts: object, base: str = DEFAULT_BASE) -> URIRef:
    """A stable IRI for an annotation, hashed from what it says (source, body, offsets)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:20]
    return URIRef(f"{base}annotation/{digest}")
