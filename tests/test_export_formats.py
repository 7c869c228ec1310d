"""The writer of kg.export and the export command: the store and the build give the same bytes, every
format reads back to the store's graph with independent parsers (Oxigraph, and Debian's rapper where
installed), output is stable, multi-line literals stay exact, and the committed exports are current."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Literal, URIRef

from kg import export
from kg.export import EXPORT_FORMATS, serialize, to_oxigraph, write_store
from kg.store import Store

from .conftest import CORPUS, ROOT, SHARED

FORMATS = list(EXPORT_FORMATS)  # ttl trig nt nq jsonld
OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
              "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}
RAPPER_SYNTAX = {"ttl": "turtle", "trig": "trig", "nt": "ntriples", "nq": "nquads"}
MERGED = {"ttl", "nt"}


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus built into a store of its own, with every format written by build -o beside it."""
    folder = tmp_path_factory.mktemp("corpus-store")
    store = folder / "store"
    res = run("build", str(CORPUS), "-q", "-o", str(folder / "build.ttl"), "--store", str(store))
    assert res.returncode == 0, res.stderr
    for fmt in FORMATS[1:]:
        res = run("build", str(CORPUS), "-q", "-o", str(folder / f"build.{fmt}"), "--store", str(store))
        assert res.returncode == 0, res.stderr
    return store


def canonical_quads(data: bytes | str, fmt: str, merge: bool) -> set[str]:
    """The quads of a serialisation parsed by Oxigraph, as N-Quads lines (graph names dropped when merged)."""
    quads = ox.parse(data.encode("utf-8") if isinstance(data, str) else data, format=OX_FORMATS[fmt])
    return {str(ox.Quad(q.subject, q.predicate, q.object) if merge else q) for q in quads}


def store_quads(store: Path, merge: bool) -> set[str]:
    with Store.open(store, read_only=True) as st:
        return {str(ox.Quad(q.subject, q.predicate, q.object) if merge else q) for q in st.db}


# --- the store and the build ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_from_the_store_equals_the_build_file(corpus_store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    res = run("export", "--format", fmt, "--store", str(corpus_store), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() == (corpus_store.parent / f"build.{fmt}").read_bytes()


def test_export_format_comes_from_the_file_name_and_stdout_defaults_to_turtle(corpus_store: Path,
                                                                              tmp_path: Path) -> None:
    res = run("export", "--store", str(corpus_store), "-o", str(tmp_path / "g.nq"), "-q")
    assert res.returncode == 0 and not res.stderr
    assert (tmp_path / "g.nq").read_bytes() == (corpus_store.parent / "build.nq").read_bytes()
    res = run("export", "--store", str(corpus_store), "-q")
    assert res.returncode == 0
    assert res.stdout == (corpus_store.parent / "build.ttl").read_bytes()


def test_export_reports_what_it_wrote(corpus_store: Path, tmp_path: Path) -> None:
    res = run("export", "--store", str(corpus_store), "-o", str(tmp_path / "g.nt"))
    n = len((tmp_path / "g.nt").read_bytes().splitlines())
    assert f"{n} triples -> {tmp_path / 'g.nt'}".encode() in res.stderr


def test_export_without_a_store_or_a_format_fails_cleanly(tmp_path: Path) -> None:
    res = run("export", "--store", str(tmp_path / "none"), "-o", str(tmp_path / "g.ttl"))
    assert res.returncode == 2 and b"no store here" in res.stderr
    assert not (tmp_path / "g.ttl").exists()
    res = run("export", "--store", str(tmp_path / "none"), "-o", str(tmp_path / "g.xyz"))
    assert res.returncode == 2 and b"give --format" in res.stderr


