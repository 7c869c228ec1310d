"""The per-language provision tree the parsers build, and its merge into work-level provisions.

Each language version of a text is parsed on its own into :class:`Node` trees; nodes with the same
eid in several languages are one work-level :class:`~kg.model.Provision` with a text per language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from kg.model import Finding, Provision, Text


@dataclass(frozen=True)
class Part:
    """One line (or a piece of one) of a node's own words, as source offsets.

    ``own`` is where the words start when the node itself is shown (after its label ``a.``),
    ``full`` where they start when an ancestor shows them (label kept); ``join`` goes before it.
    """

    own: int
    full: int
    end: int
    join: str = "\n"


@dataclass(eq=False)
class Node:
    eid: str
    kind: str
    number: str | None
    parent: Node | None
    lang: str
    parts: list[Part] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    heading: str | None = None
    marker: str | None = None
    inferred: bool = False
    verb: str | None = None
    #: the node's words exclude its descendants' (chapters show only their heading line)
    own_only: bool = False

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Iterable[Node]:
        yield self
        for c in self.children:
            yield from c.walk()

    def text(self, source_text: str) -> Text:
        # a part with no words of its own (a heading line the parent shows) adds nothing, not even its joint
        spans: list[tuple[int, int, str, bool]] = [(p.own, p.end, p.join, True) for p in self.parts if p.own < p.end]
        if not self.own_only:
            for d in self.children:
                if d.kind == "footnote":
                    continue
                for n in d.walk():
                    if n.kind == "footnote":
                        continue
                    spans.extend((p.full, p.end, p.join, False) for p in n.parts)
        spans.sort()
        pieces: list[tuple[str, int | None, bool]] = []
        for i, (s, e, join, own) in enumerate(spans):
            if i:
                # a joint between two own lines is own too (a name may run over a wrapped line)
                pieces.append((join, None, own and spans[i - 1][3]))
            pieces.append((source_text[s:e], s, own))
        return Text.build(self.lang, pieces)


class EidSet(set[str]):
    """The eids of one version, remembering for each eid the suffix :func:`unique_eid` gave last.

    With a plain set, the n-th repeat of an eid (100,000 lines "a. ..." under one article) tried every
    suffix from ``_2`` again: quadratic.
    """

    def __init__(self) -> None:
        super().__init__()
        self.suffix: dict[str, int] = {}


def unique_eid(eid: str, seen: set[str]) -> str:
    """Make ``eid`` unique in a version by suffixing ``_2``, ``_3``...; the caller adds the result to ``seen``.

    >>> seen = EidSet()
    >>> for e in ("art_1", "art_1", "art_1"):
    ...     seen.add(unique_eid(e, seen))
    >>> sorted(seen)
    ['art_1', 'art_1_2', 'art_1_3']
    """
    if eid not in seen:
        return eid
    memo = seen.suffix if isinstance(seen, EidSet) else {}
    k = memo.get(eid, 2)
    while f"{eid}_{k}" in seen:
        k += 1
    memo[eid] = k + 1
    return f"{eid}_{k}"


class _Order:
    """Eids in reading order, where a later version inserts an eid right after another one: a linked
    list, since ``list.index`` and ``list.insert`` per provision made a merge quadratic."""

    def __init__(self) -> None:
        self.next: dict[str, str | None] = {}
        self.first: str | None = None
        self.last: str | None = None

    def __contains__(self, eid: object) -> bool:
        return eid in self.next

    def append(self, eid: str) -> None:
        if self.last is None:
            self.first = eid
        else:
            self.next[self.last] = eid
        self.next[eid] = None
        self.last = eid

    def insert_after(self, prev: str, eid: str) -> None:
        self.next[eid] = self.next[prev]
        self.next[prev] = eid
        if self.last == prev:
            self.last = eid

    def __iter__(self) -> Iterator[str]:
        eid = self.first
        while eid is not None:
            yield eid
            eid = self.next[eid]


def merge(
    versions: Sequence[Sequence[Node]], source_text: str, file: str
) -> tuple[tuple[Provision, ...], tuple[Finding, ...]]:
    """Merge the top-level nodes of each language version into work-level provisions.

    Provisions keep the order of their first appearance; siblings are numbered by it.
    """
    order = _Order()
    info: dict[str, dict] = {}
    findings: list[Finding] = []
    for roots in versions:
        prev: str | None = None
        for root in roots:
            for node in root.walk():
                parent = node.parent.eid if node.parent is not None else None
                rec = info.get(node.eid)
                if rec is None:
                    rec = {
                        "kind": node.kind,
                        "number": node.number,
                        "parent": parent,
                        "texts": {},
                        "headings": {},
                        "verbs": {},
                        "marker": node.marker,
                        "inferred": node.inferred,
                    }
                    info[node.eid] = rec
                    if prev is None or prev not in order:
                        order.append(node.eid)
                    else:
                        # insert after the last node already placed that precedes it in this version
                        order.insert_after(prev, node.eid)
                elif (rec["kind"], rec["parent"]) != (node.kind, parent):
                    findings.append(
                        Finding(file, "structure", f"{node.eid}: the {node.lang} version places it under "
                                f"{parent} as {node.kind}, another under {rec['parent']} as {rec['kind']}")
                    )
                rec["inferred"] = rec["inferred"] and node.inferred
                text = node.text(source_text)
                if text.value:
                    rec["texts"][node.lang] = text
                if node.heading:
                    rec["headings"][node.lang] = node.heading
                if node.verb:
                    rec["verbs"][node.lang] = node.verb
                prev = node.eid
    sibling_count: dict[str | None, int] = {}
    provisions: list[Provision] = []
    for eid in order:
        rec = info[eid]
        k = sibling_count.get(rec["parent"], 0) + 1
        sibling_count[rec["parent"]] = k
        provisions.append(
            Provision(
                eid=eid,
                kind=rec["kind"],
                number=rec["number"],
                order=k,
                parent=rec["parent"],
                texts=tuple(rec["texts"][lang] for lang in sorted(rec["texts"])),
                headings=tuple(sorted(rec["headings"].items())),
                verb=tuple(sorted(rec["verbs"].items())),
                marker=rec["marker"],
                number_inferred=rec["inferred"],
            )
        )
    return tuple(provisions), tuple(findings)
