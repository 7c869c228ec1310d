"""Turn the raw bytes of a document into text.

This is the lowest layer of ingestion.  The encoding is detected from the
*content* of the file (never from its name or extension), and input that is not
text -- empty files, PDFs or images renamed ``.txt``, random binary data, files
that are UTF-8 except for a few broken bytes -- is refused with an
:class:`IngestError` that names the file and the reason.

Detection, in order:

1. 0 bytes -> ``empty file``; more than ``max_bytes`` -> ``file too large``;
   a named pipe, device or directory -> ``not a regular file (a named pipe)``
   (read_text opens without waiting for a pipe's writer, so it never hangs).
2. A known binary signature (PDF, PNG, JPEG, GIF, ZIP/docx/xlsx, gzip, OLE2
   .doc/.xls, ELF) -> ``binary file (PDF)`` etc.
   (:func:`kg.ingest.ingest` looks at the bytes before this module does: a PDF
   or a Word document goes to its reader in :mod:`kg.ingest.formats`.)
3. A byte order mark: UTF-8 -> ``utf-8-sig``; UTF-16 -> ``utf-16``; UTF-32 ->
   ``utf-32``.  The BOM is not part of the text.
4. UTF-16 without a BOM (``utf-16-le`` / ``utf-16-be``), recognised from the
   bytes at even/odd positions of the first few KB: one side (the high bytes)
   takes only a handful of values -- NUL for ASCII and Latin-1, 0x04 for
   Cyrillic -- and the decoded text must be printable.
5. Strict UTF-8 (``utf-8``; pure ASCII is reported as ``utf-8`` too).
6. If at least 99% -- or, in fact, any majority -- of the non-ASCII byte
   sequences are valid UTF-8 but some are not, the file is refused with
   ``invalid UTF-8 at byte N`` (N = offset of the first bad byte) rather than
   decoded as legacy-encoding mojibake.  (Legacy text almost never contains
   valid UTF-8 sequences, so this cannot refuse a real cp1251/cp1252 file.)
   If they are a minority but still make UTF-8 words (three non-ASCII letters
   in a row, or accented letters for 1% of the bad sequences), the file mixes
   encodings and is refused with ``mixed encodings: UTF-8 text ('Устав' at
   byte N) and bytes that are not UTF-8 (from byte M)``.
7. Otherwise a single-byte legacy encoding, ``cp1251``, ``cp1252`` or
   ``koi8-r``, whichever reading yields more plausible words (Russian words in
   Cyrillic with a normal letter case and letter frequencies, or Latin words
   whose accented letters sit next to ASCII letters); koi8-r must win clearly,
   cp1251 is preferred.  The choice is a pure function of the bytes.  If no
   reading is plausible the file is refused (``unrecognised encoding``).

Then text with many NUL/control characters is refused (``binary data``), as is
text that is only whitespace.  Finally line ends are normalised: CRLF and a
lone CR become ``"\\n"``.  All character offsets computed downstream count
characters of this normalised text.  No Unicode normalisation is applied.

The reported ``encoding`` is a codec name such that, for every successful
result, ``data.decode(encoding)`` equals ``text`` up to line-end normalisation.

>>> d = decode_bytes("Устав Совета Европы\\r\\n".encode("cp1251"))
>>> d.encoding, d.text
('cp1251', 'Устав Совета Европы\\n')
>>> decode_bytes("Statute of the Council of Europe".encode("utf-16-le")).encoding
'utf-16-le'
>>> try:
...     decode_bytes(b"%PDF-1.7 ...", name="report.txt")
... except IngestError as err:
...     print(err)
report.txt: binary file (PDF)
"""

from __future__ import annotations

import codecs
import hashlib
import math
import os
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["DEFAULT_MAX_BYTES", "Decoded", "IngestError", "decode_bytes", "read_bytes", "read_text"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

#: How much of the start of a file is examined for BOM-less UTF-16.
_SNIFF_BYTES = 4096
#: UTF-8 with a few bad sequences is refused (not decoded as a legacy
#: encoding) when at least this share of its non-ASCII sequences is valid.
_UTF8_MOSTLY_VALID = 0.99
#: Text in which more than this share of characters are control characters
#: (other than \t \n \r \f) is treated as binary data.
_MAX_CONTROL_SHARE = 0.02

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive, e.g. docx/xlsx/odt"),
    (b"PK\x05\x06", "ZIP archive, e.g. docx/xlsx/odt"),
    (b"\x1f\x8b", "gzip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 compound file, e.g. doc/xls"),
    (b"\x7fELF", "ELF executable"),
)

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_HIGH_BYTES = bytes(range(0x80, 0x100))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[^\W\d_]+")
_LINE_END = re.compile(r"\r\n?")

