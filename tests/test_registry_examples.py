"""Every registry entry is found by the matcher in each of its own examples (reporters-db habit)."""

from __future__ import annotations

import pytest

from kg.entities.matcher import Context, Matcher
from kg.entities.registry import registry

REG = registry()
CASES = [(e["id"], k, ex) for e in REG.entries.values() for k, ex in enumerate(e.get("examples", []))]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(REG)


@pytest.mark.parametrize(("entity", "k", "example"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_entry_matches_its_example(matcher: Matcher, entity: str, k: int, example: dict) -> None:
    e = REG.entries[entity]
    home = entity if e["class"] == "Organization" else e.get("organ_of")
    ctx = Context(self_id=entity if e["class"] == "Treaty" else None, home=home)
    found = matcher.find(example["text"], example["lang"], ctx)
    assert any(m.entity == entity and m.quote == example["match"] for m in found), [
        (m.quote, m.entity, m.how) for m in found]
