"""The build command: formats, determinism, the committed exports, bad input, help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.compare import isomorphic as isomorphic_graphs

from kg.cli import main
from kg.export import merged, serialize
from kg.pipeline import build
from kg.rdf.namespace import DCTERMS, RDF, RDFS, TKG

from .conftest import CORPUS, RESOLUTION_FILE, ROOT, SHARED, STATUTE_FILE

BASE = "https://w3id.org/treaty-kg/id/"


@pytest.fixture(scope="module")
def corpus_dataset() -> Dataset:
    return build([CORPUS]).dataset()


@pytest.fixture(scope="module")
def corpus_graph(corpus_dataset: Dataset) -> Graph:
    return merged(corpus_dataset)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


@pytest.mark.parametrize("ext", [".ttl", ".trig", ".nq", ".nt", ".jsonld"])
def test_build_each_format_passes_the_contract_check(tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"seeds{ext}"
    assert main(["build", str(CORPUS), "-o", str(out), "-q"]) == 0
    checker = SHARED / "tools" / "contract-check.py"
    if not checker.exists():
        pytest.skip("needs ../shared/tools/contract-check.py (absent in a fresh clone; the SHACL shapes of "
                    "tests/test_publish.py check the contract there)")
    res = subprocess.run([sys.executable, str(checker), str(out)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout
    assert "0 violations of the contract" in res.stdout


def test_named_graph_per_source_file(tmp_path: Path) -> None:
    out = tmp_path / "seeds.trig"
    assert main(["build", str(CORPUS), "-o", str(out), "-q"]) == 0
    ds = Dataset()
    ds.parse(out, format="trig")
    names = sorted(str(g.identifier) for g in ds.graphs() if len(g))
    assert names == [BASE + "source/000_d4c02e8169758744.txt", BASE + "source/003_0c70701426cea265.txt",
                     BASE + "source/registry"]
    # the file's own graph holds its provisions and their evidence; the registry graph the entities
    res = ds.graph(URIRef(BASE + "source/000_d4c02e8169758744.txt"))
    assert (URIRef(BASE + "doc/A/RES/67/83/op_12"), RDF.type, TKG.OperativeParagraph) in res
    reg = ds.graph(URIRef(BASE + "source/registry"))
    assert (URIRef(BASE + "unentity/unicef"), RDF.type, TKG.UNEntity) in reg


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    for ext in (".ttl", ".trig", ".nq", ".nt", ".jsonld"):
        a, b = tmp_path / f"a{ext}", tmp_path / f"b{ext}"
        env_runs = []
        for target, seed in ((a, "1"), (b, "2")):
            env_runs.append(subprocess.run(
                [sys.executable, "-m", "kg.cli", "build", str(CORPUS), "-o", str(target), "-q"],
                cwd=ROOT, env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin",
                               "TREATY_KG_STORE": str(tmp_path / f"store{seed}")},
                capture_output=True, timeout=120))
        assert all(r.returncode == 0 for r in env_runs), [r.stderr for r in env_runs]
        assert a.read_bytes() == b.read_bytes(), ext


@pytest.mark.parametrize("name", ["corpus.ttl", "corpus.trig"])
def test_committed_exports_are_current(corpus_dataset: Dataset, name: str) -> None:
    committed = ROOT / "exports" / name
    fmt = "turtle" if name.endswith(".ttl") else "trig"
    fresh = serialize(corpus_dataset, fmt)
    if committed.read_bytes() != fresh:
        old, new = Graph(), Graph()
        old.parse(data=committed.read_text(encoding="utf-8"), format=fmt)
        new.parse(data=fresh.decode("utf-8"), format=fmt)
        _, only_old, only_new = graph_diff(to_isomorphic(old), to_isomorphic(new))
        pytest.fail(f"exports/{name} is stale; rebuild with the README's first command. "
                    f"{len(only_old)} triples only in the committed file, {len(only_new)} only in a fresh build, "
                    f"e.g. {sorted(only_new)[:3]}")


def test_document_nodes(corpus_graph: Graph) -> None:
    g = corpus_graph
    res = URIRef(BASE + "doc/A/RES/67/83")
    assert (res, RDF.type, TKG.Resolution) in g
    assert (res, TKG.symbol, Literal("A/RES/67/83")) in g
    assert (res, TKG.sourceFile, Literal("000_d4c02e8169758744.txt")) in g
    assert str(g.value(res, DCTERMS.date)) == "2012-12-12"
    statute = URIRef(BASE + "treaty/coe-statute")
    assert (statute, TKG.sourceFile, Literal("003_0c70701426cea265.txt")) in g
    assert len(set(g.subjects(TKG.sourceFile, None))) == 2
    labels = {(lit.language, str(lit)) for lit in g.objects(statute, RDFS.label)}
    assert ("en", "Statute of the Council of Europe") in labels
    assert ("ru", "Устав Совета Европы") in labels


def test_article_is_one_node_with_two_texts_and_labels(corpus_graph: Graph) -> None:
    g = corpus_graph
    art = URIRef(BASE + "treaty/coe-statute/art_20")
    assert (art, RDF.type, TKG.Article) in g
    assert {lit.language for lit in g.objects(art, TKG.text)} == {"en", "ru"}
    assert {(lit.language, str(lit)) for lit in g.objects(art, RDFS.label)} == {("en", "Article 20"),
                                                                                ("ru", "Статья 20")}
    assert str(g.value(art, TKG.number)) == "20"
    assert g.value(URIRef(BASE + "treaty/coe-statute/art_20__para_d"), DCTERMS.isPartOf) == art


def test_bad_inputs_are_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes(RESOLUTION_FILE.read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    broken = ("Article 1\n" + "Les États parties conviennent " * 40).encode("utf-8")
    (corpus / "broken.txt").write_bytes(broken[:200] + b"\xff\xfe\xfa" + broken[200:])
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    out = tmp_path / "out.ttl"
    res = run("build", str(corpus), str(empty_dir), str(tmp_path / "missing.txt"), "-o", str(out), "-q")
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("treaty-kg:")]
    assert any("empty.txt" in ln and "empty" in ln for ln in lines), res.stderr
    assert any("picture.txt" in ln and "binary" in ln.lower() for ln in lines), res.stderr
    assert any("broken.txt" in ln and "UTF-8" in ln for ln in lines), res.stderr
    assert any("nothing" in ln and "no .txt" in ln for ln in lines), res.stderr
    assert any("missing.txt" in ln and "no such file" in ln for ln in lines), res.stderr
    g = Graph().parse(out, format="turtle")
    assert (URIRef(BASE + "doc/A/RES/67/83"), RDF.type, TKG.Resolution) in g


def test_nothing_built_leaves_existing_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    out.write_text("previous graph\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    res = run("build", str(tmp_path / "empty.txt"), "-o", str(out))
    assert res.returncode == 1
    assert out.read_text(encoding="utf-8") == "previous graph\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.ttl")]


def test_unknown_output_format_is_refused(tmp_path: Path) -> None:
    res = run("build", str(STATUTE_FILE), "-o", str(tmp_path / "out.xyz"))
    assert res.returncode == 2
    assert "unknown output format" in res.stderr
    assert not (tmp_path / "out.xyz").exists()


@pytest.mark.parametrize("command", [[], ["build"], ["extract"], ["check"]], ids=["top", "build", "extract", "check"])
def test_every_command_has_help(command: list[str]) -> None:
    res = run(*command, "--help")
    assert res.returncode == 0
    assert "usage: treaty-kg" in res.stdout
    assert len(res.stdout.splitlines()) > 3


def test_extract_json_dumps_the_structure_stage(tmp_path: Path) -> None:
    res = run("extract", str(STATUTE_FILE), "--json")
    assert res.returncode == 0, res.stderr
    import json

    data = json.loads(res.stdout)
    assert data["kind"] == "treaty"
    assert len([p for p in data["provisions"] if p["kind"] == "article"]) == 42
    assert data["source"]["encoding"] == "utf-8"


def test_base_option_changes_the_iris(tmp_path: Path) -> None:
    out = tmp_path / "b.nt"
    assert main(["build", str(RESOLUTION_FILE), "-o", str(out), "-q", "--base", "https://example.org/kg/"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "<https://example.org/kg/doc/A/RES/67/83/op_12>" in text
    assert "w3id.org/treaty-kg/id/" not in text


@pytest.mark.parametrize("ext", [".ttl", ".trig", ".nq", ".nt", ".jsonld"])
def test_each_export_reads_back_to_the_same_graph(corpus_graph: Graph, tmp_path: Path, ext: str) -> None:
    """Regression: TriG once indented the lines of multi-line literals (the seat tables)."""
    out = tmp_path / f"g{ext}"
    assert main(["build", str(CORPUS), "-o", str(out), "-q"]) == 0
    fmt = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}[ext]
    back = Dataset(default_union=True)
    back.parse(out, format=fmt)
    merged_back = merged(back)
    if not isomorphic_graphs(merged_back, corpus_graph):
        _, only_file, only_mem = graph_diff(to_isomorphic(merged_back), to_isomorphic(corpus_graph))
        pytest.fail(f"{ext}: {len(only_file)} triples only in the file, {len(only_mem)} only in memory: "
                    f"{sorted(only_file)[:2]}")


def test_check_lists_unresolved_references(tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("STATUTE OF THE EXAMPLE\nThe Governments of the Kingdom of Belgium and the French Republic "
                    "have agreed as follows in the interest of closer unity:\nArticle 1\nThe Organisation shall "
                    "act under Article 99.\nArticle 2\nArticle 1 applies.\n", encoding="utf-8")
    res = run("check", str(text), "-q")
    assert res.returncode == 1
    assert "unresolved: t.txt: art_1 [en] 'Article 99' (no art_99 in" in res.stdout
    clean = run("check", str(STATUTE_FILE), "-q")
    assert clean.returncode == 0, clean.stdout
    assert "0 unresolved" in clean.stderr


def test_progress_bar_on_a_terminal_only() -> None:
    import io

    from kg.cli import Progress

    out = io.StringIO()
    bar = Progress(out, enabled=True)
    for i in range(1, 4):
        bar(i, 3, f"file{i}.txt")
    text = out.getvalue()
    assert "[##########--------------------] 1/3 file1.txt" in text and text.endswith("\n")
    quiet = io.StringIO()
    Progress(quiet)(1, 3, "x")  # a StringIO is not a terminal
    assert quiet.getvalue() == ""


@pytest.mark.parametrize("stage", ["entities", "references"])
def test_extract_later_stages(stage: str) -> None:
    import json

    res = run("extract", str(STATUTE_FILE), "--stage", stage, "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["document"] == "coe-statute"
    if stage == "entities":
        assert any(m["entity"] == "coe-committee-of-ministers" and m["lang"] == "ru" for m in data["mentions"])
    else:
        assert any(c["eid"] == "art_4" and c["target_eid"] == "art_3" for c in data["citations"])
