"""Markdown to the text the provisions hold: headings, emphasis, links and images are markup, not words.

Line for line (a line of Markdown is a line of text, so line numbers and the structure stage's line
shapes stay as they were): ``## Article 1`` is ``Article 1``; ``**shall**`` and ``_shall_`` are
``shall``; ``[the Charter](https://...)`` is ``the Charter``; an image is nothing; ``<sup>1</sup>`` is
``1``; a backslash escape is the character. Footnote references ``[^1]`` and definitions ``[^1]: ...``
stay: the structure stage reads them as markers and footnotes. Tables stay as ``| ... |`` rows, kept
in their article by the structure stage.

>>> markdown_to_text("## Article 1 – **Scope**\\nSee [the Charter](https://un.org/charter) and ![seal](s.png).")
'Article 1 – Scope\\nSee the Charter and .'
>>> looks_like_markdown("x.md", "plain")
True
>>> looks_like_markdown("x.txt", "# Title\\n\\n## Article 1\\n\\nText [^1]\\n\\n[^1]: A note.")
True
>>> looks_like_markdown("x.txt", "Article 1\\nThe Parties <*> shall ...")
False
"""

from __future__ import annotations

import re

#: file names that say Markdown
SUFFIXES = (".md", ".markdown")
#: an ATX heading: "## Article 1", "# TITLE #"
ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
#: an image (dropped) or a link (its text kept); the URL has no spaces, or sits in <...>
IMAGE = re.compile(r"!\[[^\]\n]*\]\((?:<[^>\n]*>|[^)\s]*)(?:\s+\"[^\"\n]*\")?\)")
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n^][^\]\n]*)\]\((?:<[^>\n]*>|[^)\s]*)(?:\s+\"[^\"\n]*\")?\)")
#: strong and emphasis markers around words (a lone "*" in "<*>" or "5 * 3" is not emphasis)
STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1")
EMPHASIS = re.compile(r"(?<![\w*<])([*_])(?=[^\s*_])(?P<text>[^*_\n]+?)(?<=[^\s*_])\1(?![\w*>])")
#: HTML tags Markdown texts carry for superscripts and line breaks (their words are kept)
INLINE_TAG = re.compile(r"</?(?:sup|sub|em|strong|b|i|u|span)\b[^>]*>|<br\s*/?>", re.IGNORECASE)
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
#: what gives a .txt file away as Markdown: footnote definitions, two or more ATX headings, or links
FOOTNOTE_DEF = re.compile(r"^\[\^\d{1,3}\]:", re.MULTILINE)
HEADINGS = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE)


def looks_like_markdown(name: str, text: str) -> bool:
    """Whether a file is Markdown: by its name, or by markup plain legal text never has."""
    if name.lower().endswith(SUFFIXES):
        return True
    return bool(FOOTNOTE_DEF.search(text) or len(HEADINGS.findall(text, 0, 200_000)) >= 2 or LINK.search(text))


def _line(line: str) -> str:
    m = ATX.match(line)
    if m:
        line = m.group("text")
    line = IMAGE.sub("", line)
    line = LINK.sub(lambda x: x.group("text"), line)
    line = INLINE_TAG.sub("", line)
    line = STRONG.sub(lambda x: x.group("text"), line)
    line = EMPHASIS.sub(lambda x: x.group("text"), line)
    return ESCAPE.sub(r"\1", line)


def markdown_to_text(text: str) -> str:
    """The words of a Markdown text, line for line (see the module's doc)."""
    return "\n".join(_line(line) for line in text.split("\n"))
