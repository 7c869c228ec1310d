"""Find the repository's data folders (``ontology/``, ``queries/``) from a checkout or an installation.

A *root* is a folder that holds ``ontology/`` and ``queries/``. Roots are tried in this order, and the first
one that has the wanted file or folder wins:

1. the folder named by the environment variable ``TREATY_KG_HOME``, when it is set;
2. the source checkout: the folder above the ``kg`` package (``Path(__file__).parents[1]``);
3. the copy shipped inside the package: ``kg/_shipped/`` (``kg/_shipped/ontology``, ``kg/_shipped/queries``).

Nothing is looked up at import time; each call reads the environment afresh. The list of roots comes from
:func:`candidate_roots`, which tests (or callers) can replace, or bypass by passing ``roots=`` explicitly:

>>> ontology_file().name
'treaty-kg.ttl'
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     (Path(tmp) / "queries").mkdir()
...     queries_dir(roots=[Candidate("a test folder", Path(tmp))]) == Path(tmp) / "queries"
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

#: environment variable naming a folder that holds ``ontology/`` and ``queries/``
ENV_VAR = "TREATY_KG_HOME"
#: file name of the ontology inside ``ontology/``
ONTOLOGY_FILENAME = "treaty-kg.ttl"
#: folder inside the package where packaging puts a copy of ``ontology/`` and ``queries/``
SHIPPED_DIRNAME = "_shipped"


class Candidate(NamedTuple):
    """A folder that may hold ``ontology/`` and ``queries/``, with where it came from (for messages).

    >>> Candidate("the source checkout", Path("/src/treaty-kg")).origin
    'the source checkout'
    """

    origin: str
    root: Path


def candidate_roots() -> list[Candidate]:
    """The folders to search, in order: ``$TREATY_KG_HOME``, the checkout, the copy shipped in the package.

    ``TREATY_KG_HOME`` is left out when it is unset or empty; ``~`` in it is expanded.

    >>> [c.origin for c in candidate_roots()][-2:]
    ['the source checkout', 'the copy shipped in the package']
    >>> candidate_roots()[-1].root.parts[-2:]
    ('kg', '_shipped')
    """
    package_dir = Path(__file__).resolve().parent
    roots: list[Candidate] = []
    home = os.environ.get(ENV_VAR, "").strip()
    if home:
        roots.append(Candidate(f"${ENV_VAR}", Path(home).expanduser()))
    roots.append(Candidate("the source checkout", package_dir.parent))
    roots.append(Candidate("the copy shipped in the package", package_dir / SHIPPED_DIRNAME))
    return roots


def find(relative: str | Path, roots: Iterable[Candidate] | None = None) -> Path:
    """Return ``root / relative`` for the first root where it exists.

    ``roots`` defaults to :func:`candidate_roots` (looked up when called, so it can be monkeypatched).
    Raises :class:`FileNotFoundError` naming every place tried.

    >>> find("ontology").name
    'ontology'
    >>> find("no/such/thing", roots=[Candidate("nowhere", Path("/nonexistent"))])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    FileNotFoundError: cannot find no/such/thing; tried: nowhere (/nonexistent/no/such/thing). ...
    """
    relative = Path(relative)
    default = roots is None
    search = candidate_roots() if roots is None else roots
    tried: list[str] = []
    for origin, root in search:
        path = root / relative
        if path.exists():
            return path
        tried.append(f"{origin} ({path})")
    if default and not os.environ.get(ENV_VAR, "").strip():
        tried.append(f"${ENV_VAR} (not set)")
    raise FileNotFoundError(
        f"cannot find {relative.as_posix()}; tried: {', '.join(tried) or 'no places at all'}. "
        f"Set {ENV_VAR} to a folder that holds ontology/ and queries/."
    )


def ontology_dir(roots: Iterable[Candidate] | None = None) -> Path:
    """The ``ontology/`` folder.

    >>> (ontology_dir() / "treaty-kg.ttl").is_file()
    True
    """
    return find("ontology", roots)


def queries_dir(roots: Iterable[Candidate] | None = None) -> Path:
    """The ``queries/`` folder (SPARQL queries shipped with the project).

    >>> queries_dir().name
    'queries'
    """
    return find("queries", roots)


def ontology_file(roots: Iterable[Candidate] | None = None) -> Path:
    """The ontology, ``ontology/treaty-kg.ttl``, from the first root that has that file.

    >>> import rdflib
    >>> len(rdflib.Graph().parse(ontology_file())) > 0
    True
    """
    return find(Path("ontology") / ONTOLOGY_FILENAME, roots)


__all__ = [
    "ENV_VAR", "ONTOLOGY_FILENAME", "SHIPPED_DIRNAME", "Candidate", "candidate_roots", "find",
    "ontology_dir", "ontology_file", "queries_dir",
]
