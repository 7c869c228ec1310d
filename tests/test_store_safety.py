"""Data safety: a build killed at any moment leaves the previous store and exports whole and loadable,
and two builds never write one store at once."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import Store, StoreLocked

from .conftest import CORPUS, ROOT

EXTRA = ("Report\n\nArticle 1\nThe Committee of Ministers shall apply Article 20 of the Statute of the Council "
         "of Europe.\n")


def cli(*args: str, store: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TREATY_KG_STORE": str(store)}
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def run(*args: str, store: Path) -> subprocess.CompletedProcess[bytes]:
    proc = cli(*args, store=store)
    out, err = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def dump(store: Path) -> list[bytes]:
    with Store.open(store, read_only=True) as st:
        return sorted(st.dump().splitlines())


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The corpus before (the seeds) and after (the seeds and a report) as a store dump and a TriG file."""
    base = tmp_path_factory.mktemp("safety")
    before, after = base / "before", base / "after"
    shutil.copytree(CORPUS, before)
    shutil.copytree(CORPUS, after)
    (after / "report.txt").write_text(EXTRA, encoding="utf-8")
    out: dict[str, object] = {"before": before, "after": after}
    for name, corpus in (("before", before), ("after", after)):
        store, trig = base / f"store-{name}", base / f"{name}.trig"
        r = run("build", str(corpus), "-o", str(trig), "-q", store=store)
        assert r.returncode == 0, r.stderr
        out[f"{name}_dump"] = dump(store)
        out[f"{name}_trig"] = trig.read_bytes()
    assert out["before_dump"] != out["after_dump"]
    return out


@pytest.mark.parametrize("delay", [0.4, 1.2, 2.0, 3.0])
def test_a_build_killed_at_any_moment_leaves_the_previous_graph_whole(
        states: dict[str, object], tmp_path: Path, delay: float) -> None:
    store, trig = tmp_path / "store", tmp_path / "out.trig"
    assert run("build", str(states["before"]), "-o", str(trig), "-q", store=store).returncode == 0
    proc = cli("build", str(states["after"]), "-o", str(trig), "-q", "--full", store=store)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    # the store is one whole graph, old or new, and the export is one whole file, old or new
    now = dump(store)
    assert now in (states["before_dump"], states["after_dump"]), f"killed after {delay} s: a mixed store"
    assert trig.read_bytes() in (states["before_trig"], states["after_trig"])
    ox.Store().load(trig.read_bytes(), format=ox.RdfFormat.TRIG)
    # and the next build makes it right
    assert run("build", str(states["after"]), "-o", str(trig), "-q", store=store).returncode == 0
    assert dump(store) == states["after_dump"]
    assert trig.read_bytes() == states["after_trig"]
    assert not [p.name for p in store.iterdir() if p.name.startswith("db-") and p != (store / "current").resolve()]


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with Store.open(store):
        r = run("build", str(CORPUS), "-q", store=store)
        assert r.returncode == 1
        message = r.stderr.decode()
        assert f"pid {os.getpid()}" in message and "is writing to this store" in message
        with pytest.raises(StoreLocked):
            Store.open(store, wait=0.2)
        # readers are not writers: a query still runs on the previous database
        assert run("query", "-e", "ASK { ?s ?p ?o }", store=store).returncode in (0, 1)
    assert run("build", str(CORPUS), "-q", store=store).returncode == 0


def test_two_builds_at_once_take_turns_with_wait(tmp_path: Path) -> None:
    store = tmp_path / "store"
    procs = [cli("build", str(CORPUS), "-q", "--wait", "120", "--full", store=store) for _ in range(2)]
    for p in procs:
        p.communicate(timeout=300)
    assert [p.returncode for p in procs] == [0, 0]
    assert len(dump(store)) > 10000


def test_an_aborted_write_is_thrown_away(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with Store.open(store, atomic=True) as st:
        st.db.add(ox.Quad(ox.NamedNode("https://ex.org/a"), ox.NamedNode("https://ex.org/p"), ox.Literal("1"),
                          ox.NamedNode("https://ex.org/g")))
    assert len(dump(store)) == 1
    with pytest.raises(RuntimeError), Store.open(store, atomic=True) as st:
        st.db.clear()
        raise RuntimeError("stop half-way")
    assert len(dump(store)) == 1
    assert sorted(p.name for p in store.iterdir()) == ["current", "db-1", "lock"]


def test_a_relative_store_path_keeps_its_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The link's target is absolute and the folder may be relative: the database in use is not a leftover."""
    env = {**os.environ, "TREATY_KG_STORE": ".treaty-kg/store", "PYTHONPATH": str(ROOT)}
    for _ in range(3):  # a first build, then two that skip every file
        r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(CORPUS), "-q"], cwd=tmp_path, env=env,
                           capture_output=True, timeout=300)
        assert r.returncode == 0, r.stderr
    monkeypatch.chdir(tmp_path)
    with Store.open(".treaty-kg/store"):
        pass
    assert len(dump(tmp_path / ".treaty-kg" / "store")) > 10000


def test_a_dangling_link_is_repaired(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    os.symlink("db-0", store / "current")  # its database was removed by hand
    assert run("build", str(CORPUS), "-q", store=store).returncode == 0
    assert len(dump(store)) > 10000
