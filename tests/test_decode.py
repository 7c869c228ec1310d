"""Tests for kg.ingest.decode (bytes -> text) and kg.ingest.html (HTML -> visible text).

Sample sentences come from the Russian and English texts of the Statute of the
Council of Europe (ETS No. 1).  The committed fixtures in tests/data/encodings/
hold RU_TEXT / FR_TEXT / the HTML page in the encodings named by their file
names; the other cases encode the same sentences in the tests themselves.
"""

from __future__ import annotations

import codecs
import doctest
import gzip
import hashlib
import html
import pickle
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.ingest.decode as decode_module
import kg.ingest.html as html_module
from kg.ingest.decode import Decoded, IngestError, decode_bytes, read_text
from kg.ingest.html import html_to_text, looks_like_html

DATA = Path(__file__).parent / "data" / "encodings"

RU_TEXT = (
    "Устав Совета Европы (ETS N 1)\n"
    "Правительства Королевства Бельгии, Королевства Дании, Французской Республики, "
    "Ирландской Республики, Итальянской Республики, Великого Герцогства Люксембург, "
    "Королевства Нидерландов, Королевства Норвегии, Королевства Швеции и Соединенного "
    "Королевства Великобритании и Северной Ирландии,\n"
    "убежденные, что укрепление мира, основанного на справедливости и международном "
    "сотрудничестве, отвечает жизненной необходимости сохранения человеческого общества и "
    "цивилизации,\n"
    "<*> В июле 1974 года Постоянная комиссия Ассамблеи приняла решение о переименовании "
    '"Консультативной Ассамблеи" в "Парламентскую Ассамблею".\n'
)
EN_TEXT = (
    "STATUTE OF THE COUNCIL OF EUROPE (LONDON, 5.V.1949)\n"
    "The Governments of the Kingdom of Belgium, the Kingdom of Denmark, the French Republic, "
    "the Irish Republic, the Italian Republic, the Grand Duchy of Luxembourg,\n"
    "Convinced that the pursuit of peace based upon justice and international co-operation is "
    "vital for the preservation of human society and civilisation;\n"
)
FR_TEXT = (
    "Statut du Conseil de l'Europe (Londres, 5.V.1949)\n"
    "Les Gouvernements du Royaume de Belgique, du Royaume de Danemark, de la République "
    "française, de la République irlandaise, de la République italienne,\n"
    "persuadés que la consolidation de la paix fondée sur la justice et la coopération "
    "internationale est d'un intérêt vital pour la préservation de la société humaine "
    "et de la civilisation ;\n"
    "Le but du Conseil de l'Europe est de réaliser une union plus étroite entre ses "
    "membres « à l'égard » de leur patrimoine commun – Œuvre commune.\n"
)
RU_ARTICLE = (
    "Статья 1 — «Цель Совета Европы». Целью Совета Европы является достижение большего "
    "единства между его членами во имя защиты и осуществления идеалов и принципов, "
    "являющихся их общим достоянием, № 1."
)
RU_LOWER = "настоящий устав подлежит ратификации; ратификационные грамоты сдаются на хранение"
HTML_TEXT = (
    "Устав Совета Европы\n"
    "Статья 1\xa0— «Цель»\n"
    "a) Целью Совета Европы является достижение большего единства между его членами.\n"
    "Статья\tРусский\tEnglish\n"
    "1\tЦель\tAim <*>\n"
    "Chapter I — AIM & MEMBERSHIP"
)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


# ------------------------------------------------------------------------ fixtures

FIXTURES = [
    pytest.param("ru_cp1251_crlf.txt", "cp1251", RU_TEXT, id="ru-cp1251-crlf"),
    pytest.param("ru_utf16le_bom.txt", "utf-16", RU_TEXT, id="ru-utf16le-bom"),
    pytest.param("ru_utf16le_nobom.txt", "utf-16-le", RU_TEXT, id="ru-utf16le-no-bom"),
    pytest.param("ru_utf8_bom.txt", "utf-8-sig", RU_TEXT, id="ru-utf8-bom"),
    pytest.param("fr_cp1252.txt", "cp1252", FR_TEXT, id="fr-cp1252"),
    pytest.param("statute_cp1251.html", "cp1251", None, id="html-cp1251"),
]


