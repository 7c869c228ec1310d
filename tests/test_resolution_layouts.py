"""Resolutions in the layouts users have: French and Russian, raw PDF text, Markdown, PDF, OCR.

The French and Russian files in tests/data/resolutions follow the UN's printed layout in those languages
(the corpus holds no French or Russian GA resolution as text); the rest are real documents of
../shared/corpus-real, skipped with that reason where it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.entities.registry import identify_treaty
from kg.ingest import ingest
from kg.model import Document
from kg.structure import structure

DATA = Path(__file__).resolve().parent / "data" / "resolutions"
REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus-real"
needs_corpus = pytest.mark.skipif(not REAL.is_dir(), reason="needs ../shared/corpus-real (absent in a fresh clone)")


def read(path: Path) -> Document:
    return structure(ingest(path), identify=identify_treaty)


def kinds(doc: Document, kind: str) -> list[str]:
    return [p.eid for p in doc.provisions if p.kind == kind]


@pytest.mark.parametrize(("name", "verbs"), [
    ("fr_layout.txt", ["Rappelant", "Consciente", "Réaffirme", "Prie", "Décide"]),
    ("ru_layout.txt", ["ссылаясь", "сознавая", "вновь подтверждает", "просит", "постановляет"]),
], ids=["fr", "ru"])
def test_french_and_russian_layouts(name: str, verbs: list[str]) -> None:
    doc = read(DATA / name)
    assert doc.kind == "resolution" and doc.symbol == "A/RES/80/20" and doc.date == "2025-12-01"
    assert kinds(doc, "preambular") == ["pp_1", "pp_2"] and kinds(doc, "operative") == ["op_1", "op_2", "op_3"]
    assert [v for p in doc.provisions for _, v in p.verb] == verbs
    meta = dict(doc.metadata)
    assert meta["adopted_by"] == "General Assembly" and "A/80/534" in meta["draft"]
    heading = doc.provision("heading")
    assert heading is not None and "A/80/534" in heading.text(doc.languages[0]).value


REAL_CASES = [
    # (file, symbol, operative paragraphs, preambular paragraphs or None)
    ("en/a-res-80-9.raw.en.txt", "A/RES/80/9", 1, 0),  # one unnumbered "Adopts", an annexed declaration
    ("en/a-res-80-24.raw.en.txt", "A/RES/80/24", 23, 35),  # footnote blocks in the flow, no rule
    ("en/a-res-80-20.md.en.txt", "A/RES/80/20", 7, 14),
    ("en/a-res-es-11-2.pdf.en.txt", "A/RES/ES-11/2", 14, 19),  # "ES-11/2." alone, the title on the next line
    ("original/a-res-68-262.en.pdf", "A/RES/68/262", 6, 7),
    ("en/a-res-2758-xxvi.ocr.en.txt", "A/RES/2758(XXVI)", 1, None),
    ("en/s-res-777-1992.ocr.en.txt", "S/RES/777(1992)", 2, None),  # the body line is lost to OCR
    ("en/a-l-632-draft-resolution-1971.pdf.en.txt", None, 1, 1),  # a draft: a body line, no numbers
]


@needs_corpus
@pytest.mark.parametrize(("file", "symbol", "operative", "preambular"), REAL_CASES, ids=[c[0] for c in REAL_CASES])
def test_real_resolutions(file: str, symbol: str | None, operative: int, preambular: int | None) -> None:
    doc = read(REAL / file)
    assert doc.kind == "resolution"
    if symbol:
        assert doc.symbol == symbol
    assert kinds(doc, "operative") == [f"op_{n}" for n in range(1, operative + 1)]
    if preambular is not None:
        assert len(kinds(doc, "preambular")) == preambular


@needs_corpus
def test_annex_paragraphs_are_not_operative() -> None:
    doc = read(REAL / "en" / "a-res-80-9.raw.en.txt")
    annex = doc.provision("annex_1")
    assert annex is not None and annex.kind == "annex"
    paragraphs = [p for p in doc.provisions if p.parent == "annex_1" and p.kind == "paragraph"]
    assert len(paragraphs) == 31 and paragraphs[0].eid == "annex_1__para_1"


@needs_corpus
def test_a_treaty_adopted_by_the_general_assembly_is_a_treaty() -> None:
    doc = read(REAL / "en" / "un-convention-privileges-immunities-united-nations-bwbv0005561.en.txt")
    assert doc.kind == "treaty"
    assert len(kinds(doc, "article")) == 9


def test_footnote_marker_glued_to_the_year_of_a_date(tmp_path: Path) -> None:
    # a generated corpus found it: "... the Convention of Mainz on the Navigation of the Rhine of 31 March 18313;"
    text = ("Resolution adopted by the General Assembly on 1 December 2025\n\n80/99. Example\n\n"
            "The General Assembly,\n\n"
            "Recalling its resolution 79/1,1\n\n"
            "1. Acts in accordance with the Convention of Mainz on the Navigation of the Rhine of 31 March 18312;\n\n"
            "2. Decides to remain seized of the matter.\n\n52nd plenary meeting\n1 December 2025\n\n"
            "1 A/79/1.\n2 Martens, Nouveau recueil.\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    doc = read(path)
    assert {p.eid: p.parent for p in doc.provisions if p.kind == "footnote"} == {"fn_1": "pp_1", "fn_2": "op_1"}


@needs_corpus
@pytest.mark.parametrize("file", ["en/a-res-80-9.raw.en.txt", "en/a-res-80-3.raw.en.txt", "en/a-res-80-4.raw.en.txt"])
def test_a_resolution_printing_its_own_symbol_does_not_cite_itself(file: str) -> None:
    # its heading and the running headers left in the flow print "A/RES/80/9": that names it, it cites nothing
    from kg.entities import extract_entities

    doc = read(REAL / file)
    ents = extract_entities(doc)
    assert doc.symbol and not [c for c in ents.citations if c.target_kind == "document" and c.target == doc.symbol]


@needs_corpus
def test_a_running_header_inside_a_list_of_resolutions_is_noise() -> None:
    # a-res-80-4.raw: the page break puts "A/RES/80/4" and the title, over two lines, inside the list
    from kg.entities import extract_entities

    doc = read(REAL / "en" / "a-res-80-4.raw.en.txt")
    pp = next(p for p in doc.provisions if p.text("en") and p.text("en").value.startswith("Recalling its resolutions"))
    assert "embargo imposed" not in pp.text("en").value and "A/RES/80/4" not in pp.text("en").value
    cited = {c.target for c in extract_entities(doc).citations if c.eid == pp.eid}
    assert {"A/RES/51/17", "A/RES/52/10", "A/RES/79/7", "A/DEC/76/563"} <= cited
