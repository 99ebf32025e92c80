"""Page-at-once fast paths give the answers of the per-block code they replaced.

The features of a page are measured for all its blocks at once (`features._page_measures`:
maps, `np.bincount`, one scan of the joined page text) instead of one `_measure` call per
block. `_measure` stays as the reference (and the path for hand-built blocks that hold a
newline); these tests hold the two side by side on edge cases, random text and real pages.
The other speed-ups of that session (text segmentation, the literal screen's fold, markup
columns and rule candidates, the model's decisions and forward pass, reports, decoding,
whitespace in HTML segmentation) each get their plain form here too.
"""
from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stripper import api, decode, features
from stripper.config import default_config
from stripper.model import Block, Document

from conftest import SHARED

REPO = Path(__file__).resolve().parents[1]
STOP = frozenset({"the", "and", "of", "der", "die", "και", "σας"})
TITLE = frozenset({"market", "σας", "istanbul"})

EDGE_BLOCKS = [
    "Done.", "Done.”", "He said “go!”’ and left. Then", "a. b", "句子。 二", "Wow！x", "…", "Ends with quote'",
    "12:30", "pm tomorrow", "12:30 pm", "Jan 5, 2013", "january 12 2013", "On 2013-01-05 at 5:30am.", "3.5 kg",
    "01/02/03", "1.2.2020x", "Σ ΟΔΟΣ ΚΑΙ ΟΔΟΣ.", "İstanbul İZMİR", "x² ³ ①② ٣ १२३", "ⅻ Ⅻ Kelvin \u212a",
    "Home | News » World · Sport • More › a/b - c - - d", " - ", "a -- b", "© 2013", "COPYRIGHT 2012 Foo",
    "Copyrİght", "by John", "By", "von Anna", "автор Иван", "BY THE WAY", "Ελληνικά κείμενα σας", "עברית",
    "中文字符", "ひらがな", "한국어", "tab\tand space", "ſtraße STRASSE", "x", "A B C D", "THE BIG HEADLINE HERE",
    "Market news: the market", "market", "1", "12", "Jan 5, 2013 - 12:30 pm | Reply",
]
block_text = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"),
        st.sampled_from(list("0123456789.:/-|»·•›©,!?…)”’ ") + ["am", "pm", "Jan", "dec", "by", "copyright", "Σ"]),
    ),
    min_size=1,
).map("".join)


def _per_block(texts: list[str], links: list[int], stop=STOP, title=TITLE) -> dict[str, np.ndarray]:
    """The reference: `_measure` block by block, as `_text_columns` used to build its columns."""
    repeats = Counter(texts)
    rows = [features._measure(t, k, stop, title, repeats) for t, k in zip(texts, links)]
    return {name: np.array(vals, dtype=float) for name, vals in zip(features._MEASURES, zip(*rows))}


def _page(texts: list[str], links: list[int], stop=STOP, title=TITLE) -> dict[str, np.ndarray]:
    assert features._joinable(texts)
    return features._page_measures(texts, links, features._PageWords.of(texts), stop, title)