def fixture_bytes(name: str) -> bytes:
    """The exact content the committed fixture ``name`` must have."""
    if name == "ru_cp1251_crlf.txt":
        return crlf(RU_TEXT).encode("cp1251")
    if name == "ru_utf16le_bom.txt":
        return codecs.BOM_UTF16_LE + RU_TEXT.encode("utf-16-le")
    if name == "ru_utf16le_nobom.txt":
        return RU_TEXT.encode("utf-16-le")
    if name == "ru_utf8_bom.txt":
        return RU_TEXT.encode("utf-8-sig")
    if name == "fr_cp1252.txt":
        return FR_TEXT.encode("cp1252")
    raise KeyError(name)


@pytest.mark.parametrize(("name", "encoding", "text"), FIXTURES)
def test_fixture_files(name: str, encoding: str, text: str | None) -> None:
    path = DATA / name
    raw = path.read_bytes()
    if text is not None:
        assert raw == fixture_bytes(name)  # the fixture holds what its name says
    decoded = read_text(path)
    assert decoded.encoding == encoding
    assert decoded.sha256 == hashlib.sha256(raw).hexdigest()
    if text is not None:
        assert decoded.text == text
    assert "\r" not in decoded.text


def test_html_fixture() -> None:
    decoded = read_text(DATA / "statute_cp1251.html")
    assert decoded.encoding == "cp1251"
    assert looks_like_html(decoded.text)
    text, offsets = html_to_text(decoded.text)
    assert text == HTML_TEXT
    assert len(offsets) == len(text)
    assert_offsets_consistent(decoded.text, text, offsets)


# ------------------------------------------------------------- successful decoding

DECODE_CASES = [
    pytest.param(EN_TEXT.encode("ascii"), "utf-8", EN_TEXT, id="ascii-is-utf8"),
    pytest.param(RU_TEXT.encode("utf-8"), "utf-8", RU_TEXT, id="ru-utf8"),
    pytest.param(FR_TEXT.encode("utf-8"), "utf-8", FR_TEXT, id="fr-utf8"),
    pytest.param(RU_TEXT.encode("utf-8-sig"), "utf-8-sig", RU_TEXT, id="ru-utf8-bom"),
    pytest.param(RU_TEXT.encode("utf-16"), "utf-16", RU_TEXT, id="ru-utf16-bom-native"),
    pytest.param(codecs.BOM_UTF16_BE + RU_TEXT.encode("utf-16-be"), "utf-16", RU_TEXT, id="ru-utf16be-bom"),
    pytest.param(codecs.BOM_UTF16_LE + EN_TEXT.encode("utf-16-le"), "utf-16", EN_TEXT, id="en-utf16le-bom"),
    pytest.param(codecs.BOM_UTF32_LE + RU_TEXT.encode("utf-32-le"), "utf-32", RU_TEXT, id="ru-utf32le-bom"),
    pytest.param(RU_TEXT.encode("utf-16-le"), "utf-16-le", RU_TEXT, id="ru-utf16le-no-bom"),
    pytest.param(RU_TEXT.encode("utf-16-be"), "utf-16-be", RU_TEXT, id="ru-utf16be-no-bom"),
    pytest.param(EN_TEXT.encode("utf-16-le"), "utf-16-le", EN_TEXT, id="en-utf16le-no-bom"),
    pytest.param(EN_TEXT.encode("utf-16-be"), "utf-16-be", EN_TEXT, id="en-utf16be-no-bom"),
    pytest.param(FR_TEXT.encode("utf-16-le"), "utf-16-le", FR_TEXT, id="fr-utf16le-no-bom"),
    pytest.param(RU_ARTICLE.encode("utf-16-be"), "utf-16-be", RU_ARTICLE, id="ru-punct-utf16be-no-bom"),
    # Cyrillic only, no space: no NUL byte at all, every high byte is 0x04.
    pytest.param("Устав".encode("utf-16-le"), "utf-16-le", "Устав", id="ru-word-utf16le-no-nul"),
    pytest.param("Устав".encode("utf-16-be"), "utf-16-be", "Устав", id="ru-word-utf16be-no-nul"),
    pytest.param(RU_TEXT.encode("cp1251"), "cp1251", RU_TEXT, id="ru-cp1251"),
    pytest.param(RU_ARTICLE.encode("cp1251"), "cp1251", RU_ARTICLE, id="ru-cp1251-punctuation"),
    pytest.param(RU_LOWER.encode("cp1251"), "cp1251", RU_LOWER, id="ru-cp1251-lowercase"),
    pytest.param(
        (EN_TEXT + "Консультативная Ассамблея\n").encode("cp1251"),
        "cp1251",
        EN_TEXT + "Консультативная Ассамблея\n",
        id="en-with-ru-words-cp1251",
    ),
    pytest.param(
        "Устав Совета Европы".encode("cp1251"),
        "cp1251",
        "Устав Совета Европы",
        id="ru-title-cp1251",
    ),
    pytest.param(RU_TEXT.encode("koi8-r"), "koi8-r", RU_TEXT, id="ru-koi8r"),
    pytest.param(RU_LOWER.encode("koi8-r"), "koi8-r", RU_LOWER, id="ru-lowercase-koi8r"),
    pytest.param(RU_LOWER.upper().encode("koi8-r"), "koi8-r", RU_LOWER.upper(), id="ru-uppercase-koi8r"),
    pytest.param(FR_TEXT.encode("cp1252"), "cp1252", FR_TEXT, id="fr-cp1252"),
    pytest.param(
        "The “Statute” — signed in London; fee: 100 €, ½ share.".encode("cp1252"),
        "cp1252",
        "The “Statute” — signed in London; fee: 100 €, ½ share.",
        id="en-symbols-cp1252",
    ),
    pytest.param(
        "Conseil de l’Europe : résolution adoptée à Strasbourg".encode("cp1252"),
        "cp1252",
        "Conseil de l’Europe : résolution adoptée à Strasbourg",
        id="fr-short-cp1252",
    ),
    pytest.param(crlf(EN_TEXT).encode("ascii"), "utf-8", EN_TEXT, id="crlf"),
    pytest.param(EN_TEXT.replace("\n", "\r").encode("ascii"), "utf-8", EN_TEXT, id="lone-cr"),
    pytest.param(b"a\r\nb\rc\n\r\nd\r\r", "utf-8", "a\nb\nc\n\nd\n\n", id="mixed-line-ends"),
    pytest.param(crlf(RU_TEXT).encode("utf-16-le"), "utf-16-le", RU_TEXT, id="ru-utf16le-crlf"),
    pytest.param(b"Article 1\tAim\fPage 2\n", "utf-8", "Article 1\tAim\fPage 2\n", id="tab-formfeed-kept"),
    # No Unicode normalisation: a decomposed é stays decomposed.
    pytest.param("re\u0301solution".encode(), "utf-8", "re\u0301solution", id="no-nfc"),
]