_LEGACY_ENCODINGS = ("cp1252", "cp1251", "koi8-r")
#: in a UTF-8 reading, three letters of the texts read (accented Latin, Cyrillic) in a row, or one of
#: them next to an ASCII letter ("République"); a legacy byte pair read as UTF-8 lands elsewhere
#: ("«ООН»": "Н»" is the Greek U+037B) or between bad sequences ("ОБСЕ»": U+FFFD x3, then "Ż")
_TEXT_LETTER = "[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f\u0400-\u04ff]"
_UTF8_LETTER_RUN = re.compile(f"{_TEXT_LETTER}{{3}}")
_UTF8_LETTER = re.compile(f"(?<=[A-Za-z]){_TEXT_LETTER}|{_TEXT_LETTER}(?=[A-Za-z])")
#: a file mostly not UTF-8 is UTF-8 in part when it has this many non-ASCII letters in a UTF-8
#: reading, and this share of its invalid sequences
_MIXED_MIN_LETTERS = 3
_MIXED_SHARE = 0.01

# Letters of the Russian, Ukrainian and Belarusian alphabets.
_CYRILLIC_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄҐЎ")
# Box drawing, blocks and maths that a wrong koi8-r reading produces; ordinary
# documents hardly use them.
_ODD_SYMBOLS = re.compile(r"[\u2219-\u2265\u2320\u2321\u2500-\u25ff]")

# Approximate frequency (per cent) of letters in Russian prose.  Used only to
# tell cp1251 from koi8-r, which both map every byte >= 0xC0 to a Cyrillic
# letter but to different ones.
_RUSSIAN_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47,
    "р": 4.73, "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81,
    "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59,
    "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48,
    "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.04,
}  # fmt: skip
_LOG_FREQ = {letter: math.log(freq) for letter, freq in _RUSSIAN_FREQ.items()}
_LOG_RARE = math.log(0.02)
#: koi8-r wins a plausibility tie with cp1251 only over this many letters and
#: with a mean log letter frequency higher by this margin.
_KOI8_MIN_LETTERS = 12
_KOI8_FREQ_MARGIN = 0.3
#: The legacy-encoding decision looks at most at this many bytes, from just
#: before the first non-ASCII byte.
_LEGACY_SAMPLE_BYTES = 4 * 1024 * 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]")


