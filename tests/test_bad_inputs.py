"""Bad inputs (issue 9): no input file can crash, hang or corrupt a build, and every failure tells the user
what went wrong (the file, the stage, the reason).

The table is ``tests/data/bad/expected.json``: the committed bad files of that folder and the inputs made
here in a temporary folder (a 50 MB text, a 5 MB line, 100,000 repetitions of "Article 1, " and of «статьи
1 и », symbolic-link loops, a named pipe, an unreadable file), each with the error it must give or what it
must build. Each is built alone, then all of them together with the seed corpus by ``treaty-kg build``,
which must report each bad file on one line and build the seed texts exactly as it builds them alone.
The last table holds one input per bug of cost found for this issue (quadratic backtracking, quadratic
loops, a combinatorial explosion), each of a size the bug would take minutes or hours over.

A hang is caught by a deadline per input (a SIGALRM in the test process, or the timeout of a subprocess).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.entities.documents import find_treaty_series
from kg.pipeline import BuildResult, build, build_store
from kg.rdf.iri import source_graph

from .conftest import RESOLUTION_FILE, ROOT, STATUTE_FILE

BAD = Path(__file__).parent / "data" / "bad"
MANIFEST: dict[str, Any] = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
MAX_BYTES: int = MANIFEST["max_bytes"]

#: every input of the table: name -> its entry (committed files, then the generated ones)
ENTRIES: dict[str, dict[str, Any]] = {**MANIFEST["files"], **MANIFEST["generated"]}



def _reads_mode_000() -> bool:
    """Whether this process reads a file whose mode is 000 anyway (root, or a capability that overrides modes)."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_bytes(b"x")
        probe.chmod(0)
        try:
            probe.read_bytes()
        except PermissionError:
            return False
        return True


READS_MODE_000 = _reads_mode_000()
ROOT_NOTE = ("running as root: chmod 000 does not stop root from reading, so locked.txt is readable here and is "
             "expected to build; named-pipe.txt, self-loop.txt and dangling-link.txt are the unreadable inputs that "
             "fail for root too")


class Hang(AssertionError):
    """An input that took longer than its deadline."""


@contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """Fail with :class:`Hang` when the block runs longer than ``seconds`` (SIGALRM; sre checks signals)."""

    def expired(signum: int, frame: object) -> None:
        raise Hang(f"hang: {what} took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- making the inputs -----------------------------------------------------------------------------------


def recipe_text(recipe: list[Any]) -> str:
    """``[[piece, times], ...]``, where a piece is a string or a recipe of its own."""
    return "".join((recipe_text(piece) if isinstance(piece, list) else piece) * times for piece, times in recipe)


def make(name: str, folder: Path) -> Path:
    """Put the input ``name`` of the table into ``folder``; return its path."""
    spec = ENTRIES[name]
    path = folder / name
    kind = spec.get("make")
    if name in MANIFEST["files"]:
        shutil.copyfile(BAD / name, path)
    elif kind == "symlink":
        os.symlink(spec["target"], path)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        data = recipe_text(spec["recipe"]).encode("utf-8")
        if "size" in spec:
            assert len(data) == spec["size"], f"{name}: the recipe makes {len(data)} bytes, not {spec['size']}"
        path.write_bytes(data)
        if kind == "unreadable":
            path.chmod(0)
    return path


def expectation(name: str) -> dict[str, Any]:
    """The entry of ``name``, with what an unreadable file gives where this process reads it anyway."""
    spec = ENTRIES[name]
    if spec.get("make") == "unreadable" and READS_MODE_000:
        return {**spec, **spec["as_root"], "stage": None}
    return spec


def refused(name: str) -> bool:
    spec = expectation(name)
    return "builds" not in spec and not spec.get("ignored")


# -- checking one build ----------------------------------------------------------------------------------


def match_all(what: str, patterns: list[Any], found: list[Any], show: Any) -> None:
    """Each found item matches one pattern and each pattern one item (patterns may repeat)."""
    left = list(found)
    for pattern in patterns:
        hit = next((x for x in left if show(x, pattern)), None)
        assert hit is not None, f"{what}: nothing matches {pattern!r} among {[str(x) for x in left]}"
        left.remove(hit)
    assert not left, f"{what}: not in the table: {left}"


def check_built(name: str, result: BuildResult, spec: dict[str, Any]) -> None:
    want = spec["builds"]
    assert not result.errors, [str(e) for e in result.errors]
    (doc,) = result.documents
    assert (doc.kind, doc.key) == (want["kind"], want["key"])
    assert doc.source.name == name
    if "encoding" in want:
        assert doc.source.encoding == want["encoding"]
    assert doc.provisions, "a text that builds has provisions"
    match_all(f"{name}: findings", want["findings"], list(result.findings),
              lambda f, p: f.file == name and re.fullmatch(p, f.message) is not None)
    match_all(f"{name}: unresolved references", want["unresolved"], result.unresolved,
              lambda u, p: re.fullmatch(p["quote"], u.quote) is not None and re.fullmatch(p["reason"], u.reason)
              is not None)


def check_refused(path: Path, result: BuildResult, spec: dict[str, Any]) -> None:
    assert not result.documents
    (error,) = result.errors
    assert error.path == str(path), "the error names the file"
    assert error.stage == spec["stage"]
    assert re.fullmatch(spec["reason"], error.reason), error.reason


LIGHT = [n for n, s in ENTRIES.items() if not s.get("heavy")]


@pytest.mark.parametrize("name", LIGHT)
def test_each_bad_input_alone(tmp_path: Path, name: str) -> None:
    """Built alone, in memory: the error the table gives, or a document with exactly its findings."""
    path = make(name, tmp_path)
    spec = expectation(name)
    with deadline(20, f"building {name}"):
        result = build([tmp_path] if spec.get("ignored") else [path], max_bytes=MAX_BYTES)
    if spec.get("ignored"):
        # a symbolic link to a folder is not followed (a link to its own folder would be a loop)
        assert [e.reason for e in result.errors] == ["no .txt/.md/.markdown/.htm/.html/.pdf/.docx files in this folder"]
    elif "builds" in spec:
        check_built(name, result, spec)
    else:
        check_refused(path, result, spec)


def test_the_table_lists_every_committed_file() -> None:
    committed = {p.name for p in BAD.iterdir() if p.name != "expected.json"}
    assert committed == set(MANIFEST["files"])
    assert not set(MANIFEST["files"]) & set(MANIFEST["generated"])


def test_unreadable_file_fails_for_this_user(tmp_path: Path) -> None:
    """chmod 000 stops every reader but root; the table's root case says what happens then."""
    path = make("locked.txt", tmp_path)
    if READS_MODE_000:
        pytest.skip(ROOT_NOTE)
    with pytest.raises(PermissionError):
        path.read_bytes()


# -- the command line over the seed corpus and every bad input ---------------------------------------------


def graphs(nquads: Path) -> dict[str, set[str]]:
    """The triples of each named graph of an N-Quads file, as N-Triples lines."""
    out: dict[str, set[str]] = {}
    for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        assert not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode), \
            "the build writes no blank nodes, so set equality of triples is isomorphism"
        out.setdefault(str(q.graph_name)[1:-1], set()).add(str(ox.Triple(q.subject, q.predicate, q.object)))
    return out


