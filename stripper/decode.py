"""Bytes to text: BOM, declared charset, <meta> charset, UTF-8, then detection.

Why this order: a BOM is never wrong; a charset given by the caller (HTTP header, WARC)
is usually right; a <meta> tag is right most of the time but pages labelled Latin-1 or
windows-1255 are often really UTF-8, and non-ASCII text in a legacy charset is almost
never valid UTF-8 by chance, so valid UTF-8 with non-ASCII bytes wins over any label.
Detection (charset-normalizer) is slow and runs only when nothing else decides.

Hostile input (see docs/robustness.md): labels naming codecs that are not charsets
(`base64`, `rot13`, `idna`, `undefined`, UTF-7) are ignored; a UTF-16/32 label without
the byte pattern to match is ignored, as browsers do; bytes that are UTF-8 in parts and
cp1252 in others decode part by part ("utf-8+cp1252"); control characters become
spaces and lone surrogates U+FFFD, because lxml silently cuts a string at the first
lone surrogate and both break the one-block-a-line contract of text mode.
"""
from __future__ import annotations

import codecs
import logging
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
# Share of C0 control characters above which decoded text is binary junk. Random bytes give
# 9-11 %; the worst of the 1,730 development pages 0.15 %.
MAX_CONTROL_SHARE = 0.03
DETECT_BYTES = 64 * 1024  # detection reads this much of the page
# Fewer non-ASCII bytes than this are too little evidence for detection (it then guesses
# UTF-16 or cp1250 for a single "caf\xe9"); the web's common single-byte charset wins.
MIN_DETECT_HIGH_BYTES = 32
MIXED = "utf-8+cp1252"  # encoding reported when valid UTF-8 and stray cp1252 bytes share a page
# Codecs Python knows that are no charset a page can be in (or that cannot decode with errors="replace").
_NOT_CHARSETS = {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape", "utf-7", "mbcs", "oem"}
_WIDE = ("utf-16", "utf-32")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# C0 controls other than tab, newline, form feed and carriage return (and NUL, handled apart).
_CONTROLS = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# C0 controls but tab, newline, form feed, carriage return and NUL: what binary junk is made of
_JUNK_CONTROLS = re.compile(r"[\x01-\x08\x0b\x0e-\x1f]")
log = logging.getLogger(__name__)


def to_text(data: bytes | str, declared: str | None = None) -> tuple[str, str]:
    """Decode `data` and return (text, encoding used); `str` is only cleaned, not re-decoded."""
    if isinstance(data, str):
        return _clean(_fix_surrogates(data)), "str"
    if not data:
        return "", "empty"
    _refuse_binary(data)
    encoding = _sniff(data, declared)
    text = _decode(data, encoding)
    _refuse_control_junk(text)
    return _clean(text, data if encoding in _ASCII_TRANSPARENT else None), encoding


def _decode(data: bytes, encoding: str) -> str:
    if encoding == MIXED:
        return data.decode("utf-8", errors=_CP1252_FALLBACK)
    try:
        return data.decode(encoding, errors="replace")
    except (LookupError, UnicodeError) as err:  # a codec that cannot replace: never fatal
        log.info("decoding as %s failed (%s); using utf-8 with cp1252 fallback", encoding, err)
        return data.decode("utf-8", errors=_CP1252_FALLBACK)


def _clean(text: str, raw: bytes | None = None) -> str:
    """NUL goes (a stray NUL is padding); other C0 controls become spaces (never glue words).

    `raw`, the bytes `text` was decoded from by an `_ASCII_TRANSPARENT` codec, is searched for
    them instead of the text: they are the same bytes there, and bytes are searched for NUL
    by `memchr`, where a non-ASCII text's search and its UTF-8 encoding cost more (`to_text`
    0.097 -> 0.061 ms on the average development HTML page, 0.034 -> 0.026 on a text one).
    """
    if raw is None:
        text = text.replace("\x00", "")
        return _CONTROLS.sub(" ", text) if _has_controls(text) else text
    if b"\x00" in raw:
        text = text.replace("\x00", "")
    return _CONTROLS.sub(" ", text) if raw.translate(None, _NOT_CONTROL_BYTES) else text


# codecs that decode each ASCII byte to itself and no other bytes to an ASCII character (an
# invalid byte becomes U+FFFD or a character of cp1252): the input holds the text's C0 controls
_ASCII_TRANSPARENT = frozenset({"utf-8", "utf-8-sig", MIXED, "cp1252", "iso8859-1"})


# every byte but the single-byte characters `_CONTROLS` matches (a UTF-8 multi-byte sequence has none)
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not _CONTROLS.match(chr(b)))


