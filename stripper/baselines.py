"""Text-mode baselines: what a scraper gets without a real extractor, to put scores in context.

Both take flattened page text (one block per line) and return the lines they keep.
"""
from __future__ import annotations

import re
from collections.abc import Callable

# Lines of C4-style prose need at least this many words. C4 used 5 (on whole documents of
# Common Crawl WET text); our flattened lines include short real paragraphs and one-line
# dialogue, and 3 keeps them while still dropping most menu items and buttons.
MIN_WORDS = 3
TERMINAL_PUNCTUATION = (".", "!", "?", '"', "'", "\u201d", "\u2019", ":", "\u2026")
# Substrings (case-insensitive) that mark a line as chrome, after C4's and FineWeb's filters.
BAD_SUBSTRINGS = ("javascript", "cookie", "lorem ipsum", "{", "terms of use", "privacy policy")
_WORD = re.compile(r"\S+")


def keep_all(text: str) -> str:
    """Every line of the input: the recall ceiling and the precision floor of text mode."""
    return text


def c4_filter(text: str) -> str:
    """Keep the lines a C4/FineWeb-style line filter keeps; the whole-document rules are left out.

    A line is kept when, after stripping white space:
      * it ends in terminal punctuation (``.``, ``!``, ``?``, ``:``, ``…``, or a closing quote,
        as C4 counts a quote after the period),
      * it has at least `MIN_WORDS` (3) white-space separated words (C4 asks for 5; see above),
      * and it contains none of `BAD_SUBSTRINGS` (case-insensitive): "javascript", "cookie",
        "lorem ipsum", "{", "terms of use", "privacy policy".
    """
    return "\n".join(line for line in text.splitlines() if _c4_keeps(line.strip()))


def _c4_keeps(line: str) -> bool:
    if not line.endswith(TERMINAL_PUNCTUATION):
        return False
    if len(_WORD.findall(line)) < MIN_WORDS:
        return False
    lowered = line.lower()
    return not any(bad in lowered for bad in BAD_SUBSTRINGS)


BASELINES: dict[str, Callable[[str], str]] = {"keep-all": keep_all, "c4-filter": c4_filter}
