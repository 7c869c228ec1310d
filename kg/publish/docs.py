"""The ontology's HTML documentation (``ontology/docs/index.html``), made with pyLODE.

pyLODE is a test and documentation dependency, not a run-time one; it is imported only here, in a
child process, for two reasons:

- pyLODE puts the members of an ``owl:unionOf`` (the range of ``tkg:mentions``, say) in a Python
  ``set`` of HTML elements, so their order changes from run to run; :func:`sort_unions` puts them in
  alphabetical order. The page carries no date (the ontology's ``dcterms:created`` is the only one)
  and nothing else that changes, so the page is the same bytes on every run.
- pyLODE 3.4.1, the last release for Python 3.11, reads its own version from a ``pyproject.toml``
  that its wheel does not ship (RDFLib/pyLODE#260, fixed in later releases); the child gives it the
  installed distribution's version instead.

Regenerate with ``.venv/bin/python scripts/make-docs.py``; a test fails when the committed page is not
what this gives.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from kg import resources

DOCS_DIRNAME = "docs"
PAGE_NAME = "index.html"

_CHILD = """
import importlib.metadata, logging, sys, types
logging.disable(logging.CRITICAL)
try:
    import pylode.version
except FileNotFoundError:
    version = types.ModuleType("pylode.version")
    version.__version__ = importlib.metadata.version("pylode")
    sys.modules["pylode.version"] = version
from pylode import OntPub
html = OntPub(ontology=sys.argv[1]).make_html()
sys.stdout.buffer.write(html.encode("utf-8"))
"""


class DocsError(Exception):
    """pyLODE is missing or failed; the message says why."""


def render(ontology: str | os.PathLike[str] | None = None) -> bytes:
    """The HTML page for ``ontology`` (default: ``ontology/treaty-kg.ttl``), the same bytes on every run."""
    path = Path(ontology) if ontology else resources.ontology_file()
    res = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, timeout=300)
    if res.returncode != 0:
        tail = res.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise DocsError(f"pyLODE could not document {path}: {tail[0]} (install it with pip install -e '.[test]')")
    html = sort_unions(res.stdout.decode("utf-8"))
    # one newline at the end, as every text file of the repository has
    return (html.rstrip("\n") + "\n").encode("utf-8")


_CELL = re.compile(r"(<td>\n)(.*?)(\n[ ]*</td>)", re.S)
_JOINS = ('<span class="cardinality">or</span>', '<span class="cardinality">and</span>')


def sort_unions(html: str) -> str:
    """Put the members of each union or intersection that pyLODE prints in a table cell in alphabetical order.

    >>> cell = '<td>\\n<span>B</span>\\n<span class="cardinality">or</span>\\n<span>A</span>\\n</td>'
    >>> sort_unions(cell).split("\\n")[1:4]
    ['<span>A</span>', '<span class="cardinality">or</span>', '<span>B</span>']
    """

    def cell(match: re.Match[str]) -> str:
        lines = match.group(2).split("\n")
        joins = {ln.strip() for ln in lines} & set(_JOINS)
        if len(joins) != 1:
            return match.group()
        [join] = joins
        members: list[list[str]] = [[]]
        separator = ""
        for ln in lines:
            if ln.strip() == join:
                separator = ln
                members.append([])
            else:
                members[-1].append(ln)
        if not all(m and m[0].strip().startswith("<span") and m[-1].strip().endswith("</span>") for m in members):
            return match.group()
        ordered = sorted(members, key=lambda m: "\n".join(x.strip() for x in m))
        body = f"\n{separator}\n".join("\n".join(m) for m in ordered)
        return match.group(1) + body + match.group(3)

    return _CELL.sub(cell, html)


def docs_page(root: str | os.PathLike[str] | None = None) -> Path:
    """Where the page is committed: ``ontology/docs/index.html``."""
    base = Path(root) / "ontology" if root else resources.ontology_dir()
    return base / DOCS_DIRNAME / PAGE_NAME


def write(root: str | os.PathLike[str] | None = None) -> Path:
    """Render the ontology's page into ``ontology/docs/index.html`` (under ``root``, default the checkout)."""
    from kg.export import write_atomic

    ontology = Path(root) / "ontology" / resources.ONTOLOGY_FILENAME if root else None
    page = docs_page(root)
    write_atomic(page, render(ontology))
    return page


__all__ = ["DOCS_DIRNAME", "PAGE_NAME", "DocsError", "docs_page", "render", "write"]