def _assert_same(texts: list[str], links: list[int] | None = None, stop=STOP, title=TITLE) -> None:
    links = links if links is not None else [len(t) // 3 for t in texts]
    slow, fast = _per_block(texts, links, stop, title), _page(texts, links, stop, title)
    assert list(fast) == list(features._MEASURES)
    for name in features._MEASURES:
        assert np.array_equal(slow[name], fast[name]), (name, texts)


def test_page_measures_equal_per_block_measures_on_edge_cases():
    _assert_same(EDGE_BLOCKS)
    _assert_same(EDGE_BLOCKS, title=frozenset())
    for text in EDGE_BLOCKS:
        _assert_same([text])


@settings(max_examples=300, deadline=None)
@given(st.lists(block_text, min_size=1, max_size=12), st.booleans())
def test_page_measures_equal_per_block_measures_on_random_pages(texts: list[str], with_title: bool) -> None:
    _assert_same(texts, title=TITLE if with_title else frozenset())


@settings(max_examples=300, deadline=None)
@given(block_text)
def test_date_screen_and_separator_count_match_the_plain_regexes(text: str) -> None:
    digits = np.array([float(any(c.isdigit() for c in text))])
    assert bool(features._has_date([text], digits)[0]) == (features._DATE.search(text) is not None)
    assert features._separators_per_block([text], text, 1)[0] == len(features._SEPARATORS.findall(text))


def test_separators_pattern_is_its_two_parts():
    assert features._SEPARATORS.pattern == r"[|»·•›/]| - "


def test_language_sample_is_what_detect_language_reads():
    texts = ["The cat and the dog of the house is here and there, said the man.", "short one",
             "Der Hund und die Katze sind hier und dort, sagte der Mann und die Frau."] * 400
    words = features._PageWords.of(texts)
    lowered = [features._lower_words(features.TOKEN.findall(t)) for t in texts]
    long_words = [w for t, ws in zip(texts, lowered) if len(t) > 40 for w in ws][:features.LANGUAGE_SAMPLE_WORDS]
    assert words.language_sample(texts) == long_words


def test_shapes_of_short_blocks_joined_equal_one_by_one():
    texts = EDGE_BLOCKS + ["Reply", "Reply", "12 comments", "3 comments", "a long " * 20]
    n_words = np.array([len(features.TOKEN.findall(t)) for t in texts], dtype=float)
    shapes = [features._NUMBERS.sub("0", features._LETTERS.sub("a", t)) if w <= features.SHAPE_MAX_WORDS else None
              for t, w in zip(texts, n_words.tolist())]
    counts = Counter(shapes)
    expected = np.array([np.log(counts[s]) if s is not None else 0.0 for s in shapes])
    assert np.array_equal(features._shape_repeats(texts, n_words), expected)
    assert np.array_equal(features._shape_repeats(["a\nb", "a\nb", "c"], np.ones(3)), np.log([2.0, 2.0, 1.0]))


@pytest.mark.parametrize("values", [[0.0, 1.0, 12.0, -0.0, 3e20], [0.12345, 0.5, 2.0005, 1 / 3], [np.inf, 1.0],
                                    [np.nan, 1.0], [], [0.0, 1.0, 0.12345, -0.0, 0.0, 2.0005],
                                    [0.0, np.nan, 1.0, -np.inf, 0.5, 0.0, 0.0]])
def test_rounded_equals_round(values):
    got = features._rounded(np.array(values, dtype=float))
    assert [repr(v) for v in got] == [repr(round(v, 3)) for v in values]


def test_blocks_holding_a_newline_are_measured_block_by_block():
    blocks = tuple(Block(index=i, text=t) for i, t in enumerate(["two\nlines here.", "By Anna", "two\nlines here."]))
    doc = Document(url=None, mode="text", blocks=blocks, title="Two lines")
    assert not features._joinable([b.text for b in blocks])
    cols = features._text_columns(doc, STOP)
    slow = _per_block([b.text for b in blocks], [0, 0, 0], title=frozenset({"two", "lines"}))
    for name in features._MEASURES:
        assert np.array_equal(cols[name], slow[name]), name


def _corpus_pages(step: int) -> list[tuple[Path, str]]:
    pages = [(p, "html") for p in sorted((REPO / "corpus" / "handmade-html").glob("*.html"))]
    pages += [(p, "text") for p in sorted((REPO / "corpus" / "handmade-text").glob("*.txt"))
              if not p.name.endswith(".gold.txt")]
    if (SHARED / "corpora").is_dir():
        for name in ("dragnet", "l3s-gn1", "cleaneval"):
            pages += [(p, "html") for p in sorted((SHARED / "corpora" / name).glob("*.html"))[::step]]
            pages += [(p, "text") for p in sorted((SHARED / "corpora" / f"{name}-text").glob("*.txt"))
                      if not p.name.endswith(".gold.txt")][::step]
    return pages


def _segmented_corpus_pages(step: int, config) -> Iterator[tuple[Path, object, list[str]]]:
    """(path, segmented document, block texts) of every `step`-th corpus page with blocks."""
    for path, mode in _corpus_pages(step=step):
        doc = api.segment(decode.to_text(path.read_bytes())[0], url=None, mode=mode, config=config)
        texts = [b.text for b in doc.blocks]
        if texts:
            yield path, doc, texts


def test_page_measures_equal_per_block_measures_on_corpus_pages():
    config = default_config()
    for path, doc, texts in _segmented_corpus_pages(12, config):
        stop = config.stopwords["en"]
        title = frozenset(w.lower() for w in features.TOKEN.findall(doc.title or ""))
        links = [b.link_chars for b in doc.blocks]
        slow, fast = _per_block(texts, links, stop, title), _page(texts, links, stop, title)
        for name in features._MEASURES:
            assert np.array_equal(slow[name], fast[name]), (path, name)
        assert features._language_of(features._PageWords.of(texts).language_sample(texts), config.stopwords) \
            == features.detect_language(doc.blocks, config.stopwords), path


def test_pages_over_the_word_limit_get_the_same_matrix_block_by_block(monkeypatch):
    """A huge page is measured block by block (its words are not held at once): same figures."""
    config = default_config()
    pages = _corpus_pages(step=60)
    annotated = [api.annotate(api.segment(decode.to_text(path.read_bytes())[0], url=None, mode=mode, config=config),
                              config) for path, mode in pages]
    monkeypatch.setattr(features, "PAGE_WORDS_MAX_CHARS", 0)
    for (path, mode), fast in zip(pages, annotated):
        doc = api.segment(decode.to_text(path.read_bytes())[0], url=None, mode=mode, config=config)
        assert not features._small_enough([b.text for b in doc.blocks]) or not doc.blocks
        slow = api.annotate(doc, config)
        assert slow.lang == fast.lang, path
        assert np.array_equal(slow.matrix, fast.matrix), path


def _plain_shape_repeats(texts: list[str], n_words: np.ndarray) -> np.ndarray:
    """`features._shape_repeats` as first written: a shape (or None) and a log per block."""
    shapes = [features._NUMBERS.sub("0", features._LETTERS.sub("a", t)) if w <= features.SHAPE_MAX_WORDS else None
              for t, w in zip(texts, n_words.tolist())]
    counts = Counter(shapes)
    return np.array([math.log(counts[s]) if s is not None else 0.0 for s in shapes])


def test_shapes_and_rounding_equal_the_plain_forms_on_corpus_pages():
    """`_shape_repeats` (logs only for short blocks) and `_rounded` (`round` only for the
    fractional values) against their plain forms, on the columns of real pages."""
    config = default_config()
    for path, doc, texts in _segmented_corpus_pages(12, config):
        cols = features._text_columns(doc, config.stopwords["en"])
        assert cols["shape_repeats"].tobytes() == _plain_shape_repeats(texts, cols["words"]).tobytes(), path
        for name in ("link_density", "stopword_ratio", "mean_word_len", "chars"):
            got = features._rounded(cols[name])
            assert [repr(v) for v in got] == [repr(round(v, 3)) for v in cols[name].tolist()], (path, name)


def test_prefix_of_next_equals_the_plain_comprehension():
    plain = lambda texts: np.array([float(i + 1 < len(texts) and texts[i + 1].startswith(texts[i])
                                          and texts[i + 1] != texts[i]) for i in range(len(texts))])
    cases = [[], ["a"], ["a", "a"], ["a", "ab", "ab", "abc", "b", ""], ["", "x", ""], EDGE_BLOCKS]
    config = default_config()
    for path, mode in _corpus_pages(step=12):
        cases.append([b.text for b in api.segment(decode.to_text(path.read_bytes())[0], url=None, mode=mode,
                                                  config=config).blocks])
    for texts in cases:
        assert features._prefix_of_next(texts).tobytes() == plain(texts).tobytes(), texts[:3]


def test_date_parts_find_the_dates_of_the_whole_pattern():
    texts = EDGE_BLOCKS + ["Dec. 5, 2013", "Sept 30 2020", "Mayday 1, 2000", "5:30PM", "1999-12-31", "x5:30", "_1/2/33",
                           "\u017fep 5, 2013", "5:30\tAM", "5:30 amx", "٣:٤٥", "12/1/2019.", "2019-12-011"]
    for text in texts:
        for match in features._MONTH_DATE.finditer(text):
            assert features._DAY_YEAR.search(match.group()), text
        digits = np.array([float(any(c.isdigit() for c in text))])
        assert bool(features._has_date([text], digits)[0]) == (features._DATE.search(text) is not None), text


# --- rules: the literal screen's fold -------------------------------------------------------

def _plain_fold(text: str) -> str:
    from stripper.prefilter import _RE_CASE_EXTRAS
    return text.translate(_RE_CASE_EXTRAS).casefold()


def test_fold_skipping_the_translation_equals_translating_on_edge_cases():
    from stripper.prefilter import fold
    for text in EDGE_BLOCKS + ["İ", "ı", "Iİıi", "plain ascii", "ß ſ \u212a"]:
        assert fold(text) == _plain_fold(text), text


@settings(max_examples=300, deadline=None)
@given(block_text)
def test_fold_skipping_the_translation_equals_translating_on_random_text(text: str) -> None:
    from stripper.prefilter import fold
    assert fold(text) == _plain_fold(text)


# --- heuristics: the model's decisions, a page at once ----------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=0.0, max_value=1.0), max_size=20),
       st.sampled_from([0.5, 0.35, 0.125, 0.005, 0.995, 1 / 3]))
