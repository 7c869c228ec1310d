"""The ``treaty-kg`` command: a thin layer over the library (:mod:`kg.pipeline`, :mod:`kg.export`).

Heavy modules are imported inside the commands, so ``treaty-kg --help`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from kg.rdf.namespace import DEFAULT_BASE

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rdflib.term import Identifier

    from kg.query import Query, Result


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


def _add_store(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", metavar="DIR", help="the embedded store's folder (default $TREATY_KG_STORE or "
                                                   "./.treaty-kg/store)")


def _cmd_query(args: argparse.Namespace) -> int:
    from kg.query import QueryError, bind, library, load_query, parse_params, parse_query, render, run_endpoint

    try:
        if args.list:
            for name, path in library().items():
                q = parse_query(path.read_text(encoding="utf-8"), name)
                params = ", ".join(f"{p.name} ({p.kind})" for p in q.params)
                print(f"{name}: {q.answers or q.title}" + (f"  [params: {params}]" if params else ""))
            return 0
        if args.expression:
            query = parse_query(args.expression, "-e")
        elif args.query:
            query = load_query(args.query)
        else:
            print("treaty-kg: query: give a NAME, a FILE.rq or -e 'SPARQL' (or --list)", file=sys.stderr)
            return 2
        bindings = bind(query, parse_params(args.param))
        if args.endpoint:
            result = run_endpoint(args.endpoint, query, bindings, timeout=args.timeout)
        elif args.graph:
            result = _query_file(args.graph, query, bindings)
        else:
            from kg.query import run_store
            from kg.store import Store, StoreError

            try:
                with Store.open(args.store, read_only=True) as st:
                    result = run_store(st.db, query, bindings)
            except StoreError as exc:
                raise QueryError(str(exc)) from exc
        sys.stdout.write(render(result, args.format))
    except QueryError as exc:
        print(f"treaty-kg: {exc}", file=sys.stderr)
        return 2
    return 0 if len(result) else 1


def _query_file(path: str, query: Query, bindings: Mapping[str, Identifier]) -> Result:
    import pyoxigraph as ox

    from kg.export import FORMATS, format_for
    from kg.query import QueryError, run_store

    try:
        fmt = format_for(path)
    except ValueError as exc:
        raise QueryError(str(exc)) from exc
    ox_format = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
                 "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD}[fmt]
    del FORMATS
    db = ox.Store()
    try:
        db.bulk_load(path=path, format=ox_format)
    except (OSError, SyntaxError) as exc:
        raise QueryError(f"{path}: cannot read the graph: {exc}") from exc
    return run_store(db, query, bindings)


def _cmd_push(args: argparse.Namespace) -> int:
    from kg.remote import PushError, push
    from kg.store import Store, StoreError

    try:
        with Store.open(args.store, read_only=True) as st:
            report = push(st, args.endpoint, timeout=args.timeout, retries=args.retries)
    except (StoreError, PushError) as exc:
        print(f"treaty-kg: {exc}", file=sys.stderr)
        return 1
    for name in report.replaced:
        print(f"replaced {name}")
    for name, why in report.failed:
        print(f"NOT replaced {name}: {why}", file=sys.stderr)
    return 1 if report.failed else 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import serve
    from kg.store import Store, StoreError

    try:
        st = Store.open(args.store, read_only=True)
    except StoreError as exc:
        print(f"treaty-kg: {exc}", file=sys.stderr)
        return 1
    return serve(st, port=args.port, max_rows=args.max_rows, timeout=args.timeout, workers=args.workers)


def _cmd_build(args: argparse.Namespace) -> int:
    import os

    from kg.export import atomic_file, format_for, write_store
    from kg.pipeline import build_store
    from kg.rdf.iri import check_base
    from kg.store import Store, StoreError

    try:
        if args.output:
            format_for(args.output)
        check_base(args.base)
    except ValueError as exc:
        print(f"treaty-kg: {exc}", file=sys.stderr)
        return 2
    if args.no_store and not args.output:
        print("treaty-kg: --no-store needs -o FILE: there would be nothing to write", file=sys.stderr)
        return 2
    jobs = args.jobs if args.jobs else (os.cpu_count() or 1)
    try:
        st = Store.memory() if args.no_store else Store.open(args.store, atomic=True, fresh=args.full, wait=args.wait)
    except StoreError as exc:
        print(f"treaty-kg: {exc}", file=sys.stderr)
        return 1
    with st:
        result = build_store(args.paths, st, base=args.base, jobs=jobs, max_bytes=args.max_bytes,
                             incremental=not args.full, progress=Progress(enabled=None if not args.quiet else False))
        for err in result.errors:
            print(f"treaty-kg: {err}", file=sys.stderr)
        if not args.quiet:
            for f in result.findings:
                print(f"treaty-kg: note: {f}", file=sys.stderr)
        if not result.files:
            print("treaty-kg: nothing was built; no output written", file=sys.stderr)
            return 1
        if not args.quiet and not args.no_store:
            print(f"treaty-kg: store {st.root}: {len(result.rebuilt)} file(s) built, {len(result.skipped)} "
                  f"unchanged, {result.triples} triples in {len(result.graphs)} named graph(s)", file=sys.stderr)
        if args.output:
            with atomic_file(args.output) as fh:
                write_store(st.db, format_for(args.output), fh, graphs=result.graphs)
                size = fh.tell()
            if not args.quiet:
                print(f"treaty-kg: {len(result.files)} document(s) -> {args.output} ({size} bytes)",
                      file=sys.stderr)
    return 1 if result.errors else 0


def _print_json(payload: object) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


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
            _print_json({"document": doc.key, **refs.dump()})
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
            _print_json({"document": doc.key, **ents.dump()})
        else:
            for m in ents.mentions:
                print(f"{m.eid} [{m.lang}] {m.quote!r} -> {m.entity} ({m.how})")
            for c in ents.citations:
                print(f"{c.eid} [{c.lang}] {c.quote!r} cites {c.target}{'/' + c.target_eid if c.target_eid else ''}")
            for f in ents.facts:
                print(f"{f.subject} {f.prop} = {f.value} ({f.eid} [{f.lang}] {f.quote!r})")
        return 0
    if args.json:
        _print_json(doc.dump())
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

    b = sub.add_parser("build", help="read files and folders into the store (and a graph file)",
                       description="Read files and folders (.txt, .html) into the local store, one named graph "
                                   "per file, and with -o FILE write their graph to FILE too (its extension picks "
                                   "the format: .ttl, .trig, .nq, .nt, .jsonld). Files unchanged since the last "
                                   "build into the store, whose cited texts are unchanged too, are skipped (by "
                                   "content hash).")
    b.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    b.add_argument("-o", "--output", metavar="FILE", help="also write the graph of these files to FILE")
    b.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    b.add_argument("--max-bytes", type=int, default=64 * 1024 * 1024, metavar="N",
                   help="refuse files larger than N bytes (default 64 MiB)")
    _add_base(b)
    _add_store(b)
    b.add_argument("--no-store", action="store_true", help="write the file only, not the store")
    b.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                   help="processes to build with (default: one per core)")
    b.add_argument("--wait", type=float, default=0.0, metavar="S",
                   help="if another build is writing to the store, wait up to S seconds (default: refuse at once)")
    b.add_argument("--full", action="store_true",
                   help="build every file again into a new, empty store (graphs of files not named are dropped)")
    b.set_defaults(func=_cmd_build)

    q = sub.add_parser("query", help="run a library query, a .rq file or a SPARQL string",
                       description="Run a query of the library (see 'treaty-kg query --list'), a .rq file or "
                                   "-e 'SPARQL' against the local store, a graph file or a remote endpoint. "
                                   "Parameters are bound as RDF terms. Exit 0 with results, 1 when the result "
                                   "is empty, 2 on an error.")
    q.add_argument("query", nargs="?", metavar="NAME|FILE.rq", help="a library query name or a .rq file")
    q.add_argument("-e", "--expression", metavar="SPARQL", help="a SPARQL query given inline")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter (repeatable); IRIs as plain text or <...>")
    q.add_argument("--format", choices=("table", "csv", "tsv", "json", "ttl"), default="table",
                   help="output format (default: a table; json is the W3C SPARQL results format)")
    q.add_argument("--endpoint", metavar="URL", help="run against a SPARQL 1.1 endpoint (credentials from "
                                                      "TREATY_KG_USER / TREATY_KG_PASSWORD or ~/.netrc)")
    q.add_argument("--graph", metavar="FILE", help="run against a graph file instead of the store")
    q.add_argument("--list", action="store_true", help="list the library's queries and their parameters")
    q.add_argument("--timeout", type=float, default=30.0, metavar="S", help="endpoint time-out in seconds")
    _add_store(q)
    q.set_defaults(func=_cmd_query)

    pu = sub.add_parser("push", help="upload each source file's named graph to a remote store",
                        description="Replace each named graph of the local store on a SPARQL 1.1 Graph Store "
                                    "HTTP Protocol endpoint (PUT ?graph=...). Credentials come from "
                                    "TREATY_KG_USER / TREATY_KG_PASSWORD or ~/.netrc, never from the command line.")
    pu.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store Protocol URL, e.g. "
                                                                    "http://127.0.0.1:7878/store")
    pu.add_argument("--timeout", type=float, default=60.0, metavar="S", help="time-out per request in seconds")
    pu.add_argument("--retries", type=int, default=3, metavar="N", help="attempts per graph (default 3)")
    _add_store(pu)
    pu.set_defaults(func=_cmd_push)

    sv = sub.add_parser("serve", help="a read-only SPARQL endpoint over the local store on 127.0.0.1",
                        description="Serve the local store read-only at http://127.0.0.1:PORT/sparql (SPARQL 1.1 "
                                    "Protocol, GET and POST). Updates are refused; queries are bounded in time "
                                    "and result size.")
    sv.add_argument("--port", type=int, default=7879, help="port on 127.0.0.1 (default 7879; 0 picks a free one)")
    sv.add_argument("--max-rows", type=int, default=10000, help="most rows returned (default 10000)")
    sv.add_argument("--timeout", type=float, default=20.0, help="seconds a query may take (default 20)")
    sv.add_argument("--workers", type=int, default=2, metavar="N",
                    help="query processes (default 2); one still running at the time-out is stopped and replaced")
    _add_store(sv)
    sv.set_defaults(func=_cmd_serve)

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

    from kg.publish.commands import add_parsers as add_publish
    from kg.viz.commands import add_parsers as add_viz

    add_viz(sub)
    add_publish(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
