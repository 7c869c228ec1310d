"""Text of a Word document (.docx), read with python-docx.

- Paragraphs in document order, one line each (a line break inside a paragraph starts a new line);
  an empty paragraph is an empty line.
- A paragraph numbered by Word's numbering (its own ``w:numPr`` or its style's) gets its label at the
  start of the line, computed from ``word/numbering.xml`` as Word would: the level's ``lvlText``
  ("%1.", "(%2)", "%1.%2") with each level's counter in its format (decimal, lower/upper letter,
  lower/upper roman; bullets as "•"), counters kept per abstract list, deeper levels restarting, a
  list instance's ``startOverride`` honoured.
- A table row is one line of its cells' texts joined by " | ".
- Footnotes (``word/footnotes.xml``) are numbered 1, 2, ... in the order of their first reference;
  the number stays where the reference sits, glued to the word before it ("Charter,1"), and the
  footnotes follow the body as ``N text`` lines under a ``_______________`` rule, as in a UN
  document.
- Deleted text (tracked changes), text boxes and drawings, headers and footers are not read.

>>> import io, docx as python_docx
>>> d = python_docx.Document()
>>> _ = d.add_paragraph("Article 1")
>>> _ = d.add_paragraph("Members agree.", style="List Number")
>>> buf = io.BytesIO(); d.save(buf)
>>> print(docx_to_text(buf.getvalue(), "a.docx"))
Article 1
1. Members agree.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kg.ingest.decode import IngestError

__all__ = ["docx_to_text"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
#: the rule put above the footnotes (the structure stage reads such a line as a footnote rule)
FOOTNOTE_RULE = "_______________"
#: what separates the cells of a table row
CELL_SEPARATOR = " | "


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _attr(el: Any, name: str) -> str | None:
    if el is None:
        return None
    value: str | None = el.get(_w(name))
    return value


#: elements whose text is not the document's: deleted or moved-away text, drawings and text boxes,
#: alternative content, field instructions
_SKIP = frozenset(_w(t) for t in ("del", "moveFrom", "drawing", "pict", "object", "instrText", "delText",
                                  "rPr", "pPr")) | {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}


def docx_to_text(data: bytes, name: str) -> str:
    """The text of the Word document in ``data`` (the content of ``name``); see the module docstring."""
    try:
        import docx as python_docx

        document = python_docx.Document(io.BytesIO(data))
        reader = _Reader(_Numbering(_related_xml(document.part, RT_NUMBERING)),
                         _footnote_bodies(_related_xml(document.part, RT_FOOTNOTES)), document.part)
        lines = list(reader.blocks(document.element.body))
        if reader.footnote_numbers:
            lines.append(FOOTNOTE_RULE)
            for note_id, number in sorted(reader.footnote_numbers.items(), key=lambda kv: kv[1]):
                body = reader.footnotes.get(note_id, [])
                text = " ".join(t for t in (reader.paragraph_text(p, footnote=True) for p in body) if t)
                lines.append(f"{number} {' '.join(text.split())}")
    except Exception as exc:  # a broken archive, part or XML: python-docx, zipfile and lxml raise many kinds
        raise IngestError(name, f"broken Word document ({type(exc).__name__}: {exc})") from None
    return "\n".join(lines)


def _related_xml(part: Any, reltype: str) -> Any:
    """The root element of the part ``part`` relates to by ``reltype`` (None when there is none).

    Looked up through the relationships: python-docx's ``numbering_part`` tries to make a part that is
    missing (and cannot: NotImplementedError).
    """
    try:
        related = part.part_related_by(reltype)
    except KeyError:
        return None
    element = getattr(related, "element", None)
    if element is not None:
        return element
    from docx.oxml.parser import parse_xml

    return parse_xml(related.blob)


def _footnote_bodies(root: Any) -> dict[str, list[Any]]:
    """Footnote id -> its paragraphs; the separators Word keeps there are not footnotes."""
    if root is None:
        return {}
    out: dict[str, list[Any]] = {}
    for note in root.iter(_w("footnote")):
        if _attr(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        note_id = _attr(note, "id")
        if note_id is not None:
            out[note_id] = list(note.iter(_w("p")))
    return out


# --------------------------------------------------------------------------- numbering

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa..."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """``n`` in a ``w:numFmt``: ``decimal`` 3, ``lowerLetter`` c, ``upperRoman`` III ...

    >>> [format_number(4, f) for f in ("decimal", "lowerLetter", "upperLetter", "lowerRoman", "decimalZero")]
    ['4', 'd', 'D', 'iv', '04']
    """
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal, and the formats not rendered here (ordinal, cardinalText, ...)


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int
    legal: bool  # w:isLgl: the numbers of the levels above in decimal


class _Numbering:
    """The lists of ``numbering.xml`` and their counters as the paragraphs are read in order."""

    def __init__(self, root: Any) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, ilvl -> start)
        self.counters: dict[str, dict[int, int]] = {}  # abstractNumId -> ilvl -> the last number given
        self.started: set[tuple[str, int]] = set()  # (numId, ilvl) that took their startOverride
        if root is None:
            return
        for an in root.iter(_w("abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in an.iter(_w("lvl")):
                ilvl = int(_attr(lvl, "ilvl") or 0)
                levels[ilvl] = _Level(
                    fmt=_attr(lvl.find(_w("numFmt")), "val") or "decimal",
                    text=_attr(lvl.find(_w("lvlText")), "val") or "",
                    start=int(_attr(lvl.find(_w("start")), "val") or 1),
                    legal=lvl.find(_w("isLgl")) is not None,
                )
            self.abstract[_attr(an, "abstractNumId") or ""] = levels
        for num in root.iter(_w("num")):
            overrides = {int(_attr(o, "ilvl") or 0): int(_attr(o.find(_w("startOverride")), "val") or 1)
                         for o in num.iter(_w("lvlOverride")) if o.find(_w("startOverride")) is not None}
            self.nums[_attr(num, "numId") or ""] = (_attr(num.find(_w("abstractNumId")), "val") or "", overrides)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label of the next paragraph of list ``num_id`` at level ``ilvl``; counts it."""
        if num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id)
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(abstract_id, {})
        if ilvl in overrides and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = overrides[ilvl]
        else:
            counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else levels[ilvl].start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a deeper level starts again under the next number of this one
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "•"
        text = level.text
        for k in range(ilvl, -1, -1):  # %10 never occurs: nine levels, %1 to %9
            above = levels.get(k)
            n = counters.get(k, above.start if above else 1)
            fmt = "decimal" if (level.legal and k < ilvl) else (above.fmt if above else "decimal")
            text = text.replace(f"%{k + 1}", format_number(n, fmt))
        return text.strip() or None


