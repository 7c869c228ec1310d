"""Small PDFs written byte by byte for the tests: text in Helvetica where the test puts it.

>>> make_pdf([[Text(72, 770, "Statute")]]).startswith(b"%PDF-1.4")
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Text(NamedTuple):
    """A piece of text drawn with its left end at (x, y), in points from the bottom left of the page."""

    x: float
    y: float
    text: str
    size: float = 11


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(pages: Sequence[Sequence[Text]], *, encrypted: bool = False) -> bytes:
    """A PDF of A4 pages holding ``pages``' texts; ``encrypted``: locked with a user password."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for texts in pages:
        stream = b"".join(b"BT /F1 %g Tf 1 0 0 1 %g %g Tm (%s) Tj ET\n" % (t.size, t.x, t.y, _escape(t.text))
                          for t in texts)
        content = add(b"<< /Length %d >>\nstream\n%sendstream" % (len(stream), stream))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_obj, content, font)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    trailer_extra = b""
    if encrypted:
        # the standard security handler, revision 2: an owner and a user key that no password opens
        key = b"<" + b"6b" * 32 + b">"
        enc = add(b"<< /Filter /Standard /V 1 /R 2 /Length 40 /O %s /U %s /P -44 >>" % (key, key))
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (enc, b"ab" * 16, b"ab" * 16)

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, trailer_extra, xref)
    return bytes(out)