def _has_controls(text: str) -> bool:
    """`_CONTROLS.search(text) is not None`, from the UTF-8 bytes less all others (one table pass in C).

    The regex steps through the page at 2.3 ns a character: 0.11 -> 0.03 ms on a 50 KB page.
    """
    return bool(text.encode("utf-8", "surrogatepass").translate(None, _NOT_CONTROL_BYTES))


def _fix_surrogates(text: str) -> str:
    """Lone surrogates in a str: surrogate-escaped bytes are decoded, the rest become U+FFFD.

    `bytes.decode(errors="surrogateescape")` leaves \\udc80-\\udcff for bytes that were not
    UTF-8; re-encoding gives the original bytes back, which `to_text` then decodes properly.
    """
    if not _SURROGATE.search(text):
        return text
    try:
        raw = text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        raw = None
    if raw is not None:
        try:
            return to_text(raw)[0]
        except UnsupportedInput:
            pass
    # pairs written as two code points are joined, lone halves replaced
    return text.encode("utf-16-le", errors="surrogatepass").decode("utf-16-le", errors="replace")


def _cp1252_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as cp1252 (latin-1 where cp1252 has a hole)."""
    chunk = err.object[err.start:err.end]
    return "".join(_cp1252_char(b) for b in chunk), err.end


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_CP1252_FALLBACK = "stripper.cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _sniff(data: bytes, declared: str | None) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name + ("-sig" if name == "utf-8" else "")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    label = _normalise(declared) or _normalise(_meta_label(data))
    if label and label.startswith(_WIDE):
        label = None  # a UTF-16/32 label on bytes without its NUL pattern is wrong (WHATWG: read as UTF-8)
    if _is_utf8(data):
        # non-ASCII bytes that all form UTF-8 sequences are UTF-8 whatever the label says;
        # pure ASCII keeps its label (ISO-2022-JP is 7-bit)
        return label if label and data.isascii() else "utf-8"
    if label and label not in _SINGLE_BYTE and label != "utf-8":
        return label
    if label == "utf-8" or _mostly_utf8(data):
        return MIXED
    if label:
        return "cp1252" if label in _SINGLE_BYTE else label
    return _detect(data) if len(_HIGH_BYTE.findall(data[:DETECT_BYTES])) >= MIN_DETECT_HIGH_BYTES else "cp1252"


def _mostly_utf8(data: bytes) -> bool:
    """Invalid UTF-8, but most non-ASCII bytes form valid UTF-8 sequences: a mixed page."""
    head = data[: 16 * SNIFF_BYTES]
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(head))
    high = len(_HIGH_BYTE.findall(head))
    return in_sequences > 0 and in_sequences >= high - in_sequences


def _meta_label(data: bytes) -> str | None:
    head = data[:SNIFF_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", "ignore") if match else None


def _normalise(label: str | None) -> str | None:
    """Return Python's canonical codec name for a charset label, or None if unknown."""
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().lower())
    except (LookupError, ValueError):  # ValueError: a label with NUL in it
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None  # base64, rot13, zlib, idna, undefined...: never a page's charset
    return "utf-8" if info.name in ("utf-8", "utf_8") else info.name


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

    best = from_bytes(data[:DETECT_BYTES]).best()
    return (_normalise(best.encoding) if best is not None else None) or "cp1252"


def _refuse_binary(data: bytes) -> None:
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UnsupportedInput(f"input is a {kind}, not a web page or text")


def _refuse_control_junk(text: str) -> None:
    sample = text[:SNIFF_BYTES]
    if not sample:
        return
    controls = len(_JUNK_CONTROLS.findall(sample))  # one C scan, not a Python step a character
    if controls / len(sample) > MAX_CONTROL_SHARE:
        raise UnsupportedInput("input looks like binary data, not a web page or text")
