"""Bytes to text: BOM, declared charset, <meta> charset, UTF-8, then detection.

Why this order: a BOM is never wrong; a charset given by the caller (HTTP header, WARC)
is usually right; a <meta> tag is right most of the time but pages labelled Latin-1 are
often really UTF-8, so a label naming a single-byte charset yields to valid UTF-8.
Detection (charset-normalizer) is slow and runs only when nothing else decides.
"""
from __future__ import annotations

import codecs
import re

from .errors import UnsupportedInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.\-]+)""", re.I)
_SINGLE_BYTE = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "cp1252", "windows-1252", "iso8859-1"}
# Signatures of formats that are never a web page, whatever the server said.
_BINARY_MAGIC = {
    b"%PDF-": "PDF document",
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b\x08": "gzip data",
    b"RIFF": "RIFF media",
    b"\x7fELF": "ELF binary",
}
SNIFF_BYTES = 4096
MAX_CONTROL_SHARE = 0.10  # share of C0 control bytes above which decoded text is binary junk


def to_text(data: bytes | str, declared: str | None = None) -> tuple[str, str]:
    """Decode `data` and return (text, encoding used). `str` passes through untouched."""
    if isinstance(data, str):
        return data.replace("\x00", ""), "str"
    if not data:
        return "", "empty"
    _refuse_binary(data)
    encoding = _sniff(data, declared)
    text = data.decode(encoding, errors="replace")
    _refuse_control_junk(text)
    return text.replace("\x00", ""), encoding


def _sniff(data: bytes, declared: str | None) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name + ("-sig" if name == "utf-8" else "")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    label = _normalise(declared) or _normalise(_meta_label(data))
    if label and label not in _SINGLE_BYTE and label != "utf-8":
        return label
    if _is_utf8(data):
        return "utf-8"
    if label:
        return "cp1252" if label in _SINGLE_BYTE else label
    return _detect(data)


def _meta_label(data: bytes) -> str | None:
    head = data[:SNIFF_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", "ignore") if match else None


def _normalise(label: str | None) -> str | None:
    """Return Python's canonical codec name for a charset label, or None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return "utf-8" if name in ("utf-8", "utf_8") else name


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        # a multi-byte sequence cut by truncation at the very end is still UTF-8
        return err.start >= len(data) - 3 and err.reason == "unexpected end of data"
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16/32 without BOM shows as NUL bytes in fixed positions of ASCII markup."""
    head = data[:SNIFF_BYTES]
    if len(head) < 8 or head.count(0) < len(head) // 3:
        return None
    if head[0] and not head[1] and not head[2] and not head[3]:
        return "utf-32-le"
    if not head[0] and not head[1] and not head[2] and head[3]:
        return "utf-32-be"
    odd_nul = head[1::2].count(0) / max(1, len(head[1::2]))
    even_nul = head[0::2].count(0) / max(1, len(head[0::2]))
    if odd_nul > 0.7 and even_nul < 0.3:
        return "utf-16-le"
    if even_nul > 0.7 and odd_nul < 0.3:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 64 * 1024]).best()
    return best.encoding if best is not None else "cp1252"


def _refuse_binary(data: bytes) -> None:
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UnsupportedInput(f"input is a {kind}, not a web page or text")


def _refuse_control_junk(text: str) -> None:
    sample = text[:SNIFF_BYTES]
    if not sample:
        return
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\x00")
    if controls / len(sample) > MAX_CONTROL_SHARE:
        raise UnsupportedInput("input looks like binary data, not a web page or text")
