"""Which document format a file's bytes are in, and the reader that turns it into text.

A file is told by its bytes, never by its name: a PDF starts with ``%PDF-`` (within its first 1024
bytes, as readers allow), a Word document is a ZIP archive that holds ``word/document.xml``. Other
bytes are text (or refused) and go to :func:`kg.ingest.decode.decode_bytes`. The readers are an
explicit table, :data:`READERS`, so another format is one more row.

>>> sniff(b"%PDF-1.7\\n...")
'pdf'
>>> sniff(b"PK\\x03\\x04 ... word/document.xml ...")
'docx'
>>> sniff(b"PK\\x03\\x04 ... xl/workbook.xml ...") is None
True
>>> sniff("Статья 1".encode()) is None
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["READERS", "Extracted", "extract", "sniff"]


@dataclass(frozen=True)
class Extracted:
    """The text a reader took from a file, and what it learnt on the way.

    ``noise`` maps the offset in ``text`` where a line starts to the kind of noise the reader found
    that line to be (a PDF's running headers); ``metadata`` always has ``format``.
    """

    text: str
    encoding: str
    noise: dict[int, str] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)


def is_pdf(data: bytes) -> bool:
    head = data[:1024]
    at = head.find(b"%PDF-")
    return at == 0 or (at > 0 and head[at - 1 : at] in (b"\n", b"\r"))


def is_docx(data: bytes) -> bool:
    """A ZIP archive that names ``word/document.xml``: the names in a ZIP's headers are never compressed,
    so a truncated Word file is still known as one (and refused as a broken one, not as any ZIP)."""
    return data.startswith(b"PK\x03\x04") and b"word/document.xml" in data


def _read_pdf(data: bytes, name: str) -> Extracted:
    from kg.ingest.pdf import pdf_to_text

    pdf = pdf_to_text(data, name)
    return Extracted(pdf.text, "pdf", pdf.noise, {"format": "pdf", "pages": str(pdf.pages), **pdf.metadata})


def _read_docx(data: bytes, name: str) -> Extracted:
    from kg.ingest.docx import docx_to_text

    return Extracted(docx_to_text(data, name), "docx", {}, {"format": "docx"})


#: (format, recogniser, reader): the first recogniser that says yes picks the reader
READERS: tuple[tuple[str, Callable[[bytes], bool], Callable[[bytes, str], Extracted]], ...] = (
    ("pdf", is_pdf, _read_pdf),
    ("docx", is_docx, _read_docx),
)


def sniff(data: bytes) -> str | None:
    """The format of ``data`` when a reader of :data:`READERS` knows it, else None (text, or refused)."""
    return next((fmt for fmt, recognise, _ in READERS if recognise(data)), None)


def extract(data: bytes, name: str) -> Extracted | None:
    """The text of ``data`` read by the reader of its format, or None when no reader knows it.

    Raises :class:`~kg.ingest.decode.IngestError` naming ``name`` when the reader cannot read it.
    """
    for _fmt, recognise, read in READERS:
        if recognise(data):
            return read(data, name)
    return None
