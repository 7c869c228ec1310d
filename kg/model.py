"""Values passed between the stages: frozen dataclasses with offsets that can dump themselves.

Every stage before RDF speaks only these types, so each stage can be tested and dumped as JSON
(`treaty-kg extract FILE --json`) without building a graph.

>>> t = Text.build("en", [("Article 3", 100), (" ", None), ("applies.", 250)])
>>> t.value
'Article 3 applies.'
>>> t.source_offset(10), t.source_offset(9)
(250, 109)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any


def _lookup(pairs: tuple[tuple[str, str], ...], key: str) -> str | None:
    """The value of ``key`` in a tuple of (key, value) pairs, or None."""
    return next((v for k, v in pairs if k == key), None)


def _dump(value: Any) -> Any:
    if hasattr(value, "dump"):
        return value.dump()
    if isinstance(value, tuple | list):
        return [_dump(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _dump(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Piece:
    """``length`` characters of a text starting at ``start`` come from the source at ``src``.

    ``src`` is None for characters the stage made up (a space joining two wrapped lines).
    """

    start: int
    length: int
    src: int | None

    def dump(self) -> list[int | None]:
        return [self.start, self.length, self.src]


@dataclass(frozen=True)
class Text:
    """A provision's words in one language, with a piecewise map back to the source file."""

    lang: str
    value: str
    pieces: tuple[Piece, ...] = ()
    #: the ranges of ``value`` that are the provision's own words (not its children's); None: all of it
    own: tuple[tuple[int, int], ...] | None = None

    @classmethod
    def build(cls, lang: str, parts: Iterable[tuple[str, int | None] | tuple[str, int | None, bool]]) -> Text:
        """Concatenate ``(string, source offset or None[, own])`` parts, remembering where each came from."""
        chunks: list[str] = []
        pieces: list[Piece] = []
        own: list[list[int]] = []
        pos = 0
        all_own = True
        for part in parts:
            s, src = part[0], part[1]
            is_own = part[2] if len(part) > 2 else True  # type: ignore[misc]
            if not s:
                continue
            chunks.append(s)
            pieces.append(Piece(pos, len(s), src))
            if is_own:
                if own and own[-1][1] == pos:
                    own[-1][1] = pos + len(s)
                else:
                    own.append([pos, pos + len(s)])
            else:
                all_own = False
            pos += len(s)
        ranges = None if all_own else tuple((a, b) for a, b in own)
        return cls(lang, "".join(chunks), tuple(pieces), ranges)

    def is_own(self, start: int, end: int) -> bool:
        """Whether ``value[start:end]`` lies in the provision's own words."""
        if self.own is None:
            return True
        return any(a <= start and end <= b for a, b in self.own)

    def source_offset(self, i: int) -> int | None:
        """The source-file offset of character ``i`` (for a made-up character, where it stands)."""
        if not self.pieces:
            return None
        k = bisect_right([p.start for p in self.pieces], i) - 1
        p = self.pieces[max(k, 0)]
        if p.src is None:
            # a joining character: report the end of the previous real piece
            for q in reversed(self.pieces[: max(k, 0)]):
                if q.src is not None:
                    return q.src + q.length
            return None
        return p.src + (i - p.start)

    def dump(self) -> dict[str, Any]:
        return {"lang": self.lang, "value": self.value, "pieces": [p.dump() for p in self.pieces],
                "own": None if self.own is None else [list(r) for r in self.own]}


