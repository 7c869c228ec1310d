"""Shared fixtures: the bundled corpus, built once per session."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kg.entities.registry import identify_treaty
from kg.ingest import ingest
from kg.model import Document
from kg.structure import structure

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
STATUTE_FILE = CORPUS / "003_0c70701426cea265.txt"
RESOLUTION_FILE = CORPUS / "000_d4c02e8169758744.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _private_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test writes to a store of its own, never to ./.treaty-kg of the checkout."""
    monkeypatch.setenv("TREATY_KG_STORE", str(tmp_path_factory.mktemp("store") / "store"))


@pytest.fixture(scope="session")
def statute() -> Document:
    return structure(ingest(STATUTE_FILE), identify=identify_treaty)


@pytest.fixture(scope="session")
def resolution() -> Document:
    return structure(ingest(RESOLUTION_FILE), identify=identify_treaty)


def stop_process(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """Stop a server a test started: terminate, then kill if it does not go within 5 s."""
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
