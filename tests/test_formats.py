"""PDF and Word files (issue 15): read by their bytes, into the same Source as a text file.

The real PDFs are those of ../shared/corpus-real/original (four born-digital UN resolutions, two scans
with an OCR text layer, five scans with none); small PDFs are written byte by byte (tests/minipdf.py)
and Word documents are made with python-docx here, so no binary fixture is committed.
"""

from __future__ import annotations

import doctest
import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx as python_docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.parser import parse_xml

import kg.ingest.docx as docx_module
import kg.ingest.formats as formats_module
import kg.ingest.pdf as pdf_module
from kg.ingest import IngestError, ingest
from kg.ingest.formats import sniff
from kg.ingest.pdf import NO_TEXT_LAYER, dehyphenate
from kg.model import Source
from kg.structure import structure

from .conftest import ROOT, SHARED
from .minipdf import Text, make_pdf

ORIGINAL = SHARED / "corpus-real" / "original"
needs_corpus = pytest.mark.skipif(not ORIGINAL.is_dir(), reason="needs ../shared/corpus-real")

BORN_DIGITAL = ["a-res-68-262.en.pdf", "a-res-es-11-2.en.pdf", "a-res-es-11-3.en.pdf", "a-res-es-11-4.en.pdf"]
WITH_OCR_LAYER = ["a-l-632-draft-resolution-1971.en.pdf", "coe-cdl-94-54-agreements-establishing-cis.en.pdf"]
SCANS = ["a-47-60-s-23329-letter-belarus-cis-agreements.en.pdf", "cis-agreement-establishing-1991.ru.pdf",
         "ga-official-records-26th-session-res-2751-2758-page.ru.pdf", "ola-note-verbale-ukraine-2022-03-04.en.pdf",
         "yeltsin-letter-to-un-secretary-general-1991-12-24.ru.pdf"]


def body_lines(src: Source) -> list[str]:
    """The lines that reach the structure stage (noise removed)."""
    return [ln.text for b in src.blocks for ln in b.lines if ln.text]


