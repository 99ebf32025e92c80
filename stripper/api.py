"""The public entry point: `strip` reads like the pipeline it runs, top to bottom."""
from __future__ import annotations

from dataclasses import replace
from typing import Literal

from . import assemble, blocks, decode, features, heuristics, rules, sniff
from .config import Config, default_config
from .errors import InputTooLarge
from .model import Document, Result

ModeArg = Literal["auto", "html", "text"]


def strip(data: bytes | str, *, url: str | None = None, mode: ModeArg = "auto", config: Config | None = None,
          encoding: str | None = None, lang: str | None = None, use_model: bool = True, model=None) -> Result:
    """Strip page chrome from raw HTML or already-flattened text and return the article.

    `data` is bytes (decoded by BOM, `encoding`, <meta> charset, then detection) or str.
    `mode="auto"` treats input as HTML when it opens with markup or tags fill its lines (`sniff`).
    `lang` (ISO 639-1) overrides language detection; it selects stop words and rule phrases.
    `model` (a `classifier.Model`) replaces the packaged block model of its mode:
    cross-validation runs the whole pipeline with models trained on other sites.
    Raises `UnsupportedInput` for binary data and `InputTooLarge` past the size limit.
    """
    config = config or default_config()
    data = _as_input(data)
    _check_size(data, config)
    text, used = decode.to_text(data, encoding)
    doc = segment(text, url=url, mode=resolve_mode(text, mode), config=config)
    del text  # the blocks hold what is needed; a huge page's text need not outlive segmentation
    if lang:
        doc = replace(doc, lang=lang.lower())
    doc = annotate(doc, config)
    doc = rules.apply(doc, config.rules, config.thresholds)
    doc = heuristics.classify(doc, config.thresholds, use_model=use_model, model=model)
    return assemble.render(doc, encoding=used)


def resolve_mode(text: str, mode: ModeArg) -> Literal["html", "text"]:
    """`auto`: HTML when the input opens with markup or tags fill its lines, else flattened text.

    `text` given a page's HTML source (a scraper that passed the markup on) reads it as HTML:
    as lines, the markup would be kept as article text.
    """
    if mode == "text":
        return "html" if sniff.is_page_source(text) else "text"
    if mode == "html":
        return mode
    if mode != "auto":
        raise ValueError(f"mode must be auto, html or text, not {mode!r}")
    return sniff.detect_mode(text)


def segment(text: str, *, url: str | None, mode: Literal["html", "text"], config: Config) -> Document:
    """Cut the decoded input into blocks (parse HTML once, or split lines)."""
    if mode == "text":
        return blocks.segment_text(text, url=url)
    structural = rules.structural_rules(config.rules, url)
    if len(text) >= config.thresholds.stream_html_min_chars and not structural:
        doc = blocks.segment_html_stream(text, url=url)  # same blocks, a fraction of the memory
        if doc is not None:
            return doc
    # only structural rules' XPaths could read the id table (`id()`)
    return blocks.segment_html(blocks.parse_html(text, ids=bool(structural)), url=url, structural=structural)


def annotate(doc: Document, config: Config) -> Document:
    """Measure every block (see `features.annotate`) with the configured thresholds."""
    t = config.thresholds
    return features.annotate(doc, config.stopwords, prose_min_words=t.min_prose_words,
                             prose_min_stopwords=t.min_prose_stopword_share, max_link_density=t.max_link_density,
                             span_penalty=t.prose_span_penalty)


def _as_input(data: object) -> bytes | str:
    """bytes or str; other bytes-like objects (bytearray, memoryview) are copied to bytes."""
    if isinstance(data, (bytes, str)):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"strip() takes bytes or str, not {type(data).__name__}")


def _check_size(data: bytes | str, config: Config) -> None:
    limit = config.thresholds.max_input_bytes
    size = len(data) if isinstance(data, bytes) else len(data) * (1 if data.isascii() else 2)
    if limit and size > limit:
        raise InputTooLarge(f"input of {size} bytes exceeds max_input_bytes {limit}")


def explain(data: bytes | str, **kwargs) -> str:
    """`strip`, then one line per block with its decision and the reason for it."""
    return assemble.explain(strip(data, **kwargs))