class IngestError(Exception):
    """A file that cannot be ingested as text; ``str(err)`` is ``"{path}: {reason}"``."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Decoded:
    """Decoded text with the detected encoding and the SHA-256 (hex) of the raw bytes."""

    text: str
    encoding: str
    sha256: str


def read_text(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Read the file at ``path`` and decode it with :func:`decode_bytes`.

    Files larger than ``max_bytes`` are refused without being read.
    """
    return decode_bytes(read_bytes(path, max_bytes), os.fspath(path), max_bytes=max_bytes)


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path``; an empty, too large or unreadable file, or one that
    is not a regular file, raises :class:`IngestError`."""
    name = os.fspath(path)
    try:
        # O_NONBLOCK: opening a named pipe waits for a writer, forever; the pipe is refused below instead
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise IngestError(name, f"not a regular file ({_file_kind(st.st_mode)})")
            if st.st_size == 0:
                raise IngestError(name, "empty file")
            _check_size(name, st.st_size, max_bytes)
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(name, f"cannot read file: {exc.strerror or exc}") from exc
    return data


def decode_bytes(data: bytes, name: str = "<bytes>", *, max_bytes: int | None = None) -> Decoded:
    """Decode ``data`` (the content of the file called ``name``) to text.

    ``name`` is used only in error messages.  Raises :class:`IngestError`.
    """
    if not data:
        raise IngestError(name, "empty file")
    if max_bytes is not None:
        _check_size(name, len(data), max_bytes)
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            raise IngestError(name, f"binary file ({kind})")

    text, encoding = _decode(data, name)

    controls = sum(1 for _ in _CONTROL.finditer(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise IngestError(name, "binary data")
    if not text or text.isspace():
        raise IngestError(name, "no text (only whitespace)")
    text = _LINE_END.sub("\n", text)
    return Decoded(text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return kind
    return "not a file"


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise IngestError(name, f"file too large: {size} bytes, the limit is {max_bytes} bytes")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` before the binary/whitespace checks."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name), encoding

    utf16 = _sniff_utf16(data)
    if utf16 is not None:
        return _strict(data, utf16, name), utf16

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    valid, invalid, decoded = _utf8_sequence_counts(data)
    if valid >= _UTF8_MOSTLY_VALID * (valid + invalid) or valid > invalid:
        raise IngestError(name, f"invalid UTF-8 at byte {first_bad}")
    mixed = _utf8_words(decoded, invalid)
    if mixed is not None:
        # read as cp1251/cp1252 the UTF-8 part would become mojibake ("РЈСЃС‚Р°РІ") without a word said
        raise IngestError(name, f"mixed encodings: UTF-8 text ({mixed!r} at byte {data.find(mixed.encode())}) "
                                f"and bytes that are not UTF-8 (from byte {first_bad})")

    return _decode_legacy(data, name)


def _strict(data: bytes, encoding: str, name: str) -> str:
    """Decode strictly; a decoding error names the offset of the first bad byte."""
    skip = len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0  # that codec's offsets omit the BOM
    try:
        return data[skip:].decode("utf-8" if skip else encoding)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if skip else encoding.upper()
        raise IngestError(name, f"invalid {label} at byte {skip + exc.start}") from None


def _utf8_sequence_counts(data: bytes) -> tuple[int, int, str]:
    """Count well-formed and ill-formed non-ASCII sequences when read as UTF-8 (and give that reading).

    An ill-formed sequence is what Python replaces by one U+FFFD (a maximal
    invalid subpart); U+FFFD characters encoded in the file count as valid.
    """
    decoded = data.decode("utf-8", errors="replace")
    invalid = decoded.count("\ufffd") - data.count("\ufffd".encode())
    ascii_bytes = len(data.translate(None, _HIGH_BYTES))
    valid = len(decoded) - ascii_bytes - invalid
    return valid, invalid, decoded


def _utf8_words(decoded: str, invalid: int) -> str | None:
    """A word of real UTF-8 text in a file that is mostly not UTF-8, or None.

    A legacy file read as UTF-8 gives such a letter only by chance (a capital, then one of the bytes
    0x80-0xBF), never three in a row nor inside a Latin word: three in a row (Cyrillic), or accented
    letters inside Latin words for 1% of the invalid sequences (French, one accent a word), are UTF-8.

    >>> _utf8_words("Устав \ufffd\ufffd\ufffd", 3)
    'Устав'
    >>> _utf8_words("\ufffd\ufffd\ufffd\u017b \ufffd", 4) is None  # "ОБСЕ»" in cp1251: a letter by chance
    True
    """
    if sum(1 for _ in _CONTROL.finditer(decoded)) > _MAX_CONTROL_SHARE * len(decoded):
        return None  # binary data, where letters come by chance; refused as such after decoding
    found = _UTF8_LETTER_RUN.search(decoded)
    if found is None:
        letters = sum(1 for _ in _UTF8_LETTER.finditer(decoded))
        if letters < max(_MIXED_MIN_LETTERS, _MIXED_SHARE * invalid):
            return None
        found = _UTF8_LETTER.search(decoded)
    if found is None:
        return None
    at = found.start()
    while at > max(0, found.start() - 40) and decoded[at - 1].isalpha():
        at -= 1  # the whole word: "République", not "épublique"
    word = _WORD.match(decoded, at)
    return word.group() if word else decoded[at]


# --------------------------------------------------------------------------- UTF-16


def _sniff_utf16(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` if ``data`` looks like BOM-less UTF-16, else None."""
    if len(data) < 2:
        return None
    sample = data[: min(len(data), _SNIFF_BYTES) & ~1]
    scored = []
    for encoding, high_first in (("utf-16-le", False), ("utf-16-be", True)):
        high = sample[0::2] if high_first else sample[1::2]
        low = sample[1::2] if high_first else sample[0::2]
        counts = Counter(high)
        zeros = counts.pop(0, 0)
        top_nonzero = sum(n for _, n in counts.most_common(2))
        if zeros == 0 and (len(counts) != 1 or not 0x01 <= next(iter(counts)) <= 0x05):
            # Without NULs only text entirely in one non-Latin-1 block
            # (e.g. Cyrillic with no spaces or digits) can be UTF-16.
            continue
        if zeros + top_nonzero < 0.9 * len(high) or low.count(0) >= max(zeros, 1):
            continue
        if not _plausible_utf16_text(sample.decode(encoding, errors="replace"), zeros > 0):
            continue
        scored.append((zeros, encoding))
    if not scored:
        return None
    scored.sort(key=lambda item: -item[0])  # stable: utf-16-le wins a tie
    return scored[0][1]  # an odd length is reported by the strict decode