@pytest.mark.parametrize("module", [pdf_module, docx_module, formats_module], ids=["pdf", "docx", "formats"])
def test_module_doctests(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0
    assert result.failed == 0


# ----------------------------------------------------------------------------- real PDFs


@needs_corpus
def test_a_res_68_262_reads_in_order_without_running_lines() -> None:
    src = ingest(ORIGINAL / "a-res-68-262.en.pdf")
    lines = body_lines(src)
    assert src.meta("format") == "pdf" and src.meta("pages") == "2" and src.encoding == "pdf"
    assert src.meta("symbol") == "A/RES/68/262"
    # the first operative paragraph, its number on the line of its words
    assert "1. Affirms its commitment to the sovereignty, political independence, unity" in lines
    # the running header of page 2 and the masthead's symbol are noise, not text
    assert not any("A/RES/68/262" in ln for ln in lines), [ln for ln in lines if "A/RES/68/262" in ln]
    running = [n.text for n in src.noise if n.kind == "running_header"]
    assert running == ["United Nations A/RES/68/262", "A/RES/68/262 Territorial integrity of Ukraine"]
    # page footers: the page number, the job number and the barcode
    assert {"2/2", "13-45517", "*1345517* Please recycle"} <= {n.text for n in src.noise}
    assert not {"2/2", "13-45517"} & set(lines)
    # the footer of page 1 is not read before the body: the page's text comes top to bottom
    assert lines.index("The General Assembly,") < lines.index("_______________") < lines.index(
        "1 A/49/765, annex I.")
    # a raised footnote marker stays glued to its word, on the line of its words
    assert "1994,1 the Treaty on Friendship, Cooperation and Partnership between Ukraine and" in lines
    # pages are joined with a form feed line
    assert src.text.count("\f") == 1


@needs_corpus
@pytest.mark.parametrize(("name", "symbol", "operative"), [
    ("a-res-68-262.en.pdf", "A/RES/68/262", 6),
    ("a-res-es-11-2.en.pdf", "A/RES/ES-11/2", 14),
    ("a-res-es-11-3.en.pdf", "A/RES/ES-11/3", 3),
    ("a-res-es-11-4.en.pdf", "A/RES/ES-11/4", 8),
], ids=["68-262", "es-11-2", "es-11-3", "es-11-4"])
def test_born_digital_resolutions_structure_with_operative_paragraphs(name: str, symbol: str, operative: int) -> None:
    doc = structure(ingest(ORIGINAL / name))
    assert (doc.kind, doc.symbol) == ("resolution", symbol)
    assert [p.number for p in doc.provisions if p.kind == "operative"] == [str(n) for n in range(1, operative + 1)]
    for p in doc.provisions:
        for t in p.texts:
            # no running header ("A/RES/ES-11/2 Humanitarian ..."), page number ("2/4") or job number in a text
            assert not re.search(rf"{re.escape(symbol)}|\s\d/\d(?:\s|$)|\d{{2}}-\d{{5}}", t.value), (p.eid, t.value)


@needs_corpus
def test_running_headers_of_a_four_page_resolution() -> None:
    src = ingest(ORIGINAL / "a-res-es-11-2.en.pdf")
    headers = [n.text for n in src.noise if n.kind == "running_header"]
    assert headers[1:] == ["A/RES/ES-11/2 Humanitarian consequences of the aggression against Ukraine",
                           "Humanitarian consequences of the aggression against Ukraine A/RES/ES-11/2",
                           "A/RES/ES-11/2 Humanitarian consequences of the aggression against Ukraine"]
    footers = [n.text for n in src.noise if n.kind == "running_footer"]
    assert footers == ["2/4", "22-04550 3/4", "4/4"]
    # "22-04550 (E) 280322": the job number with its language and date, at the foot of page 1
    assert src.meta("job_number") == "22-04550"
    assert "Humanitarian consequences of the aggression against Ukraine" not in body_lines(src)


@needs_corpus
def test_hyphenated_line_end_is_joined_where_the_document_has_the_word() -> None:
    src = ingest(ORIGINAL / "coe-cdl-94-54-agreements-establishing-cis.en.pdf")
    lines = body_lines(src)
    # "inter-" / "national stability]": the document writes "international" elsewhere
    assert any(ln.endswith("strengthening of international") for ln in lines)
    assert "stability]" in lines
    # "non-" / "proliferation": the document writes "non-proliferation" with its hyphen elsewhere
    assert any(ln.endswith("joint control and non-proliferation") for ln in lines)
    assert not any(re.search(r"\binter[-\u00ad]$|\bnonproliferation\b", ln) for ln in lines)


@needs_corpus
@pytest.mark.parametrize("name", WITH_OCR_LAYER)
def test_scans_with_an_ocr_layer_are_read(name: str) -> None:
    src = ingest(ORIGINAL / name)
    assert src.meta("format") == "pdf"
    assert len(src.text) > 500


@needs_corpus
@pytest.mark.parametrize("name", SCANS)
def test_scans_without_a_text_layer_are_refused_with_the_reason(name: str) -> None:
    with pytest.raises(IngestError) as err:
        ingest(ORIGINAL / name)
    assert err.value.reason == NO_TEXT_LAYER
    assert str(err.value) == (f"{ORIGINAL / name}: PDF has no text layer (a scanned image?); "
                              "run OCR first, e.g. ocrmypdf")


@needs_corpus
def test_build_of_the_original_folder_reports_the_scans_and_builds_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "orig.trig"
    res = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(ORIGINAL), "-o", str(out), "--store",
                          str(tmp_path / "store"), "-j", "2"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert res.returncode == 1, res.stderr
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("treaty-kg: /")]
    assert sorted(errors) == sorted(f"treaty-kg: {ORIGINAL / n}: {NO_TEXT_LAYER}" for n in SCANS)
    assert "6 file(s) built" in res.stderr
    text = out.read_text(encoding="utf-8")
    for name in BORN_DIGITAL + WITH_OCR_LAYER:
        assert f"source/{name}>" in text


# ----------------------------------------------------------------------------- PDFs made here


def _resolution_pages() -> list[list[Text]]:
    """Three pages of a UN-like resolution: running header and footer, a word broken at a line end."""
    header = [Text(72, 800, "A/RES/99/1"), Text(300, 800, "Cooperation between organizations")]
    pages = [
        [Text(72, 800, "United Nations"), Text(450, 800, "A/RES/99/1"),
         Text(72, 740, "The General Assembly,"),
         Text(90, 720, "Recalling the importance of inter-"),
         Text(72, 706, "national cooperation among organizations,"),
         Text(72, 60, "99-12345 (E)"), Text(72, 45, "*9912345*")],
        [*header,
         Text(90, 740, "Noting the work of the Secretary-"),
         Text(72, 726, "General and the long-term plans of international bodies,"),
         Text(72, 50, "2/3")],
        [*header,
         Text(90, 740, "1. Decides to strengthen the long-"),
         Text(72, 726, "term cooperation;"),
         Text(72, 50, "3/3")],
    ]
    return pages


