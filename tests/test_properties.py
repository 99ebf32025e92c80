"""Properties that hold whatever the model decides, over arbitrary bytes, text and HTML trees.

- only `StripperError` subclasses escape `strip`;
- the output is a str without NUL; every block has a non-empty reason;
- stripper never invents text: output lines are blocks, in page order; in text mode the
  blocks are the input's lines; in HTML mode each block is a run of the page's visible text
  (lxml's parse, entities resolved, script/style and other dropped elements left out), so
  every output word occurs in the input;
- the same input gives the same result;
- stripping the output again (text mode) keeps a subset of its lines, in order. Not
  idempotence: the model sees a shorter page with other neighbours and may drop more.

Profiles: HYPOTHESIS_PROFILE=ci runs 2000 examples of each bytes/text property and 1000 of
each generated-HTML one (slow to generate); the default runs 100 (50 HTML), for a fast suite.
"""
from __future__ import annotations

import os
import re

import lxml.etree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stripper
from stripper import blocks, decode

settings.register_profile("default", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# CI (which sets CI=true) runs the full profile; a developer's run stays quick.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default"))


CI_MIN_EXAMPLES = 2000  # the robustness bar: every property at least this many examples in CI


def scaled(divisor: int) -> settings:
    """Fewer examples for the properties whose inputs are slow to generate (HTML trees) in a
    developer's quick run; the ci profile keeps its full count for every property."""
    full = settings.default.max_examples
    return settings(max_examples=full if full >= CI_MIN_EXAMPLES else max(20, full // divisor))

TOKEN = re.compile(r"\w+")


# --- strategies -----------------------------------------------------------------------------------

WORDS = ["the", "council", "voted", "library", "budget", "share", "Facebook", "subscribe", "cookies", "é", "ü",
         "שלום", "مرحبا", "漢字", "2024", "©", "&amp;", "&lt;", "&#233;", "&nbsp;", "&bogus;", ".", ",", "—"]
TAGS = ["div", "p", "span", "a", "li", "ul", "article", "section", "nav", "h2", "b", "td", "script", "style",
        "figcaption", "footer", "br", "pre"]
CLASSES = ["", "share", "article", "content", "nav", "related", "comments", "caption", "social-share"]

sentence = st.lists(st.sampled_from(WORDS), min_size=0, max_size=40).map(" ".join)
words_or_text = st.one_of(sentence, st.text(max_size=30))


def _element(children: st.SearchStrategy[list[str]]) -> st.SearchStrategy[str]:
    def render(tag: str, cls: str, kids: list[str], closed: bool) -> str:
        attr = f' class="{cls}"' if cls else ""
        return f"<{tag}{attr}>{''.join(kids)}" + (f"</{tag}>" if closed else "")
    return st.builds(render, st.sampled_from(TAGS), st.sampled_from(CLASSES), children,
                     st.booleans() | st.just(True))


html_fragment = st.recursive(words_or_text, lambda inner: _element(st.lists(inner, max_size=6)), max_leaves=60)
html_page = st.lists(html_fragment, min_size=1, max_size=8).map(
    lambda parts: "<html><head><title>t</title></head><body>" + "".join(parts) + "</body></html>")


# --- the checks -----------------------------------------------------------------------------------

def _visible_text(text: str) -> str:
    """What a reader sees of the page: lxml's parse, dropped elements left out, whitespace collapsed."""
    root = blocks.parse_html(text)
    if root is None:
        return ""
    body = root.find("body")
    pieces: list[str] = []
    hidden = 0  # depth inside a dropped element (script, style, comment...)
    for event, el in lxml.etree.iterwalk(body if body is not None else root, events=("start", "end")):
        dropped = not isinstance(el.tag, str) or el.tag in blocks.DROP_TAGS
        if event == "start":
            hidden += dropped
            if not hidden:
                pieces.append(el.text or "")
        else:
            hidden -= dropped
            if not hidden:
                pieces.append(el.tail or "")
    pieces.pop()  # the top element's own tail lies outside it
    # a control character (from an entity like &#2;) is not visible: a space, as blocks make it
    return " ".join(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", "".join(pieces)).split())


def _is_subsequence(items: list[str], of: list[str]) -> bool:
    it = iter(of)
    return all(any(x == y for y in it) for x in items)


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


def check_strip(data: bytes | str, **kwargs) -> stripper.Result | None:
    """Run every property on one input; None when stripper refused it with a documented error."""
    try:
        result = stripper.strip(data, **kwargs)
    except stripper.StripperError:
        return None
    assert isinstance(result.text, str) and "\x00" not in result.text
    assert all(b.reason.strip() for b in result.blocks)
    block_texts = [b.text for b in result.blocks]
    assert _is_subsequence(_lines(result.text), block_texts)
    assert all(b.text and b.text == " ".join(b.text.split()) for b in result.blocks)
    decoded, _ = decode.to_text(data)
    if result.mode == "text":
        input_lines = [" ".join(line.split()) for line in decoded.splitlines()]
        assert _is_subsequence(block_texts, [line for line in input_lines if line])
        reference = decoded
    else:
        reference = _visible_text(decoded)
        for block in block_texts:
            assert block in reference, (block, reference)
    for token in TOKEN.findall(result.text):  # implied by the above; kept as the plain statement
        assert token in reference, token
    assert stripper.strip(data, **kwargs).to_dict() == result.to_dict()
    again = stripper.strip(result.text, mode="text")
    assert _is_subsequence(_lines(again.text), _lines(result.text))
    return result


@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data: bytes) -> None:
    check_strip(data)


@given(st.binary(max_size=2000), st.sampled_from(["html", "text"]))
def test_arbitrary_bytes_in_each_mode(data: bytes, mode: str) -> None:
    check_strip(data, mode=mode)


@given(st.text(max_size=3000))
def test_arbitrary_text(text: str) -> None:
    check_strip(text)


@given(st.lists(st.one_of(sentence, st.text(max_size=60)), max_size=40).map("\n".join))
def test_flattened_text_keeps_input_lines_in_order(text: str) -> None:
    result = check_strip(text, mode="text")
    assert result is not None and result.mode == "text"


@scaled(2)
@given(html_page)
def test_generated_html_trees(page: str) -> None:
    result = check_strip(page)
    assert result is not None and result.mode == "html"


@scaled(2)
@given(html_page, st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-32-be"]))
def test_generated_html_trees_as_encoded_bytes(page: str, codec: str) -> None:
    data = page.encode(codec, errors="xmlcharrefreplace")
    check_strip(data)


@scaled(2)
@given(html_page, st.integers(0, 10_000), st.binary(min_size=1, max_size=8))
def test_generated_html_with_bytes_spliced_in(page: str, at: int, junk: bytes) -> None:
    data = page.encode("utf-8")
    at %= len(data)
    check_strip(data[:at] + junk + data[at:])


def test_visible_text_leaves_out_scripts_but_keeps_their_tails() -> None:
    assert _visible_text("<p>foo<script>var x;</script>bar &amp; baz</p>") == "foobar & baz"



@scaled(2)
@given(html_page, st.sampled_from([7, 64, 1 << 16]))
def test_streamed_segmentation_equals_the_tree_walk(page: str, chunk: int) -> None:
    """Huge pages take the pull-parser path: on any page it must cut the blocks of the tree path."""
    from stripper import blocks
    original = blocks.STREAM_CHUNK_CHARS
    blocks.STREAM_CHUNK_CHARS = chunk
    try:
        streamed = blocks.segment_html_stream(page, url=None)
    finally:
        blocks.STREAM_CHUNK_CHARS = original
    walked = blocks.segment_html(blocks.parse_html(page), url=None)
    assert streamed is not None
    assert streamed.title == walked.title
    assert [(b.text, b.tag, b.path, b.tokens, b.link_chars, b.container, b.ancestors) for b in streamed.blocks] == \
           [(b.text, b.tag, b.path, b.tokens, b.link_chars, b.container, b.ancestors) for b in walked.blocks]
