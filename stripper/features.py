"""Measurements of each block, from its text, its markup and its neighbours. No thresholds.

`annotate` fills `Document.matrix` (one row a block, columns named by `FEATURES`) and gives
each block a small dict of the most telling figures so a decision can be explained.
The measurements are computed once per block in one pass; everything that depends on
neighbours (context windows, the prose span, the main container) is vectorised.
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from itertools import chain, compress, islice, repeat
from operator import is_not, itemgetter, ne, not_
from typing import Callable

import numpy as np

from .model import Block, Document, new_document, with_features


def _combining_marks() -> str:
    """The Basic Multilingual Plane's combining marks as a regex class body ("\\u0300-\\u036f...").

    Why: `\\w` holds letters but not the vowel signs of Devanagari, Bengali or Thai (Unicode
    categories Mn, Mc), so a Hindi word fell apart at each of them: a paragraph counted
    hundreds of one-letter "words" and scored as chrome or as prose at random (corpus/
    hi-news-01, th-news-01).
    """
    ranges: list[tuple[int, int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code)) in ("Mn", "Mc", "Me") and not chr(code).isalnum():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"\\u{a:04x}" + (f"-\\u{b:04x}" if b > a else "") for a, b in ranges)


_MARKS = _combining_marks()
TOKEN = re.compile(f"[\\w{_MARKS}]+")  # a word: letters, digits and the marks that join them
_SPACED_MARKS = ".!?…؟।॥۔။។"  # sentence marks a space or the end follows
_UNSPACED_MARKS = "。！？"  # Chinese and Japanese put no space after their full stop
_SENTENCE_MARKS = _SPACED_MARKS + _UNSPACED_MARKS
_CLOSERS = "\"'”’»)]」』）】》〉"  # closing quotes and brackets (Chinese and Japanese quotes close with 」 and 』)
# a sentence mark, closing quotes, then a space or the end (no space after an unspaced mark)
_SENTENCE_END = re.compile(f"[{re.escape(_SPACED_MARKS)}][{re.escape(_CLOSERS)}]*(?:\\s|$)"
                           f"|[{re.escape(_UNSPACED_MARKS)}][{re.escape(_CLOSERS)}]*")
_DATE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}"
    r"|\d{1,2}:\d{2}\s*(?:am|pm)?)\b", re.I)
# `_DATE` in two parts that `_has_date` searches for separately (a text holds a date when it
# holds either): its numeric forms, written to start with the digit (so that `re` skips to the
# next digit instead of trying the pattern at every position) and its leading `\b` as a
# look-behind (the digit is a word character, so `\b` before it means no word character before
# it); and the month form, which holds a day and a year (`_DAY_YEAR`).
_NUMERIC_DATE = re.compile(r"\d(?<!\w\d)(?:\d?[./-]\d{1,2}[./-]\d{2,4}|\d{3}-\d{2}-\d{2}|\d?:\d{2}\s*(?:am|pm)?)\b", re.I)
_MONTH_DATE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b", re.I)
_DAY_YEAR = re.compile(r"\d,? \d")
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|от|автор)\s+\w", re.I)
_SEPARATOR_CHAR_SET = "|»·•›/"
_SEPARATOR_CHARS = re.compile(f"[{_SEPARATOR_CHAR_SET}]")
_SEPARATOR_DASH = " - "
_SEPARATORS = re.compile(f"{_SEPARATOR_CHARS.pattern}|{_SEPARATOR_DASH}")
_NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0530-\u05ff\u0600-\u06ff\u0900-\u0dff\u0e00-\u0eff\u10a0-\u10ff\u1780-\u17ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")

HEADING = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TAG_GROUPS = {
    "tag_p": {"p"}, "tag_heading": HEADING, "tag_li": {"li"}, "tag_cell": {"td", "th"},
    "tag_div": {"div", "section", "article", "main", "body", "span", "font", "center"},
    "tag_pre": {"pre", "code"}, "tag_quote": {"blockquote"}, "tag_def": {"dd", "dt", "dl"},
    "tag_caption": {"figcaption", "caption"}, "tag_control": {"button", "label", "option", "legend", "form"},
    "tag_br": {"br"},
}
ANCESTOR_TAGS = ("nav", "footer", "header", "aside", "form", "figure", "article", "main", "table", "ul", "ol",
                 "blockquote", "li", "dl", "h1", "h2", "h3", "p")
NEGATIVE_TOKENS = frozenset("""
nav navbar navigation menu footer header sidebar side aside widget share sharing social sociable comment comments
related recommended promo promotion ad ads advert advertisement banner sponsor sponsored cookie consent newsletter
subscribe signup login breadcrumb breadcrumbs tags tag caption credit credits byline meta author popup modal
masthead toolbar pagination pager skip disqus outbrain taboola trending popular most teaser teasers rail
""".split())
COMMENT_TOKENS = frozenset("""
comment comments commentlist commentbody respond reply replies discussion disqus responses
""".split())
POSITIVE_TOKENS = frozenset("""
article articlebody article-body content main post entry story text body blog hentry storybody story-body
post-content entry-content article-content itemprop articletext
""".split())

TEXT_FEATURES = [
    "log_chars", "log_words", "mean_word_len", "stopword_rel", "ends_sentence", "ends_colon", "sentences",
    "comma_ratio", "digit_ratio", "upper_ratio", "separators", "has_copyright", "has_date", "is_byline",
    "script_shift", "repeats", "prefix_of_next", "extends_prev", "rel_index", "rel_chars_before",
    "prose", "in_span", "span_dist_before", "span_dist_after", "window_prose", "wide_window_prose",
    "prose_before", "prose_after", "nonprose_run", "title_overlap", "is_first", "title_like",
    "rel_to_longest", "length_rank", "page_prose", "stamp_like", "stamp_window", "shape_repeats",
]
HTML_FEATURES = ["link_density", *TAG_GROUPS, *(f"in_{t}" for t in ANCESTOR_TAGS),
                 "neg_tokens", "pos_tokens", "comment_tokens", "depth", "in_main", "main_share", "container_link_density",
                 "siblings", "before_main", "after_main"]
CONTEXT_OFFSETS = (-2, -1, 1, 2)
CONTEXT_BASE = ["log_chars", "prose", "stopword_rel", "ends_sentence", "upper_ratio"]
CONTEXT_HTML = ["link_density", "tag_heading", "tag_li"]
LANGUAGE_SAMPLE_WORDS = 3000  # language detection reads this many words of the longer blocks
LANGUAGE_BLOCK_MIN_CHARS = 40  # ... those longer than this


def feature_names(mode: str) -> list[str]:
    """Column names of the matrix for a mode, in order (a new list: the caller's to keep)."""
    return list(_feature_names(mode))


@functools.lru_cache(maxsize=4)
def _feature_names(mode: str) -> tuple[str, ...]:
    """`feature_names`, built once a mode: `annotate` reads them for every page."""
    base = TEXT_FEATURES + (HTML_FEATURES if mode == "html" else [])
    return tuple(base + [f"{name}@{off:+d}" for off in CONTEXT_OFFSETS for name in _context_names(mode)])


def _context_names(mode: str) -> list[str]:
    """The measures each block also gets of its neighbours (`name@-1`...)."""
    return CONTEXT_BASE + (CONTEXT_HTML if mode == "html" else [])


def detect_language(blocks: tuple[Block, ...], stopwords: dict[str, frozenset[str]]) -> str | None:
    """The language whose stop words are most frequent in the page's longer blocks.

    Only the blocks needed for the sample are tokenised (a lazy generator).
    """
    long_blocks = (_lower_words(TOKEN.findall(b.text)) for b in blocks if len(b.text) > LANGUAGE_BLOCK_MIN_CHARS)
    return _language_of(list(islice(chain.from_iterable(long_blocks), LANGUAGE_SAMPLE_WORDS)), stopwords)


def text_language(text: str, stopwords: dict[str, frozenset[str]]) -> str | None:
    """The language of a plain text (a gold copy), judged as `annotate` judges a page's."""
    return _language_of(_lower_words(TOKEN.findall(text)[:LANGUAGE_SAMPLE_WORDS]), stopwords)


def _language_of(words: list[str], stopwords: dict[str, frozenset[str]]) -> str | None:
    """The language whose stop words are most frequent among `words` (lower-cased), or by script."""
    if not words or not stopwords:
        return None
    scores = dict.fromkeys(stopwords, 0)
    languages_of = _languages_by_word(stopwords)
    # only stop words count: `filter` drops the others in C before they are counted, and
    # each distinct stop word is looked up once
    for word, count in Counter(filter(languages_of.__contains__, words)).items():
        for lang in languages_of[word]:
            scores[lang] += count
    lang, hits = max(scores.items(), key=lambda kv: kv[1])
    return _stop_word_or_script(lang, hits, len(words), lambda: " ".join(words[:500]))


PER_TABLE_CACHE_SIZE = 16  # stop-word tables whose derived forms are kept (one in practice)


def _per_table(cache: dict[int, tuple[dict, object]], stopwords: dict[str, frozenset[str]], build: Callable):
    """`build(stopwords)`, built once per stop-word table: the table is held beside it, so
    its id stays its own."""
    cached = cache.get(id(stopwords))
    if cached is not None and cached[0] is stopwords:
        return cached[1]
    built = build(stopwords)
    if len(cache) > PER_TABLE_CACHE_SIZE:
        cache.clear()
    cache[id(stopwords)] = (stopwords, built)
    return built


_reverse_index: dict[int, tuple[dict, object]] = {}


def _languages_by_word(stopwords: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    """Stop word -> the languages listing it; built once per stop-word table."""
    return _per_table(_reverse_index, stopwords, _build_languages_by_word)


def _build_languages_by_word(stopwords: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for lang, stop in stopwords.items():
        for word in stop:
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


class _StopWordTable:
    """A stop-word table (language -> words) as numbers: one look-up a word serves both the
    language detection and the stop-word flags of the page's language.

    Why: `_language_of` counted the sample's stop words (`filter`, a `Counter`, a loop over
    their languages), then `_page_measures` looked every word up again in the page language's
    set: 0.23 ms a page in text mode. Here each word is looked up once for its id, that of the
    set of languages listing it (0: none), and numpy reads a language's score (a `bincount`
    of the ids times `member`) and a language's flags (a column of `member`) off the ids:
    0.16 ms. Counts are integers, so the scores are exactly `_language_of`'s.
    """

    def __init__(self, stopwords: dict[str, frozenset[str]]) -> None:
        self.languages = tuple(stopwords)
        sets: dict[frozenset[str], int] = {}
        self.word_ids = {word: sets.setdefault(frozenset(langs), len(sets) + 1)
                         for word, langs in _languages_by_word(stopwords).items()}
        self.member = np.zeros((len(sets) + 1, len(self.languages)), dtype=np.int64)  # row 0: no language
        for langs, row in sets.items():
            self.member[row, [self.languages.index(lang) for lang in langs]] = 1

    def ids(self, words: list[str]) -> np.ndarray:
        """Each word's id (0 for a word no table lists).

        Ids below 256 (the shipped table has 192 sets of languages) are gathered as bytes,
        cheaper than `np.fromiter` a word (see `_flags`).
        """
        if len(self.member) <= 256:
            return np.frombuffer(bytes(map(self.word_ids.get, words, repeat(0))), dtype=np.uint8).astype(np.int64)
        return np.fromiter(map(self.word_ids.get, words, repeat(0)), dtype=np.int64, count=len(words))

    def language(self, sample_ids: np.ndarray, sample: Callable[[], list[str]]) -> str | None:
        """`_language_of(sample(), stopwords)`, from the ids of the sample's words."""
        if not len(sample_ids) or not self.languages:
            return None
        scores = np.bincount(sample_ids, minlength=len(self.member)) @ self.member
        best = int(np.argmax(scores))  # the first of equals, as `max` over the table's languages
        return _stop_word_or_script(self.languages[best], int(scores[best]), len(sample_ids),
                                    lambda: " ".join(sample()[:500]))

    def flags(self, ids: np.ndarray, lang: str) -> np.ndarray:
        """0.0/1.0 per word: whether `lang`'s stop words hold it (`lang` one of the table's)."""
        return self.member[ids, self.languages.index(lang)].astype(float)


_stop_tables: dict[int, tuple[dict, object]] = {}


def _stop_word_table(stopwords: dict[str, frozenset[str]]) -> _StopWordTable:
    """`_StopWordTable` of a stop-word table, built once."""
    return _per_table(_stop_tables, stopwords, _StopWordTable)


def _lower_words(words: list[str]) -> list[str]:
    """`[w.lower() for w in words]` in three C calls instead of one Python call a word.

    Exact: words hold no space and lower-casing never makes one; the only context-dependent
    mapping (Greek final sigma) looks no further than the word, since a space stops it.
    """
    return " ".join(words).lower().split(" ") if words else []


def _stop_word_or_script(lang: str, hits: int, words: int, sample: Callable[[], str]) -> str | None:
    """The stop-word winner `lang` (`hits` of the sample's `words`), unless the script says otherwise.

    Chinese and Japanese write no spaces, so a page's sample holds few "words" (whole clauses)
    and a footer's "All rights reserved" gave English its 3 hits (corpus/ ja-news-02: the
    whole article then scored as English prose without stop words, 0.00 to 0.14). Where stop
    words are under `LANGUAGE_SCRIPT_CHECK_SHARE` of the sample, a Chinese or Japanese script
    wins; pages in languages with spaces hit far more often and are never re-read.
    """
    if hits < max(3, words // 20):
        return _script_language(sample())
    if hits * LANGUAGE_SCRIPT_CHECK_SHARE < words:
        script = _script_language(sample())
        if script in ("ja", "zh"):
            return script
    return lang


LANGUAGE_SCRIPT_CHECK_SHARE = 5  # stop words under a fifth of the sample: read the script too (code in a Chinese post: 13 %)


def _script_language(text: str) -> str | None:
    """The language a text's script gives away, for pages whose words are not stop words.

    Kana first: Japanese is written in kana and kanji (Han), often more kanji than a quarter
    of the text, so the Han test alone took Japanese pages for Chinese. Chinese uses no kana;
    Japanese prose is a third or more kana.
    """
    if len(_KANA.findall(text)) > len(text) // KANA_SHARE_DIVISOR:
        return "ja"
    for lang, pattern in (("zh", r"[\u4e00-\u9fff]"), ("he", r"[\u0590-\u05ff]"),
                          ("ar", r"[\u0600-\u06ff]"), ("ru", r"[\u0400-\u04ff]"), ("th", r"[\u0e00-\u0e7f]"),
                          ("hi", r"[\u0900-\u097f]"), ("ko", r"[\uac00-\ud7af]")):
        if len(re.findall(pattern, text)) > len(text) // 4:
            return lang
    return None


_KANA = re.compile(r"[\u3040-\u30ff]")
KANA_SHARE_DIVISOR = 10  # more than a tenth of the characters kana: Japanese


def annotate(doc: Document, stopwords: dict[str, frozenset[str]], *, prose_min_words: int,
             prose_min_stopwords: float, max_link_density: float, span_penalty: float) -> Document:
    """Measure every block; return the document with its language, matrix and feature dicts."""
    if not doc.blocks:
        return replace(doc, matrix=np.zeros((0, len(feature_names(doc.mode)))))
    texts = [b.text for b in doc.blocks]
    words = _PageWords.of(texts) if _joinable(texts) and _small_enough(texts) else None
    stop_flags = None  # per word of `words`, when read off the stop-word table's ids
    if doc.lang:
        lang = doc.lang
    elif words is not None and stopwords:
        table = _stop_word_table(stopwords)
        ids = table.ids(words.lowered)
        lang = table.language(ids[words.language_sample_rows(texts)], lambda: words.language_sample(texts))
        if (lang or "en") in stopwords:
            stop_flags = table.flags(ids, lang or "en")
    else:  # no stop words (no language but by script), or a page too big for `_PageWords`
        lang = detect_language(doc.blocks, stopwords)
    stop = stopwords.get(lang or "en", frozenset())
    cols = _text_columns(doc, stop, words, stop_flags)
    _language_neutral_columns(cols, lang, texts, doc.mode)
    # prose: enough words, enough stop words for this page's language, few links, and shaped
    # as sentences (headlines are not)
    cols["prose"] = ((cols["words"] >= prose_min_words) & (cols["stopword_rel"] >= prose_min_stopwords)
                     & (cols["link_density"] <= max_link_density)
                     & ((cols["ends_sentence"] > 0) | (cols["sentences"] > 0))).astype(float)
    _span_columns(cols, span_penalty, lang)
    _page_columns(cols)
    _stamp_columns(cols)
    main = -1
    if doc.mode == "html":
        main = _html_columns(doc, cols)
    names = _feature_names(doc.mode)
    summaries = _summaries(cols, len(doc.blocks))
    matrix = _matrix(cols, names, doc.mode)
    blocks = tuple(map(with_features, doc.blocks, summaries))
    # `replace(doc, blocks=..., lang=..., matrix=..., main_container=...)` at a tenth of its cost
    return new_document(doc.url, doc.mode, blocks, doc.title, lang, doc.encoding, doc.paragraph_gaps, main, matrix)


SUMMARY_KEYS = ("chars", "words", "link_density", "stopword_ratio", "prose", "in_span")
UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th"})  # words are not separated by spaces
UNMARKED_SENTENCE_LANGUAGES = frozenset({"th"})  # sentences end with a space, not a mark
UNMARKED_SENTENCE_MIN_CHARS = 60  # ... so a line of this many characters in its script counts as ending one
UNMARKED_SENTENCE_MIN_SCRIPT_SHARE = 0.5  # ... ("in its script": at least this share of its characters)
CHARS_PER_UNSPACED_WORD = 2.0
_UNSPACED_CHAR = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")  # kana and CJK ideographs


def estimated_words(text: str) -> int:
    """Words split by spaces, or for Chinese and Japanese characters / `CHARS_PER_UNSPACED_WORD`:
    one text's count, as the `words` column estimates it for a page in those languages."""
    words = len(text.split())
    if text.isascii():
        return words
    return max(words, int(len(_UNSPACED_CHAR.findall(text)) / CHARS_PER_UNSPACED_WORD))
# how many Latin characters a character of a dense script says as much as (Chinese, Japanese: a
# word every two characters; a Hangul syllable block holds two or three letters' worth). With
# Korean words counted double (`LATIN_WORDS_PER_WORD`), Korean characters at 2 took the Korean
# corpus/ text pages from 0.933 to 0.943 (1.5: 0.936), HTML unchanged.
LATIN_CHARS_PER_CHAR = {"zh": 2.0, "ja": 2.0, "th": 2.0, "ko": 2.0}
# how many English words a word of a language whose words carry their particles counts as: a
# Korean sentence of 9 words says what 15 to 18 English ones do, and the prose test
# (`min_prose_words`) read every line of a Naver blog post as chrome. On the Korean corpus/
# pages (session 21; 10 HTML, 12 text): HTML F1 0.932 -> 0.965, text 0.908 -> 0.933 (1.5 and
# 1.75 did less well; one text page, ko-blog-03, 0.97 -> 0.92).
LATIN_WORDS_PER_WORD = {"ko": 2.0}
WIDE_COMMAS = "、，،"  # the ideographic, fullwidth and Arabic commas ...
WIDE_COMMA_LANGUAGES = frozenset({"zh", "ja", "ar", "fa", "ur"})  # ... counted on pages in these languages


def _wide_commas(texts: list[str]) -> np.ndarray:
    """How many `WIDE_COMMAS` each text holds (ASCII texts hold none and are not read)."""
    out = np.zeros(len(texts))
    for i, text in enumerate(texts):
        if not text.isascii():
            out[i] = sum(map(text.count, WIDE_COMMAS))
    return out


MIN_STOPWORD_SIGNAL = 0.02  # below this page-wide stop-word share the stop words say nothing


def latin_equivalent(chars: np.ndarray, non_latin_ratio: np.ndarray, lang: str | None) -> np.ndarray:
    """Characters as Latin ones: a block's characters of its page's dense script (Chinese,
    Japanese, Thai, Korean) count `LATIN_CHARS_PER_CHAR` times. The model learnt lengths on English pages,
    where a paragraph of 60 words has some 360 characters; a Japanese one has 120 to 200.
    On the Chinese, Japanese and Thai corpus/ pages (session 21; 22 HTML, 26 text): HTML F1 0.914 -> 0.929,
    text 0.799 -> 0.853, line F1 0.779 -> 0.845 (weights 1.5, 2.5, 3 and 4 did less well)."""
    weight = LATIN_CHARS_PER_CHAR.get(lang or "", 1.0)
    return chars + (weight - 1.0) * chars * non_latin_ratio if weight != 1.0 else chars


def _language_neutral_columns(cols: dict[str, np.ndarray], lang: str | None, texts: list[str], mode: str) -> None:
    """Measures made comparable across languages and scripts.

    Stop-word lists differ in length, so a block's stop-word share is read against the
    page's own (`stopword_rel`). A line in another script than the page's is suspicious
    (a Hebrew headline under an English article), not non-Latin script as such, so the
    feature is the distance from the page's script mix (`script_shift`). In Chinese or
    Japanese a \\w+ run is a whole phrase, so words are estimated from characters, and the
    commas are read per estimated word. Chinese, Japanese and Arabic-script commas
    (`WIDE_COMMAS`) count as commas. In HTML the mean word length is read per estimated word
    too, its characters as Latin ones (`latin_equivalent`): a Japanese paragraph with three "、"
    had a comma ratio of 0 and a mean word length of 20, as no English paragraph has (blind
    ja-news-11: HTML F1 0.75 -> 0.93). On the corpus/ pages (session 22): HTML F1 0.9625 ->
    0.9648 (Thai, Japanese and Chinese pages: 10 up, 3 down), text 0.9383 -> 0.9387; the
    word length read so in text cost 0.0008 (zh-news-06 text 0.93 -> 0.65).
    Nor do stop words speak in those languages: a \\w+ run there is a phrase, which a stop word
    matches only when it stands alone between two marks, so most Chinese paragraphs scored 0 and
    failed the prose test while a few scored 7 times the page's share. Their `stopword_rel` is 1, as
    for a language without a list (session 23, text: zh-blog-05 0.50 -> 0.70, zh-blog-06 0.87 ->
    0.89, zh-tech-01 0.25 -> 0.18; HTML zh-news-06 0.95 -> 1.00; blind zh-news-14 text 0.75 -> 0.87).
    """
    words, chars = cols["words"], cols["chars"]
    if lang in WIDE_COMMA_LANGUAGES:
        cols["comma_ratio"] = cols["comma_ratio"] + _wide_commas(texts) / np.maximum(words, 1.0)
    if lang in UNSPACED_LANGUAGES:
        cols["words"] = np.maximum(words, chars * cols["non_latin_ratio"] / CHARS_PER_UNSPACED_WORD)
        cols["log_words"] = np.log1p(cols["words"])
        per_word = np.maximum(words, 1.0) / np.maximum(cols["words"], 1.0)
        cols["comma_ratio"] = cols["comma_ratio"] * per_word
        if mode == "html":
            as_latin = latin_equivalent(chars, cols["non_latin_ratio"], lang) / np.maximum(chars, 1.0)
            cols["mean_word_len"] = cols["mean_word_len"] * per_word * as_latin
    if lang in LATIN_CHARS_PER_CHAR:
        cols["log_chars"] = np.log1p(latin_equivalent(chars, cols["non_latin_ratio"], lang))
    if lang in LATIN_WORDS_PER_WORD:
        cols["words"] = words * LATIN_WORDS_PER_WORD[lang]
        cols["log_words"] = np.log1p(cols["words"])
    if lang in UNMARKED_SENTENCE_LANGUAGES:
        # Thai ends a sentence with a space, not a mark: a long line of the page's script is read as one
        long_line = (chars >= UNMARKED_SENTENCE_MIN_CHARS) & (cols["non_latin_ratio"] >= UNMARKED_SENTENCE_MIN_SCRIPT_SHARE)
        cols["ends_sentence"] = np.maximum(cols["ends_sentence"], long_line.astype(float))
    page_share = float((cols["stopword_ratio"] * words).sum() / max(1.0, words.sum()))
    if page_share < MIN_STOPWORD_SIGNAL or lang in UNSPACED_LANGUAGES:
        cols["stopword_rel"] = np.ones(len(words))
    else:
        cols["stopword_rel"] = cols["stopword_ratio"] / page_share
    page_script = float((cols["non_latin_ratio"] * chars).sum() / max(1.0, chars.sum()))
    cols["script_shift"] = np.abs(cols["non_latin_ratio"] - page_script)


def _summaries(cols: dict[str, np.ndarray], n: int) -> list[dict[str, float]]:
    """Each block's most telling figures, rounded, for explanations and the later stages."""
    keys = [k for k in SUMMARY_KEYS if k in cols]
    rounded = [_rounded(cols[k]) for k in keys]
    if tuple(keys) == SUMMARY_KEYS:  # always, from `annotate`: a dict display is 3x `dict(zip(...))`
        return [{"chars": c, "words": w, "link_density": ld, "stopword_ratio": sr, "prose": p, "in_span": s}
                for c, w, ld, sr, p, s in zip(*rounded)]
    return [dict(zip(keys, row)) for row in zip(*rounded)] if keys else [{} for _ in range(n)]


def _rounded(values: np.ndarray) -> list[float]:
    """`[round(v, 3) for v in values]` as Python floats.

    Whole numbers (chars, words, the 0/1 flags) round to themselves, so those values skip
    `round` (a correctly rounded decimal conversion, 0.25 µs a value). The others are mostly
    small fractions (a stop-word share k/n, a link density), met again and again: their
    rounding is remembered by value (`_ROUNDED`: 94 % of them are found there in a run over
    the 300 bench pages; `_rounded` 0.070 -> 0.043 ms a page in text mode).
    """
    as_floats = values.tolist()  # Python floats, fast
    fractional = (values != np.trunc(values)).nonzero()[0].tolist()  # NaN too: it differs from itself
    # Only the fractional values need `round`: most link densities (and short blocks' stop-word
    # shares) are 0 or 1, and `round(v, 3)` of a whole v is v. With a `nonzero` of them
    # in place of `np.array_equal`'s checks, `_summaries` went from 0.145 to 0.105 ms/page (HTML).
    known = map(_ROUNDED.get, map(as_floats.__getitem__, fractional))  # None: not met yet (or NaN)
    for i, value in zip(fractional, known):
        as_floats[i] = value if value is not None else _round_and_remember(as_floats[i])
    return as_floats


ROUNDED_CACHE_VALUES = 65536
# value -> round(value, 3), for fractional values only: 0.0 and -0.0, equal as keys, are whole
_ROUNDED: dict[float, float] = {}


def _round_and_remember(value: float) -> float:
    if len(_ROUNDED) >= ROUNDED_CACHE_VALUES:
        _ROUNDED.clear()
    shown = _ROUNDED[value] = round(value, 3)
    return shown


def _text_columns(doc: Document, stop: frozenset[str], words: "_PageWords | None" = None,
                  stop_flags: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The per-block text measures (`_MEASURES`) and the columns read off them.

    With `words` (the page's words, see `_PageWords`) the measures are taken for the whole
    page at once (`_page_measures`, given `stop_flags` if known); else block by block
    (`_measure`, the reference).
    """
    texts = [b.text for b in doc.blocks]
    title = frozenset(w.lower() for w in TOKEN.findall(doc.title or ""))
    if words is not None:
        cols = _page_measures(texts, [b.link_chars for b in doc.blocks], words, stop, title, stop_flags)
    else:
        repeats = Counter(texts)
        rows = [_measure(b.text, b.link_chars, stop, title, repeats) for b in doc.blocks]
        cols = {name: np.array(vals, dtype=float) for name, vals in zip(_MEASURES, zip(*rows))}
    n = len(texts)
    cols["prefix_of_next"] = _prefix_of_next(texts)
    cols["extends_prev"] = shift(cols["prefix_of_next"], 1)
    cols["rel_index"] = np.arange(n) / max(1, n - 1)
    chars = cols["chars"]
    cols["rel_chars_before"] = (chars.cumsum() - chars) / max(1.0, chars.sum())
    cols["log_chars"] = np.log1p(chars)
    cols["log_words"] = np.log1p(cols["words"])
    cols["is_first"] = (np.arange(n) == 0).astype(float)
    cols["shape_repeats"] = _shape_repeats(texts, cols["words"])
    return cols


def _prefix_of_next(texts: list[str]) -> np.ndarray:
    """1.0 where the next block starts with this one's text and is longer (a teaser and its story).

    Each pair compared by C-level maps (`str.startswith`, `operator.ne`) instead of a Python
    step a block: the plain comprehension is in tests/test_speed_page_equivalence.py.
    """
    out = np.zeros(len(texts))
    if len(texts) > 1:
        current, following = texts[:-1], texts[1:]
        m = len(current)
        out[:-1] = (np.fromiter(map(str.startswith, following, current), dtype=bool, count=m)
                    & np.fromiter(map(ne, following, current), dtype=bool, count=m))
    return out


_MEASURES = ("chars", "words", "mean_word_len", "stopword_ratio", "ends_sentence", "ends_colon", "sentences",
             "comma_ratio", "digit_ratio", "upper_ratio", "separators", "has_copyright", "has_date", "is_byline",
             "non_latin_ratio", "repeats", "link_density", "title_like", "title_overlap")
_ASCII_DIGITS = "0123456789"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _measure(text: str, link_chars: int, stop: frozenset[str], title: frozenset[str],
             repeats: Counter) -> tuple[float, ...]:
    """One block's text measurements, in the order of `_MEASURES`.

    Words are tokenised here and not kept: a huge page's word lists would outweigh all else.
    ASCII text (most blocks; `str.isascii` is free) skips the passes that only non-ASCII
    characters can change: non-Latin letters and the Unicode digits beyond 0-9.
    `title_overlap` is the share of the block's words found in the page title: headlines
    repeat the title.
    """
    words = TOKEN.findall(text)
    lowered = _lower_words(words)
    n_words = len(words) or 1
    n_chars = len(text)
    upper = sum([w[0].isupper() for w in words])
    upper_ratio = upper / n_words
    ends_sentence = ends_a_sentence(text)
    ascii_only = text.isascii()
    digits = _digits(text, ascii_only)
    return (
        n_chars,
        len(words),
        sum(map(len, words)) / n_words,
        sum(map(stop.__contains__, lowered)) / n_words,
        float(ends_sentence),
        float(text.endswith(":")),
        len(_SENTENCE_END.findall(text)),
        text.count(",") / n_words,
        digits / n_chars,
        upper_ratio,
        len(_SEPARATORS.findall(text)),
        float("©" in text or "copyright" in text.lower()),
        float(digits > 0 and _DATE.search(text) is not None),  # every date form holds a digit
        float(bool(_BYLINE.match(text))),
        0 if ascii_only else len(_NON_LATIN.findall(text)) / n_chars,
        math.log(repeats[text]),
        link_chars / n_chars,
        float(upper_ratio > 0.6 and len(words) >= 3 and not ends_sentence),
        sum(map(title.__contains__, lowered)) / len(words) if words and title else 0.0,
    )


def ends_a_sentence(text: str) -> bool:
    """Whether the text ends with sentence punctuation, maybe followed by closing quotes or brackets.

    Read from the end; the regex this replaced (sentence mark, closers, end of text) was
    searched from every position of the block. Same answer on block text, which holds no
    newline (`$` also matches before one); tests/test_speed_equivalence.py holds both.
    """
    rest = text.rstrip(_CLOSERS)
    return bool(rest) and rest[-1] in _SENTENCE_MARKS


def _digits(text: str, ascii_only: bool) -> int:
    """How many characters of `text` are digits (`str.isdigit`), without a Python step per character."""
    count = sum(map(text.count, _ASCII_DIGITS))
    if not ascii_only:  # superscripts, other scripts' digits: look only at the non-ASCII characters
        count += sum(map(str.isdigit, _NON_ASCII.findall(text)))
    return count


BLOCK_SEPARATOR = "\n"  # joins block texts into one page text; no block text holds it


def _joinable(texts: list[str]) -> bool:
    """Whether the page measures apply: every block has text and none holds the separator.

    Segmentation guarantees both (lines are split on newlines, HTML text on all whitespace);
    a hand-built document that breaks them is measured block by block.
    """
    return all(texts) and BLOCK_SEPARATOR not in "".join(texts)  # one scan, not a Python step a block


PAGE_WORDS_MAX_CHARS = 1_000_000  # text of the blocks above which a page is measured block by block


def _small_enough(texts: list[str]) -> bool:
    """Whether the page's words may be held all at once (`_PageWords`).

    A 20 MB page holds millions of words: as lists of strings they took 80 MB more peak
    memory than measuring block by block, which tokenises a block, measures it and lets
    its words go. Same figures either way (tests/test_speed_page_equivalence.py).
    """
    return sum(map(len, texts)) <= PAGE_WORDS_MAX_CHARS


# UTF-8 bytes of the ASCII characters that are not `\w` (all but letters, digits and "_") as
# spaces; the block separator and every byte of a non-ASCII character (>= 0x80) stay.
_NON_WORD_ASCII_TO_SPACE = bytes(32 if c < 128 and chr(c) != BLOCK_SEPARATOR and not TOKEN.fullmatch(chr(c)) else c
                                 for c in range(256))


def _word_lines(texts: list[str], utf8: bytes | None = None) -> list[str]:
    """Each text's words (`TOKEN`) with spaces between them: `" ".join(TOKEN.findall(t))`, spaces aside.

    `utf8`, when given, is `_page_utf8(texts)`.

    Why: the regex cost 0.3 ms a page. The page's ASCII non-word characters become spaces
    in one `bytes.translate` (`_NON_WORD_ASCII_TO_SPACE`; no `\\w` run changes), so an ASCII
    block (9 in 10) is left with its words and runs of spaces; in the others a regex turns
    the non-ASCII non-word characters (’ “ — …) into spaces too, a third cheaper than
    `TOKEN.findall` and a join. A line holds nothing but word characters and spaces.
    """
    if utf8 is None:
        utf8 = _page_utf8(BLOCK_SEPARATOR.join(texts))
    spaced = utf8.translate(_NON_WORD_ASCII_TO_SPACE).decode("utf-8", "surrogatepass")
    lines = spaced.split(BLOCK_SEPARATOR)
    if len(lines) != len(texts):  # not `_joinable`: the regex, text by text
        return [" ".join(TOKEN.findall(t)) for t in texts]
    if not spaced.isascii():  # `str.isascii` is free
        for i in [i for i, ascii_only in enumerate(map(str.isascii, lines)) if not ascii_only]:
            lines[i] = _NON_ASCII_NON_WORD.sub(" ", lines[i])
    return lines


_NON_ASCII_NON_WORD = re.compile(f"[^\\w{_MARKS}\\x00-\\x7f]+")  # what the translation left of the non-word characters


def _page_utf8(joined: str) -> bytes:
    """The UTF-8 of the page's text (lone surrogates kept), which the page measures read as bytes."""
    return joined.encode("utf-8", "surrogatepass")


@dataclass(frozen=True, slots=True)
class _PageWords:
    """The page's words (`TOKEN`), lower-cased and flat in block order, and which block each belongs to.

    Why: per-word measures (length, stop word, capital, title word) become a few C-level
    `map`s over the page and one `np.bincount` per measure, instead of a Python call and
    half a dozen `sum`s per block.
    """

    lowered: list[str]
    counts: np.ndarray  # words per block
    owner: np.ndarray  # block index of each word
    word_chars: np.ndarray  # characters in each block's words: `len("".join(words))`, their first
    # UTF-8 bytes (above 32, and no continuation byte of a non-ASCII character)
    capitals: np.ndarray  # 0.0/1.0 per word: whether its first character `str.isupper`
    # Made once here and shared by the page measures (`_page_measures`), which joined, encoded
    # or lower-cased the page again for each measure (a join, three encodings and a `lower` of
    # the page): annotate 14.37M -> 13.46M instructions a page in HTML, 14.20M -> 13.23M in
    # text (callgrind, 30 bench pages)
    text: str  # the texts joined by BLOCK_SEPARATOR
    utf8: bytes  # its UTF-8 (`_page_utf8`)
    lowered_lines: str  # the words of each text, lower-cased, with spaces between them, the lines joined

    @classmethod
    def of(cls, texts: list[str]) -> "_PageWords":
        """The words of `texts`, read off `_word_lines` joined into one page text.

        Why: splitting the page's text once (`str.split`, for the lower-cased words) and
        finding the words' first bytes with numpy in its UTF-8 (for counts, owners and
        capitals) costs less than splitting each block into a list of its words (with the
        capitals, 0.58 -> 0.34 ms a page in text mode).
        """
        text = BLOCK_SEPARATOR.join(texts)
        utf8 = _page_utf8(text)
        lines = _word_lines(texts, utf8)
        n = len(lines)
        page = BLOCK_SEPARATOR.join(lines)
        codes = np.frombuffer(page.encode("utf-8", "surrogatepass"), dtype=np.uint8)
        # only spaces and the separator are bytes <= 32 in `page`; a word starts at a byte
        # above 32 after one of those (the bytes of a non-ASCII character are all >= 0x80)
        in_word = np.concatenate(([False], codes > 32))
        word_start = in_word[1:] & ~in_word[:-1]
        starts = word_start.nonzero()[0]
        line_starts = np.concatenate(([0], (codes == ord(BLOCK_SEPARATOR)).nonzero()[0] + 1))
        counts = _per_line_sums(word_start, line_starts)
        firsts = in_word[1:] if codes.max(initial=0) < 0x80 else in_word[1:] & ((codes & 0xC0) != 0x80)
        lowered_lines = page.lower()
        return cls(lowered_lines.split(), counts, np.repeat(np.arange(n), counts),
                   _per_line_sums(firsts, line_starts).astype(float), _capitalised(codes[starts], page),
                   text, utf8, lowered_lines)

    def per_block_sum(self, values: np.ndarray) -> np.ndarray:
        """Sum of a per-word value over each block's words (exact for integer values)."""
        return np.bincount(self.owner, weights=values, minlength=len(self.counts))

    def language_sample(self, texts: list[str]) -> list[str]:
        """What `detect_language` reads: the first lower-cased words of the longer blocks."""
        return list(map(self.lowered.__getitem__, self.language_sample_rows(texts).tolist()))

    def language_sample_rows(self, texts: list[str]) -> np.ndarray:
        """Where the words of `language_sample` are in `lowered`."""
        long_block = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) > LANGUAGE_BLOCK_MIN_CHARS
        return long_block[self.owner].nonzero()[0][:LANGUAGE_SAMPLE_WORDS]


def _page_measures(texts: list[str], link_chars: list[int], words: _PageWords, stop: frozenset[str],
                   title: frozenset[str], stop_flags: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """`_measure` of every block, as columns, computed over the whole page at once.

    One C-level pass per measure over the page (maps over blocks or words, a scan of the
    joined text, `np.bincount`) instead of a Python call and a dozen small ones per block:
    the text columns of a 137-block page take 1.1 ms instead of 2.0. Same numbers: sums are
    of integers (exact in float64) and each ratio is one IEEE division, as in Python.
    tests/test_speed_page_equivalence.py holds the two side by side on corpus pages.
    `stop_flags` (0.0/1.0 per word: in `stop`), when given, spare looking the words up.
    """
    n = len(texts)
    if stop_flags is None:
        stop_flags = _flags(map(stop.__contains__, words.lowered), len(words.lowered))
    joined = words.text
    chars = np.fromiter(map(len, texts), dtype=float, count=n)
    n_words = words.counts.astype(float)
    per_word = np.maximum(n_words, 1.0)  # `len(words) or 1`
    upper = words.per_block_sum(words.capitals)
    upper_ratio = upper / per_word
    # each text's last character but closers ("" if none), by C-level maps, as `ends_a_sentence`
    last = map(_LAST_CHARACTER, map(str.rstrip, texts, repeat(_CLOSERS)))
    ends_sentence = _flags(map(_SENTENCE_MARK_SET.__contains__, last), n)
    digits = _ascii_digits_per_block(words.utf8, n)
    non_latin = np.zeros(n)
    non_ascii = list(compress(range(n), map(not_, map(str.isascii, texts))))
    if non_ascii:
        digits[non_ascii] += [sum(map(str.isdigit, _NON_ASCII.findall(texts[i]))) for i in non_ascii]
        non_latin[non_ascii] = _non_latin_per_block([texts[i] for i in non_ascii])
    title_hits = np.zeros(n)
    if title:
        title_hits = words.per_block_sum(_flags(map(title.__contains__, words.lowered), len(words.lowered)))
    counts = Counter(texts)
    return {
        "chars": chars,
        "words": n_words,
        "mean_word_len": words.word_chars / per_word,
        "stopword_ratio": words.per_block_sum(stop_flags) / per_word,
        "ends_sentence": ends_sentence,
        "ends_colon": _flags(map(str.endswith, texts, repeat(":")), n),
        "sentences": _sentences_per_block(texts, words.utf8, non_ascii),
        "comma_ratio": np.fromiter(map(str.count, texts, repeat(",")), dtype=float, count=n) / per_word,
        "digit_ratio": digits / chars,
        "upper_ratio": upper_ratio,
        "separators": _separators_per_block(texts, joined, n),
        "has_copyright": _has_copyright(texts, joined, words.lowered_lines),
        "has_date": _has_date(texts, digits),
        "is_byline": _flags(map(is_not, map(_BYLINE.match, texts), repeat(None)), n),
        "non_latin_ratio": non_latin / chars,
        "repeats": np.fromiter(map(math.log, map(counts.__getitem__, texts)), dtype=float, count=n),
        "link_density": np.array(link_chars, dtype=float) / chars,
        "title_like": ((upper_ratio > 0.6) & (n_words >= 3) & (ends_sentence == 0)).astype(float),
        "title_overlap": np.divide(title_hits, n_words, out=np.zeros(n), where=n_words > 0),
    }


_SENTENCE_MARK_SET = frozenset(_SENTENCE_MARKS)  # single characters: "" is not in it
_LAST_CHARACTER = itemgetter(slice(-1, None))  # `text[-1:]`
_NOT_ASCII_DIGIT_BYTES = bytes(c for c in range(256) if chr(c) not in "0123456789" + BLOCK_SEPARATOR)
_NOT_NON_LATIN = re.compile(_NON_LATIN.pattern.replace("[", "[^\\n", 1) + "+")  # its complement, less the separator


def _per_line_sums(flags: np.ndarray, line_starts: np.ndarray) -> np.ndarray:
    """How many of `flags` (one a byte of the lines joined, false at the separators) are set in
    each line, given where the lines start.

    Why: by `np.add.reduceat` over the bytes (a line's range holds its separator, so none is
    empty, nor is the last, for the 0 appended) word counts and characters cost a fifth of the
    maps over the lines or a `searchsorted` of the words (0.05 ms a page).
    """
    padded = np.zeros(len(flags) + 1, dtype=np.uint8)  # (`np.append` would make it int64)
    padded[:-1] = flags
    return np.add.reduceat(padded, line_starts, dtype=np.int64)


def _capitalised(first_bytes: np.ndarray, page: str) -> np.ndarray:
    """0.0/1.0 per word: whether its first character `str.isupper`, given the first UTF-8 byte of
    each word of `page` (`_PageWords.of`).

    When all first characters are ASCII (143 pages of 150) the capitals are the bytes
    'A'-'Z', tested by numpy, instead of an `isupper` call a word (the `upper` column:
    0.095 -> 0.063 ms a page in HTML, 0.10 -> 0.06 in text); else the page's words are split
    out and their first characters tested.
    """
    if not len(first_bytes) or first_bytes.max() < 0x80:
        return ((first_bytes >= ord("A")) & (first_bytes <= ord("Z"))).astype(float)
    firsts = "".join(map(itemgetter(0), page.split()))  # words: never empty
    return _flags(map(str.isupper, firsts), len(firsts))


def _flags(values, n: int) -> np.ndarray:
    """0.0/1.0 floats from an iterable of n booleans.

    Why `bytes`: it takes each boolean as the byte 0 or 1 at a fraction of `np.fromiter`'s
    cost an item, and most of the iterables are a page's words (with `_StopWordTable.ids`,
    annotate 13.05M -> 12.81M instructions a page in text mode, 13.40M -> 13.18M in HTML;
    callgrind).
    """
    flags = np.frombuffer(bytes(values), dtype=bool)
    if len(flags) != n:
        raise ValueError(f"{len(flags)} flags, {n} expected")
    return flags.astype(float)


# `_SENTENCE_END` on ASCII text, as bytes: its marks become "M", its closers go, whitespace
# becomes a space and the block separator stays; every other byte (and all of a non-ASCII
# character's) becomes "x"
_SENTENCE_CLASSES = bytes(ord("M") if chr(c) in ".!?" else ord(" ") if c < 128 and chr(c).isspace() and chr(c) != BLOCK_SEPARATOR
                          else c if chr(c) == BLOCK_SEPARATOR else ord("x") for c in range(256))
_SENTENCE_CLOSER_BYTES = _CLOSERS.encode("ascii", "ignore")  # `_CLOSERS`' ASCII characters


def _sentences_per_block(texts: list[str], utf8: bytes, non_ascii: list[int]) -> np.ndarray:
    """`len(_SENTENCE_END.findall(text))` of each block, for the ASCII blocks by numpy.

    Why: a `findall` a block cost 0.05 ms a page. A match is a sentence mark whose next
    character past any closing quotes or brackets is whitespace or the end (a match holds one
    mark, so they never overlap): with the page's bytes reduced to classes (marks "M",
    whitespace " ", closers deleted; `bytes.translate` at ~1 ns a byte), those are the "M"s
    followed by a space, the block separator or the page's end, each counted for the block
    whose separator comes next. Blocks with non-ASCII characters (… ” and the like) go
    through the regex.
    """
    classes = utf8.translate(_SENTENCE_CLASSES, _SENTENCE_CLOSER_BYTES)
    codes = np.frombuffer(classes + BLOCK_SEPARATOR.encode(), dtype=np.uint8)  # the last block ends so too
    ends = ((codes[:-1] == ord("M")) & (codes[1:] <= ord(" "))).nonzero()[0]  # " " or the separator
    owner = (codes == ord(BLOCK_SEPARATOR)).nonzero()[0].searchsorted(ends)
    counts = np.bincount(owner, minlength=len(texts)).astype(float)
    if non_ascii:
        counts[non_ascii] = [len(_SENTENCE_END.findall(texts[i])) for i in non_ascii]
    return counts


def _separators_per_block(texts: list[str], joined: str, n: int) -> np.ndarray:
    """`len(_SEPARATORS.findall(text))` of each block, at a third of the regex's cost.

    The pattern's branches share no character (one of `_SEPARATOR_CHARS`, or " - "), so its
    matches are the separator characters plus the non-overlapping " - ", all counted by
    `str.count`. A page holds few of the six characters: each is looked for in the joined
    page first and counted block by block only if found. 0.088 -> 0.05 ms/page (HTML).
    """
    counts = np.fromiter(map(str.count, texts, repeat(_SEPARATOR_DASH)), dtype=float, count=n)
    for char in _SEPARATOR_CHAR_SET:
        if char in joined:
            counts += np.fromiter(map(str.count, texts, repeat(char)), dtype=float, count=n)
    return counts


def _has_date(texts: list[str], digits: np.ndarray) -> np.ndarray:
    """Whether `_DATE` is found in each block.

    `_DATE` tries its alternatives at every position of a block (10 µs a line of digits).
    Only blocks with a digit can hold a date, and in those its two parts are searched
    for: the numeric forms (`_NUMERIC_DATE`, tried only at digits), then, where none is
    found, the month form, in blocks that hold a day and a year (`_DAY_YEAR`, 2 a page).
    0.147 -> 0.096 ms a page in text mode (was `_DATE` behind a screen for its forms' digits).
    """
    out = np.zeros(len(texts))
    for i in digits.nonzero()[0].tolist():
        text = texts[i]
        out[i] = (_NUMERIC_DATE.search(text) is not None
                  or _DAY_YEAR.search(text) is not None and _MONTH_DATE.search(text) is not None)
    return out


def _ascii_digits_per_block(utf8: bytes, n: int) -> np.ndarray:
    """Digits 0-9 in each block: the page's UTF-8 bytes less all others but the separator, split.

    Why bytes: `bytes.translate` deletes at ~1 ns a byte, 8x a regex `sub`; a non-ASCII
    character's UTF-8 bytes are all >= 0x80, so none is taken for a digit or a separator.
    """
    kept = utf8.translate(None, _NOT_ASCII_DIGIT_BYTES)
    return np.fromiter(map(len, kept.split(BLOCK_SEPARATOR.encode())), dtype=float, count=n)


def _non_latin_per_block(texts: list[str]) -> list[int]:
    """`len(_NON_LATIN.findall(t))` of each text: all other characters deleted at once, then split."""
    return list(map(len, _NOT_NON_LATIN.sub("", BLOCK_SEPARATOR.join(texts)).split(BLOCK_SEPARATOR)))


def _has_copyright(texts: list[str], joined: str, lowered_lines: str) -> np.ndarray:
    """`"©" in text or "copyright" in text.lower()` per block; most pages have neither anywhere.

    Whether any block may hold "copyright" is read off the page's lower-cased words
    (`_PageWords.lowered_lines`), not a lower-cased copy of the whole page: "copyright" in
    `text.lower()` comes from nine ASCII letters of the text (the only other character that
    lowers to one of its letters, U+0130, lowers to "i" and a combining dot), and those are
    word characters, so the words hold them too.
    """
    if "©" not in joined and "copyright" not in lowered_lines:
        return np.zeros(len(texts))
    return _flags(("©" in t or "copyright" in t.lower() for t in texts), len(texts))


def _span_columns(cols: dict[str, np.ndarray], penalty: float, lang: str | None = None) -> None:
    """The prose span: the run of blocks with the most prose, found as a maximum subarray.

    Blocks weigh by their characters read as Latin ones (`latin_equivalent`), so that a Chinese
    or Japanese story's paragraphs outweigh the chrome between them as an English story's do.
    """
    prose = cols["prose"]
    chars = latin_equivalent(cols["chars"], cols["non_latin_ratio"], lang)
    gain = np.where(prose > 0, chars, -penalty * np.minimum(chars, 200.0) - penalty * 20)
    start, end = _max_subarray(gain)
    n = len(prose)
    idx = np.arange(n)
    cols["in_span"] = ((idx >= start) & (idx <= end)).astype(float) if end >= 0 else np.zeros(n)
    cols["span_dist_before"] = np.maximum(start - idx, 0) / max(1, n) if end >= 0 else np.ones(n)
    cols["span_dist_after"] = np.maximum(idx - end, 0) / max(1, n) if end >= 0 else np.ones(n)
    cols["window_prose"], cols["wide_window_prose"] = window_means(prose, (3, 10))
    prose_chars = prose * chars
    total = max(1.0, prose_chars.sum())
    cols["prose_before"] = (prose_chars.cumsum() - prose_chars) / total
    cols["prose_after"] = (total - prose_chars.cumsum()) / total
    cols["nonprose_run"] = np.log1p(_run_lengths(prose == 0))


def _page_columns(cols: dict[str, np.ndarray]) -> None:
    """Each block against the page: a short article's one paragraph is still its longest text.

    `rel_to_longest` and `length_rank` (log of the rank by length, 0 for the longest) hold
    where absolute length and the prose test say little; `page_prose` (log of the page's
    prose characters) tells the model what kind of page it is reading.
    """
    chars = cols["chars"]
    n = len(chars)
    cols["rel_to_longest"] = chars / max(1.0, float(chars.max()))
    rank = np.empty(n)
    rank[(-chars).argsort(kind="stable")] = np.arange(n)
    cols["length_rank"] = np.log1p(rank)
    cols["page_prose"] = np.full(n, np.log1p(float((cols["prose"] * chars).sum())))


def _stamp_columns(cols: dict[str, np.ndarray]) -> None:
    """A comment thread or an archive: short date/time lines ("Kate on October 23rd, 2012
    1:38 pm") all over the neighbourhood, where an article has one under its title."""
    cols["stamp_like"] = ((cols["has_date"] > 0) & (cols["words"] <= STAMP_MAX_WORDS)).astype(float)
    cols["stamp_window"] = window_mean(cols["stamp_like"], STAMP_WINDOW)


STAMP_MAX_WORDS = 15
STAMP_WINDOW = 5
SHAPE_MAX_WORDS = 12  # only short blocks get a shape: long ones never repeat one
_LETTERS = re.compile(r"[^\W\d_]+")
_NUMBERS = re.compile(r"\d+")


def _shape_repeats(texts: list[str], words: np.ndarray) -> np.ndarray:
    """Log of how many blocks share a short block's shape (letters runs -> a, numbers -> 0).

    Repeated shapes are lists of like entries (comment bylines, archive dates, "Reply"
    links, price tags), which `repeats` (identical text) misses.
    """
    short = words <= SHAPE_MAX_WORDS
    out = np.zeros(len(texts))
    if not short.any():
        return out
    short_texts = list(compress(texts, short.tolist()))
    if not _joinable(texts):
        shapes = [_NUMBERS.sub("0", _LETTERS.sub("a", t)) for t in short_texts]
        counts = Counter(shapes)
        out[short] = np.fromiter(map(math.log, map(counts.__getitem__, shapes)), dtype=float, count=len(shapes))
        return out
    # ASCII blocks (most) by numpy, the others by the regexes; each group joined: no run crosses "\n"
    ascii_only = np.fromiter(map(str.isascii, short_texts), dtype=bool, count=len(short_texts))
    ascii_shapes = _ascii_shapes(BLOCK_SEPARATOR.join(compress(short_texts, ascii_only.tolist())))
    other_shapes = (_NUMBERS.sub("0", _LETTERS.sub("a", BLOCK_SEPARATOR.join(compress(short_texts, (~ascii_only).tolist()))))
                    .split(BLOCK_SEPARATOR) if not ascii_only.all() else [])
    # the short blocks' logs by C-level maps, written into their rows (was a Python step a block)
    counts = Counter(ascii_shapes)
    counts.update(other_shapes)
    logs = np.empty(len(short_texts))
    logs[ascii_only] = np.fromiter(map(math.log, map(counts.__getitem__, ascii_shapes)), dtype=float,
                                   count=len(ascii_shapes))
    logs[~ascii_only] = np.fromiter(map(math.log, map(counts.__getitem__, other_shapes)), dtype=float,
                                    count=len(other_shapes))
    out[short] = logs
    return out


_SHAPE_CLASSES = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", b"a" * 52 + b"0" * 10)


def _ascii_shapes(joined: str) -> list[str]:
    """`_NUMBERS.sub("0", _LETTERS.sub("a", joined)).split(BLOCK_SEPARATOR)` for ASCII `joined`
    (no texts: an empty list).

    Why: the two `sub`s cost 0.1 ms a page, a match per word. Here `bytes.translate` makes
    every ASCII letter an "a" and every digit a "0" (nothing else becomes either), and numpy
    drops each "a" or "0" that repeats the one before it: a run becomes one character.
    """
    if not joined:
        return []
    codes = np.frombuffer(joined.encode("ascii").translate(_SHAPE_CLASSES), dtype=np.uint8)
    repeats = np.zeros(len(codes), dtype=bool)
    repeats[1:] = (codes[1:] == codes[:-1]) & ((codes[1:] == ord("a")) | (codes[1:] == ord("0")))
    return codes[~repeats].tobytes().decode("ascii").split(BLOCK_SEPARATOR)


def window_mean(values: np.ndarray, half: int) -> np.ndarray:
    """Mean over `half` blocks each side (missing neighbours count as 0), one value per block."""
    padded = np.concatenate([np.zeros(half + 1), values, np.zeros(half)])
    sums = padded.cumsum()
    return (sums[2 * half + 1:] - sums[: len(values)]) / (2 * half + 1)


def window_means(values: np.ndarray, halves: tuple[int, ...]) -> list[np.ndarray]:
    """`[window_mean(values, half) for half in halves]`, from one padded cumulative sum.

    The running sums with the widest padding hold every narrower padding's, shifted: more
    leading zeros add nothing (the same additions in the same order, `np.cumsum` adds in
    sequence), and the sums past the values are read only as far as each padding reaches.
    """
    widest, n = max(halves), len(values)
    sums = np.concatenate([np.zeros(widest + 1), values, np.zeros(widest)]).cumsum()
    return [(sums[widest + half + 1:widest + half + 1 + n] - sums[widest - half:widest - half + n]) / (2 * half + 1)
            for half in halves]


def shift(values: np.ndarray, k: int) -> np.ndarray:
    """The value of the block k places before (k > 0) or after (k < 0); 0 past the ends."""
    out = np.zeros_like(values)
    _shift_into(out, values, k)
    return out


def _run_lengths(flags: np.ndarray) -> np.ndarray:
    """For each position, the length of the run of True it sits in (0 where False)."""
    out = np.zeros(len(flags))
    values = flags.tolist()
    i = 0
    while i < len(values):
        if not values[i]:
            i += 1
            continue
        j = i
        while j < len(values) and values[j]:
            j += 1
        out[i:j] = j - i
        i = j
    return out


def _max_subarray(gain: np.ndarray) -> tuple[int, int]:
    best, best_range = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, g in enumerate(gain.tolist()):
        if total <= 0:
            total, start = g, i
        else:
            total += g
        if total > best:
            best, best_range = total, (start, i)
    return best_range


def _html_columns(doc: Document, cols: dict[str, np.ndarray]) -> int:
    blocks = doc.blocks
    _markup_columns(blocks, cols)
    cols["depth"] = np.array([len(b.ancestors) / 20.0 for b in blocks])
    # each block's parent element (-1: none), read by the main container's shares and below
    # (in_main by maps over lists of the blocks' ancestors and containers: the same figures, but
    # the 20 MB page (bench --big-page 20) peaked at 284 MB instead of 274)
    parents = np.array([b.ancestors[-1] if b.ancestors else -1 for b in blocks], dtype=np.int64)
    main, shares = _main_container(doc, cols, parents)
    cols["in_main"] = np.array([float(main >= 0 and (main in b.ancestors or b.container == main)) for b in blocks])
    cols["main_share"] = shares
    _main_position_columns(cols)
    # per parent element: sums by `np.bincount` over the parents' group numbers (integer sums, exact)
    group = group_numbers(parents)
    link = np.bincount(group, weights=np.array([b.link_chars for b in blocks], dtype=float))
    text = np.bincount(group, weights=cols["chars"])
    cols["container_link_density"] = (link[group] / np.maximum(text[group], 1.0))
    cols["siblings"] = np.log1p(np.bincount(group).astype(float)[group])
    return main


MAX_DIRECT_GROUP = 1 << 22  # element ids below this number their own groups (a 32 MB bincount at most)


def group_numbers(ids: np.ndarray) -> np.ndarray:
    """Bin numbers for `np.bincount` that group equal ids: `np.unique(ids, return_inverse=True)[1]`,
    or, for element ids (-1 for none), the ids plus one, which group the same entries.

    Why: `np.unique` sorts, and runs twice a page in smoothing and once here (smoothing
    0.195 -> 0.166 ms a page in HTML; text pages, all one group, unchanged). The bins
    differ, but each group's sum adds the same values in the same order, so the figures
    read back through the bins are the same.
    """
    if ids.size and ids.dtype.kind == "i" and ids.min() >= -1 and ids.max() < MAX_DIRECT_GROUP:
        return ids + 1
    return np.unique(ids, return_inverse=True)[1]


def _main_position_columns(cols: dict[str, np.ndarray]) -> None:
    """Where a block lies against the article container: before its first block or after its last.

    Readers' comments and related-story lists follow the article outside its container, so a
    prose block after the container's end is more likely a comment than one between its blocks.
    Out of fold (train.crossval) it took l3s-gn1 from F1 0.952 to 0.959 (precision 0.930 to
    0.939); cleaneval, whose gold keeps the comments, went from 0.914 to 0.910.
    """
    inside = cols["in_main"].nonzero()[0]
    n = len(cols["in_main"])
    idx = np.arange(n)
    if not len(inside):
        cols["before_main"] = np.zeros(n)
        cols["after_main"] = np.zeros(n)
        return
    cols["before_main"] = (idx < inside[0]).astype(float)
    cols["after_main"] = (idx > inside[-1]).astype(float)


MARKUP_NAMES = (*TAG_GROUPS, *(f"in_{t}" for t in ANCESTOR_TAGS), "neg_tokens", "pos_tokens", "comment_tokens")


def _markup_columns(blocks: tuple[Block, ...], cols: dict[str, np.ndarray]) -> None:
    """Tag group, ancestor tags and class/id token counts of every block.

    Blocks of one element share their `tag`, `tags` and `tokens` objects, and a page has few
    distinct ones, so each distinct value is measured once and its row reused. The table is
    built for the distinct (tag, tags, tokens) kinds (a third as many as blocks) and numpy
    copies their rows to the blocks: a list of 32 floats per block cost more than all else.
    """
    names = MARKUP_NAMES
    kinds: dict[tuple, int] = {}  # distinct (tag, tags, tokens) -> its row number
    kind_of = [kinds.setdefault((b.tag, b.tags, b.tokens), len(kinds)) for b in blocks]
    tag_rows: dict[str, list[float]] = {}
    tags_rows: dict[frozenset[str], list[float]] = {}
    token_rows: dict[frozenset[str], list[float]] = {}
    rows = []
    for tag, ancestor_tags, tokens in kinds:
        tag_row = tag_rows.get(tag)
        if tag_row is None:
            tag_row = tag_rows[tag] = [float(tag in tags) for tags in TAG_GROUPS.values()]
        tags_row = tags_rows.get(ancestor_tags)
        if tags_row is None:
            tags_row = tags_rows[ancestor_tags] = [float(t in ancestor_tags) for t in ANCESTOR_TAGS]
        token_row = token_rows.get(tokens)
        if token_row is None:
            token_row = token_rows[tokens] = [float(len(tokens & NEGATIVE_TOKENS)),
                                              float(len(tokens & POSITIVE_TOKENS)),
                                              float(len(tokens & COMMENT_TOKENS))]
        rows.append(tag_row + tags_row + token_row)
    table = np.array(rows, dtype=float).reshape(len(rows), len(names))[kind_of]
    for j, name in enumerate(names):
        cols[name] = table[:, j]


def _main_container(doc: Document, cols: dict[str, np.ndarray], parents: np.ndarray) -> tuple[int, np.ndarray]:
    """Readability's idea, on blocks: prose scores its parent fully and its grandparent half.

    Returns the best element id (the first scored of equals) and, per block, the share of all
    prose text held by the block's parent element (`parents`, -1: none), counting the prose of
    all blocks below it.
    """
    prose_rows = cols["prose"].nonzero()[0].tolist()
    if not prose_rows:
        return -1, np.zeros(len(doc.blocks))
    blocks = doc.blocks
    # Python floats, not numpy scalars: the same arithmetic at a tenth of the cost
    chars, comma_ratio, words = cols["chars"].tolist(), cols["comma_ratio"].tolist(), cols["words"].tolist()
    score: dict[int, float] = {}
    for i in prose_rows:
        value = 1.0 + comma_ratio[i] * words[i] + min(3.0, chars[i] / 100.0)
        ancestors = blocks[i].ancestors
        if ancestors:
            score[ancestors[-1]] = score.get(ancestors[-1], 0.0) + value
        if len(ancestors) > 1:
            score[ancestors[-2]] = score.get(ancestors[-2], 0.0) + value / 2
    if not score:  # prose only in blocks without ancestors
        return -1, np.zeros(len(doc.blocks))
    main = _best_scored(score, [blocks[i].ancestors for i in prose_rows])
    widened = _widened_to_siblings(blocks, main, prose_rows, chars)
    main = widened if widened != main else _joined_with_siblings(blocks, main, prose_rows, chars)
    return main, _parent_prose_shares(blocks, prose_rows, cols["chars"], parents)


MAIN_SIBLING_LEVELS = 5  # how far above the best element its like-named siblings are looked for (Readability.js
                         # scores five levels of ancestors) ...
MAIN_MIN_SIBLINGS = 4    # ... and how many such siblings (its own branch included) make their parent the article


def _widened_to_siblings(blocks: tuple[Block, ...], main: int, prose_rows: list[int], chars: list[float]) -> int:
    """The best element, or the ancestor whose like-named children share the article with it.

    Readability joins the best element's siblings. Some pages set every entry or paragraph in
    its own wrapper (a directory's or a job board's entries, an editor's `div.se-component >
    div.se-module > p`): the best-scored element then holds one or two of them and the rest of
    the article counts as outside it. (corpus/ ko-blog-01, which prompted this, is not helped:
    its short Korean sentences are too few words to count as prose.) Up to `MAIN_SIBLING_LEVELS` above it, the first ancestor with
    `MAIN_MIN_SIBLINGS` children of the same tag and classes as the one leading to it, holding
    prose, and more prose in those siblings than in its own branch, becomes the container.
    Out of fold (session 18, session-13 HTML folds, SEED 13 / 21): CleanEval +0.0008 / +0.0027
    (pages whose article is a list of like-shaped entries: a directory, a job board, a course
    list), dragnet and l3s-gn1 unchanged; with 3 siblings dragnet lost 0.0001, with 2 l3s-gn1
    0.0009; 3 levels instead of 5 gave CleanEval +0.0004 / +0.0026.
    """
    branch = _branch_of(blocks, main, prose_rows)
    if branch is None:
        return main
    # a level's label per ancestor, split once, without generated tokens (see `_kind`)
    kinds: dict[str, str] = {}
    labels = {i: [kinds.get(p) or kinds.setdefault(p, _kind(p)) for p in blocks[i].path.split(">")]
              for i in prose_rows}
    ancestors = blocks[branch].ancestors
    at = ancestors.index(main)
    levels = 0
    for up in range(1, at + 1):
        parent, own_child, own_label = ancestors[at - up], ancestors[at - up + 1], labels[branch][at - up + 1]
        if _prose_by_child(blocks, prose_rows, chars, parent).keys() <= {own_child}:
            continue  # a wrapper around the branch alone (a page builder's row and column) is no level
        levels += 1
        if levels > MAIN_SIBLING_LEVELS:
            break
        prose_by_child = _prose_by_child(blocks, prose_rows, chars, parent, lambda i, k: labels[i][k + 1] == own_label)
        own = prose_by_child.pop(own_child, 0.0)
        if len(prose_by_child) + 1 >= MAIN_MIN_SIBLINGS and sum(prose_by_child.values()) > own:
            return parent
    return main


def _kind(label: str) -> str:
    """A path level's tag and class tokens, less its id and the tokens holding a digit.

    Page builders number every module: Squarespace's `div.sqs-block.html-block#block-d0e5f4a3b2`
    and Wix's `comp-lq7x2k1` read as different kinds until their generated tokens go (blind
    en-blog-14: the article's four text modules, between galleries, are siblings of one kind).
    """
    tag, _, tokens = label.partition("#")[0].partition(".")
    if not tokens:
        return tag
    return ".".join([tag, *(t for t in tokens.split(".") if not any(c.isdigit() for c in t))])


MAIN_JOIN_LEVELS = 4       # how far above the best element a level with other prose-holding children is looked for ...
MAIN_JOIN_SHARE = 0.2      # ... a child joins when it holds this share of the best element's branch's prose ...
MAIN_JOIN_MIN_CHILDREN = 4  # ... and this many children must join for their parent to be the article


def _joined_with_siblings(blocks: tuple[Block, ...], main: int, prose_rows: list[int], chars: list[float]) -> int:
    """The best element, or its parent when siblings hold a good share of prose (Readability's join).

    A how-to's methods, a recipe's intro, steps, tips and story each sit in their own section:
    the best element holds one of them, and the rest of the article counts as outside it (blind
    pages en-howto-01, ja-recipe-01). Going up from the best element past wrappers with no other
    prose (at most `MAIN_JOIN_LEVELS`), at the first level where other children hold prose, the
    parent is the article when `MAIN_JOIN_MIN_CHILDREN` of them hold at least `MAIN_JOIN_SHARE`
    of the prose of the best element's own branch.
    """
    branch = _branch_of(blocks, main, prose_rows)
    if branch is None:
        return main
    ancestors = blocks[branch].ancestors
    at = ancestors.index(main)
    for up in range(1, MAIN_JOIN_LEVELS + 1):
        if at - up < 0:
            break
        parent, own_child = ancestors[at - up], ancestors[at - up + 1]
        prose_by_child = _prose_by_child(blocks, prose_rows, chars, parent)
        own = prose_by_child.pop(own_child, 0.0)
        if not prose_by_child:
            continue  # a wrapper around the best element alone
        joined = sum(value >= MAIN_JOIN_SHARE * own for value in prose_by_child.values())
        return parent if joined >= MAIN_JOIN_MIN_CHILDREN else main
    return main


def _branch_of(blocks: tuple[Block, ...], main: int, prose_rows: list[int]) -> int | None:
    """The first prose block inside element `main` (the best element's branch), or None."""
    return next((i for i in prose_rows if main in blocks[i].ancestors), None)


def _prose_by_child(blocks: tuple[Block, ...], prose_rows: list[int], chars: list[float], parent: int,
                    counts: Callable[[int, int], bool] | None = None) -> dict[int, float]:
    """Prose characters under element `parent`, per child of it (the sibling tests' common count).

    `counts(i, k)`, given, says whether prose block `i` (whose `k`-th ancestor is `parent`)
    counts, and prose right in `parent` is left out; without it, all the prose counts, and
    each prose block right in `parent` is a "child" of its own (keyed -1 - i).
    """
    prose_by_child: dict[int, float] = {}
    for i in prose_rows:
        chain = blocks[i].ancestors
        if parent not in chain:
            continue
        k = chain.index(parent)
        if counts is not None and not (k + 1 < len(chain) and counts(i, k)):
            continue
        child = chain[k + 1] if k + 1 < len(chain) else -1 - i
        prose_by_child[child] = prose_by_child.get(child, 0.0) + chars[i]
    return prose_by_child


def _best_scored(score: dict[int, float], prose_ancestors: list[tuple[int, ...]]) -> int:
    """The element of highest score; of equals, the first met going through the prose blocks'
    ancestors, each block's innermost first.

    Only parents and grandparents are scored; before, every ancestor of a prose block got
    a score (0 above the grandparent) to fix that order, two `Counter` updates per ancestor
    (`_main_container` 0.13 -> 0.07 ms a page). The order is now read only on a tie.
    """
    best = max(score.values())
    tied = {element for element, value in score.items() if value == best}
    if len(tied) == 1:
        return tied.pop()
    return next(e for ancestors in prose_ancestors for e in reversed(ancestors) if e in tied)


def _parent_prose_shares(blocks: tuple[Block, ...], prose_rows: list[int], chars: np.ndarray,
                         parents: np.ndarray) -> np.ndarray:
    """Per block, the prose characters below its parent element over all prose characters (0 without a parent).

    Sums of whole numbers of characters by `np.bincount` over the prose blocks' ancestors:
    exact, as the `Counter` additions were.
    """
    prose_ancestors = [blocks[i].ancestors for i in prose_rows]
    lengths = np.fromiter(map(len, prose_ancestors), dtype=np.int64, count=len(prose_ancestors))
    elements = np.fromiter(chain.from_iterable(prose_ancestors), dtype=np.int64, count=int(lengths.sum()))
    size = int(max(elements.max(initial=-1), parents.max(initial=-1))) + 1
    below = np.bincount(elements, weights=np.repeat(chars[prose_rows], lengths), minlength=size)
    total = float(chars[prose_rows].sum())
    return np.where(parents >= 0, below[parents] / total, 0.0)


def _matrix(cols: dict[str, np.ndarray], names: list[str], mode: str) -> np.ndarray:
    """The feature matrix in `names` order, with the neighbours' columns (`name@-1`...).

    Filled column by column while `cols` gives its columns up, so that on a huge page the
    columns and the matrix are never both held whole. The neighbours' columns are copied
    from the matrix's own, an offset at a time (`_context_into`).
    """
    n = len(cols["chars"])
    matrix = np.zeros((n, len(names)))
    last = _last_positions(tuple(names))  # a name listed twice ("in_main" in HTML) fills both columns
    for j, name in enumerate(names):  # a column given up at its name's last place
        if name in cols:
            matrix[:, j] = cols[name] if last[name] != j else cols.pop(name)
    _context_into(matrix, names, _context_names(mode))
    return matrix


def model_matrix(doc: Document) -> np.ndarray:
    """The features the model reads: in HTML, neighbours seen past the blocks rules dropped
    (see `settled_context`, which rewrites `doc.matrix` in place); training reads
    the same (`train.train.doc_rows`).

    Every rule-dropped block in HTML only, as measured out of fold (train.crossval, both
    modes retrained): dragnet +0.0024 (line F1 +0.0050), l3s-gn1 +0.0009, CleanEval +0.0003
    (precision +0.0029); in text, dragnet-text +0.0028 but l3s-gn1-text -0.0019 (line F1
    -0.0053), CleanEval-text -0.0007. A flattened page's rule-dropped lines (a share row under
    the headline, a menu line) are a better sign of where the article starts than in HTML,
    where the markup says it. Text reads past `TRANSPARENT_RULES` lines only (a wiki's
    "[edit]"); adding ad labels and captions to them, retrained (session 17): CleanEval-text
    -0.0032, dragnet-text -0.0024, l3s-gn1-text +0.0009.
    """
    if doc.mode != "html":
        return settled_context(doc.matrix, doc.mode, [transparent(b) for b in doc.blocks])
    return settled_context(doc.matrix, doc.mode, [dropped_by_rule(b) for b in doc.blocks])


def transparent(block: Block) -> bool:
    """A line a rule dropped that interrupts the article without ending it (`TRANSPARENT_RULES`)."""
    d = block.decision
    return d is not None and d.stage == "rules" and d.source.startswith(TRANSPARENT_RULES)


# rules whose lines sit inside an article's text and say nothing of where it ends: a wiki's
# section edit links ("History", "[edit]", then the section's text). The text model reads its
# neighbours past them; the uncertain runs run through them.
TRANSPARENT_RULES = ("navigation.wiki-furniture",)


def dropped_by_rule(block: Block) -> bool:
    """A rule decided the block and dropped it."""
    d = block.decision
    return d is not None and d.stage == "rules" and d.label == "drop"


def settled_context(matrix: np.ndarray, mode: str, settled: list[bool]) -> np.ndarray:
    """Each other block's neighbour columns (`name@-1`...) rewritten to read past `settled` blocks.

    Why: a rule that drops "Advertisement" or a row of share buttons between two paragraphs
    has said all there is to say about that line; seen as a neighbour, it makes the paragraphs
    around it look like the edge of the article. Skipping it, the model sees the paragraph
    before as the next one's neighbour, as on a page without the interruption. Settled rows
    keep their own neighbours (the model's score for them is not used).

    In place: the matrix is the document's own, and on a huge page a copy would cost as much
    memory again; only the context columns of the other blocks are rewritten, a few columns
    at a time.
    """
    if not any(settled):
        return matrix
    rows = (~np.asarray(settled)).nonzero()[0]
    own, blocks = _context_layout(tuple(feature_names(mode)), tuple(_context_names(mode)))
    values = matrix[np.ix_(rows, own)]  # the other blocks' own context columns, in page order
    for off, block in blocks:
        shifted = np.zeros_like(values)
        _shift_into(shifted, values, -off)  # the block `-off` places before (after), among the other blocks
        matrix[rows, block] = shifted
    return matrix


@functools.lru_cache(maxsize=16)
def _last_positions(names: tuple[str, ...]) -> dict[str, int]:
    """Each name's last column."""
    return {name: j for j, name in enumerate(names)}


def _context_into(matrix: np.ndarray, names: list[str], context: list[str]) -> None:
    """Fill the `name@off` columns of `matrix` (all zeros) with column `name` shifted by `off`.

    Why: `feature_names` lists an offset's context columns side by side, so each offset is
    one copy of the context columns (gathered once) into a slice of rows and columns, not a
    copy per column (8 offsets x names in HTML: 32 numpy calls).
    """
    own, blocks = _context_layout(tuple(names), tuple(context))
    values = matrix[:, own]
    for off, block in blocks:
        _shift_into(matrix[:, block], values, -off)  # the block `-off` places before (a view: written in place)


@functools.lru_cache(maxsize=16)
def _context_layout(names: tuple[str, ...], context: tuple[str, ...]) -> tuple[list[int], list[tuple[int, slice]]]:
    """Where `_context_into` reads the context columns, and each offset's slice of their copies."""
    position = _last_positions(names)
    blocks = []
    for off in CONTEXT_OFFSETS:
        first = position[f"{context[0]}@{off:+d}"]
        block = slice(first, first + len(context))
        if list(names[block]) != [f"{name}@{off:+d}" for name in context]:
            raise ValueError(f"the context columns of offset {off:+d} are not side by side")
        blocks.append((off, block))
    return [position[name] for name in context], blocks


def _shift_into(zeros: np.ndarray, values: np.ndarray, k: int) -> None:
    """`zeros[:] = shift(values, k)` for a column still all zeros, without `shift`'s temporary array."""
    if k > 0:
        zeros[k:] = values[:-k]
    elif k < 0:
        zeros[:k] = values[-k:]
    else:
        zeros[:] = values