@pytest.mark.parametrize(("data", "encoding", "text"), DECODE_CASES)
def test_decode(tmp_path: Path, data: bytes, encoding: str, text: str) -> None:
    path = tmp_path / "document.txt"
    path.write_bytes(data)
    decoded = read_text(path)
    assert decoded == Decoded(text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())
    # The reported encoding is a codec that reproduces the text.
    assert data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n") == text
    assert decode_bytes(data) == decoded


def test_extension_is_ignored(tmp_path: Path) -> None:
    data = RU_TEXT.encode("cp1251")
    results = set()
    for name in ("a.txt", "b.html", "c.pdf", "d.utf8", "e"):
        (tmp_path / name).write_bytes(data)
        results.add(read_text(tmp_path / name))
    assert len(results) == 1


# ------------------------------------------------------------------------ refusals


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00"


def _utf8_with_bad_byte() -> tuple[bytes, int]:
    prefix = (RU_TEXT + EN_TEXT).encode()
    return prefix + b"\xe9" + RU_TEXT.encode(), len(prefix)  # a stray cp1252 "é"


def _utf8_truncated_sequence() -> tuple[bytes, int]:
    prefix = RU_TEXT.encode() * 2
    return prefix + "Устав".encode()[:1] + b" " + RU_TEXT.encode(), len(prefix)


_BAD_UTF8, _BAD_AT = _utf8_with_bad_byte()
_TRUNC_UTF8, _TRUNC_AT = _utf8_truncated_sequence()

