"""A/RES/67/83 with its print-shop noise, read as it is."""

from __future__ import annotations

import pytest

from kg.model import Document

PREAMBULAR_VERBS = [
    "Recalling", "Recalling also", "Acknowledging", "Acknowledging also", "Welcoming", "Commending",
    "Welcoming", "Taking note with appreciation",
]
OPERATIVE_VERBS = [
    "Reiterates", "Confirms", "Recognizes", "Also recognizes", "Encourages", "Takes note with appreciation",
    "Encourages", "Encourages", "Takes note with appreciation", "Welcomes and encourages", "Welcomes",
    "Also welcomes", "Encourages", "Recognizes", "Encourages", "Notes", "Takes note", "Reaffirms",
    "Welcomes and encourages", "Welcomes and supports", "Welcomes", "Also welcomes", "Further welcomes", "Notes",
    "Also notes", "Requests", "Decides",
]
#: footnote -> the paragraph whose glued marker it belongs to, and how its text starts
FOOTNOTES = {
    "1": ("pp_2", "Resolutions 55/3, 56/43"),
    "2": ("pp_8", "A/67/280-S/2012/614, sect. II."),
    "3": ("op_3", "United Nations, Treaty Series, vol. 2187, No. 38544."),
    "4": ("op_4", "Ibid., vol. 2515, No. 44910."),
    "5": ("op_7", "Human Rights: A Compilation of International Instruments"),
    "6": ("op_10", "United Nations, Treaty Series, vol. 1577, No. 27531."),
    "7": ("op_21", "Resolution 60/288."),
}


def test_identity_and_metadata(resolution: Document) -> None:
    assert resolution.kind == "resolution"
    assert resolution.symbol == "A/RES/67/83"
    assert resolution.key == "A/RES/67/83"
    assert resolution.date == "2012-12-12"
    assert dict(resolution.titles) == {"en": "Cooperation between the United Nations and the Council of Europe"}
    meta = dict(resolution.metadata)
    assert meta["adopted_by"] == "General Assembly"
    assert meta["meeting"] == "53rd plenary meeting"
    assert meta["number"] == "67/83"
    assert meta["draft"] == "A/67/L.14/Rev.1 and Add.1"
    assert meta["committee"] == "without reference to a Main Committee"
    assert meta["session"] == "Sixty-seventh session"
    assert meta["agenda_item"] == "121 (h)"
    assert meta["distribution"] == "General"
    assert meta["distribution_date"] == "14 March 2013"
    assert meta["reissued"] == "Reissued for technical reasons on 15 July 2013"
    assert meta["ods_job_number"] == "N1248358E"
    assert meta["job_number"] == "12-48358"


@pytest.mark.parametrize(("n", "verb"), list(enumerate(PREAMBULAR_VERBS, 1)), ids=lambda x: str(x))
def test_preambular_paragraphs_and_verbs(resolution: Document, n: int, verb: str) -> None:
    p = resolution.provision(f"pp_{n}")
    assert p.kind == "preambular" and p.parent is None
    assert dict(p.verb) == {"en": verb}
    assert p.text("en").value.startswith(verb)


def test_eight_preambular_and_27_operative(resolution: Document) -> None:
    assert len([p for p in resolution.provisions if p.kind == "preambular"]) == 8
    ops = [p for p in resolution.provisions if p.kind == "operative"]
    assert [p.number for p in ops] == [str(n) for n in range(1, 28)]


@pytest.mark.parametrize(("n", "verb"), list(enumerate(OPERATIVE_VERBS, 1)), ids=lambda x: str(x))
def test_operative_verbs(resolution: Document, n: int, verb: str) -> None:
    p = resolution.provision(f"op_{n}")
    assert dict(p.verb) == {"en": verb}
    assert p.text("en").value.startswith(verb)
    assert not p.text("en").value.startswith(f"{n}.")


@pytest.mark.parametrize(("n", "host", "opening"), [(k, *v) for k, v in FOOTNOTES.items()], ids=list(FOOTNOTES))
def test_footnotes_linked_to_their_markers(resolution: Document, n: str, host: str, opening: str) -> None:
    fn = resolution.provision(f"fn_{n}")
    assert fn.kind == "footnote" and fn.number == n and fn.marker == n
    assert fn.parent == host
    assert fn.text("en").value.startswith(opening)
    # the marker is glued to the word or punctuation before it in the host's text
    host_text = resolution.provision(host).text("en").value
    assert any(f"{c}{n}" in host_text for c in ",;.abcdefghijklmnopqrstuvwxyz")


def test_seven_footnotes_and_no_stray(resolution: Document) -> None:
    assert len([p for p in resolution.provisions if p.kind == "footnote"]) == 7
    assert resolution.findings == ()


def test_wrapped_line_joins_its_paragraph(resolution: Document) -> None:
    op4 = resolution.provision("op_4").text("en").value
    assert "Disability Action Plan 2006-2015, and confirms its support" in op4
    assert "\n" not in op4


def test_last_paragraph_does_not_swallow_the_end_matter(resolution: Document) -> None:
    op27 = resolution.provision("op_27").text("en").value
    assert op27.endswith("in the implementation of the present resolution.")
    assert "plenary meeting" not in op27
