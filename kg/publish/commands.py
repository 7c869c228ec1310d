"""The ``export`` and ``validate`` commands' parsers (issue 7). Only argparse at import time:
``treaty-kg --help`` must not load pyshacl or rdflib; each command imports what it needs when it runs."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time

#: the export command's formats: graph formats (kg.export), then the dataset's companion files
GRAPH_FORMATS = ("ttl", "trig", "nt", "nq", "jsonld")
EXTRA_FORMATS = ("context", "void")
#: file extension -> format, for -o without --format
EXTENSIONS = {".ttl": "ttl", ".trig": "trig", ".nt": "nt", ".nq": "nq", ".jsonld": "jsonld"}


def _add_store(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", metavar="DIR", help="the embedded store's folder (default $TREATY_KG_STORE or "
                                                  "./.treaty-kg/store)")


def _export_format(args: argparse.Namespace) -> str | None:
    if args.format:
        return str(args.format)
    if not args.output:
        return "ttl"
    name = os.path.basename(args.output)
    if name == "void.ttl":
        return "void"
    if name == "context.jsonld":
        return "context"
    return EXTENSIONS.get(os.path.splitext(name)[1].lower())


def _cmd_export(args: argparse.Namespace) -> int:
    fmt = _export_format(args)
    if fmt is None:
        print(f"treaty-kg: export: cannot tell the format of {args.output}; give --format", file=sys.stderr)
        return 2
    if fmt == "context":
        from kg.export import context_bytes

        return _emit(args.output, context_bytes())

    from kg.export import EXPORT_FORMATS, MERGED, atomic_file, write_store
    from kg.store import Store, StoreError

    try:
        st = Store.open(args.store, read_only=True)
    except StoreError as exc:
        print(f"treaty-kg: {exc}", file=sys.stderr)
        return 2
    with st:
        start = time.perf_counter()
        if fmt == "void":
            from kg.publish.void import DUMP_BASE, describe, dump_files

            if args.dump is not None:
                dumps = list(args.dump)
            elif args.output:
                dumps = [str(p) for p in dump_files(os.path.dirname(args.output) or ".",
                                                    exclude=[os.path.basename(args.output)])]
            else:
                dumps = []
            missing = [d for d in dumps if not os.path.isfile(d)]
            if missing:
                print(f"treaty-kg: export: no such dump file: {', '.join(missing)}", file=sys.stderr)
                return 2
            from kg.rdf.namespace import DEFAULT_BASE

            data = describe(st.db, dumps, base=args.base or DEFAULT_BASE, dump_base=args.dump_base or DUMP_BASE,
                            endpoint=args.sparql_endpoint)
            return _emit(args.output, data)
        if args.output:
            with atomic_file(args.output) as fh:
                n = write_store(st.db, EXPORT_FORMATS[fmt], fh)
                size = fh.tell()
        else:
            # written whole first: a dataset with blank nodes is written a second time, canonicalised
            with tempfile.TemporaryFile() as fh:
                n = write_store(st.db, EXPORT_FORMATS[fmt], fh)
                size = fh.tell()
                fh.seek(0)
                shutil.copyfileobj(fh, sys.stdout.buffer)
                sys.stdout.flush()
        seconds = time.perf_counter() - start
    if not args.quiet:
        where = args.output or "standard output"
        rate = f", {n / seconds:,.0f} triples/s" if seconds > 0 else ""
        print(f"treaty-kg: {n} {'triples' if EXPORT_FORMATS[fmt] in MERGED else 'quads'} -> {where} "
              f"({size} bytes, {seconds:.2f} s{rate})", file=sys.stderr)
    return 0


def _emit(output: str | None, data: bytes) -> int:
    if output:
        from kg.export import write_atomic

        write_atomic(output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from kg.publish.validate import GraphError, load_shapes, read_file, to_graph, validate_graph

    try:
        shapes = load_shapes(args.shapes)
    except (OSError, SyntaxError, ValueError) as exc:
        print(f"treaty-kg: validate: cannot read the shapes {args.shapes or ''}: {exc}", file=sys.stderr)
        return 2
    try:
        if args.file:
            data = read_file(args.file)
        else:
            from kg.store import Store, StoreError

            try:
                with Store.open(args.store, read_only=True) as st:
                    data = to_graph(st.db.quads_for_pattern(None, None, None, None))
            except StoreError as exc:
                raise GraphError(str(exc)) from exc
    except GraphError as exc:
        print(f"treaty-kg: {exc}", file=sys.stderr)
        return 2
    report = validate_graph(data, shapes)
    if args.json:
        import json

        json.dump({"conforms": report.conforms, "triples": report.triples, "seconds": round(report.seconds, 3),
                   "results": [f.dump() for f in report.findings]}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report.text(limit=args.limit))
    return 0 if report.conforms else 1


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this module's commands to the ``treaty-kg`` parser."""
    e = sub.add_parser(
        "export", help="write the store's graph as Turtle, TriG, N-Triples, N-Quads or JSON-LD (or its VoID)",
        description="Write the graph in the local store to FILE (or standard output), streamed from the store and "
                    "sorted, so the same graph always gives the same bytes, the same bytes 'treaty-kg build -o' "
                    "writes. ttl and nt merge the named graphs into one graph; trig, nq and jsonld keep one named "
                    "graph per source file. 'context' writes the JSON-LD context of the exports (the jsonld export "
                    "embeds it); 'void' writes a VoID/DCAT description of the dataset: sources with their "
                    "SHA-256, triple counts by class and property, and the dump files (by default the exports "
                    "beside FILE).")
    e.add_argument("--format", choices=(*GRAPH_FORMATS, *EXTRA_FORMATS),
                   help="what to write (default: from FILE's extension; void.ttl and context.jsonld by name; ttl "
                        "on standard output)")
    e.add_argument("-o", "--output", metavar="FILE", help="the file to write (whole or not at all; default: standard "
                                                          "output)")
    e.add_argument("-q", "--quiet", action="store_true", help="no summary on standard error")
    _add_store(e)
    v = e.add_argument_group("void")
    v.add_argument("--base", metavar="IRI", help="base IRI of the resources, for the dataset's IRI and IRI space "
                                                 "(default https://w3id.org/treaty-kg/id/)")
    v.add_argument("--dump", action="append", metavar="FILE",
                   help="an export file to list as a dump, with its size and SHA-256 (repeatable; default: the "
                        ".ttl/.trig/.nt/.nq/.jsonld files beside FILE)")
    v.add_argument("--dump-base", metavar="URL", help="the URL the dump files are published under (default "
                                                      "https://w3id.org/treaty-kg/exports/)")
    v.add_argument("--sparql-endpoint", metavar="URL",
                   help="a public SPARQL endpoint of the dataset (default $TREATY_KG_SPARQL_ENDPOINT; none if unset)")
    e.set_defaults(func=_cmd_export)

    va = sub.add_parser(
        "validate", help="check a graph against the SHACL shapes (ontology/shapes.ttl)",
        description="Validate FILE (.ttl, .trig, .nq, .nt, .jsonld; its named graphs merged), or the local store, "
                    "against the SHACL shapes with pySHACL, without inference, and print each rule that failed "
                    "with the nodes that fail it and what was found. Exit 0 when the graph conforms, 1 when it "
                    "does not, 2 when it cannot be read.")
    va.add_argument("file", nargs="?", metavar="FILE", help="a graph file (default: the local store)")
    va.add_argument("--shapes", metavar="FILE", help="a shapes file other than ontology/shapes.ttl")
    va.add_argument("--json", action="store_true", help="print the results as JSON")
    va.add_argument("--limit", type=int, default=20, metavar="N", help="results shown per rule (default 20)")
    _add_store(va)
    va.set_defaults(func=_cmd_validate)
