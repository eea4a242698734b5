"""Text from an input's bytes: binary files refused, encodings guessed, and the text
normalised so that invisible differences never change what is read or an article's id."""

from __future__ import annotations

import codecs
import re
import unicodedata

_LINE_BREAK = re.compile("\r\n?|[\x0b\x0c\u2028\u2029]")
# C0/C1 controls except \t and \n, plus invisible format characters that only get
# in the way of matching (zero-width space, word joiner, stray BOMs, soft hyphens).
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff]")
HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")

_BINARY_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
)
# Byte-order marks and what they stand for. UTF-32-LE's starts with UTF-16-LE's, so
# it is looked for first.
_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# A lone UTF-16 surrogate (from a JSON "\\ud800" escape or a file name that is not
# UTF-8) cannot be encoded, so it could not be stored.
SURROGATE = re.compile("[\ud800-\udfff]")


def decode(data: bytes) -> tuple[str, str | None]:
    """Text from file bytes, and a note when they were not UTF-8.

    UTF-8 (with or without a BOM) first; UTF-32 or UTF-16 when it starts with their
    BOM; otherwise cp1252 when the bytes use its 0x80–0x9F range (curly quotes,
    dashes) and are valid cp1252, else latin-1, which decodes anything.
    """
    for bom, encoding in _UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return normalise_text(data.decode(encoding.lower())), f"not UTF-8: decoded as {encoding}"
            except UnicodeDecodeError:
                pass  # UTF-16-LE text whose first character is U+0000 looks like UTF-32-LE
    try:
        return normalise_text(data.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        pass
    if _C1_BYTES.search(data):
        try:
            return normalise_text(data.decode("cp1252")), "not UTF-8: decoded as cp1252"
        except UnicodeDecodeError:
            pass  # bytes cp1252 leaves undefined: only latin-1 is left
    return normalise_text(data.decode("latin-1")), "not UTF-8: decoded as latin-1"


def normalise_text(text: str) -> str:
    """LF line ends, NFC, no control or invisible characters other than \\n and \\t,
    and U+FFFD for lone surrogates."""
    text = SURROGATE.sub("\ufffd", _LINE_BREAK.sub("\n", text))
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def clean_field(value: str) -> str | None:
    """A one-line metadata value (title, outlet, author, URL) cleaned as a body is:
    no control characters (so no terminal escape sequences), NFC, single spaces."""
    return " ".join(normalise_text(value).split()) or None


def binary_kind(data: bytes) -> str | None:
    """What a binary input looks like ("looks like PDF"), or None for text."""
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return f"looks like {kind}"
    if b"\x00" in data and not data.startswith(tuple(bom for bom, _ in _UNICODE_BOMS)):
        return "contains NUL bytes"
    return None