def test_running_lines_and_hyphenation_of_a_made_pdf(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(make_pdf(_resolution_pages()))
    src = ingest(path)
    lines = body_lines(src)
    assert lines == [
        "The General Assembly,",
        "Recalling the importance of international",  # "international" occurs elsewhere: joined
        "cooperation among organizations,",
        "Noting the work of the Secretary-General",  # a capital after the hyphen: kept
        "and the long-term plans of international bodies,",
        "1. Decides to strengthen the long-term",  # "long-term" occurs elsewhere: kept
        "cooperation;",
    ]
    kinds = [(n.kind, n.text) for n in src.noise]
    assert ("running_header", "United Nations A/RES/99/1") in kinds
    assert kinds.count(("running_header", "A/RES/99/1 Cooperation between organizations")) == 2
    assert [t for k, t in kinds if k == "running_footer"] == ["2/3", "3/3"]
    assert src.meta("symbol") == "A/RES/99/1" and src.meta("pages") == "3"
    # every noise stretch points at its words in the text
    for n in src.noise:
        assert src.text[n.start : n.end] == n.text


def test_footnote_rules_at_the_foot_of_every_page_stay(tmp_path: Path) -> None:
    """A rule repeated at the foot of each page is a footnote rule, not a running footer."""
    pages = [[Text(72, 800, "A/RES/99/2"), Text(300, 800, "Title"),
              Text(72, 740, f"Text of page {n},{n}"),
              Text(72, 100, "_______________"), Text(72, 88, f"{n} Resolution 9/{n}."),
              Text(72, 50, f"{n}/2")] for n in (1, 2)]
    path = tmp_path / "r.pdf"
    path.write_bytes(make_pdf(pages))
    src = ingest(path)
    assert body_lines(src) == ["Text of page 1,1", "_______________", "1 Resolution 9/1.",
                               "Text of page 2,2", "_______________", "2 Resolution 9/2."]


def test_masthead_of_a_one_page_document(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(make_pdf([[Text(72, 800, "United Nations"), Text(450, 800, "A/RES/99/3"),
                                Text(72, 740, "The General Assembly,")]]))
    src = ingest(path)
    assert body_lines(src) == ["The General Assembly,"]
    assert [(n.kind, n.text) for n in src.noise] == [("masthead", "United Nations A/RES/99/3")]
    assert src.meta("symbol") == "A/RES/99/3"


@pytest.mark.parametrize(("lines", "expected"), [
    (["the inter-", "national order", "international law"], ["the international", "order", "international law"]),
    (["the inter-", "national order"], ["the international", "order"]),  # no hyphenated form anywhere: joined
    (["the non-", "proliferation treaty", "non-proliferation"], ["the non-proliferation", "treaty",
                                                                 "non-proliferation"]),
    (["Alma-", "Ata Declaration"], ["Alma-Ata", "Declaration"]),  # a capital: a name, the hyphen stays
    (["the inter-", "national,"], ["the international,", ""]),  # the whole next line goes up
    (["in 2015-", "2030 and"], ["in 2015-", "2030 and"]),  # numbers: not a word broken
    (["- item", "next"], ["- item", "next"]),
    (["inter\u00ad", "national"], ["international", ""]),  # a soft hyphen, as PDFium reports one
], ids=["elsewhere", "nowhere", "hyphen-elsewhere", "capital", "whole-line", "numbers", "dash", "soft"])
def test_dehyphenate(lines: list[str], expected: list[str]) -> None:
    assert dehyphenate(lines) == expected


def test_pdf_named_txt_is_read_by_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "statute.txt"
    path.write_bytes(make_pdf([[Text(72, 770, "STATUTE OF THE TEST"), Text(72, 750, "Article 1"),
                                Text(72, 730, "The Parties agree.")]]))
    src = ingest(path)
    assert body_lines(src) == ["STATUTE OF THE TEST", "Article 1", "The Parties agree."]
    assert src.meta("format") == "pdf"


@pytest.mark.parametrize(("make", "reason"), [
    (lambda: make_pdf([[Text(72, 770, "Statute")]])[:300], r"not a readable PDF \(broken or truncated.*"),
    (lambda: b"%PDF-1.7\n", r"not a readable PDF \(broken or truncated.*"),
    (lambda: b"", r"empty file"),
    (lambda: make_pdf([[Text(72, 770, "Statute")]], encrypted=True), r"PDF is encrypted and needs a password.*"),
    (lambda: make_pdf([[], []]), re.escape(NO_TEXT_LAYER)),
], ids=["truncated", "header-only", "zero-bytes", "encrypted", "no-text-layer"])
def test_broken_pdfs_raise_ingest_error(tmp_path: Path, make: Any, reason: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(make())
    with pytest.raises(IngestError) as err:
        ingest(path)
    assert err.value.path == str(path)
    assert re.fullmatch(reason, err.value.reason), err.value.reason


def test_broken_pdf_in_a_build_is_reported_and_the_rest_builds(tmp_path: Path) -> None:
    from kg.pipeline import build

    (tmp_path / "broken.pdf").write_bytes(make_pdf([[Text(72, 770, "Statute")]])[:200])
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "ok.pdf").write_bytes(make_pdf([[Text(72, 770, "STATUTE OF THE TEST"), Text(72, 750, "Article 1"),
                                                 Text(72, 730, "The Parties agree.")]]))
    result = build([tmp_path])
    assert sorted((Path(e.path).name, e.reason.split(" (")[0]) for e in result.errors) == [
        ("broken.pdf", "not a readable PDF"), ("empty.pdf", "empty file")]
    assert [d.source.name for d in result.documents] == ["ok.pdf"]


@pytest.mark.parametrize(("data", "expected"), [
    (b"%PDF-1.4\n", "pdf"),
    (b"\r\n%PDF-1.4\n", "pdf"),  # a header after a few bytes of junk, as readers allow
    (b"Text that mentions %PDF-1.4 in passing", None),
    (b"PK\x03\x04broken", None),
    ("Устав".encode(), None),
], ids=["pdf", "pdf-after-junk", "text", "broken-zip", "text-ru"])
def test_sniff(data: bytes, expected: str | None) -> None:
    assert sniff(data) == expected


# ----------------------------------------------------------------------------- Word documents

NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


class Word:
    """A Word document made with python-docx, with Word numbering and footnotes added through its parts."""

    def __init__(self) -> None:
        self.doc = python_docx.Document()
        self.notes: list[str] = []

    def list(self, *levels: tuple[str, str]) -> str:
        """A new list whose levels are (numFmt, lvlText); its numId."""
        numbering = self.doc.part.numbering_part.element
        ids = [int(e.get(f"{NS}abstractNumId")) for e in numbering.iter(f"{NS}abstractNum")]
        abstract_id = max(ids, default=0) + 1
        lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                       f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
        abstract = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
        first_num = numbering.find(f"{NS}num")
        if first_num is not None:
            first_num.addprevious(abstract)  # the schema puts every abstractNum before the nums
        else:
            numbering.append(abstract)
        num_ids = [int(e.get(f"{NS}numId")) for e in numbering.iter(f"{NS}num")]
        num_id = str(max(num_ids, default=0) + 1)
        numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                                   f"</w:num>"))
        return num_id

    def restart(self, num: str) -> str:
        """A new instance of list ``num`` that starts again at 1 (``startOverride``); its numId."""
        numbering = self.doc.part.numbering_part.element
        abstract_id = next(e for e in numbering.iter(f"{NS}num") if e.get(f"{NS}numId") == num).find(
            f"{NS}abstractNumId").get(f"{NS}val")
        num_id = str(max(int(e.get(f"{NS}numId")) for e in numbering.iter(f"{NS}num")) + 1)
        numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                                   '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        return num_id

    def para(self, text: str, num: str | None = None, level: int = 0, note: str | None = None,
             after_note: str = "") -> None:
        p = self.doc.add_paragraph(text)
        if num is not None:
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = level
            num_pr.get_or_add_numId().val = int(num)
        if note is not None:
            self.notes.append(note)
            run = p.add_run()
            run._r.append(parse_xml(f'<w:footnoteReference {W} w:id="{len(self.notes)}"/>'))
            if after_note:
                p.add_run(after_note)

    def bytes(self) -> bytes:
        if self.notes:
            notes = "".join(f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve">'
                            f" {text}</w:t></w:r></w:p></w:footnote>" for i, text in enumerate(self.notes, 1))
            xml = (f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
                   f'</w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                   f"<w:continuationSeparator/></w:r></w:p></w:footnote>{notes}</w:footnotes>")
            part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), self.doc.part.package)
            self.doc.part.relate_to(part, RT.FOOTNOTES)
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def _un_resolution() -> bytes:
    w = Word()
    ops = w.list(("decimal", "%1."), ("lowerLetter", "(%2)"))
    w.para("Resolution adopted by the General Assembly on 27 March 2014")
    w.para("68/262. Territorial integrity of Ukraine")
    w.para("The General Assembly,")
    w.para("Reaffirming the paramount importance of the Charter of the United Nations,", note="A/49/765, annex I.")
    w.para("Recalling the Treaty on Friendship of 31 May 1997,", note="A/52/174, annex I.")
    w.para("Affirms its commitment to the territorial integrity of Ukraine;", ops)
    w.para("Calls upon all States:", ops)
    w.para("To desist from actions aimed at the disruption of the unity of Ukraine;", ops, 1)
    w.para("To refrain from any action that might be interpreted as recognizing any altered status;", ops, 1)
    w.para("Urges all parties to pursue the peaceful resolution of the situation;", ops)
    w.para("80th plenary meeting")
    w.para("27 March 2014")
    return w.bytes()