@dataclass(frozen=True)
class SourceLine:
    """One line of a source file after noise removal: ``text == source.text[start:end]``.

    ``indent`` is the column where the line's content starts in the file (after any removed
    outline counter), ``line_start`` the offset where the physical line begins.
    """

    number: int
    start: int
    end: int
    text: str
    indent: int
    line_start: int
    lang: str | None = None

    def dump(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Noise:
    """A stretch of the source that is not text of the document (print tags, footers...)."""

    kind: str
    start: int
    end: int
    text: str

    def dump(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LanguageBlock:
    """A run of lines in one language: one language version of the file's text."""

    lang: str
    lines: tuple[SourceLine, ...]

    @property
    def start(self) -> int:
        return self.lines[0].start if self.lines else 0

    @property
    def end(self) -> int:
        return self.lines[-1].end if self.lines else 0

    def dump(self) -> dict[str, Any]:
        return {"lang": self.lang, "start": self.start, "end": self.end, "lines": len(self.lines)}


@dataclass(frozen=True)
class Source:
    """A file as read: its decoded text, where it came from, its metadata and language blocks."""

    path: str
    name: str
    text: str
    encoding: str
    sha256: str
    blocks: tuple[LanguageBlock, ...]
    noise: tuple[Noise, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()

    def meta(self, key: str) -> str | None:
        return _lookup(self.metadata, key)

    def dump(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "name": self.name,
            "encoding": self.encoding,
            "sha256": self.sha256,
            "length": len(self.text),
            "metadata": [list(kv) for kv in self.metadata],
            "blocks": [b.dump() for b in self.blocks],
            "noise": [n.dump() for n in self.noise],
        }


@dataclass(frozen=True)
class Provision:
    """A work-level structural unit: one node whatever the language, a text per language.

    ``eid`` is its Akoma-Ntoso-style id inside the document (``art_20__para_a``), ``parent`` the
    parent's eid or None for a child of the document itself.
    """

    eid: str
    kind: str
    number: str | None
    order: int
    parent: str | None
    texts: tuple[Text, ...] = ()
    headings: tuple[tuple[str, str], ...] = ()
    verb: tuple[tuple[str, str], ...] = ()
    marker: str | None = None
    number_inferred: bool = False

    def text(self, lang: str) -> Text | None:
        for t in self.texts:
            if t.lang == lang:
                return t
        return None

    def dump(self) -> dict[str, Any]:
        return {
            "eid": self.eid,
            "kind": self.kind,
            "number": self.number,
            "order": self.order,
            "parent": self.parent,
            "texts": [t.dump() for t in self.texts],
            "headings": [list(h) for h in self.headings],
            "verb": [list(v) for v in self.verb],
            "marker": self.marker,
            "number_inferred": self.number_inferred,
        }


@dataclass(frozen=True)
class Finding:
    """Something a stage wants the user to know: a heading that disagreed with inference, etc."""

    file: str
    stage: str
    message: str
    offset: int | None = None

    def dump(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        where = f"@{self.offset}" if self.offset is not None else ""
        return f"{self.file}{where}: {self.stage}: {self.message}"


@dataclass(frozen=True)
class Document:
    """The structure stage's output for one source file: a work and its provision tree."""

    kind: str  # "treaty" | "resolution" | "document"
    key: str  # the identity key: a registry id ("coe-statute") or a UN symbol ("A/RES/67/83")
    source: Source
    languages: tuple[str, ...]
    titles: tuple[tuple[str, str], ...]
    provisions: tuple[Provision, ...]
    date: str | None = None
    symbol: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()
    findings: tuple[Finding, ...] = field(default=())

    def provision(self, eid: str) -> Provision | None:
        for p in self.provisions:
            if p.eid == eid:
                return p
        return None

    def meta(self, key: str) -> str | None:
        return _lookup(self.metadata, key)

    def dump(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "symbol": self.symbol,
            "date": self.date,
            "languages": list(self.languages),
            "titles": [list(t) for t in self.titles],
            "metadata": [list(kv) for kv in self.metadata],
            "source": self.source.dump(),
            "provisions": [p.dump() for p in self.provisions],
            "findings": [f.dump() for f in self.findings],
        }


@dataclass(frozen=True)
class Mention:
    """A provision names an entity: ``quote == provision.text(lang).value[start:end]``.

    ``entity`` is a registry id, or for a discovered name ``discovered:<class>:<name>``; ``how`` says
    which rule found it (name, former_name, abbreviation, coordinated, short_form, table, discovered).
    """

    eid: str
    lang: str
    start: int
    end: int
    quote: str
    entity: str
    cls: str
    how: str

    def dump(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Citation:
    """A provision cites another document or provision; ``target`` is a document key (a UN symbol or a
    registry id) and ``target_eid`` the cited provision's eid, or None for the document itself."""

    eid: str
    lang: str
    start: int
    end: int
    quote: str
    target: str
    target_kind: str  # "document" | "treaty" | "footnote"
    target_eid: str | None = None
    symbols: tuple[str, ...] = ()

    def dump(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Fact:
    """A value read from a text about an entity: a treaty's UNTS volume, a state's seats in a version
    of a seat table. ``subject`` is a registry id; the evidence is a quote in a provision."""

    subject: str
    prop: str  # "untsVolume" | "untsNumber" | "seats"
    value: str
    eid: str
    lang: str
    start: int
    end: int
    quote: str

    def dump(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Entities:
    """The entity stage's output for one document."""

    mentions: tuple[Mention, ...] = ()
    citations: tuple[Citation, ...] = ()
    facts: tuple[Fact, ...] = ()
    findings: tuple[Finding, ...] = ()

    def dump(self) -> dict[str, Any]:
        return {k: [x.dump() for x in getattr(self, k)] for k in ("mentions", "citations", "facts", "findings")}


__all__ = [
    "Citation", "Entities", "Fact", "Mention",
    "Document", "Finding", "LanguageBlock", "Noise", "Piece", "Provision", "Source", "SourceLine",
    "Text", "_dump",
]
