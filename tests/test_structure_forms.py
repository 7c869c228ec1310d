"""Other treaties and resolutions use other forms; each is tested on a small text written for it.

The files are under tests/data/forms/; each test states what the structure stage must find.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.model import Document
from kg.structure import structure

FORMS = Path(__file__).parent / "data" / "forms"


def parse(name: str) -> Document:
    return structure(ingest(FORMS / name), identify=lambda titles: None)


def tree(doc: Document) -> dict[str, tuple[str, str | None, str | None]]:
    return {p.eid: (p.kind, p.number, p.parent) for p in doc.provisions}


def test_echr_style_titled_articles_sections_numbered_and_lettered_paragraphs() -> None:
    doc = parse("echr_style.txt")
    t = tree(doc)
    assert doc.date == "1950-11-04"
    assert t["art_1"] == ("article", "1", None)
    assert t["sec_I"] == ("section", "I", None)
    assert t["art_2"] == ("article", "2", "sec_I")
    assert t["art_2__para_1"] == ("paragraph", "1", "art_2")
    assert t["art_2__para_2__para_a"] == ("paragraph", "a", "art_2__para_2")
    assert t["art_2__para_2__para_c"] == ("paragraph", "c", "art_2__para_2")
    assert dict(doc.provision("art_1").headings) == {"en": "Obligation to respect human rights"}
    assert dict(doc.provision("art_3").headings) == {"en": "Prohibition of torture"}
    # a title on the line after the heading
    assert dict(doc.provision("art_4").headings) == {"en": "Prohibition of slavery and forced labour"}
    # headed text: nothing is inferred, the unnumbered sentence stays in paragraph 2 of Article 4
    assert [p.number for p in doc.provisions if p.kind == "article"] == ["1", "2", "3", "4"]
    assert not any(p.number_inferred for p in doc.provisions)
    assert doc.provision("art_4__para_2").text("en").value.endswith("ordinary course of detention.")
    assert doc.provision("conclusions").text("en").value.startswith("In witness whereof")


def test_un_charter_style_chapters_parts_and_numbered_paragraphs() -> None:
    doc = parse("un_charter_style.txt")
    t = tree(doc)
    assert [p.number for p in doc.provisions if p.kind == "article"] == ["1", "2", "3", "39"]
    assert t["chp_I"][0] == "chapter"
    assert t["art_1"][2] == "chp_I"
    assert t["art_2__para_7"] == ("paragraph", "7", "art_2")
    assert t["part_II"] == ("part", "II", None)
    assert t["chp_VII"] == ("chapter", "VII", "part_II")
    assert t["art_39"][2] == "chp_VII"
    assert dict(doc.provision("chp_VII").headings) == {"en": "ACTION WITH RESPECT TO THREATS TO THE PEACE"}
    assert dict(doc.provision("chp_I").headings) == {"en": "PURPOSES AND PRINCIPLES"}
    assert doc.provision("art_2").text("en").value.startswith("The Organization and its Members")


def test_russian_cyrillic_letters_map_to_work_level_letters() -> None:
    doc = parse("ru_cyrillic_letters.txt")
    t = tree(doc)
    assert doc.languages == ("ru",)
    assert [p.number for p in doc.provisions if p.parent == "art_1"] == ["a", "b", "c"]
    assert t["art_1__para_c"] == ("paragraph", "c", "art_1")
    assert dict(doc.provision("art_1").headings) == {"ru": "Цели"}
    assert t["art_3"][2] == "chp_II"
    assert doc.provision("conclusions") is not None


def test_french_article_1er() -> None:
    doc = parse("fr_article_1er.txt")
    assert doc.languages == ("fr",)
    arts = [p for p in doc.provisions if p.kind == "article"]
    # "Article 1er" is article 1 (so that "l'article premier" and "article 1" cite it)
    assert [a.number for a in arts] == ["1", "2"]
    assert [a.eid for a in arts] == ["art_1", "art_2"]
    assert dict(arts[0].headings) == {"fr": "Objet"}
    assert doc.provision("conclusions").text("fr").value.startswith("En foi de quoi")


def test_explicit_heading_wins_over_inference_and_is_reported() -> None:
    doc = parse("disagreeing_heading.txt")
    arts = [p for p in doc.provisions if p.kind == "article"]
    # inference numbers the first two blocks 1 and 2; the heading says 5 and wins
    assert [a.number for a in arts] == ["1", "2", "5", "6"]
    assert [a.number_inferred for a in arts] == [True, True, False, True]
    assert any("explicit heading 'Article 5'" in f.message and "expected article 3" in f.message
               for f in doc.findings)


def test_resolution_sub_paragraphs_and_items() -> None:
    doc = parse("resolution_subparagraphs.txt")
    t = tree(doc)
    assert doc.kind == "resolution"
    assert doc.symbol == "A/RES/67/999"
    assert t["op_1__para_a"] == ("paragraph", "a", "op_1")
    assert t["op_1__para_b__item_ii"] == ("item", "ii", "op_1__para_b")
    assert dict(doc.provision("op_2").verb) == {"en": "Decides"}
    assert dict(doc.provision("pp_1").verb) == {"en": "Recalling"}
    assert doc.date == "2012-12-20"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Takes note with appreciation of the report", "Takes note with appreciation"),
        ("Recalling also its resolution 44/6", "Recalling also"),
        ("Welcomes and encourages the close collaboration", "Welcomes and encourages"),
        ("Also recognizes the role", "Also recognizes"),
        ("Encourages further cooperation between", "Encourages"),
        ("Recalling further its resolution", "Recalling further"),
        ("Further welcomes the contribution", "Further welcomes"),
        ("Calls upon all States", "Calls upon"),
        ("the quorum;", None),
    ],
    ids=lambda x: str(x)[:24],
)
def test_opening_phrases(text: str, expected: str | None) -> None:
    from kg.structure.resolution import opening_phrase

    assert opening_phrase(text, "en") == expected


def test_html_input(tmp_path: Path) -> None:
    html = ("<html><head><title>x</title><script>var a='Article 9';</script></head><body>"
            "<p>STATUTE OF THE EXAMPLE ORGANISATION</p>"
            "<p>The Governments of the Kingdom of Belgium and the French Republic have agreed as follows in "
            "the interest of closer unity:</p>"
            "<p>Article 1</p><p>The Organisation shall promote cooperation &amp; understanding.</p>"
            "<p>Article 2</p><p>The seat of the Organisation is at Strasbourg.</p></body></html>")
    path = tmp_path / "statute.html"
    path.write_text(html, encoding="utf-8")
    doc = structure(ingest(path), identify=lambda titles: None)
    assert [p.number for p in doc.provisions if p.kind == "article"] == ["1", "2"]
    assert doc.provision("art_1").text("en").value == "The Organisation shall promote cooperation & understanding."
    assert "Article 9" not in "".join(t.value for p in doc.provisions for t in p.texts)
