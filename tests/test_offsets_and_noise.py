"""Every provision's text maps back to its characters in the source file; no noise reaches it."""

from __future__ import annotations

import pytest

from kg.model import Document

NOISE = ["<<ODS", "[DU1]", "Please recycle", "transport error", "12-48358", "*1248358*", "6/6", "Distr.:",
         "United NationsA/RES", "Agenda item", "--------", "  25.", "A/RES/67/83Cooperation"]


@pytest.mark.parametrize("fixture", ["statute", "resolution"])
def test_offsets_point_back_to_the_source(fixture: str, request: pytest.FixtureRequest) -> None:
    doc: Document = request.getfixturevalue(fixture)
    src = doc.source.text
    checked = 0
    for p in doc.provisions:
        for t in p.texts:
            for piece in t.pieces:
                if piece.src is None:
                    assert t.value[piece.start : piece.start + piece.length] in ("\n", " ")
                    continue
                assert src[piece.src : piece.src + piece.length] == t.value[piece.start : piece.start + piece.length]
                checked += 1
            i = len(t.value) // 2
            o = t.source_offset(i)
            if t.value[i] not in "\n ":
                assert src[o] == t.value[i]
    assert checked > 40


@pytest.mark.parametrize("fixture", ["statute", "resolution"])
def test_no_noise_in_provision_text(fixture: str, request: pytest.FixtureRequest) -> None:
    doc: Document = request.getfixturevalue(fixture)
    for p in doc.provisions:
        for t in p.texts:
            for n in NOISE:
                assert n not in t.value, (p.eid, n)


def test_noise_is_kept_as_metadata_and_recorded(resolution: Document) -> None:
    kinds = {n.kind for n in resolution.source.noise}
    assert {"ods_tags", "page_number", "job_number", "barcode", "masthead", "running_title", "date_session",
            "agenda", "reissue", "print_tag"} <= kinds


def test_outline_counters_removed_from_statute(statute: Document) -> None:
    counters = [n for n in statute.source.noise if n.kind == "outline_counter"]
    assert len(counters) == 26
    assert [int(n.text.strip().rstrip(".")) for n in counters] == list(range(1, 27))
