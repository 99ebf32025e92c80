"""The fast paths give the answers of the plain code they replaced.

Each speed-up in features, blocks and the classifier rests on an equivalence (reading a
sentence end from the end of the text instead of a regex search, counting digits without
a Python step per character, lower-casing words in one call, caching class tokens, one
BLAS thread). These tests hold the plain definitions next to the fast ones, on texts
built to hit the edge cases (closing quotes, Unicode digits, Greek final sigma, dotted
capital I) and on random text.
"""
from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stripper import features
from stripper.blocks import class_tokens, parse_html, segment_html
from stripper.classifier import _one_blas_thread
from stripper.model import Block, Decision, Document, with_blocks, with_decision, with_features

ENDS_SENTENCE_REGEX = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")  # what features.ends_a_sentence replaced

EDGE_TEXTS = [
    "", ".", "Done.", "Done.”", "Done.\")]", "Done.)x", "He said “go!”’", "No end", "Ends with quote'",
    "Question?»", "句子。", "Wow！", "…", "a. b", "Closer only )", "Mid. sentence )] here",
    "Σ ΟΔΟΣ ΚΑΙ ΟΔΟΣ.", "İstanbul İZMİR", "x² ³ ①②", "٣ أيام", "१२३ and 123", "ⅻ Ⅻ", "Kelvin \u212a",
    "tab\tand space", "ſtraße STRASSE",
]
block_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zl", "Zp"), blacklist_characters="\n\r"))


def _plain_digits(text: str) -> int:
    return sum(map(str.isdigit, text))


def test_sentence_end_from_the_end_matches_the_regex_on_edge_cases():
    for text in EDGE_TEXTS:
        assert features.ends_a_sentence(text) == bool(ENDS_SENTENCE_REGEX.search(text)), text


def test_digit_count_matches_isdigit_on_edge_cases():
    for text in EDGE_TEXTS:
        assert features._digits(text, text.isascii()) == _plain_digits(text), text


def test_lower_words_matches_lowering_each_word_on_edge_cases():
    for text in EDGE_TEXTS:
        words = features.TOKEN.findall(text)
        assert features._lower_words(words) == [w.lower() for w in words], text


@settings(max_examples=300, deadline=None)
@given(block_text)
def test_fast_text_measures_match_the_plain_definitions(text: str):
    words = features.TOKEN.findall(text)
    assert features.ends_a_sentence(text) == bool(ENDS_SENTENCE_REGEX.search(text))
    assert features._digits(text, text.isascii()) == _plain_digits(text)
    assert features._lower_words(words) == [w.lower() for w in words]


def test_language_detection_by_reverse_index_matches_counting_per_language():
    stopwords = {"en": frozenset({"the", "and", "of", "is"}), "de": frozenset({"der", "und", "die", "is"}),
                 "fr": frozenset({"le", "et", "de"})}
    texts = ["The cat and the dog of the house is here and there, said the man.",
             "Der Hund und die Katze sind hier und dort, sagte der Mann und die Frau.",
             "Le chat et le chien de la maison, et le reste de la famille est là."]
    for text in texts:
        blocks = tuple(Block(index=i, text=text) for i in range(3))
        words = [w.lower() for b in blocks if len(b.text) > 40 for w in features.TOKEN.findall(b.text)][:3000]
        scores = {lang: sum(1 for w in words if w in stop) for lang, stop in stopwords.items()}
        expected = max(scores.items(), key=lambda kv: kv[1])[0]
        assert features.detect_language(blocks, stopwords) == expected


def test_block_copies_equal_dataclasses_replace():
    block = Block(index=3, text="Some text", tag="p", path="body>p", tokens=frozenset({"a"}), tags=frozenset({"p"}),
                  marks=("m",), link_chars=2, container=7, ancestors=(1, 2), gap_before=True,
                  features={"chars": 9.0}, decision=Decision("keep", "x", "y", "rules"))
    decision = Decision("drop", "model", "model p=0.10", "model", 0.1)
    assert with_features(block, {"prose": 1.0}) == replace(block, features={"prose": 1.0})
    history = (block.decision,)
    assert with_decision(block, decision, history) == replace(block, decision=decision, history=history)
    doc = Document(url="u", mode="text", blocks=(), title="t", lang="de", encoding="utf-8", paragraph_gaps=True,
                   main_container=4, matrix="m")
    assert with_blocks(doc, (block,)) == replace(doc, blocks=(block,))


