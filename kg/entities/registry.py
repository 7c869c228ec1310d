"""The curated registry: entity entries loaded from ``kg/data/registry/*.json``.

Each entry has an id, a class, labels per language, aliases, abbreviations, former names, the
organisation an organ belongs to and identifiers checked against a public source (see
``kg/data/registry.schema.json``). Nothing is read at import time; :func:`registry` loads once.

>>> reg = Registry([{"id": "coe-statute", "class": "Treaty",
...                  "labels": {"en": "Statute of the Council of Europe", "ru": "Устав Совета Европы"}}])
>>> reg.identify_treaty({"ru": "УСТАВ СОВЕТА ЕВРОПЫ"})
'coe-statute'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

Entry = Mapping[str, Any]


def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form for comparing whole names."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = re.sub(r"[\u2019'`]", "'", text)
    return re.sub(r"[\s\-–—]+", " ", text).strip(" .,;:")


class Registry:
    """Entries by id, with lookups by whole name."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: dict[str, Entry] = {}
        self._by_name: dict[tuple[str, str], list[str]] = {}
        self._by_symbol: dict[str, str] | None = None
        for e in entries:
            if e["id"] in self.entries:
                raise ValueError(f"registry: duplicate id {e['id']!r}")
            self.entries[e["id"]] = e
            for name in self.names(e):
                self._by_name.setdefault((e["class"], fold(name)), []).append(e["id"])

    @staticmethod
    def names(e: Entry) -> list[str]:
        """Every full name of an entry: labels, aliases and former names, in every language."""
        out = list(e.get("labels", {}).values())
        for names in e.get("aliases", {}).values():
            out.extend(names)
        out.extend(f["name"] for f in e.get("former_names", []))
        return out

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def by_symbol(self, symbol: str) -> str | None:
        """The id of the entry whose UN symbol is ``symbol``, or None."""
        if self._by_symbol is None:
            self._by_symbol = {}
            for k, e in self.entries.items():
                s = e.get("identifiers", {}).get("un_symbol")
                if s and s not in self._by_symbol:
                    self._by_symbol[s] = k
        return self._by_symbol.get(symbol)

    def by_name(self, cls: str, name: str) -> str | None:
        ids = self._by_name.get((cls, fold(name)), [])
        return ids[0] if len(ids) == 1 else None

    def identify_treaty(self, titles: Mapping[str, str]) -> str | None:
        """The registry id of the treaty with one of these titles, or None."""
        for lang in sorted(titles):
            found = self.by_name("Treaty", titles[lang])
            if found:
                return found
        return None


@cache
def registry() -> Registry:
    """The registry shipped in ``kg/data/registry/`` (every ``*.json`` file, in name order)."""
    folder = resources.files("kg").joinpath("data/registry")
    entries: list[Entry] = []
    if folder.is_dir():
        for f in sorted((p for p in folder.iterdir() if p.name.endswith(".json")), key=lambda p: p.name):
            entries.extend(json.loads(f.read_text(encoding="utf-8"))["entries"])
    return Registry(entries)


def identify_treaty(titles: Mapping[str, str]) -> str | None:
    return registry().identify_treaty(titles)
