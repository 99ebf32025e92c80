"""Measurements of each block, from its text, its markup and its neighbours. No thresholds.

`annotate` fills `Document.matrix` (one row a block, columns named by `FEATURES`) and gives
each block a small dict of the most telling figures so a decision can be explained.
The measurements are computed once per block in one pass; everything that depends on
neighbours (context windows, the prose span, the main container) is vectorised.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

import numpy as np

from .model import Block, Document

TOKEN = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…。！？](?:[\"'”’»)\]]*)(?:\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_DATE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}"
    r"|\d{1,2}:\d{2}\s*(?:am|pm)?)\b", re.I)
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|от|автор)\s+\w", re.I)
_SEPARATORS = re.compile(r"[|»·•›/]| - ")
_NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0e00-\u0e7f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")

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
POSITIVE_TOKENS = frozenset("""
article articlebody article-body content main post entry story text body blog hentry storybody story-body
post-content entry-content article-content itemprop articletext
""".split())

TEXT_FEATURES = [
    "log_chars", "log_words", "mean_word_len", "stopword_ratio", "ends_sentence", "ends_colon", "sentences",
    "comma_ratio", "digit_ratio", "upper_ratio", "separators", "has_copyright", "has_date", "is_byline",
    "non_latin_ratio", "repeats", "prefix_of_next", "extends_prev", "rel_index", "rel_chars_before",
    "prose", "in_span", "span_dist_before", "span_dist_after", "window_prose", "wide_window_prose",
    "prose_before", "prose_after", "nonprose_run", "title_overlap", "is_first", "title_like",
]
HTML_FEATURES = ["link_density", *TAG_GROUPS, *(f"in_{t}" for t in ANCESTOR_TAGS),
                 "neg_tokens", "pos_tokens", "depth", "in_main", "main_share", "container_link_density",
                 "siblings"]
CONTEXT_OFFSETS = (-2, -1, 1, 2)
CONTEXT_BASE = ["log_chars", "prose", "stopword_ratio", "ends_sentence", "upper_ratio"]
CONTEXT_HTML = ["link_density", "tag_heading", "tag_li"]


def feature_names(mode: str) -> list[str]:
    """Column names of the matrix for a mode, in order."""
    base = TEXT_FEATURES + (HTML_FEATURES if mode == "html" else [])
    ctx = CONTEXT_BASE + (CONTEXT_HTML if mode == "html" else [])
    return base + [f"{name}@{off:+d}" for off in CONTEXT_OFFSETS for name in ctx]


def detect_language(blocks: tuple[Block, ...], stopwords: dict[str, frozenset[str]]) -> str | None:
    """The language whose stop words are most frequent in the page's longer blocks."""
    words = [w.lower() for b in blocks if len(b.text) > 40 for w in TOKEN.findall(b.text)][:3000]
    if not words or not stopwords:
        return None
    counts = Counter(words)
    scores = {lang: sum(c for w, c in counts.items() if w in stop) for lang, stop in stopwords.items()}
    lang, hits = max(scores.items(), key=lambda kv: kv[1])
    return lang if hits >= max(3, len(words) // 20) else _script_language(" ".join(words[:500]))


def _script_language(text: str) -> str | None:
    for lang, pattern in (("zh", r"[\u4e00-\u9fff]"), ("ja", r"[\u3040-\u30ff]"), ("he", r"[\u0590-\u05ff]"),
                          ("ar", r"[\u0600-\u06ff]"), ("ru", r"[\u0400-\u04ff]")):
        if len(re.findall(pattern, text)) > len(text) // 4:
            return lang
    return None


def annotate(doc: Document, stopwords: dict[str, frozenset[str]], *, prose_min_words: int,
             prose_min_stopwords: float, max_link_density: float, span_penalty: float) -> Document:
    """Measure every block; return the document with its language, matrix and feature dicts."""
    if not doc.blocks:
        return replace(doc, matrix=np.zeros((0, len(feature_names(doc.mode)))))
    lang = doc.lang or detect_language(doc.blocks, stopwords)
    stop = stopwords.get(lang or "en", frozenset())
    cols = _text_columns(doc, stop)
    # prose: enough words, enough stop words, few links, and shaped as sentences (headlines are not)
    cols["prose"] = ((cols["words"] >= prose_min_words) & (cols["stopword_ratio"] >= prose_min_stopwords)
                     & (cols["link_density"] <= max_link_density)
                     & ((cols["ends_sentence"] > 0) | (cols["sentences"] > 0))).astype(float)
    _span_columns(cols, span_penalty)
    main = -1
    if doc.mode == "html":
        main = _html_columns(doc, cols)
    names = feature_names(doc.mode)
    _context_columns(cols, doc.mode)
    matrix = np.column_stack([cols[n] for n in names])
    blocks = tuple(replace(b, features=_summary(cols, i)) for i, b in enumerate(doc.blocks))
    return replace(doc, blocks=blocks, lang=lang, matrix=matrix, main_container=main)


def _summary(cols: dict[str, np.ndarray], i: int) -> dict[str, float]:
    keys = ("chars", "words", "link_density", "stopword_ratio", "prose", "in_span")
    return {k: round(float(cols[k][i]), 3) for k in keys if k in cols}


def _text_columns(doc: Document, stop: frozenset[str]) -> dict[str, np.ndarray]:
    texts = [b.text for b in doc.blocks]
    repeats = Counter(texts)
    rows = [_measure(b, stop, repeats) for b in doc.blocks]
    cols = {name: np.array(vals, dtype=float) for name, vals in zip(_MEASURES, zip(*rows))}
    n = len(texts)
    cols["prefix_of_next"] = np.array([float(i + 1 < n and texts[i + 1].startswith(texts[i]) and texts[i + 1] != texts[i])
                                       for i in range(n)])
    cols["extends_prev"] = np.roll(cols["prefix_of_next"], 1) if n > 1 else np.zeros(n)
    if n > 1:
        cols["extends_prev"][0] = 0.0
    cols["rel_index"] = np.arange(n) / max(1, n - 1)
    chars = cols["chars"]
    cols["rel_chars_before"] = (np.cumsum(chars) - chars) / max(1.0, chars.sum())
    cols["log_chars"] = np.log1p(chars)
    cols["log_words"] = np.log1p(cols["words"])
    cols["is_first"] = (np.arange(n) == 0).astype(float)
    cols["title_overlap"] = _title_overlap(doc, texts)
    return cols


def _title_overlap(doc: Document, texts: list[str]) -> np.ndarray:
    """Share of a block's words found in the page title: headlines repeat the title."""
    title = {w.lower() for w in TOKEN.findall(doc.title or "")}
    if not title:
        return np.zeros(len(texts))
    out = []
    for text in texts:
        words = [w.lower() for w in TOKEN.findall(text)]
        out.append(sum(w in title for w in words) / len(words) if words else 0.0)
    return np.array(out)


_MEASURES = ("chars", "words", "mean_word_len", "stopword_ratio", "ends_sentence", "ends_colon", "sentences",
             "comma_ratio", "digit_ratio", "upper_ratio", "separators", "has_copyright", "has_date", "is_byline",
             "non_latin_ratio", "repeats", "link_density", "title_like")


def _measure(block: Block, stop: frozenset[str], repeats: Counter) -> tuple[float, ...]:
    text = block.text
    words = TOKEN.findall(text)
    n_words = len(words) or 1
    n_chars = len(text)
    upper = sum(1 for w in words if w[0].isupper())
    upper_ratio = upper / n_words
    return (
        n_chars,
        len(words),
        sum(map(len, words)) / n_words,
        sum(1 for w in words if w.lower() in stop) / n_words,
        float(bool(_ENDS_SENTENCE.search(text))),
        float(text.endswith(":")),
        len(_SENTENCE_END.findall(text)),
        text.count(",") / n_words,
        sum(map(str.isdigit, text)) / n_chars,
        upper_ratio,
        len(_SEPARATORS.findall(text)),
        float("©" in text or "copyright" in text.lower()),
        float(bool(_DATE.search(text))),
        float(bool(_BYLINE.match(text))),
        len(_NON_LATIN.findall(text)) / n_chars,
        math.log(repeats[text]),
        block.link_chars / n_chars,
        float(upper_ratio > 0.6 and len(words) >= 3 and not _ENDS_SENTENCE.search(text)),
    )


def _span_columns(cols: dict[str, np.ndarray], penalty: float) -> None:
    """The prose span: the run of blocks with the most prose, found as a maximum subarray."""
    prose, chars = cols["prose"], cols["chars"]
    gain = np.where(prose > 0, chars, -penalty * np.minimum(chars, 200.0) - penalty * 20)
    start, end = _max_subarray(gain)
    n = len(prose)
    idx = np.arange(n)
    cols["in_span"] = ((idx >= start) & (idx <= end)).astype(float) if end >= 0 else np.zeros(n)
    cols["span_dist_before"] = np.clip(start - idx, 0, None) / max(1, n) if end >= 0 else np.ones(n)
    cols["span_dist_after"] = np.clip(idx - end, 0, None) / max(1, n) if end >= 0 else np.ones(n)
    cols["window_prose"] = _window_mean(prose, 3)
    cols["wide_window_prose"] = _window_mean(prose, 10)
    prose_chars = prose * chars
    total = max(1.0, prose_chars.sum())
    cols["prose_before"] = (np.cumsum(prose_chars) - prose_chars) / total
    cols["prose_after"] = (total - np.cumsum(prose_chars)) / total
    cols["nonprose_run"] = np.log1p(_run_lengths(prose == 0))


def _window_mean(values: np.ndarray, half: int) -> np.ndarray:
    """Mean over `half` blocks each side (missing neighbours count as 0), one value per block."""
    padded = np.concatenate([np.zeros(half + 1), values, np.zeros(half)])
    sums = np.cumsum(padded)
    return (sums[2 * half + 1:] - sums[: len(values)]) / (2 * half + 1)


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
    n = len(blocks)
    for name, tags in TAG_GROUPS.items():
        cols[name] = np.array([float(b.tag in tags) for b in blocks])
    for tag in ANCESTOR_TAGS:
        cols[f"in_{tag}"] = np.array([float(tag in b.tags) for b in blocks])
    cols["neg_tokens"] = np.array([float(len(b.tokens & NEGATIVE_TOKENS)) for b in blocks])
    cols["pos_tokens"] = np.array([float(len(b.tokens & POSITIVE_TOKENS)) for b in blocks])
    cols["depth"] = np.array([len(b.ancestors) / 20.0 for b in blocks])
    main, shares = _main_container(doc, cols)
    cols["in_main"] = np.array([float(main >= 0 and (main in b.ancestors or b.container == main)) for b in blocks])
    cols["main_share"] = shares
    parents = [b.ancestors[-1] if b.ancestors else -1 for b in blocks]
    parent_counts = Counter(parents)
    link = Counter()
    text = Counter()
    for p, b in zip(parents, blocks):
        link[p] += b.link_chars
        text[p] += len(b.text)
    cols["container_link_density"] = np.array([link[p] / max(1, text[p]) for p in parents])
    cols["siblings"] = np.log1p(np.array([parent_counts[p] for p in parents], dtype=float))
    return main


def _main_container(doc: Document, cols: dict[str, np.ndarray]) -> tuple[int, np.ndarray]:
    """Readability's idea, on blocks: prose scores its parent fully and its grandparent half.

    Returns the best element id and, per block, the share of all prose text held by the
    block's highest-scoring ancestor chain member (how central its container is).
    """
    score: Counter = Counter()
    prose_chars: Counter = Counter()
    total = 0.0
    for i, b in enumerate(doc.blocks):
        if not cols["prose"][i]:
            continue
        chars = cols["chars"][i]
        total += chars
        value = 1.0 + cols["comma_ratio"][i] * cols["words"][i] + min(3.0, chars / 100.0)
        chain = b.ancestors + (b.container,)
        for depth, element in enumerate(reversed(chain[:-1])):
            score[element] += value / (1 + depth) if depth < 2 else 0.0
            prose_chars[element] += chars
    if not score:
        return -1, np.zeros(len(doc.blocks))
    main = max(score, key=score.__getitem__)
    shares = np.array([prose_chars[b.ancestors[-1]] / total if b.ancestors else 0.0 for b in doc.blocks])
    return main, shares


def _context_columns(cols: dict[str, np.ndarray], mode: str) -> None:
    names = CONTEXT_BASE + (CONTEXT_HTML if mode == "html" else [])
    n = len(cols["chars"])
    for off in CONTEXT_OFFSETS:
        for name in names:
            shifted = np.zeros(n)
            src = cols[name]
            if off < 0 and n > -off:
                shifted[-off:] = src[:off]
            elif off > 0 and n > off:
                shifted[:-off] = src[off:]
            cols[f"{name}@{off:+d}"] = shifted