def cli(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg.cli", "build", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)


def test_build_command_reports_each_bad_file_and_builds_the_rest(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for seed in (RESOLUTION_FILE, STATUTE_FILE):
        shutil.copyfile(seed, seeds / seed.name)
    alone = cli(str(seeds), "--no-store", "-o", str(tmp_path / "alone.nq"), "--max-bytes", str(MAX_BYTES),
                "-j", "2", timeout=120)
    assert alone.returncode == 0, alone.stderr

    folder = tmp_path / "corpus with bad files"
    shutil.copytree(seeds, folder)
    # the named pipe is left out: build_store reads every file to hash it before ingest refuses it, and
    # that read waits for a writer forever (see test_named_pipe_in_a_build below)
    names = [n for n in ENTRIES if ENTRIES[n].get("make") != "fifo"]
    for name in names:
        make(name, folder)
    out = tmp_path / "all.nq"
    res = cli(str(folder), "--no-store", "-o", str(out), "--max-bytes", str(MAX_BYTES), "-j", "2", timeout=300)
    assert res.returncode == 1, res.stderr
    lines = res.stderr.splitlines()
    errors = [ln for ln in lines if ln.startswith("treaty-kg: ") and not ln.startswith("treaty-kg: note: ")
              and not re.match(r"treaty-kg: \d+ document\(s\) -> ", ln)]
    # one line per refused file, naming it, with its stage and reason
    for name in names:
        mine = [ln for ln in errors if ln.startswith(f"treaty-kg: {folder / name}: ")]
        spec = expectation(name)
        if not refused(name):
            assert not mine, mine
            continue
        assert len(mine) == 1, (name, errors)
        rest = mine[0][len(f"treaty-kg: {folder / name}: "):]
        if spec["stage"] != "read":
            assert rest.startswith(f"{spec['stage']}: ")
            rest = rest[len(spec["stage"]) + 2:]
        assert re.fullmatch(spec["reason"], rest), mine[0]
    assert len(errors) == sum(refused(n) for n in names), errors
    # the findings of the files that build, as notes naming them: those of the table, no others
    for name in names:
        spec = expectation(name)
        if "builds" not in spec:
            continue
        mine = rf"treaty-kg: note: {re.escape(name)}[@:]"
        notes = [ln.split(": structure: ", 1)[-1] for ln in lines if re.match(mine, ln)]
        match_all(f"{name}: notes", spec["builds"]["findings"], notes, lambda n, p: re.fullmatch(p, n) is not None)

    # the seed texts' graphs are exactly those they have when built alone; each file that builds has one
    before, after = graphs(tmp_path / "alone.nq"), graphs(out)
    for seed in (RESOLUTION_FILE, STATUTE_FILE):
        g = str(source_graph(seed.name))
        assert after[g] == before[g], f"{seed.name}: {len(after[g] - before[g])} triples more, " \
                                      f"{len(before[g] - after[g])} fewer than when built alone"
    built = {n for n in names if "builds" in expectation(n)}
    for name in built:
        assert after.get(str(source_graph(name))), f"{name}: no graph"
    assert len(after) == len(built) + 2 + 1  # and the registry's


def test_named_pipe_in_a_build(tmp_path: Path) -> None:
    """A named pipe called .txt in a corpus folder is reported, not waited on."""
    from kg.store import Store

    shutil.copyfile(RESOLUTION_FILE, tmp_path / RESOLUTION_FILE.name)
    pipe = make("named-pipe.txt", tmp_path)
    done: list[Any] = []
    worker = threading.Thread(target=lambda: done.append(build_store([tmp_path], Store.memory(), jobs=1)),
                              daemon=True)
    worker.start()
    worker.join(5)
    hung = worker.is_alive()
    if hung:
        # free the thread: a writer that opens and closes the pipe gives its reader an end of file
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(60)
    assert not hung, "hang: build_store waited for a writer on named-pipe.txt"
    (result,) = done
    assert [(e.path, e.reason) for e in result.errors] == [(str(pipe), "not a regular file (a named pipe)")]


# -- bounded cost: one input per bug of cost found for issue 9 -------------------------------------------


def _structure(text: str, tmp: Path) -> Any:
    from kg.ingest import ingest
    from kg.structure import structure

    path = tmp / "input.txt"
    path.write_text(text, encoding="utf-8")
    return structure(ingest(path))


def _refs(text: str, lang: str = "en") -> Any:
    from kg.references.grammar import parse_references

    return parse_references(text, lang)


def _matcher(text: str) -> Any:
    from kg.entities.extract import default_stage
    from kg.entities.matcher import Context

    return default_stage().matcher.find(text, "en", Context(home="council-of-europe"))


def _resolution_with_footnotes(paragraphs: int, footnotes: int) -> str:
    return ("Resolution adopted by the General Assembly on 1 May 2012\nThe General Assembly,\n"
            + "".join(f"{k % 999 + 1}. Decides that the matter stays under review;\n" for k in range(paragraphs))
            + "100th plenary meeting\n1 May 2012\n"
            + "".join(f"{k} Footnote {k}.\n" for k in range(1, footnotes + 1)))


#: a run of spaces the quadratic forms took minutes over (300,000² steps); the fixed ones, milliseconds
SPACES = " " * 300_000
COSTLY: list[Any] = [
    # a heading with a long run of spaces in its title (lazy title before \s*$)
    pytest.param(lambda t: _structure(f"STATUTE OF X\n\nArticle 1 x{SPACES}y\n", t), id="heading-title-spaces"),
    # noise lines: job number, agenda item, reissue note (lazy group or two space runs before $)
    pytest.param(lambda t: _structure(f"STATUTE OF X\n12-48358{SPACES}x\nAgenda item 1{SPACES}.\n"
                                      f"* Reissued{SPACES}x..\nArticle 1\nText.\n", t), id="noise-line-spaces"),
    # resolution lines: adoption and committee
    pytest.param(lambda t: _structure(f"Resolution adopted by the General{SPACES}x\n[{SPACES}x\nThe General Assembly,\n"
                                      "1. Decides to act;\n", t), id="resolution-line-spaces"),
    # plain lines between two lettered paragraphs, each scanning on to the next one
    pytest.param(lambda t: _structure("STATUTE OF X\n\nArticle 1\nText:\na. first\n" + "more text\n" * 20000
                                      + "b. second\n", t), id="plain-lines-between-letters"),
    # an article of many lettered paragraphs, walked for its last words per paragraph; repeated eids
    pytest.param(lambda t: _structure("STATUTE OF X\n\nArticle 1\nText:\n" + "a. the item text:\n" * 20000, t),
                 id="lettered-paragraphs-one-article"),
    # 999 footnotes whose markers are missing, in a long resolution
    pytest.param(lambda t: _structure(_resolution_with_footnotes(20000, 999), t), id="footnotes-without-markers"),
    # many references: taken spans scanned per match; a list connector with a run of spaces
    pytest.param(lambda t: _refs("See " + "Article 1, " * 30000), id="references-many"),
    pytest.param(lambda t: _refs(f"Article 1{SPACES}, 2"), id="reference-list-spaces"),
    pytest.param(lambda t: _refs("согласно подпунктам i-xlix " + "пунктов 1-199 " * 6 + "статьи 5.", "ru"),
                 id="reference-path-product"),
    pytest.param(lambda t: _refs("статьи 1" + SPACES + " и статьи 2", "ru"), id="reference-ru-split-spaces"),
    # the matcher: nested names, plural heads and repeated places read to the end of the text
    pytest.param(lambda t: _matcher("the Statute of the Council of Europe " * 8000), id="matcher-nested-names"),
    pytest.param(lambda t: _matcher("the Secretaries-General of the United Nations " * 8000),
                 id="matcher-plural-heads"),
    pytest.param(lambda t: _matcher("the United Nations Office at Geneva and at Vienna " * 8000),
                 id="matcher-repeated-places"),
    pytest.param(lambda t: find_treaty_series(f"United Nations, Treaty Series{SPACES}vol"), id="treaty-series-spaces"),
]


@pytest.mark.parametrize("run", COSTLY)
def test_cost_is_bounded(tmp_path: Path, run: Any) -> None:
    with deadline(15, "the input"):
        result = run(tmp_path)
    if isinstance(result, list) and result and hasattr(result[0], "paths"):
        from kg.references.grammar import MAX_PATHS

        assert all(len(r.paths) <= MAX_PATHS for r in result)