def test_cached_class_tokens_are_per_element_values():
    root = parse_html('<body><div class="Share-Tools x_y" id="Main">a</div><div class="share-tools">b</div>'
                      '<div>c</div></body>')
    first, second, third = root.iter("div")
    assert class_tokens(first) == {"share-tools", "share", "tools", "x_y", "x", "y", "main"}
    assert class_tokens(second) == {"share-tools", "share", "tools"}
    assert class_tokens(third) == frozenset()


def test_block_of_control_characters_alone_is_no_block():
    # the whitespace test runs before the control-character pass: a block of only &#2; must still vanish
    doc = segment_html(parse_html("<body><p>&#2;&#3; &#1;</p><p>Kept &#2;text</p><p> </p></body>"), url=None)
    assert [b.text for b in doc.blocks] == ["Kept text"]


def test_one_blas_thread_gives_the_same_products():
    rng = np.random.default_rng(7)
    a, b = rng.normal(size=(400, 101)), rng.normal(size=(101, 48))
    free = a @ b
    with _one_blas_thread():
        limited = a @ b
    assert np.array_equal(free, limited)


# --- the literal screen of text rules (stripper.prefilter) -------------------------------

def _text_rule_index(mode: str):
    from stripper import rules
    from stripper.config import default_config
    active = [r for r in default_config().rules.rules if mode in r.modes and r.regex is not None]
    return rules._build_index(active)


def _all_rule_hits(index, text: str) -> set[str]:
    """The plain definition the screen replaced: every text rule's regex, tried in turn."""
    return {r.id for r in index.text_rules
            if (r.max_chars is None or len(text) <= r.max_chars) and r.regex.search(text)}


def _corpus_lines() -> list[str]:
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    lines: set[str] = set(EDGE_TEXTS)
    for path in sorted((root / "corpus").rglob("*.txt")) + sorted((root / "seeds").glob("*.txt")):
        lines.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return sorted(lines)


def test_needs_of_reads_the_literals_every_match_holds():
    from stripper.prefilter import needs_of
    assert needs_of(re.compile(r"^(share|tweet)( this)?$", re.I)) == {"share", "tweet"}
    assert needs_of(re.compile(r"^[-\s]*(advertisement|ads?)\b.{0,3}$", re.I)) == {"ad"}
    assert needs_of(re.compile(r"^Photo: .{1,40}$")) == {"photo: "}
    assert needs_of(re.compile(r"^\d+ comments?$")) == {" comment"}
    assert needs_of(re.compile(r"^.{0,20}$")) is None  # nothing it must hold: always tried
    assert needs_of(re.compile(r"^(a|.*)b?$")) is None


def test_screened_rules_match_exactly_where_every_rule_is_tried():
    for mode in ("text", "html"):
        index = _text_rule_index(mode)
        from stripper.rules import _text_hits
        for text in _corpus_lines():
            assert {r.id for r in _text_hits(index, text)} == _all_rule_hits(index, text), (mode, text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["Share", "this", "Photo:", "©", "2024", "cookies", "We use", "İ", "ſ",
                                 "KELVIN", "\u212a", "ß", "Comments", "Reuters", " ", "/", "|", "x"]),
                max_size=8),
       block_text)
def test_screened_rules_match_exactly_on_random_text(words: list[str], tail: str) -> None:
    from stripper.rules import _text_hits
    text = (" ".join(words) + " " + tail).strip()
    index = _text_rule_index("text")
    assert {r.id for r in _text_hits(index, text)} == _all_rule_hits(index, text)


def test_fold_equates_whatever_ignorecase_equates_for_every_rule_literal():
    """The screen compares folded literals with folded text: each character that re's
    IGNORECASE matches to a literal's character must fold to the same string."""
    from stripper.config import default_config
    from stripper.prefilter import fold, needs_of
    chars = set()
    for rule in default_config().rules.rules:
        if rule.regex is not None:
            for literal in needs_of(rule.regex) or ():
                chars.update(literal)
    everything = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    for char in chars:
        for twin in set(re.findall(re.escape(char), everything, re.IGNORECASE)):
            assert fold(twin) == fold(char), (char, twin)


TITLE_PAGES = [
    "<title>a</title><html><body><meta property='og:title' content='x'></body></html><title>b</title>",
    "<html><head><title>t &amp; u</title></head><body><svg><title>s</title></svg><h1>h</h1></body></html>",
    "<p>x</p><title>late</title>", "<html><body><h1>only <b>h1</b> text</h1><h1>again</h1></body></html>",
    "<meta property='og:title'><title>  </title><h1> </h1>", "<html><head><title>Head</title></head></html>",
    "<html><body><meta property='og:title' content=''><meta property='og:title' content='Second'></body></html>",
]


