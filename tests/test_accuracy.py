"""Accuracy on real texts: the gold of tests/data/gold scored with the shared scorer (bench/accuracy.py).

Runs where ../shared/corpus-real and its scorer exist (CI has them); a fresh clone skips with that reason.
A measure falling under bench/accuracy.py's MINIMA (what the committed tree measured) fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus-real"
SCORER = SHARED / "tools" / "gold" / "score_gold.py"
GOLD = ROOT / "tests" / "data" / "gold"

needs_shared = pytest.mark.skipif(
    not (CORPUS.is_dir() and SCORER.exists()),
    reason="needs ../shared/corpus-real and ../shared/tools/gold (absent in a fresh clone)")


def test_gold_files_are_well_formed() -> None:
    """Every gold file has the schema's keys and counts (this needs no corpus)."""
    files = sorted(GOLD.glob("*.json"))
    assert len(files) >= 40
    langs = set()
    for f in files:
        g = json.loads(f.read_text(encoding="utf-8"))
        assert {"doc", "language", "kind", "title", "entities", "references"} <= set(g), f.name
        langs.add(g["language"])
        for e in g["entities"]:
            assert e["type"] in {"Organ", "UNEntity", "Organization", "Treaty", "Document", "State"}, (f.name, e)
    assert langs == {"en", "fr", "ru"}


@needs_shared
def test_gold_checks_against_the_texts() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_gold.py")], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stdout


@needs_shared
def test_accuracy_does_not_fall(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "accuracy.py"), "--check", "--work", str(tmp_path / "work"),
         "--out", str(tmp_path / "accuracy.md")],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "| all | " in (tmp_path / "accuracy.md").read_text(encoding="utf-8")
