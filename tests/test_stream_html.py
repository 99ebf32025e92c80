"""Huge HTML is cut into blocks as it parses (`blocks.segment_html_stream`): same blocks, no whole tree."""
from __future__ import annotations

from pathlib import Path

import pytest

import stripper
from stripper import blocks
from stripper.config import with_thresholds

from conftest import shared_dir

ROOT = Path(__file__).resolve().parents[1]
OWN_PAGES = sorted((ROOT / "corpus" / "handmade-html").glob("*.html"))


def _shape(doc) -> tuple:
    return doc.title, [(b.text, b.tag, b.path, b.tokens, b.tags, b.link_chars, b.container, b.ancestors)
                       for b in doc.blocks]


def _same_blocks_both_ways(text: str, chunk: int, monkeypatch) -> None:
    monkeypatch.setattr(blocks, "STREAM_CHUNK_CHARS", chunk)
    streamed = blocks.segment_html_stream(text, url=None)
    assert streamed is not None
    assert _shape(streamed) == _shape(blocks.segment_html(blocks.parse_html(text), url=None))


@pytest.mark.parametrize("chunk", [1 << 16, 997, 31])
def test_streamed_blocks_equal_the_tree_walk_on_our_pages(chunk: int, monkeypatch) -> None:
    for path in OWN_PAGES:
        _same_blocks_both_ways(path.read_text(encoding="utf-8"), chunk, monkeypatch)


def test_streamed_blocks_equal_the_tree_walk_on_development_pages(monkeypatch) -> None:
    from stripper.decode import to_text
    pages = sorted((shared_dir() / "corpora").glob("*/*.html"))[::9]
    for path in pages:
        _same_blocks_both_ways(to_text(path.read_bytes())[0], 4093, monkeypatch)


@pytest.mark.parametrize("page, expected", [
    # the title's sources in order of preference, each read from parse events, not xpath
    ('<html><head><meta property="og:title" content=" OG  title "><title>T</title></head>'
     "<body><h1>H</h1><p>x</p></body></html>", "OG title"),
    ("<html><head><title> Plain\n title </title></head><body><h1>H</h1><p>x</p></body></html>", "Plain title"),
    ("<html><body><h1>Head <b>line</b> here</h1><p>x</p><h1>Second</h1></body></html>", "Head line here Second"),
    ("<html><body><h1>Outer <h1>inner</h1></h1><p>x</p></body></html>", None),  # compared with xpath below
    ("<html><body><svg><title>Icon</title></svg><p>x</p></body></html>", "Icon"),
    ("<html><body><p>no title at all</p></body></html>", None),
])
def test_streamed_title_equals_the_xpath_title(page: str, expected: str | None) -> None:
    streamed = blocks.segment_html_stream(page, url=None)
    from_tree = blocks.segment_html(blocks.parse_html(page), url=None)
    assert streamed.title == from_tree.title
    if expected is not None:
        assert streamed.title == expected


def test_pages_the_stream_cannot_do_fall_back_to_the_tree() -> None:
    frameset = "<html><head><title>F</title></head><frameset><frame src=a.html></frameset></html>"
    assert blocks.segment_html_stream(frameset, url=None) is None
    deep = "<html><body>" + "<div>" * 5000 + "deep text" + "</div>" * 5000 + "</body></html>"
    assert blocks.segment_html_stream(deep, url=None) is None
    assert "deep text" in stripper.strip(deep).text or stripper.strip(deep).blocks


@pytest.mark.parametrize("path", OWN_PAGES[:8], ids=lambda p: p.stem)
def test_strip_takes_the_stream_above_the_size_threshold_with_the_same_result(path: Path) -> None:
    streaming = with_thresholds(stripper.default_config(), stream_html_min_chars=0)
    data = path.read_bytes()
    assert stripper.strip(data, config=streaming).to_dict() == stripper.strip(data).to_dict()