# --------------------------------------------------------------------------- reading


class _Reader:
    def __init__(self, numbering: _Numbering, footnotes: dict[str, list[Any]], part: Any) -> None:
        self.numbering = numbering
        self.footnotes = footnotes
        self.footnote_numbers: dict[str, int] = {}
        self.styles = {_attr(s, "styleId"): s for s in part.styles.element.iter(_w("style"))}

    def blocks(self, container: Any) -> Iterator[str]:
        """The lines of the paragraphs and tables of ``container`` (the body, a content control)."""
        for child in container:
            if child.tag == _w("p"):
                yield from self.paragraph_lines(child)
            elif child.tag == _w("tbl"):
                yield from self.table_lines(child)
            elif child.tag in (_w("sdt"), _w("customXml")):
                content = child.find(_w("sdtContent"))
                yield from self.blocks(content if content is not None else child)

    def table_lines(self, tbl: Any) -> Iterator[str]:
        for tr in tbl.iter(_w("tr")):
            if tr.getparent() is not tbl:
                continue  # a row of a table nested in a cell is read with its cell
            cells = []
            for tc in tr.iter(_w("tc")):
                if tc.getparent() is not tr:
                    continue
                texts = [" ".join(line.split()) for line in self.blocks(tc)]
                cells.append(" ".join(t for t in texts if t))
            if any(cells):
                yield CELL_SEPARATOR.join(cells)

    def paragraph_lines(self, p: Any) -> list[str]:
        text = self.paragraph_text(p)
        label = self._label(p)
        if label:
            text = f"{label} {text.lstrip()}"
        return text.split("\n")

    def _label(self, p: Any) -> str | None:
        """The list label of paragraph ``p``: its own numbering, else its style's (a level of its own
        may go with the style's list)."""
        num_id, ilvl = self._num_pr(p.find(_w("pPr")))
        if num_id is None:
            style_num, style_ilvl = self._style_num_pr(p)
            num_id, ilvl = style_num, ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0":  # numId 0: numbering taken off this paragraph
            return None
        return self.numbering.label(num_id, ilvl or 0)

    @staticmethod
    def _num_pr(ppr: Any) -> tuple[str | None, int | None]:
        """``(numId, ilvl)`` of a paragraph's or style's properties, each None when not given."""
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        if num_pr is None:
            return None, None
        ilvl = _attr(num_pr.find(_w("ilvl")), "val")
        return _attr(num_pr.find(_w("numId")), "val"), int(ilvl) if ilvl is not None else None

    def _style_num_pr(self, p: Any) -> tuple[str | None, int | None]:
        """The numbering of the paragraph's style, or of the style it is based on."""
        ppr = p.find(_w("pPr"))
        style_id = _attr(ppr.find(_w("pStyle")), "val") if ppr is not None else None
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                break
            num_id, ilvl = self._num_pr(style.find(_w("pPr")))
            if num_id is not None:
                return num_id, ilvl
            style_id = _attr(style.find(_w("basedOn")), "val")
        return None, None

    def paragraph_text(self, p: Any, *, footnote: bool = False) -> str:
        out: list[str] = []
        self._inline(p, out, footnote)
        return "".join(out).rstrip()

    def _inline(self, el: Any, out: list[str], footnote: bool) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == _w("t"):
                out.append(child.text or "")
            elif tag == _w("tab"):
                out.append("\t")
            elif tag in (_w("br"), _w("cr")):
                out.append("\n")
            elif tag == _w("noBreakHyphen"):
                out.append("-")
            elif tag == _w("footnoteReference"):
                note_id = _attr(child, "id") or ""
                if not footnote:
                    number = self.footnote_numbers.setdefault(note_id, len(self.footnote_numbers) + 1)
                    out.append(str(number))
            elif tag == _w("p"):
                continue  # a paragraph inside a run's content (a text box): not this paragraph's
            else:
                self._inline(child, out, footnote)  # runs, hyperlinks, insertions, fields, content controls
