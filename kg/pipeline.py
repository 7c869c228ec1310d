"""The one orchestrator: files → ingest → structure → entities → (references) → RDF.

>>> result = build([])
>>> result.documents, result.errors
([], [])
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg.entities import extract_entities
from kg.entities.extract import default_stage
from kg.entities.registry import identify_treaty
from kg.ingest import IngestError, ingest
from kg.model import Document, Entities, Finding
from kg.rdf.build import to_dataset
from kg.rdf.namespace import DEFAULT_BASE
from kg.references import References, Unresolved, resolve_references
from kg.references.derived import Derived, derive
from kg.structure import structure

#: the file kinds read from a folder
TEXT_SUFFIXES = (".txt", ".htm", ".html")


@dataclass(frozen=True)
class BuildError:
    """A file that could not be built: its name, the stage that failed and why."""

    path: str
    stage: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.stage == "read" else f"{self.path}: {self.stage}: {self.reason}"


@dataclass
class BuildResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[BuildError] = field(default_factory=list)
    #: the entity stage's output per source file name
    entities: dict[str, Entities] = field(default_factory=dict)
    #: the references stage's output per source file name
    references: dict[str, References] = field(default_factory=dict)
    #: relations derived from the words (organs established, amendment notes) per source file name
    derived: dict[str, Derived] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        out = [f for d in self.documents for f in d.findings]
        out.extend(f for e in self.entities.values() for f in e.findings)
        return out

    def dataset(self, base: str = DEFAULT_BASE) -> Dataset:
        return to_dataset(self.documents, base, self.entities, references=self.references, derived=self.derived)

    @property
    def unresolved(self) -> list[Unresolved]:
        return [u for r in self.references.values() for u in r.unresolved]


def collect(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[Path], list[BuildError]]:
    """The text files named by ``paths`` (files, or folders walked without following links), sorted."""
    files: list[Path] = []
    errors: list[BuildError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found: list[Path] = []
            for root, dirs, names in os.walk(p, followlinks=False, onerror=lambda e: errors.append(
                    BuildError(str(e.filename), "read", e.strerror or str(e)))):
                dirs.sort()
                found.extend(Path(root) / n for n in names if n.lower().endswith(TEXT_SUFFIXES))
            if not found:
                errors.append(BuildError(str(p), "read", f"no {'/'.join(TEXT_SUFFIXES)} files in this folder"))
            files.extend(sorted(found))
        elif p.exists() or p.is_symlink():
            files.append(p)
        else:
            errors.append(BuildError(str(p), "read", "no such file or directory"))
    unique = list(dict.fromkeys(files))
    return unique, errors


def build(
    paths: Sequence[str | os.PathLike[str]],
    *,
    progress: Callable[[int, int, str], None] | None = None,
    max_bytes: int = 64 * 1024 * 1024,
    entities: bool = True,
) -> BuildResult:
    """Read and structure every file; one bad file is reported and skipped, the rest built."""
    files, errors = collect(paths)
    result = BuildResult(errors=errors)
    names: dict[str, Path] = {}
    for i, path in enumerate(files, 1):
        if progress:
            progress(i, len(files), path.name)
        try:
            source = ingest(path, max_bytes=max_bytes)
        except IngestError as exc:
            result.errors.append(BuildError(exc.path, "read", exc.reason))
            continue
        except OSError as exc:
            result.errors.append(BuildError(str(path), "read", exc.strerror or str(exc)))
            continue
        try:
            doc = structure(source, identify=identify_treaty)
        except (ValueError, RecursionError) as exc:
            result.errors.append(BuildError(str(path), "structure", str(exc)))
            continue
        clash = names.get(doc.source.name)
        if clash is not None:
            result.errors.append(BuildError(doc.source.path, "read", f"another file has the same name ({clash}); "
                                            "named graphs are per file name"))
            continue
        names[doc.source.name] = Path(doc.source.path)
        result.documents.append(doc)
        if entities:
            try:
                result.entities[doc.source.name] = extract_entities(doc)
            except (ValueError, RecursionError) as exc:
                result.errors.append(BuildError(str(path), "entities", str(exc)))
    if entities:
        # references resolve across the whole build: a text may cite another text of the corpus
        by_key = {d.key: d for d in result.documents}
        matcher = default_stage().matcher
        for doc in result.documents:
            try:
                refs = resolve_references(doc, by_key, matcher)
                result.references[doc.source.name] = refs
                result.derived[doc.source.name] = derive(doc, result.entities[doc.source.name], refs)
            except (ValueError, RecursionError) as exc:
                result.errors.append(BuildError(doc.source.path, "references", str(exc)))
    return result


def documents(paths: Iterable[str | os.PathLike[str]]) -> list[Document]:
    return build(list(paths)).documents
