"""Read one file into a :class:`~kg.model.Source`: decoded text, noise set aside, language blocks.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "r.txt"
>>> _ = p.write_text("The General Assembly,\\n6/6\\nRecalling its resolution 44/6,\\n", encoding="utf-8")
>>> src = ingest(p)
>>> [ln.text for ln in src.blocks[0].lines if ln.text]
['The General Assembly,', 'Recalling its resolution 44/6,']
>>> [n.kind for n in src.noise]
['page_number']
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from kg.ingest.decode import IngestError, decode_bytes, read_bytes
from kg.ingest.formats import extract
from kg.ingest.html import html_to_text, looks_like_html
from kg.ingest.language import split_blocks
from kg.ingest.markdown import looks_like_markdown, markdown_to_text
from kg.ingest.noise import LEADING_TAG, OUTLINE_COUNTER, classify, outline_counters, running_title
from kg.model import Noise, Source, SourceLine

#: noise kinds that are dropped; a "rule" line is kept for the structure stage (footnote rules)
KEPT_KINDS = frozenset({"rule"})
LINE = re.compile(r"[^\n]*\n?")


def _physical_lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        out.append((pos, raw))
        pos += len(raw) + 1
    if out and out[-1][1] == "" and text.endswith("\n"):
        out.pop()
    return out


def ingest(path: str | os.PathLike[str], *, max_bytes: int = 64 * 1024 * 1024) -> Source:
    """Read ``path``; raise :class:`IngestError` naming the file and the reason when it cannot be.

    The bytes say what the file is: a PDF or a Word document is read by its reader
    (:mod:`kg.ingest.formats`), anything else is decoded as text (HTML by its text content).
    """
    p = Path(path)
    data = read_bytes(p, max_bytes=max_bytes)
    metadata: dict[str, str] = {}
    marked: dict[int, str] = {}  # line start -> noise kind, as the format's reader recognised it
    extracted = extract(data, str(p))
    if extracted is not None:
        text, encoding, sha256 = extracted.text, extracted.encoding, hashlib.sha256(data).hexdigest()
        marked = extracted.noise
        metadata.update(extracted.metadata)
    else:
        decoded = decode_bytes(data, str(p), max_bytes=max_bytes)
        text, encoding, sha256 = decoded.text, decoded.encoding, decoded.sha256
        if looks_like_html(text):
            text, _offsets = html_to_text(text)
            metadata["format"] = "html"
        elif looks_like_markdown(p.name, text):
            text = markdown_to_text(text)
            metadata["format"] = "markdown"
    if not text.strip():
        raise IngestError(str(p), "no text")

    physical = _physical_lines(text)
    counters = outline_counters([raw for _, raw in physical])
    noise: list[Noise] = []
    kept: list[tuple[int, int, str, int]] = []  # (line number, start, raw line, content start)
    for number, (start, raw) in enumerate(physical, 1):
        if start in marked:
            noise.append(Noise(marked[start], start, start + len(raw), raw))
            continue
        content = 0
        if number - 1 in counters:
            m = OUTLINE_COUNTER.match(raw)
            assert m is not None
            noise.append(Noise("outline_counter", start, start + m.end(), raw[: m.end()]))
            content = m.end()
        tag = LEADING_TAG.match(raw, content)
        found = classify(raw[content:])
        if found and found[0] not in KEPT_KINDS:
            kind, meta = found
            noise.append(Noise(kind, start, start + len(raw), raw))
            for k, v in meta.items():
                metadata.setdefault(k, v)
            continue
        if tag:
            noise.append(Noise("print_tag", start + tag.start(), start + tag.end(), tag.group()))
            content = tag.end()
        kept.append((number, start, raw, content))

    symbols = [metadata["symbol"]] if "symbol" in metadata else []
    lines: list[SourceLine] = []
    for number, start, raw, content in kept:
        if symbols and running_title(raw[content:], symbols):
            noise.append(Noise("running_title", start, start + len(raw), raw))
            continue
        body = raw[content:]
        stripped = body.strip()
        if not stripped:
            lines.append(SourceLine(number, start + len(raw), start + len(raw), "", 0, start))
            continue
        lead = len(body) - len(body.lstrip())
        s = start + content + lead
        e = s + len(stripped)
        indent = len(raw[: content + lead].expandtabs(4))
        lines.append(SourceLine(number, s, e, text[s:e], indent, start))

    blocks = split_blocks(lines)
    return Source(
        path=str(p),
        name=p.name,
        text=text,
        encoding=encoding,
        sha256=sha256,
        blocks=blocks,
        noise=tuple(noise),
        metadata=tuple(sorted(metadata.items())),
    )
