"""The streaming build: parallel workers give the graph one process gives, and an incremental build
gives exactly the graph a full build gives, skipping only what is unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.pipeline import CACHE_FILE, build, build_store
from kg.rdf.build import to_sinks
from kg.rdf.sink import nquads
from kg.store import Store

from .conftest import CORPUS

#: a report that cites a paragraph of the seed resolution and an article of the seed Statute
REPORT = """Report on the follow-up to resolution 67/83

Article 1
The Secretary-General shall report on the implementation of paragraph 12 of resolution 67/83 and of \
Article 20 of the Statute of the Council of Europe.

Article 2
This report refers to Article 1.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    shutil.copytree(CORPUS, d)
    (d / "report.txt").write_text(REPORT, encoding="utf-8")
    return d


def dump(store: Store) -> list[bytes]:
    return sorted(store.dump().splitlines())


def full_build(paths: list[Path], where: Path, jobs: int = 1) -> list[bytes]:
    with Store.open(where) as st:
        build_store(paths, st, jobs=jobs, incremental=False)
        return dump(st)


def test_the_report_cites_into_both_seed_texts(corpus: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s") as st:
        result = build_store([corpus], st)
        assert result.errors == [] and result.unresolved == []
        data = b"\n".join(dump(st))
    assert b"<https://w3id.org/treaty-kg/id/doc/A/RES/67/83/op_12>" in data
    assert b"<https://w3id.org/treaty-kg/id/treaty/coe-statute/art_20>" in data


def test_the_store_holds_what_the_in_memory_build_makes(corpus: Path, tmp_path: Path) -> None:
    r = build([corpus])
    expected = sorted(nquads(to_sinks(r.documents, entities=r.entities, references=r.references,
                                      derived=r.derived)).splitlines())
    assert full_build([corpus], tmp_path / "s") == expected


def test_two_processes_give_the_graph_one_gives(corpus: Path, tmp_path: Path) -> None:
    assert full_build([corpus], tmp_path / "one", jobs=1) == full_build([corpus], tmp_path / "two", jobs=2)


def test_an_unchanged_corpus_is_skipped(corpus: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s") as st:
        first = build_store([corpus], st, jobs=2)
        again = build_store([corpus], st, jobs=2)
        assert sorted(first.rebuilt) == ["000_d4c02e8169758744.txt", "003_0c70701426cea265.txt", "report.txt"]
        assert again.rebuilt == [] and len(again.skipped) == 3
        # the report of a skipped build still has every figure, from the cache
        assert (again.citations, again.triples) == (first.citations, first.triples)
        assert again.findings == first.findings


def test_one_changed_file_is_built_again_and_the_graph_equals_a_full_build(corpus: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s") as st:
        build_store([corpus], st)
        report = corpus / "report.txt"
        report.write_text(REPORT.replace("Article 20 of", "Article 21 of"), encoding="utf-8")
        again = build_store([corpus], st)
        assert again.rebuilt == ["report.txt"]
        incremental = dump(st)
    assert incremental == full_build([corpus], tmp_path / "full")
    assert any(b"coe-statute/art_21>" in line for line in incremental)
    assert not any(b"coe-statute/art_20> <https://w3id.org/treaty-kg/id/source/report.txt>" in line
                   for line in incremental)


def test_a_change_to_a_cited_text_rebuilds_the_texts_that_cite_it(corpus: Path, tmp_path: Path) -> None:
    resolution = corpus / "000_d4c02e8169758744.txt"
    with Store.open(tmp_path / "s") as st:
        build_store([corpus], st)
        # drop operative paragraph 12: the report's "paragraph 12 of resolution 67/83" now names nothing
        text = resolution.read_text(encoding="utf-8")
        start = text.index("\n\t12.")
        end = text.index("\n\t13.")
        resolution.write_text(text[:start] + text[end:], encoding="utf-8")
        again = build_store([corpus], st)
        assert again.rebuilt == ["000_d4c02e8169758744.txt", "report.txt"]
        assert [u.quote for u in again.unresolved if u.file == "report.txt"] == ["paragraph 12"]
        incremental = dump(st)
    assert incremental == full_build([corpus], tmp_path / "full")


def test_a_changed_tool_invalidates_the_cache(corpus: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s") as st:
        build_store([corpus], st)
        cache = Path(st.path or "") / CACHE_FILE
        cache.write_text(cache.read_text(encoding="utf-8").replace('"fingerprint": "', '"fingerprint": "x'),
                         encoding="utf-8")
        assert len(build_store([corpus], st).rebuilt) == 3
        cache.write_text("{not json", encoding="utf-8")
        assert len(build_store([corpus], st).rebuilt) == 3


def test_a_bad_file_is_reported_and_the_rest_is_built(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    with Store.open(tmp_path / "s") as st:
        result = build_store([corpus], st, jobs=2)
    assert [(Path(e.path).name, e.stage) for e in result.errors] == [("empty.txt", "read")]
    assert sorted(result.rebuilt) == ["000_d4c02e8169758744.txt", "003_0c70701426cea265.txt", "report.txt"]