def test_model_decisions_equal_one_by_one(probs: list[float], cut: float) -> None:
    from stripper.heuristics import MODEL_KEY, _model_decisions
    from stripper.model import Decision

    def _model_decision(p: float, cut: float) -> Decision:
        """The plain form: one block's decision, its reason formatted whole."""
        label = "keep" if p >= cut else "drop"
        sign = ">=" if label == "keep" else "<"
        return Decision(label, "model", f"model p={p:.2f} {sign} {MODEL_KEY} {cut:.2f}", "model", round(p, 4))

    edge = [cut, cut - 1e-12, cut + 1e-12, 0.005, 0.015, 0.12345, 0.99995, 0.0, 1.0]
    for values in (probs, edge):
        assert _model_decisions(values, cut) == [_model_decision(p, cut) for p in values]


# --- text segmentation ---------------------------------------------------------------------

def test_split_and_join_knows_the_whitespace_the_regex_knows():
    from stripper.blocks import _WS
    everything = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    assert {c for c in everything if c.isspace()} == set("".join(_WS.findall("x".join(everything))))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \t\r\n\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2028\u2029\u3000\u200b"))))
def test_text_segmentation_equals_the_regex_per_line(text: str) -> None:
    from stripper.blocks import _WS, INVISIBLE, segment_text
    expected, gap = [], False
    for raw in text.splitlines():
        line = _WS.sub(" ", raw).strip()
        if not line.strip(INVISIBLE):  # a line of zero-width spaces is as empty as a blank one
            gap = True
            continue
        expected.append((line, gap and bool(expected)))
        gap = False
    assert [(b.text, b.gap_before) for b in segment_text(text, url=None).blocks] == expected