def test_page_title_matches_the_xpaths_it_replaced():
    from stripper.blocks import _title

    def by_xpath(root):
        for xpath in ('//meta[@property="og:title"]/@content', "//title/text()", "//h1//text()"):
            found = root.xpath(xpath)
            text = " ".join(" ".join(str(t) for t in found[:20]).split()) if found else ""
            if text:
                return text
        return None

    for page in TITLE_PAGES:
        root = parse_html(page)
        assert _title(root) == by_xpath(root), page


@settings(max_examples=300)
@given(st.text())
def test_control_character_test_matches_the_regex(text: str) -> None:
    from stripper import decode
    assert decode._has_controls(text) == (decode._CONTROLS.search(text) is not None)


@settings(max_examples=300)
@given(st.binary(), st.sampled_from(["utf-8", "utf-8-sig", "utf-8+cp1252", "cp1252", "iso8859-1"]))
def test_cleaning_by_the_raw_bytes_matches_cleaning_the_text(data: bytes, encoding: str) -> None:
    """An ASCII-transparent codec's input holds the text's NULs and controls: `_clean` may search it."""
    from stripper import decode
    assert encoding in decode._ASCII_TRANSPARENT
    text = decode._decode(data, encoding)
    assert decode._clean(text, data) == decode._clean(text)


def test_control_character_test_on_every_single_character():
    from stripper import decode
    for code in range(0x110000):
        char = chr(code)
        assert decode._has_controls(char) == (decode._CONTROLS.search(char) is not None), code


def test_parse_without_the_id_table_builds_the_same_tree():
    import lxml.etree
    from pathlib import Path
    pages = sorted((Path(__file__).resolve().parents[1] / "corpus" / "handmade-html").glob("*.html"))
    for path in pages + [None]:
        text = path.read_text(encoding="utf-8") if path else '<p id="a">x</p><div id="a"><p id=b>y</div>'
        with_ids, without = parse_html(text), parse_html(text, ids=False)
        assert lxml.etree.tostring(with_ids) == lxml.etree.tostring(without), path
    assert parse_html('<p id="a">x</p>').xpath("id('a')")  # the default keeps id() working for XPath rules


def test_group_means_of_one_group_match_the_sorted_grouping():
    from stripper.smoothing import _group_mean
    rng = np.random.default_rng(5)
    for groups in (np.full(7, -1), np.array([4]), np.array([3, 3, 1, 3, 2]), np.full(300, 12)):
        p = rng.random(len(groups))
        _, inverse = np.unique(groups, return_inverse=True)
        counts = np.bincount(inverse).astype(float)
        plain = ((np.bincount(inverse, weights=p) / counts)[inverse], counts[inverse])
        for fast, slow in zip(_group_mean(p, groups), plain):
            assert np.array_equal(fast.view(np.int64), slow.view(np.int64))


@settings(max_examples=300)
@given(st.integers(min_value=100, max_value=560),
       st.sampled_from(["We use cookies to improve this site. Accept", "Copyright 2024 Foo. All rights reserved.",
                        "JavaScript is disabled in your browser.", "Posted by Anna at 10:30 am | 3 comments",
                        "A caption. Credit: Foo Bar/AFP", "Terms of Use | Privacy Policy | Contact Us"]),
       st.booleans())
def test_long_texts_screened_by_their_length_match_exactly(length: int, phrase: str, phrase_first: bool) -> None:
    """Texts past `LONG_TEXT_CHARS` get the screens of the rules that allow their length."""
    from stripper.rules import _text_hits
    filler = ("the cat sat on the mat and then it left " * 20)[:max(0, length - len(phrase) - 1)]
    text = f"{phrase} {filler}" if phrase_first else f"{filler} {phrase}"
    index = _text_rule_index("text")
    assert {r.id for r in _text_hits(index, text)} == _all_rule_hits(index, text)


@pytest.mark.parametrize("width", [1, 2, 3, 5, 8, 10, 13, 16])
def test_sliding_extremes_by_doubling_match_the_strided_ones(width: int) -> None:
    from numpy.lib.stride_tricks import sliding_window_view

    from stripper.smoothing import _sliding_extreme
    rng = np.random.default_rng(width)
    for n in (width, width + 1, 2 * width + 3, 160):
        values = rng.random(n)
        windows = sliding_window_view(values, width)
        assert np.array_equal(_sliding_extreme(values, width, np.maximum), windows.max(axis=1))
        assert np.array_equal(_sliding_extreme(values, width, np.minimum), windows.min(axis=1))