# --- independent parsers ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_export_reads_back_to_the_store_with_oxigraph(corpus_store: Path, fmt: str) -> None:
    data = (corpus_store.parent / f"build.{fmt}").read_bytes()
    back = canonical_quads(data, fmt, merge=fmt in MERGED)
    expected = store_quads(corpus_store, merge=fmt in MERGED)
    assert back == expected, (f"{len(back - expected)} only in the file, e.g. {sorted(back - expected)[:2]}; "
                              f"{len(expected - back)} only in the store, e.g. {sorted(expected - back)[:2]}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_export_reads_back_to_the_store_with_rapper(corpus_store: Path, tmp_path: Path, fmt: str) -> None:
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("rapper (Debian's raptor2-utils) is not installed: sh scripts/system-deps.sh installs it")
    if fmt not in RAPPER_SYNTAX:
        pytest.skip("raptor 2 has no JSON-LD parser; the JSON-LD export is read by Oxigraph and rdflib instead")
    res = subprocess.run([rapper, "-q", "-i", RAPPER_SYNTAX[fmt], "-o", "nquads",
                          str(corpus_store.parent / f"build.{fmt}")], capture_output=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    back = canonical_quads(res.stdout, "nq", merge=fmt in MERGED)
    assert back == store_quads(corpus_store, merge=fmt in MERGED)


def test_jsonld_export_reads_back_with_rdflib(corpus_store: Path) -> None:
    ds = Dataset()
    ds.parse(corpus_store.parent / "build.jsonld", format="json-ld")
    lines = {ln for ln in ds.serialize(format="nquads").splitlines() if ln.strip()}
    assert canonical_quads("\n".join(lines) + "\n", "nq", merge=False) == store_quads(corpus_store, merge=False)


def test_jsonld_export_embeds_the_published_context(corpus_store: Path) -> None:
    import json

    doc = json.loads((corpus_store.parent / "build.jsonld").read_text(encoding="utf-8"))
    published = json.loads((ROOT / "exports" / "context.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == published["@context"]
    assert {g["@id"].rsplit("/", 1)[-1] for g in doc["@graph"]} == {
        "000_d4c02e8169758744.txt", "003_0c70701426cea265.txt", "registry"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_export_passes_the_contract_check(corpus_store: Path, fmt: str) -> None:
    checker = SHARED / "tools" / "contract-check.py"
    if not checker.exists():
        pytest.skip("needs ../shared/tools/contract-check.py (absent in a fresh clone; the SHACL shapes of "
                    "tests/test_publish.py check the contract there)")
    res = subprocess.run([sys.executable, str(checker), str(corpus_store.parent / f"build.{fmt}")],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout[-2000:]
    assert "0 violations of the contract" in res.stdout


# --- form -------------------------------------------------------------------------------------------


def test_turtle_is_grouped_by_subject_with_prefixes_and_no_blank_nodes(corpus_store: Path) -> None:
    text = (corpus_store.parent / "build.ttl").read_text(encoding="utf-8")
    assert text.startswith("@prefix tkg: <https://w3id.org/treaty-kg/ontology#> .\n")
    subjects = re.findall(r"(?m)^(<https?://[^>\s]+>) ", text)
    assert subjects == sorted(subjects, key=lambda s: s.replace(">", "\x00"))
    assert len(subjects) == len(set(subjects)) > 3000
    assert not re.search(r"(?m)^_:|\s_:\w+ [.;,]$", text)
    art20 = text[text.index("\n<https://w3id.org/treaty-kg/id/treaty/coe-statute/art_20> "):]
    art20 = art20[:art20.index(" .\n")]
    assert art20.split("\n")[1].endswith("a tkg:Article,")
    assert '    tkg:number "20" ;' in art20 and "    tkg:order " in art20


def test_multi_line_literals_keep_their_lines_in_every_format() -> None:
    """Regression: TriG once indented the lines of multi-line literals (the seat tables)."""
    text = "Seats:\n  Belgium 7\n\tFrance 18\n\nend \"quoted\" \\ back"
    ds = Dataset()
    g = ds.graph(URIRef("https://ex.org/g"))
    g.add((URIRef("https://ex.org/s"), URIRef("https://w3id.org/treaty-kg/ontology#text"), Literal(text, lang="en")))
    for fmt, name in EXPORT_FORMATS.items():
        data = serialize(ds, name)
        [quad] = ox.parse(data, format=OX_FORMATS[fmt])
        assert quad.object.value == text, fmt
    # the lines as they are, not indented; a tab stays an escape
    trig = serialize(ds, "trig").decode()
    assert '    <https://ex.org/s> tkg:text """Seats:\n  Belgium 7\n\\tFrance 18\n\nend' in trig


@settings(max_examples=60, deadline=None)
@given(value=st.text(), lang=st.sampled_from([None, "en", "ru-latn"]))
def test_any_string_survives_every_format(value: str, lang: str | None) -> None:
    ds = Dataset()
    g = ds.graph(URIRef("https://ex.org/g"))
    lit = Literal(value, lang=lang) if lang else Literal(value)
    g.add((URIRef("https://ex.org/s"), URIRef("https://ex.org/p"), lit))
    for fmt, name in EXPORT_FORMATS.items():
        [quad] = ox.parse(serialize(ds, name), format=OX_FORMATS[fmt])
        assert quad.object.value == value, (fmt, value)
        assert quad.object.language == lang


def test_blank_nodes_get_canonical_labels_so_output_is_stable() -> None:
    def make() -> Dataset:
        ds = Dataset()
        b = BNode()
        ds.graph(URIRef("https://ex.org/g1")).add((URIRef("https://ex.org/s"), URIRef("https://ex.org/p"), b))
        ds.graph(URIRef("https://ex.org/g2")).add((b, URIRef("https://ex.org/q"), Literal("x _:y .")))
        return ds

    for name in EXPORT_FORMATS.values():
        first, second = serialize(make(), name), serialize(make(), name)
        assert first == second, name
        assert b"_:c14n0" in first, name


def test_merged_formats_sort_through_temporary_runs_like_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    ds = Dataset()
    for i in range(50):
        g = ds.graph(URIRef(f"https://ex.org/g{i % 7}"))
        g.add((URIRef(f"https://ex.org/s{i % 13}"), URIRef("https://ex.org/p"), Literal(i)))
        g.add((URIRef("https://ex.org/shared"), URIRef("https://ex.org/p"), Literal("same in every graph")))
    in_memory = {name: serialize(ds, name) for name in ("turtle", "nt")}
    monkeypatch.setattr(export, "RUN_LINES", 5)
    assert {name: serialize(ds, name) for name in ("turtle", "nt")} == in_memory
    assert in_memory["nt"].count(b"same in every graph") == 1


def test_only_the_named_graphs_asked_for() -> None:
    ds = Dataset()
    for name in ("a", "b"):
        ds.graph(URIRef(f"https://ex.org/{name}")).add((URIRef(f"https://ex.org/{name}s"), URIRef("https://ex.org/p"),
                                                         Literal(name)))
    out = io.BytesIO()
    assert write_store(to_oxigraph(ds), "nquads", out, graphs=["https://ex.org/b"]) == 1
    assert out.getvalue() == b'<https://ex.org/bs> <https://ex.org/p> "b" <https://ex.org/b> .\n'


def test_builds_are_byte_identical_across_processes(tmp_path: Path) -> None:
    """Two builds into two stores, with different hash seeds, export the same bytes in every format."""
    outputs = []
    for seed in ("1", "2"):
        store = tmp_path / f"store{seed}"
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
        res = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(CORPUS), "-q", "--store", str(store)],
                             cwd=ROOT, env=env, capture_output=True, timeout=300)
        assert res.returncode == 0, res.stderr
        formats = {}
        for fmt in FORMATS:
            res = subprocess.run([sys.executable, "-m", "kg.cli", "export", "--format", fmt, "--store", str(store),
                                  "-q"], cwd=ROOT, env=env, capture_output=True, timeout=300)
            assert res.returncode == 0, res.stderr
            formats[fmt] = res.stdout
        outputs.append(formats)
    assert outputs[0] == outputs[1]


# --- the committed exports --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fresh_exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """exports/ made again, as the README's first command makes it, in a folder of its own."""
    folder = tmp_path_factory.mktemp("exports")
    out = folder / "exports"
    store = folder / "store"
    steps = [
        ["build", "corpus", "-q", "-o", str(out / "corpus.ttl"), "--store", str(store)],
        ["export", "-q", "--store", str(store), "-o", str(out / "corpus.trig")],
        ["export", "-q", "--store", str(store), "-o", str(out / "corpus.nt")],
        ["export", "-q", "--store", str(store), "-o", str(out / "corpus.jsonld")],
        ["export", "-q", "-o", str(out / "context.jsonld")],
        ["export", "-q", "--store", str(store), "-o", str(out / "void.ttl")],
    ]
    for step in steps:
        res = run(*step)
        assert res.returncode == 0, (step, res.stderr)
    return out


def test_the_readme_makes_every_committed_export() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.findall(r"```sh\n(.*?)```", readme, re.S)[0]
    made = set(re.findall(r"-o (exports/[\w.]+)", first))
    committed = {f"exports/{p.name}" for p in (ROOT / "exports").iterdir() if not p.name.startswith(".")}
    assert made == committed
    assert first.startswith("python3 -m venv .venv && .venv/bin/pip install -e . && ")
    assert len(first.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["corpus.nt", "corpus.jsonld", "context.jsonld", "void.ttl", "corpus.ttl",
                                  "corpus.trig"])
def test_committed_export_is_current(fresh_exports: Path, name: str) -> None:
    committed = (ROOT / "exports" / name).read_bytes()
    fresh = (fresh_exports / name).read_bytes()
    if committed != fresh:
        old = set(committed.decode("utf-8").splitlines())
        new = set(fresh.decode("utf-8").splitlines())
        pytest.fail(f"exports/{name} is stale: rebuild it with the README's first command. "
                    f"{len(old - new)} lines only in the committed file, {len(new - old)} only in a fresh one, "
                    f"e.g. {sorted(new - old)[:2]}")


@pytest.mark.parametrize("text", ["67/83.\tCooperation", "a\bb\fc\vd", "x\x01y\x7fz", 'q"\\uote\r\n'],
                         ids=["tab", "backspace-formfeed-vtab", "other-controls", "ecHARs"])
def test_literals_are_escaped_as_the_store_dumps_them(text: str) -> None:
    """The in-memory writer and Oxigraph's dump give the same bytes (a heading line holds a tab)."""
    import pyoxigraph as ox
    from rdflib import Literal

    from kg.rdf.sink import literal_nt

    st = ox.Store()
    st.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal(text, language="en"),
                   ox.DefaultGraph()))
    dumped = st.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    assert dumped == f"<http://a> <http://b> {literal_nt(Literal(text, lang='en'))} .\n"