def test_summary_dicts_by_display_equal_dicts_by_zip():
    rng = np.random.default_rng(3)
    cols = {k: rng.random(7) for k in features.SUMMARY_KEYS}
    cols["chars"] = np.arange(7.0)
    expected = [dict(zip(features.SUMMARY_KEYS, row))
                for row in zip(*([round(v, 3) for v in cols[k].tolist()] for k in features.SUMMARY_KEYS))]
    got = features._summaries(cols, 7)
    assert got == expected and [list(d) for d in got] == [list(d) for d in expected]


def test_language_of_counting_only_stop_words_equals_counting_all():
    stopwords = default_config().stopwords
    index = features._languages_by_word(stopwords)
    for words in (["the", "and", "der", "und", "xyz"] * 30, ["le", "la", "de", "the"] * 10, ["zzz"] * 100, ["の", "に"]):
        scores = dict.fromkeys(stopwords, 0)
        for word, count in Counter(words).items():
            for lang in index.get(word, ()):
                scores[lang] += count
        lang, hits = max(scores.items(), key=lambda kv: kv[1])
        expected = lang if hits >= max(3, len(words) // 20) else features._script_language(" ".join(words[:500]))
        assert features._language_of(words, stopwords) == expected


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7])
@pytest.mark.parametrize("k", [-3, -2, -1, 0, 1, 2, 3])
def test_shift_into_a_matrix_column_gives_the_block_k_places_away(n: int, k: int) -> None:
    """`shift` is `_shift_into` a fresh column; both against the definition, one block at a time."""
    values = np.arange(1.0, n + 1)
    column = np.zeros((n, 3))[:, 1]  # a strided column, as in the feature matrix
    features._shift_into(column, values, k)
    expected = [values[i - k] if 0 <= i - k < n else 0.0 for i in range(n)]
    assert column.tolist() == expected
    assert features.shift(values, k).tolist() == expected