def test_docx_un_resolution_layout(tmp_path: Path) -> None:
    path = tmp_path / "resolution.docx"
    path.write_bytes(_un_resolution())
    src = ingest(path)
    assert src.meta("format") == "docx" and src.encoding == "docx"
    assert body_lines(src) == [
        "Resolution adopted by the General Assembly on 27 March 2014",
        "68/262. Territorial integrity of Ukraine",
        "The General Assembly,",
        "Reaffirming the paramount importance of the Charter of the United Nations,1",
        "Recalling the Treaty on Friendship of 31 May 1997,2",
        "1. Affirms its commitment to the territorial integrity of Ukraine;",
        "2. Calls upon all States:",
        "(a) To desist from actions aimed at the disruption of the unity of Ukraine;",
        "(b) To refrain from any action that might be interpreted as recognizing any altered status;",
        "3. Urges all parties to pursue the peaceful resolution of the situation;",
        "80th plenary meeting",
        "27 March 2014",
        "_______________",
        "1 A/49/765, annex I.",
        "2 A/52/174, annex I.",
    ]
    doc = structure(src)
    assert doc.kind == "resolution"
    eids = [p.eid for p in doc.provisions]
    assert {"op_1", "op_2", "op_3"} <= set(eids)
    assert [p.number for p in doc.provisions if p.kind == "paragraph"] == ["a", "b"]


