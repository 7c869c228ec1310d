"""Markdown is markup, not words: headings, emphasis, links, images; real Markdown from the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.entities.registry import identify_treaty
from kg.ingest import ingest
from kg.ingest.markdown import looks_like_markdown, markdown_to_text
from kg.structure import structure

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus-real" / "en"
needs_corpus = pytest.mark.skipif(not REAL.is_dir(), reason="needs ../shared/corpus-real (absent in a fresh clone)")

CASES = [
    ("atx-heading", "## Article 1", "Article 1"),
    ("closed-heading", "# TITLE #", "TITLE"),
    ("strong", "The Parties **shall** act", "The Parties shall act"),
    ("emphasis", "the _Convention_ and *Protocol*", "the Convention and Protocol"),
    ("link", "See: [Agreements of the CIS](https://example.org/a.pdf)", "See: Agreements of the CIS"),
    ("empty-link", "and [in Ukrainian]()", "and in Ukrainian"),
    ("image", "![seal](seal.png)The text", "The text"),
    ("superscript", "Bodies<sup>1</sup>,", "Bodies1,"),
    ("footnote-reference-kept", "Disabilities[^4]", "Disabilities[^4]"),
    ("footnote-definition-kept", "[^1]: See resolution 2200 A (XXI).", "[^1]: See resolution 2200 A (XXI)."),
    ("marker-not-emphasis", "Article 23 <*>", "Article 23 <*>"),
    ("arithmetic-not-emphasis", "5 * 3 and 4 * 2", "5 * 3 and 4 * 2"),
    ("escape", r"1\. Decides", "1. Decides"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_markup_is_not_words(text: str, expected: str) -> None:
    assert markdown_to_text(text) == expected


def test_lines_stay_lines() -> None:
    text = "# A\n\n## Article 1\n\nText **x**\n"
    assert markdown_to_text(text).count("\n") == text.count("\n")


def test_plain_text_is_not_taken_for_markdown() -> None:
    assert not looks_like_markdown("statute.txt", "Article 1\nThe aim of the Council <*> is ...\n* a list item\n")
    assert looks_like_markdown("resolution.txt", "Text[^1]\n\n---\n\n[^1]: A/80/534.")


@needs_corpus
def test_real_markdown_treaty_has_its_articles() -> None:
    src = ingest(REAL / "cis-agreement-establishing-1991.md.en.txt")
    assert src.meta("format") == "markdown"
    doc = structure(src, identify=identify_treaty)
    arts = [p for p in doc.provisions if p.kind == "article"]
    assert [a.number for a in arts] == [str(n) for n in range(1, len(arts) + 1)] and len(arts) >= 14
    assert not any("##" in p.text("en").value or "](" in p.text("en").value for p in doc.provisions if p.text("en"))


@needs_corpus
def test_real_markdown_resolution_footnotes() -> None:
    doc = structure(ingest(REAL / "a-res-80-20.md.en.txt"), identify=identify_treaty)
    assert doc.symbol == "A/RES/80/20"
    assert [p.eid for p in doc.provisions if p.kind == "operative"] == [f"op_{n}" for n in range(1, 8)]
    assert len([p for p in doc.provisions if p.kind == "preambular"]) == 14
    footnotes = {p.eid: p.parent for p in doc.provisions if p.kind == "footnote"}
    # "report[^4]" and "2008,2" are markers; "agenda 5" and "States 7" (a space before the number) are not read
    assert len(footnotes) == 8 and footnotes["fn_2"] == "pp_9" and footnotes["fn_4"] == "pp_11"
