"""Visible text of an HTML document, with a map back to the markup.

Uses only :mod:`html.parser`.  Script, style, head, title and template content
and comments are dropped; block elements become line breaks, table cells are
separated by a tab and a table row stays on one line (line breaks inside a cell
become spaces); entities and character references are decoded; runs of
HTML whitespace (space, tab, CR, LF, FF) inside a line collapse to one space,
and spaces at the start or end of a line are dropped (inside ``<pre>`` the
whitespace is kept as written, with CRLF/CR turned into LF).  A no-break space
is not whitespace here and is kept.

``html_to_text`` also returns ``offsets``: ``offsets[i]`` is the index in the
markup of the character that produced ``text[i]`` -- the ``&`` of an entity,
the first whitespace character of a collapsed run, or the ``<`` of the tag
that caused a synthetic line break, tab or (inside a table cell) space.

>>> text, offsets = html_to_text("<p>Article&nbsp;1</p><p>A &amp; B</p>")
>>> text
'Article\\xa01\\nA & B'
>>> offsets[10], offsets[12]
(24, 26)
>>> looks_like_html("Консультативной Ассамблеи <*>, и с этой целью")
False
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

__all__ = ["html_to_text", "looks_like_html"]

_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    }
)  # fmt: skip
_CELLS = frozenset({"td", "th"})
_SKIP = frozenset({"script", "style", "title", "template", "noframes"})
# Elements that may appear in <head>; any other start tag ends an unclosed head.
_HEAD_CONTENT = frozenset({"base", "link", "meta", "noscript", "script", "style", "template", "title"})
_HTML_SPACE = " \t\n\r\f"

_STRONG_MARKER = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_WEAK_MARKER = re.compile(r"<p[\s>]|<div[\s>]|<br\s*/?>|</p\s*>|</div\s*>", re.IGNORECASE)
_SNIFF_CHARS = 4096
_MIN_WEAK_MARKERS = 3


def looks_like_html(text: str) -> bool:
    """True if the start of ``text`` looks like an HTML document or fragment.

    Needs ``<!doctype html``, ``<html``, ``<head`` or ``<body``, or else at least
    three ``<p>``/``<div>``/``<br>`` tags, within the first 4096 characters.
    Plain text with ``<*>`` footnote markers or ``<<ODS JOB NO>>`` print tags
    is not HTML.
    """
    head = text[:_SNIFF_CHARS]
    if _STRONG_MARKER.search(head):
        return True
    return len(_WEAK_MARKER.findall(head)) >= _MIN_WEAK_MARKERS


def html_to_text(markup: str) -> tuple[str, list[int]]:
    """Return ``(text, offsets)`` with ``len(offsets) == len(text)``; see the module docstring."""
    parser = _TextExtractor(markup)
    # A trailing space makes the parser finish an entity at the very end
    # ("AT&T"), which it would otherwise drop; the space itself can only
    # become trailing whitespace, which is trimmed.
    parser.feed(markup + " ")
    parser.close()
    return parser.result()


class _TextExtractor(HTMLParser):
    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=False)
        self._markup = markup
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", markup)]
        self._chars: list[str] = []
        self._offsets: list[int] = []
        self._pending_space: int | None = None  # offset of a collapsed whitespace run
        self._skip: list[str] = []  # open elements whose content is dropped
        self._in_head = False
        self._pre = 0
        self._cells_in_row = 0
        self._in_cell = False

    # -- positions and output ---------------------------------------------------

    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _at_line_start(self) -> bool:
        return not self._chars or self._chars[-1] in "\n\t"

    def _emit(self, ch: str, offset: int) -> None:
        if offset >= len(self._markup):
            return  # from the sentinel space
        if self._pending_space is not None and not self._at_line_start():
            self._chars.append(" ")
            self._offsets.append(self._pending_space)
        self._pending_space = None
        self._chars.append(ch)
        self._offsets.append(offset)

    def _break(self, ch: str, offset: int, *, force: bool = False) -> None:
        """Synthetic line break or cell tab caused by the tag at ``offset``.

        Inside a table cell a line break would split the row, so there it
        counts as whitespace instead.
        """
        if ch == "\n" and self._in_cell:
            if self._pending_space is None:
                self._pending_space = offset
            return
        self._pending_space = None
        if ch == "\n" and not force and (not self._chars or self._chars[-1] == "\n"):
            return
        self._chars.append(ch)
        self._offsets.append(offset)

    def _text(self, chars: str, offsets: list[int] | range) -> None:
        if self._skip or self._in_head:
            return
        skip_lf = False
        for ch, offset in zip(chars, offsets, strict=True):
            if self._pre:
                if ch == "\r":
                    nxt = offset + 1
                    skip_lf = nxt < len(self._markup) and self._markup[nxt] == "\n"
                    self._emit("\n", offset)
                elif ch == "\n" and skip_lf:
                    skip_lf = False
                else:
                    skip_lf = False
                    self._emit(ch, offset)
            elif ch in _HTML_SPACE:
                if self._pending_space is None:
                    self._pending_space = offset
            else:
                self._emit(ch, offset)

    def result(self) -> tuple[str, list[int]]:
        chars, offsets = self._chars, self._offsets
        while chars and chars[-1] in " \t\n":
            chars.pop()
            offsets.pop()
        return "".join(chars), offsets

    # -- parser callbacks -------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pos = self._pos()
        if tag == "head":
            self._in_head = True
            return
        if self._in_head and tag not in _HEAD_CONTENT:
            self._in_head = False
        if tag in _SKIP:
            self._skip.append(tag)
            return
        if tag == "br":
            self._break("\n", pos, force=True)
        elif tag in _CELLS:
            self._in_cell = False
            if self._cells_in_row:
                self._break("\t", pos)
            self._cells_in_row += 1
            self._in_cell = True
        elif tag in _BLOCK:
            if tag in ("tr", "table"):
                self._in_cell = False
                self._cells_in_row = 0
            self._break("\n", pos)
            if tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIP and tag != "head":  # <script/> opens nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        pos = self._pos()
        if tag == "head":
            self._in_head = False
            return
        if tag in self._skip:
            while self._skip and self._skip.pop() != tag:
                pass
            return
        if tag == "br":  # browsers treat </br> as <br>
            self._break("\n", pos, force=True)
        elif tag in _CELLS:
            self._in_cell = False
        elif tag in _BLOCK:
            if tag in ("tr", "table"):
                self._in_cell = False
            self._break("\n", pos)
            if tag == "pre" and self._pre:
                self._pre -= 1

    def handle_data(self, data: str) -> None:
        start = self._pos()
        self._text(data, range(start, start + len(data)))

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def _reference(self, raw: str) -> None:
        start = self._pos()
        end = start + len(raw)
        if self._markup.startswith(";", end):
            raw += ";"
        decoded = unescape(raw)
        if decoded == raw:  # unknown entity: keep it as written
            self._text(raw, range(start, start + len(raw)))
        else:
            self._text(decoded, [start] * len(decoded))