def test_docx_treaty_layout_with_a_table(tmp_path: Path) -> None:
    w = Word()
    paras = w.list(("decimal", "%1."))
    w.para("STATUTE OF THE WORD ORGANISATION")
    w.para("Article 1")
    w.para("The Organisation shall promote cooperation.")
    w.para("Article 2")
    w.para("Each member shall appoint one representative.", paras)
    w.para("The representatives shall meet once a year.", paras)
    table = w.doc.add_table(rows=2, cols=2)
    for r, row in enumerate([("State", "Seats"), ("France", "3")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "statute.docx"
    path.write_bytes(w.bytes())
    src = ingest(path)
    assert body_lines(src) == [
        "STATUTE OF THE WORD ORGANISATION", "Article 1", "The Organisation shall promote cooperation.",
        "Article 2", "1. Each member shall appoint one representative.",
        "2. The representatives shall meet once a year.", "State | Seats", "France | 3",
    ]
    doc = structure(src)
    assert doc.kind == "treaty" and doc.key == "statute-of-the-word-organisation"
    assert [p.eid for p in doc.provisions][:4] == ["art_1", "art_2", "art_2__para_1", "art_2__para_2"]


def test_docx_numbering_continues_restarts_and_nests() -> None:
    w = Word()
    a = w.list(("upperRoman", "Chapter %1"), ("decimal", "%1.%2"), ("lowerRoman", "(%3)"))
    w.para("One", a)
    w.para("One one", a, 1)
    w.para("One one i", a, 2)
    w.para("One one ii", a, 2)
    w.para("One two", a, 1)
    w.para("Two", a)
    w.para("Two one", a, 1)
    w.para("Plain")
    w.doc.add_paragraph("By style", style="List Number")
    again = w.restart(a)
    w.para("Again one", again)
    w.para("Again two", again)
    w.para("Three: the first instance goes on with the list's count", a)
    from kg.ingest.docx import docx_to_text

    assert docx_to_text(w.bytes(), "n.docx").splitlines() == [
        "Chapter I One", "I.1 One one", "(i) One one i", "(ii) One one ii", "I.2 One two", "Chapter II Two",
        "II.1 Two one", "Plain", "1. By style", "Chapter I Again one", "Chapter II Again two",
        "Chapter III Three: the first instance goes on with the list's count"]


def test_docx_broken_archive(tmp_path: Path) -> None:
    good = _un_resolution()
    path = tmp_path / "broken.docx"
    # truncated: the archive's directory is lost, the names in its local headers say it is a Word file
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(IngestError) as err:
        ingest(path)
    assert err.value.reason.startswith("broken Word document (BadZipFile: ")

    import zipfile

    bad = io.BytesIO()
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<not xml")
    path.write_bytes(bad.getvalue())
    with pytest.raises(IngestError) as err:
        ingest(path)
    assert err.value.reason.startswith("broken Word document (")