def _plausible_utf16_text(text: str, has_ascii: bool) -> bool:
    if not text:
        return False
    bad = 0
    script_letters = 0
    for ch in text:
        if ch in "\t\n\r\f":
            continue
        cat = unicodedata.category(ch)
        if cat[0] == "C" or ch == "\ufffd":  # control, unassigned, surrogate, private use
            bad += 1
        elif cat[0] == "L" and ("\u00c0" <= ch <= "\u024f" or "\u0370" <= ch <= "\u052f"):
            script_letters += 1
    if bad > 0.01 * len(text):
        return False
    # Without any ASCII (no NUL high bytes) demand European letters throughout.
    return has_ascii or script_letters >= 0.9 * len(text)


# --------------------------------------------------------------------- legacy 8-bit


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    # Only the non-ASCII parts tell the candidates apart: score a window that
    # starts just before the first non-ASCII byte (all are single-byte codecs,
    # so byte and character offsets agree).
    first = _NON_ASCII.search(data)
    start = max(0, first.start() - 100) if first else 0
    window = slice(start, start + _LEGACY_SAMPLE_BYTES)
    readings: dict[str, tuple[str, _Score]] = {}
    for encoding in _LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        readings[encoding] = (text, _legacy_score(text[window], cyrillic=encoding != "cp1252"))
    if not readings:  # unreachable: koi8-r maps all 256 bytes
        raise IngestError(name, "unrecognised encoding")

    encoding = "cp1251" if "cp1251" in readings else "koi8-r"
    if "koi8-r" in readings and "cp1251" in readings:
        # A wrong cp1251/koi8-r reading swaps the letter case of a Title-case
        # word ("Устав" -> "уРСЮБ") and turns cp1251 punctuation into box
        # drawing, so plausibility decides; for all-lower/all-upper text it
        # ties and letter frequencies decide, with cp1251 preferred unless
        # koi8-r is clearly better over enough letters.
        k, c = readings["koi8-r"][1], readings["cp1251"][1]
        if k.plausibility > c.plausibility or (
            k.plausibility == c.plausibility
            and min(k.letters, c.letters) >= _KOI8_MIN_LETTERS
            and k.log_freq - c.log_freq > _KOI8_FREQ_MARGIN
        ):
            encoding = "koi8-r"
    if "cp1252" in readings and (
        encoding not in readings or readings["cp1252"][1].plausibility >= readings[encoding][1].plausibility
    ):
        encoding = "cp1252"

    text, score = readings[encoding]
    if score.plausibility < 0 and not _CONTROL.search(text):
        raise IngestError(
            name, "unrecognised encoding (not UTF-8 or UTF-16, and no plausible cp1251/cp1252 reading)"
        )
    return text, encoding


class _Score(NamedTuple):
    plausibility: float
    log_freq: float
    letters: int


def _legacy_score(text: str, *, cyrillic: bool) -> _Score:
    """Score one reading of a legacy-encoded text.

    ``plausibility`` counts letters in plausible words minus letters in
    implausible ones (only words with non-ASCII letters count: ASCII reads the
    same in every candidate) minus box-drawing and similar symbols;
    ``log_freq`` is the mean log frequency of the ``letters`` Cyrillic letters
    in plausible words (0 for Latin readings).
    """
    score = 0.0
    log_freq = 0.0
    cyr_letters = 0
    for word, count in Counter(_WORD.findall(text)).items():
        if word.isascii() or not word.isalpha():  # ASCII, or numeric like "½"
            continue
        if cyrillic:
            ok = all(ch in _CYRILLIC_LETTERS for ch in word) and _normal_case(word)
            if ok:
                log_freq += count * sum(_LOG_FREQ.get(ch, _LOG_RARE) for ch in word.lower())
                cyr_letters += count * len(word)
        else:
            ok = (
                all(ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in word)
                and (word in ("à", "À") or any(ch.isascii() for ch in word))
                and _normal_case(word)
            )
        score += count * len(word) * (1 if ok else -1)
    for ch, count in Counter(text).items():
        if _ODD_SYMBOLS.match(ch):
            score -= count
    return _Score(score, log_freq / cyr_letters if cyr_letters else 0.0, cyr_letters)


def _normal_case(word: str) -> bool:
    """lower, UPPER or Title case (one capital, then lower case)."""
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())