# --- the classifier's forward pass, in place ------------------------------------------------

def _plain_forward(model, matrix: np.ndarray) -> np.ndarray:
    """The expressions `Model._forward` computes in place."""
    standard = (matrix - model.mean) / model.scale
    total = np.zeros(len(matrix))
    for weights, biases in model.members:
        x = standard
        for w, b in zip(weights[:-1], biases[:-1]):
            x = np.maximum(x @ w + b, 0.0)
        z = x @ weights[-1] + biases[-1]
        total += 1.0 / (1.0 + np.exp(-np.clip(z.ravel(), -30, 30)))
    return total / len(model.members)


@pytest.mark.parametrize("mode", ["html", "text"])
def test_forward_in_place_equals_the_plain_expressions(mode: str) -> None:
    from stripper.classifier import _one_blas_thread, packaged_model
    model = packaged_model(mode)
    if model is None:
        pytest.skip("no packaged model")
    rng = np.random.default_rng(11)
    with _one_blas_thread():
        for n in (1, 2, 17, 137, 1000):
            matrix = rng.normal(size=(n, len(model.features))) * 3
            matrix[0, :] = 1e6  # saturated: the clip at +-30
            assert np.array_equal(model._forward(matrix), _plain_forward(model, matrix)), n
            smooth = rng.random((n, model.smoother.mean.shape[0]))
            assert np.array_equal(model.smoother._forward(smooth), _plain_forward(model.smoother, smooth)), n


# --- assemble: the per-block report ---------------------------------------------------------

def test_positional_report_equals_the_keyword_report():
    from dataclasses import asdict

    from stripper.assemble import _report
    from stripper.model import BlockReport, Decision

    old = Decision("keep", "model", "model p=0.90 >= x", "model", 0.9)
    for decision in (None, Decision("drop", "share.buttons-en", "share buttons", "rules"), old):
        for history in ((), (old,), (old, old)):
            block = Block(index=4, text="Share this", tag="p", path="body>p", decision=decision, history=history)
            d = block.decision
            expected = BlockReport(index=block.index, text=block.text, kept=block.kept,
                                   source=d.source if d else "none", reason=d.reason if d else "no decision",
                                   stage=d.stage if d else "default", score=d.score if d else None, tag=block.tag,
                                   path=block.path, history=tuple(asdict(h) for h in block.history))
            assert _report(block) == expected


# --- decode: the control-character count ----------------------------------------------------

def test_junk_control_pattern_is_the_characters_the_plain_test_counted():
    from stripper.decode import _JUNK_CONTROLS
    plain = {chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000
             if chr(i) < " " and chr(i) not in "\t\n\r\f\x00"}
    assert plain == set(_JUNK_CONTROLS.findall("".join(chr(i) for i in range(0x80))))
    assert not _JUNK_CONTROLS.search("".join(chr(i) for i in range(0x20, 0x3000)))


# --- rules: markup candidates by set intersection ---------------------------------------------

def _plain_markup_candidates(index, block) -> list:
    """The look-up per token and per tag that `rules._markup_candidates` replaced."""
    found = [index.by_id[m] for m in block.marks if m in index.by_id]
    for token in block.tokens:
        found.extend(index.by_token.get(token, ()))
    for tag in block.tags:
        found.extend(index.by_tag.get(tag, ()))
    found.extend(index.by_tag.get(block.tag, ()))
    return found


