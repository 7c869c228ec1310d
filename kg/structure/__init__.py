"""The structure stage: a :class:`~kg.model.Source` to a :class:`~kg.model.Document`.

Each language block is parsed on its own (a treaty or a resolution, told by its shape), and the
versions are merged into work-level provisions. The one public verb is :func:`structure`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache

from kg.model import Document, Finding, Source, SourceLine
from kg.structure import markers as _markers  # the module: a function named markers here would hide it
from kg.structure.resolution import (
    ADOPTED,
    BODY_LINE,
    COUNCIL_TITLE,
    NUMBER_TITLE,
    OPERATIVE,
    looks_like_resolution,
    parse_resolution_version,
    symbol_of,
)
from kg.structure.treaty import PREAMBLE_OPENING, article_heading, parse_treaty_version
from kg.structure.tree import merge

#: identifies a treaty from its titles: ``{lang: title}`` to a registry id, or None
Identify = Callable[[dict[str, str]], str | None]


@cache
def _transliteration() -> dict[int, str]:
    """Cyrillic letters to Latin (``transliteration`` in kg/data/structure.json), as a str.translate table."""
    table = _markers.markers().data["transliteration"]
    return {ord(k): v for k, v in table.items() if len(k) == 1}


def slug(text: str) -> str:
    """A readable ASCII slug; Cyrillic is transliterated (a Russian title would otherwise leave nothing).

    >>> slug("STATUTE OF THE COUNCIL OF EUROPE")
    'statute-of-the-council-of-europe'
    >>> slug("Конвенция о защите прав человека")
    'konventsiia-o-zashchite-prav-cheloveka'
    """
    latin = unicodedata.normalize("NFKD", text).lower().translate(_transliteration())
    norm = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", norm).strip("-") or "untitled"


def no_registry(titles: dict[str, str]) -> str | None:
    """The default: a treaty is known by its title's slug until the pipeline passes the registry."""
    return None


def _title_case(title: str) -> str:
    if title.isupper():
        small = {"of", "the", "and", "on", "for", "in", "to", "a", "an", "de", "du", "des", "la", "le", "et"}
        words = title.lower().split()
        return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))
    return title


def is_resolution(lines: Sequence[SourceLine], lang: str) -> bool:
    """Whether a language version is a resolution rather than a treaty.

    A resolution names its adopting body ("The General Assembly,") and has numbered paragraphs; but a
    treaty's preamble may open with a line of the same shape ("The High Contracting Parties,", "The States
    Parties to the present Convention,"), and a treaty has article headings. So: a printed adoption line,
    or a resolution number ("67/83. Title") with a body line, makes a resolution whatever follows (a
    convention annexed to it has articles; a resolution cut before its operative part has no numbered
    paragraph, and the parser reports that); otherwise an article heading before the first numbered
    paragraph, or a body line that names parties where the text has article headings, makes a treaty.
    """
    texts = [ln.text for ln in lines if ln.text]
    head = texts[:60]
    first_article = next((k for k, t in enumerate(texts) if article_heading(t, lang)), None)
    # a treaty the General Assembly adopted prints "Adopted by the General Assembly ..." under its title,
    # then articles; a resolution names its body ("The General Assembly,") before any annexed articles
    body_first = first_article is None or any(BODY_LINE.match(t) for t in texts[:first_article])
    if body_first and (any(ADOPTED.match(t) or COUNCIL_TITLE.match(t) for t in head) or (
            any(NUMBER_TITLE.match(t) for t in head) and any(BODY_LINE.match(t) for t in head))):
        return True  # even with no numbered paragraph: one cut before its operative part was read as a treaty
    if not looks_like_resolution(lines):
        # a draft or a one-paragraph resolution has no numbered paragraph: the line naming a UN body
        # ("The General Assembly,") and no article heading anywhere make it a resolution all the same
        return first_article is None and any(BODY_LINE.match(t) for t in head)
    if first_article is None:
        return True
    first_operative = next((k for k, t in enumerate(texts) if OPERATIVE.match(t)), len(texts))
    if first_article < first_operative:
        return False
    body = next((t for t in texts[:60] if BODY_LINE.match(t)), "")
    return not PREAMBLE_OPENING.match(body)


def structure(source: Source, identify: Identify | None = None) -> Document:
    """Parse every language version of ``source`` and merge them into one work.

    ``identify`` names a treaty from its titles (the pipeline passes the entity registry's), so that
    the treaty read here and the treaty other texts mention are one node.
    """
    identify = identify or no_registry
    blocks = [b for b in source.blocks if any(ln.text for ln in b.lines)]
    findings: list[Finding] = []
    if not blocks:
        raise ValueError(f"{source.name}: no text after noise removal")
    resolution = is_resolution(blocks[0].lines, blocks[0].lang)
    titles: dict[str, str] = {}
    metadata: dict[str, str] = dict(source.metadata)
    date: str | None = None
    versions = []
    for block in blocks:
        if resolution:
            rv = parse_resolution_version(block.lines, block.lang, source.text, source.name)
            versions.append(rv.roots)
            findings.extend(rv.findings)
            if rv.title:
                titles.setdefault(block.lang, rv.title)
            for k, v in rv.metadata.items():
                metadata.setdefault(k, v)
            date = date or rv.date
        else:
            tv = parse_treaty_version(block.lines, block.lang, source.text, source.name)
            versions.append(tv.roots)
            findings.extend(tv.findings)
            if tv.title:
                titles.setdefault(block.lang, _title_case(tv.title))
            for k, v in tv.identifiers.items():
                metadata.setdefault(k, v)
            date = date or tv.date
    provisions, merge_findings = merge(versions, source.text, source.name)
    findings.extend(merge_findings)
    languages = tuple(dict.fromkeys(b.lang for b in blocks))

    if resolution:
        symbol = metadata.get("symbol")
        number = metadata.get("number")
        if not symbol and number:
            symbol = symbol_of(number, metadata.get("adopted_by"))
        key = symbol or slug(titles.get("en") or next(iter(titles.values()), source.name))
        kind = "resolution"
    else:
        symbol = None
        key = identify(titles) or slug(titles.get("en") or next(iter(titles.values()), source.name))
        kind = "treaty"
    return Document(
        kind=kind,
        key=key,
        source=source,
        languages=languages,
        titles=tuple(sorted(titles.items())),
        provisions=provisions,
        date=date,
        symbol=symbol,
        metadata=tuple(sorted(metadata.items())),
        findings=tuple(findings),
    )


__all__ = ["structure"]
