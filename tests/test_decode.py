"""decode.to_text: which encoding wins, and what hostile bytes and strings turn into."""
from __future__ import annotations

import codecs

import pytest

from stripper import decode
from stripper.errors import UnsupportedInput

CAFE = "Le café “ouvert” à l'aube, naïve résumé — 10 €."


def page(head: str = "", body: str = CAFE) -> str:
    return f"<html><head>{head}</head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize("bom,codec", [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_bom_wins_over_meta_label(bom: bytes, codec: str) -> None:
    text, used = decode.to_text(bom + page('<meta charset="iso-8859-1">').encode(codec))
    assert CAFE in text and used.startswith(codec)


def test_utf8_with_non_ascii_wins_over_a_legacy_label() -> None:
    for label in ("iso-8859-1", "windows-1252", "windows-1255", "koi8-r", "shift_jis"):
        text, used = decode.to_text(page(f'<meta charset="{label}">').encode("utf-8"))
        assert (CAFE in text, used) == (True, "utf-8"), label


def test_legacy_label_decodes_legacy_bytes() -> None:
    body = "Привет, это статья о погоде."
    text, used = decode.to_text(page('<meta charset="koi8-r">', body).encode("koi8-r"))
    assert body in text and used == "koi8-r"


def test_ascii_bytes_keep_their_seven_bit_label() -> None:
    data = page('<meta charset="iso-2022-jp">', "日本語の記事").encode("iso-2022-jp")
    text, used = decode.to_text(data)
    assert "日本語の記事" in text and used == "iso2022_jp"


def test_caller_declared_charset_wins_over_meta() -> None:
    text, used = decode.to_text(page('<meta charset="utf-8">').encode("cp1252"), "windows-1252")
    assert CAFE in text and used == "cp1252"


def test_label_utf8_on_cp1252_bytes_reads_the_bytes_as_cp1252() -> None:
    text, used = decode.to_text(page('<meta charset="utf-8">').encode("cp1252"))
    assert CAFE in text and used == decode.MIXED


def test_mixed_page_decodes_each_part() -> None:
    data = page(body="Bücherei öffnet").encode("utf-8") + "<p>café “ouvert”</p>".encode("cp1252")
    text, used = decode.to_text(data)
    assert "Bücherei öffnet" in text and "café “ouvert”" in text and used == decode.MIXED


def test_cp1252_holes_fall_back_to_latin1() -> None:
    text, _ = decode.to_text("Bücherei ".encode("utf-8") + b"\x81\x8d")
    assert text.endswith("\x81\x8d")


@pytest.mark.parametrize("label", ["base64", "rot13", "hex", "zlib", "bz2", "uu", "quopri", "idna", "punycode",
                                   "undefined", "unicode_escape", "raw_unicode_escape", "utf-7", "utf-16",
                                   "utf-32-be", "no-such-thing", "utf\x00-8", "\u00e9"])
def test_labels_that_are_no_charset_are_ignored(label: str) -> None:
    text, used = decode.to_text(page().encode("utf-8"), label)
    assert CAFE in text and used == "utf-8"


def test_utf16_without_bom_is_found_from_nul_pattern() -> None:
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        text, used = decode.to_text(page().encode(codec))
        assert CAFE in text and used == codec


def test_short_non_utf8_without_label_is_cp1252_not_a_detection_guess() -> None:
    assert decode.to_text(b"caf\xe9 na\xefve") == ("café naïve", "cp1252")


def test_longer_text_without_label_is_detected() -> None:
    body = "Привет мир, это статья о погоде и новостях нашего города. " * 4
    text, used = decode.to_text(body.encode("cp1251"))
    assert text == body and used == "cp1251"


def test_nul_is_removed_and_controls_become_spaces() -> None:
    padding = b" plain words" * 20  # a few controls in real text; many would be refused as binary
    assert decode.to_text(b"a\x00b\x01c\x1bd\x7fe\tf\ng" + padding) == ("ab c d e\tf\ng" + padding.decode(), "utf-8")
    assert decode.to_text("a\x00b\x0bc") == ("ab c", "str")


def test_lone_surrogates_become_replacement_characters() -> None:
    assert decode.to_text("a\ud800b\udfffc") == ("a\ufffdb\ufffdc", "str")


def test_surrogate_pair_code_points_are_joined() -> None:
    assert decode.to_text("x\ud83d\ude00y") == ("x\U0001F600y", "str")


def test_surrogate_escapes_are_decoded_as_the_bytes_they_stand_for() -> None:
    escaped = CAFE.encode("cp1252").decode("utf-8", errors="surrogateescape")
    assert decode.to_text(escaped) == (CAFE, "str")


@pytest.mark.parametrize("data", [b"%PDF-1.4 x", b"\x89PNG\r\n\x1a\nxx", b"\xff\xd8\xff\xe0", b"\x1f\x8b\x08\x00",
                                  b"PK\x03\x04", b"GIF89a", b"\x7fELF\x02"])
def test_binary_formats_are_refused(data: bytes) -> None:
    with pytest.raises(UnsupportedInput):
        decode.to_text(data + bytes(100))


def test_text_with_many_control_characters_is_refused() -> None:
    with pytest.raises(UnsupportedInput):
        decode.to_text(bytes(range(1, 32)) * 10 + b"some text")


def test_empty_input() -> None:
    assert decode.to_text(b"") == ("", "empty")
    assert decode.to_text("") == ("", "str")