def test_markup_candidates_by_intersection_equal_the_look_ups_on_corpus_pages():
    from stripper import rules
    config = default_config()
    index = rules._index(config.rules, None, "html", "en")
    for path, mode in _corpus_pages(step=30):
        if mode != "html":
            continue
        doc = api.segment(decode.to_text(path.read_bytes())[0], url=None, mode=mode, config=config)
        for block in doc.blocks:
            got = rules._markup_candidates(index, block)
            expected = _plain_markup_candidates(index, block)
            assert sorted(r.id for r in got) == sorted(r.id for r in expected), path


def _plain_markup_columns(blocks) -> dict[str, np.ndarray]:
    """A row of markup columns per block, as `features._markup_columns` built them before."""
    names = [*features.TAG_GROUPS, *(f"in_{t}" for t in features.ANCESTOR_TAGS), "neg_tokens", "pos_tokens",
             "comment_tokens"]
    rows = [[float(b.tag in tags) for tags in features.TAG_GROUPS.values()]
            + [float(tag in b.tags) for tag in features.ANCESTOR_TAGS]
            + [float(len(b.tokens & features.NEGATIVE_TOKENS)), float(len(b.tokens & features.POSITIVE_TOKENS)),
               float(len(b.tokens & features.COMMENT_TOKENS))] for b in blocks]
    table = np.array(rows, dtype=float)
    return {name: table[:, j] for j, name in enumerate(names)}


def test_markup_columns_by_kind_equal_a_row_per_block_on_corpus_pages():
    config = default_config()
    for path, mode in _corpus_pages(step=30):
        if mode != "html":
            continue
        doc = api.segment(decode.to_text(path.read_bytes())[0], url=None, mode=mode, config=config)
        if not doc.blocks:
            continue
        cols: dict[str, np.ndarray] = {}
        features._markup_columns(doc.blocks, cols)
        expected = _plain_markup_columns(doc.blocks)
        assert list(cols) == list(expected)
        for name in expected:
            assert np.array_equal(cols[name], expected[name]), (path, name)


# --- HTML segmentation: whitespace left out, tree walks without the one-event delay ----------

# Blocks (text, tag, link_chars, container) as the walk before these changes cut them, from
# pages heavy in the whitespace that now never reaches `_flush` (around block tags, anchors,
# dropped elements, control-character entities, non-breaking and em spaces).
WHITESPACE_PAGES = [
    ("<body>\n  <div>\n    <p>  Hello <a href=x> big </a> world  </p>\n  </div>\n</body>",
     [("Hello big world", "p", 3, 2)]),
    ("<body><div> <a href=x>\n Home </a> <a href=y>News</a>\n</div><p>&#2; &#3;</p><p>\n<b> </b>\n</p></body>",
     [("Home News", "div", 8, 1)]),
    ("<body> lead text <div><span> </span><a href=x> </a>after</div> tail <p>x<br> <br>y</p></body>",
     [("lead text", "body", 0, 0), ("after", "div", 0, 1), ("tail", "body", 0, 0), ("x", "p", 0, 2),
      ("y", "p", 0, 2)]),
    ("<body><ul>\n<li> <a href=a>One</a> </li>\n<li>\n<a href=b> Two </a>\n</li></ul><script> x </script>"
     " after script </body>",
     [("One", "li", 3, 2), ("Two", "li", 3, 3), ("after script", "body", 0, 0)]),
    ("<body><table><tr><td> \u00a0 </td><td>\u2003cell\u2003</td></tr></table><p>\x0b\x0c text</p></body>",
     [("cell", "td", 0, 4), ("text", "p", 0, 5)]),
]


@pytest.mark.parametrize("page,expected", WHITESPACE_PAGES)
def test_blocks_around_whitespace_are_those_cut_before(page: str, expected: list) -> None:
    from stripper.blocks import parse_html, segment_html, segment_html_stream
    doc = segment_html(parse_html(page), url=None)
    assert [(b.text, b.tag, b.link_chars, b.container) for b in doc.blocks] == expected
    streamed = segment_html_stream(page, url=None)
    assert streamed is not None and streamed.blocks == doc.blocks


def test_one_behind_yields_every_event_in_order():
    from stripper.blocks import _one_behind
    assert list(_one_behind(iter([]))) == []
    assert list(_one_behind(iter([("start", 1)]))) == [("start", 1)]
    assert list(_one_behind(iter([("start", 1), ("end", 1), ("start", 2)]))) == [("start", 1), ("end", 1),
                                                                                ("start", 2)]