ERROR_CASES = [
    pytest.param(b"", None, "empty file", id="empty"),
    pytest.param(b" \r\n\t \n\f", None, "no text (only whitespace)", id="whitespace-only"),
    pytest.param(codecs.BOM_UTF8 + b"\n\n", None, "no text (only whitespace)", id="bom-and-whitespace"),
    pytest.param("  \n".encode("utf-16"), None, "no text (only whitespace)", id="utf16-whitespace"),
    pytest.param(_png(), None, "binary file (PNG image)", id="png-renamed-txt"),
    pytest.param(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n",
        None,
        "binary file (PDF)",
        id="pdf-renamed-txt",
    ),
    pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", None, "binary file (JPEG image)", id="jpeg"),
    pytest.param(b"GIF89a\x01\x00\x01\x00\x80\x00\x00", None, "binary file (GIF image)", id="gif"),
    pytest.param(
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml",
        None,
        "binary file (ZIP archive, e.g. docx/xlsx/odt)",
        id="docx",
    ),
    pytest.param(gzip.compress(RU_TEXT.encode(), mtime=0), None, "binary file (gzip)", id="gzip"),
    pytest.param(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
        None,
        "binary file (OLE2 compound file, e.g. doc/xls)",
        id="ole-doc",
    ),
    pytest.param(b"\x7fELF\x02\x01\x01" + bytes(20), None, "binary file (ELF executable)", id="elf"),
    pytest.param(_BAD_UTF8, None, f"invalid UTF-8 at byte {_BAD_AT}", id="invalid-utf8-in-middle"),
    pytest.param(_TRUNC_UTF8, None, f"invalid UTF-8 at byte {_TRUNC_AT}", id="truncated-utf8-sequence"),
    pytest.param(
        codecs.BOM_UTF8 + RU_TEXT.encode() + b"\xff",
        None,
        f"invalid UTF-8 at byte {3 + len(RU_TEXT.encode())}",
        id="invalid-utf8-after-bom",
    ),
    pytest.param(
        "Привет".encode()[:4] + b"\xff" + "Привет".encode()[4:],
        None,
        "invalid UTF-8 at byte 4",
        id="invalid-utf8-short",
    ),
    pytest.param(
        codecs.BOM_UTF16_LE + RU_TEXT.encode("utf-16-le") + b"\x00",
        None,
        f"invalid UTF-16 at byte {2 + len(RU_TEXT.encode('utf-16-le'))}",
        id="utf16-odd-length",
    ),
    pytest.param(
        RU_TEXT.encode("utf-16-le") + b"\x00\xdc" + "Устав".encode("utf-16-le"),
        None,
        f"invalid UTF-16-LE at byte {len(RU_TEXT.encode('utf-16-le'))}",
        id="utf16le-lone-surrogate",
    ),
    pytest.param(
        RU_TEXT.encode() * 3,
        1000,
        f"file too large: {len(RU_TEXT.encode()) * 3} bytes, the limit is 1000 bytes",
        id="too-large",
    ),
    pytest.param(random.Random(20240501).randbytes(4096), None, "binary data", id="random-bytes"),
    pytest.param(bytes(512), None, "binary data", id="all-nul"),
    pytest.param(EN_TEXT.encode() + bytes(64), None, "binary data", id="nul-padded-text"),
    pytest.param(bytes(range(32)) * 20 + b"text", None, "binary data", id="control-characters"),
    pytest.param(
        "Ελληνικά κείμενα για τη Συνθήκη".encode("cp1253"),
        None,
        "unrecognised encoding (not UTF-8 or UTF-16, and no plausible cp1251/cp1252 reading)",
        id="greek-cp1253-unsupported",
    ),
]


@pytest.mark.parametrize(("data", "max_bytes", "reason"), ERROR_CASES)
def test_refused(tmp_path: Path, data: bytes, max_bytes: int | None, reason: str) -> None:
    path = tmp_path / "statute.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError) as info:
        if max_bytes is None:
            read_text(path)
        else:
            read_text(path, max_bytes=max_bytes)
    err = info.value
    assert err.path == str(path)
    assert err.reason == reason
    assert str(err) == f"{path}: {reason}"


def test_random_bytes_have_no_signature() -> None:
    data = random.Random(20240501).randbytes(4096)
    assert not data.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8", b"GIF8", b"PK", b"\x1f\x8b", b"\xd0\xcf"))


def test_too_large_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF" + bytes(200))  # would be "binary file (PDF)" if it were read
    with pytest.raises(IngestError, match=r"file too large: 204 bytes, the limit is 100 bytes$"):
        read_text(path, max_bytes=100)
    exact = tmp_path / "exact.txt"
    exact.write_bytes(b"ab")
    assert read_text(exact, max_bytes=2).text == "ab"  # the limit itself is allowed


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    with pytest.raises(IngestError) as info:
        read_text(path)
    assert info.value.path == str(path)
    assert info.value.reason.startswith("cannot read file")


