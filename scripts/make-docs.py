"""Regenerate the ontology's HTML documentation, ontology/docs/index.html, with pyLODE.

usage: .venv/bin/python scripts/make-docs.py   (pyLODE comes with pip install -e '.[test]')
"""

from __future__ import annotations

import sys

from kg.publish.docs import DocsError, write

if __name__ == "__main__":
    try:
        page = write()
    except DocsError as exc:
        print(f"make-docs: {exc}", file=sys.stderr)
        sys.exit(1)
    print(f"make-docs: wrote {page}")