@settings(max_examples=300, deadline=None)
@given(st.lists(block_text, min_size=1, max_size=12))
def test_page_words_equal_the_regex_words(texts: list[str]) -> None:
    """`_PageWords.of` (one split of the page, word starts found by numpy) against `TOKEN.findall`."""
    per_block = [features.TOKEN.findall(t) for t in texts]
    words = features._PageWords.of(texts)
    assert [line.split() for line in features._word_lines(texts)] == per_block
    assert words.lowered == features._lower_words([w for ws in per_block for w in ws])
    assert words.counts.tolist() == [len(ws) for ws in per_block]
    assert words.owner.tolist() == [i for i, ws in enumerate(per_block) for _ in ws]
    assert words.word_chars.tolist() == [float(len("".join(ws))) for ws in per_block]
    assert words.capitals.tolist() == [float(w[0].isupper()) for ws in per_block for w in ws]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(block_text, st.text(alphabet="aZ09_ -.,:xy", min_size=1)), min_size=1, max_size=12))
def test_shapes_equal_the_plain_form_on_random_pages(texts: list[str]) -> None:
    """ASCII blocks shaped by numpy, the others by the regexes: the plain form's logs."""
    n_words = np.array([len(features.TOKEN.findall(t)) for t in texts], dtype=float)
    assert features._shape_repeats(texts, n_words).tobytes() == _plain_shape_repeats(texts, n_words).tobytes()


def test_stop_word_table_gives_language_of_and_stop_flags_on_corpus_pages():
    """Language and stop-word flags read off the table's ids: `_language_of` and the set look-ups."""
    config = default_config()
    table = features._stop_word_table(config.stopwords)
    for path, doc, texts in _segmented_corpus_pages(12, config):
        words = features._PageWords.of(texts)
        ids = table.ids(words.lowered)
        sample = words.language_sample(texts)
        lang = table.language(ids[words.language_sample_rows(texts)], lambda: sample)
        assert lang == features._language_of(sample, config.stopwords), path
        for code in {"en", "de", lang or "en"} & set(config.stopwords):  # Thai is told by script, no stop words
            stop = config.stopwords[code]
            assert table.flags(ids, code).tolist() == [float(w in stop) for w in words.lowered], (path, code)


SMALL_TABLES = {"en": frozenset({"the", "and", "die", "a"}), "de": frozenset({"der", "die", "und", "a"}),
                "nl": frozenset({"de", "en", "die"}), "ru": frozenset({"и", "в"})}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "and", "die", "a", "der", "und", "de", "en", "и", "в", "cat", "hund", "x"]),
                max_size=80))
def test_stop_word_table_language_equals_language_of_on_random_samples(words: list[str]) -> None:
    """Ties go to the table's first language, as `max` gives them; too few hits fall back to the script."""
    table = features._StopWordTable(SMALL_TABLES)
    assert table.language(table.ids(words), lambda: words) == features._language_of(words, SMALL_TABLES)
    for code, stop in SMALL_TABLES.items():
        assert table.flags(table.ids(words), code).tolist() == [float(w in stop) for w in words]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.0, -0.0, 1.0])),
                min_size=1, max_size=40),
       st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=4))
def test_window_means_from_one_cumsum_equal_window_mean(values: list[float], halves: list[int]) -> None:
    array = np.array(values)
    with np.errstate(invalid="ignore", over="ignore"):  # inf - inf: NaN either way
        for half, got in zip(halves, features.window_means(array, tuple(halves))):
            assert got.tobytes() == features.window_mean(array, half).tobytes()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(), st.sampled_from([0.0, -0.0, 1.0, 0.5, 1 / 3, 0.0005, -0.0004, 2.0005])),
                max_size=30))
def test_rounded_equals_round_also_when_remembered(values: list[float]) -> None:
    """Twice over: the second time the fractional values' roundings come from `_ROUNDED`."""
    array = np.array(values, dtype=float)
    for _ in range(2):
        assert [repr(v) for v in features._rounded(array)] == [repr(round(v, 3)) for v in values]