def test_decode_bytes_default_name_and_limit() -> None:
    with pytest.raises(IngestError) as info:
        decode_bytes(b"")
    assert str(info.value) == "<bytes>: empty file"
    with pytest.raises(IngestError, match=r"^x\.txt: file too large: 3 bytes, the limit is 2 bytes$"):
        decode_bytes(b"abc", "x.txt", max_bytes=2)


def test_ingest_error_is_an_exception_with_fields() -> None:
    err = IngestError("a/b.txt", "empty file")
    assert isinstance(err, Exception)
    assert (err.path, err.reason, str(err)) == ("a/b.txt", "empty file", "a/b.txt: empty file")
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.path, copy.reason, str(copy)) == (err.path, err.reason, str(err))


def test_decoded_is_frozen() -> None:
    decoded = decode_bytes(b"Statute")
    with pytest.raises(AttributeError):
        decoded.text = "x"  # type: ignore[misc]


def test_deterministic() -> None:
    for data in (RU_TEXT.encode("cp1251"), FR_TEXT.encode("cp1252"), RU_TEXT.encode("koi8-r")):
        assert len({decode_bytes(data) for _ in range(5)}) == 1


@pytest.mark.parametrize("module", [decode_module, html_module], ids=["decode", "html"])
def test_module_doctests(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0
    assert result.failed == 0


# ----------------------------------------------------------------------- property

_LETTERS = (
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèàçœÉÀ"
)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=_LETTERS + " \n", min_size=1, max_size=200).filter(lambda s: not s.isspace()),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_unicode_round_trip(text: str, encoding: str) -> None:
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == encoding


# ---------------------------------------------------------------------------- HTML


