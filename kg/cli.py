"""The ``treaty-kg`` command: a thin layer over the library (:mod:`kg.pipeline`, :mod:`kg.export`).

Heavy modules are imported inside the commands, so ``treaty-kg --help`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from kg.rdf.namespace import DEFAULT_BASE


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream: TextIO = sys.stderr, enabled: bool | None = None) -> None:
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.enabled or total == 0:
            return
        width = 30
        filled = int(width * done / total)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} {name[:40]:<40}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def _add_base(p: argparse.ArgumentParser) -> None:
    p.add_argument("--base", default=DEFAULT_BASE, metavar="IRI",
                   help=f"base IRI of the resources (default {DEFAULT_BASE})")


def _cmd_build(args: argparse.Namespace) -> int:
    from kg.export import format_for, write_graph
    from kg.pipeline import build
    from kg.rdf.iri import check_base

    try:
        format_for(args.output)
        check_base(args.base)
    except ValueError as exc:
        print(f"treaty-kg: {exc}", file=sys.stderr)
        return 2
    result = build(args.paths, progress=Progress(enabled=None if not args.quiet else False),
                   max_bytes=args.max_bytes)
    for err in result.errors:
        print(f"treaty-kg: {err}", file=sys.stderr)
    if not args.quiet:
        for f in result.findings:
            print(f"treaty-kg: note: {f}", file=sys.stderr)
    if not result.documents:
        print("treaty-kg: nothing was built; no output written", file=sys.stderr)
        return 1
    size = write_graph(result.dataset(args.base), args.output)
    if not args.quiet:
        print(f"treaty-kg: {len(result.documents)} document(s) -> {args.output} ({size} bytes)", file=sys.stderr)
    return 1 if result.errors else 0


def _cmd_extract(args: argparse.Namespace) -> int:
    from kg.entities.registry import identify_treaty
    from kg.ingest import IngestError, ingest
    from kg.structure import structure

    try:
        source = ingest(args.file)
        doc = structure(source, identify=identify_treaty)
    except IngestError as exc:
        print(f"treaty-kg: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"treaty-kg: {args.file}: {exc}", file=sys.stderr)
        return 1
    if args.stage == "references":
        from kg.entities.extract import default_stage
        from kg.references import resolve_references

        refs = resolve_references(doc, {doc.key: doc}, default_stage().matcher)
        if args.json:
            json.dump({"document": doc.key, **refs.dump()}, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            for c in refs.citations:
                print(f"{c.eid} [{c.lang}] {c.quote!r} -> {c.target}/{c.target_eid}")
            for u in refs.unresolved:
                print(f"UNRESOLVED {u.eid} [{u.lang}] {u.quote!r}: {u.reason}")
        return 0
    if args.stage == "entities":
        from kg.entities import extract_entities

        ents = extract_entities(doc)
        if args.json:
            json.dump({"document": doc.key, **ents.dump()}, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            for m in ents.mentions:
                print(f"{m.eid} [{m.lang}] {m.quote!r} -> {m.entity} ({m.how})")
            for c in ents.citations:
                print(f"{c.eid} [{c.lang}] {c.quote!r} cites {c.target}{'/' + c.target_eid if c.target_eid else ''}")
            for f in ents.facts:
                print(f"{f.subject} {f.prop} = {f.value} ({f.eid} [{f.lang}] {f.quote!r})")
        return 0
    if args.json:
        json.dump(doc.dump(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(f"{doc.kind} {doc.key} ({', '.join(doc.languages)}), {len(doc.provisions)} provisions")
        for p in doc.provisions:
            depth = 0
            parent = p.parent
            while parent:
                depth += 1
                q = doc.provision(parent)
                parent = q.parent if q else None
            first = p.texts[0].value.split("\n", 1)[0][:70] if p.texts else ""
            print(f"{'  ' * depth}{p.eid}: {first}")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from kg.pipeline import build

    result = build(args.paths, progress=Progress(enabled=None if not args.quiet else False))
    for err in result.errors:
        print(f"treaty-kg: {err}", file=sys.stderr)
    unresolved = result.unresolved
    for u in unresolved:
        print(f"unresolved: {u.file}: {u.eid} [{u.lang}] {u.quote!r} ({u.reason})")
    for f in result.findings:
        print(f"finding: {f}")
    cites = sum(len(r.citations) for r in result.references.values())
    print(f"{len(result.documents)} document(s), {cites} resolved reference(s), {len(unresolved)} unresolved, "
          f"{len(result.findings)} finding(s)", file=sys.stderr)
    if result.errors:
        return 2
    return 1 if unresolved else 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="treaty-kg",
        description="Turn treaties, resolutions and reports into a knowledge graph (RDF).",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    b = sub.add_parser("build", help="read files and folders and write the graph",
                       description="Read files and folders (.txt, .html) and write the graph. The extension of "
                                   "FILE picks the format: .ttl, .trig, .nq, .nt, .jsonld.")
    b.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    b.add_argument("-o", "--output", required=True, metavar="FILE", help="the graph file to write")
    b.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    b.add_argument("--max-bytes", type=int, default=64 * 1024 * 1024, metavar="N",
                   help="refuse files larger than N bytes (default 64 MiB)")
    _add_base(b)
    b.set_defaults(func=_cmd_build)

    c = sub.add_parser("check", help="list unresolved references and structural findings",
                       description="Build PATH... in memory and print every reference that could not be resolved "
                                   "(file, provision, quote, reason) and every structural finding. Exit 0 when "
                                   "everything resolves, 1 when something does not, 2 when a file could not be read.")
    c.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to check")
    c.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    c.set_defaults(func=_cmd_check)

    e = sub.add_parser("extract", help="show the structure stage's output for one file",
                       description="Run ingestion and the structure stage on FILE and print the provisions "
                                   "(or the whole stage output as JSON).")
    e.add_argument("file", metavar="FILE")
    e.add_argument("--json", action="store_true", help="dump the stage's output as JSON")
    e.add_argument("--stage", choices=("structure", "entities", "references"), default="structure",
                   help="which stage's output to show (default: structure)")
    e.set_defaults(func=_cmd_extract)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