_REFERENCE = re.compile(r"&(?:#[xX]?[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def assert_offsets_consistent(markup: str, text: str, offsets: list[int]) -> None:
    """Every character of ``text`` maps back to the markup character that produced it."""
    assert len(offsets) == len(text)
    assert offsets == sorted(offsets)
    for i, (ch, offset) in enumerate(zip(text, offsets, strict=True)):
        source = markup[offset]
        if source == "&":  # an entity or character reference
            ref = _REFERENCE.match(markup, offset)
            assert ref is not None and ch in html.unescape(ref.group()), (i, ch, markup[offset : offset + 10])
        elif source == "<":  # synthetic line break, cell separator, or a break inside a cell
            assert ch in "\n\t ", (i, ch)
        elif ch == " ":
            assert source.isspace(), (i, source)  # first of a collapsed whitespace run
        elif ch == "\n" and source == "\r":
            pass  # CR or CRLF inside <pre>
        else:
            assert source == ch, (i, ch, source)


HTML_PAGE = (
    "<!DOCTYPE html>\n<html>\n<head>\n  <title>Устав (ETS N 1)</title>\n"
    "  <style>p { color: red }</style>\n  <script>var x = '<p>not text</p>';</script>\n</head>\n"
    "<body>\n<!-- navigation -->\n<h1>Устав   Совета\n   Европы</h1>\n"
    "<p>Статья&nbsp;1 &mdash; &laquo;Цель&raquo;&#160;&#x2116; 1</p>\n"
    "<div><p>a) Целью Совета Европы является\n достижение большего единства.</p></div>\n"
    "<table><tr><th>Статья</th><th>English</th></tr>\n"
    "<tr><td> 1 </td><td>Aim &lt;*&gt; AT&T</td></tr></table>\n"
    "<ul><li>first</li><li>second<br>line</li></ul>\n"
    "<pre>  keep   this\n  as is</pre>\n"
    "<script type='text/javascript'>document.write('hidden');</script>\n"
    "Footnote &unknown; &copy</body>\n</html>\n"
)
HTML_PAGE_TEXT = (
    "Устав Совета Европы\n"
    "Статья\xa01 — «Цель»\xa0№ 1\n"
    "a) Целью Совета Европы является достижение большего единства.\n"
    "Статья\tEnglish\n"
    "1\tAim <*> AT&T\n"
    "first\n"
    "second\nline\n"
    "  keep   this\n  as is\n"
    "Footnote &unknown; ©"
)

HTML_CASES = [
    pytest.param(HTML_PAGE, HTML_PAGE_TEXT, id="page"),
    pytest.param("<p>Article&nbsp;1</p><p>A &amp; B</p>", "Article\xa01\nA & B", id="entities"),
    pytest.param("AT&T and &#65;&#x42;C", "AT&T and ABC", id="bare-ampersand-and-charrefs"),
    pytest.param("<p>one</p>\n\n<p>two</p><div></div><p>three</p>", "one\ntwo\nthree", id="blocks-collapse"),
    pytest.param("one<br>two<br/><br />three", "one\ntwo\n\nthree", id="br"),
    pytest.param("<table><tr><td>a</td><td></td><td>c</td></tr></table>", "a\t\tc", id="empty-cell"),
    pytest.param(
        "<table><tr><td><p>a</p><p>b</p></td><td>c<br>d</td><td></td></tr><tr><td><p>e</p></td></tr></table>",
        "a b\tc d\t\ne",
        id="blocks-inside-cells",
    ),
    pytest.param("<tr><td>a<td>b<tr><td>c</table>after", "a\tb\nc\nafter", id="unclosed-cells"),
    pytest.param("<head><title>T</title><p>Body text", "Body text", id="unclosed-head"),
    pytest.param("x <!-- <p>comment</p> --> y", "x y", id="comment"),
    pytest.param("<style>a{}</style><script>if (a < b) {}</script>Text", "Text", id="script-style"),
    pytest.param("  leading   and trailing  ", "leading and trailing", id="trim"),
    pytest.param("<pre>a\r\nb\rc</pre>", "a\nb\nc", id="pre-line-ends"),
    pytest.param("<p>Статья 5\r\n  Пункт</p>", "Статья 5 Пункт", id="source-newline-is-space"),
    pytest.param("", "", id="empty"),
]


@pytest.mark.parametrize(("markup", "expected"), HTML_CASES)
def test_html_to_text(markup: str, expected: str) -> None:
    text, offsets = html_to_text(markup)
    assert text == expected
    assert_offsets_consistent(markup, text, offsets)


def test_html_offsets_point_into_markup() -> None:
    text, offsets = html_to_text(HTML_PAGE)
    # ordinary characters
    start = text.index("Целью")
    assert HTML_PAGE[offsets[start] : offsets[start] + 5] == "Целью"
    # entities map to their "&"
    assert HTML_PAGE.startswith("&mdash;", offsets[text.index("—")])
    assert HTML_PAGE.startswith("&#x2116;", offsets[text.index("№")])
    assert HTML_PAGE.startswith("&lt;", offsets[text.index("<*>")])
    # synthetic line breaks and tabs map to the tag that caused them
    assert HTML_PAGE.startswith("</h1>", offsets[text.index("\n")])
    assert HTML_PAGE.startswith("<th>", offsets[text.index("\t")])
    assert HTML_PAGE.startswith("<br>", offsets[text.index("second") + len("second")])
    # dropped content
    for hidden in ("not text", "hidden", "navigation", "color", "ETS N 1"):
        assert hidden not in text


@given(st.text(alphabet="ab <>/&;#x1p\n\tиé", max_size=60))
@settings(max_examples=200, deadline=None)
def test_html_offsets_property(markup: str) -> None:
    text, offsets = html_to_text(markup)
    assert len(offsets) == len(text)
    assert all(0 <= offset < len(markup) for offset in offsets)
    assert offsets == sorted(offsets)


LOOKS_LIKE_HTML = [
    pytest.param(HTML_PAGE, True, id="page"),
    pytest.param("<!doctype html><title>x</title>", True, id="doctype"),
    pytest.param("\ufeff  <HTML lang='ru'><BODY>Устав</BODY></HTML>", True, id="upper-case-html"),
    pytest.param("<body>\nStatute\n</body>", True, id="body"),
    pytest.param("<p>One</p>\n<p>Two</p>\n<div>Three</div>", True, id="fragment"),
    pytest.param("Line one<br>\nLine two<br/>\nLine three<br />", True, id="br-lines"),
    pytest.param(RU_TEXT, False, id="footnote-marker"),
    pytest.param(
        "[DU1]<<ODS JOB NO>>N1248358E<<ODS JOB NO>>\n<<ODS DOC SYMBOL1>>A/RES/67/83<<ODS DOC SYMBOL1>>\n"
        "<<ODS DOC SYMBOL2>><<ODS DOC SYMBOL2>>\n",
        False,
        id="ods-print-tags",
    ),
    pytest.param(EN_TEXT, False, id="plain-text"),
    pytest.param("Use the <p> element for paragraphs; a < b > c.", False, id="mentions-one-tag"),
    pytest.param("x" * 5000 + "<html>", False, id="marker-too-late"),
]


@pytest.mark.parametrize(("text", "expected"), LOOKS_LIKE_HTML)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected
