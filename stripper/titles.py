"""Which line of a page is its headline, by the page's title (the revision passes' headline search).

A page's <title> is its headline with the site's name added ("The Human Bowling Ball - I
Geek for Creativity"). In text mode the title is the first line (scrapers put it first);
in HTML it is og:title, <title> or <h1>.
"""
from __future__ import annotations

from typing import Sequence


def title_holds(head: str, text: str, min_chars: int, min_words: int) -> bool:
    """Whether the title `head` opens with line `text`, or holds it with `min_words` words or
    more (both lower-cased); lines shorter than `min_chars` ("Home", "Sports") prove nothing."""
    return len(text) >= min_chars and (head.startswith(text) or text in head and len(text.split()) >= min_words)


def headline_index(texts: Sequence[str], title: str, min_chars: int, min_words: int, first: int = 1) -> int | None:
    """The index of the article's headline, the longest block from `first` on that the page's
    title `title` (lower-cased) holds (`title_holds`); text mode searches from the second line,
    the first being the title itself.

    The masthead ("I Geek for Creativity") is a part of the title too, but a shorter one.
    The first of equal lines wins (an archive list repeats the headline further down). Lines
    longer than the title, or no longer than the best so far, are not lowered.
    """
    best, best_len = None, 0
    for i in range(first, len(texts)):
        size = len(texts[i])
        if best_len < size <= len(title) and title_holds(title, texts[i].lower(), min_chars, min_words):
            best, best_len = i, size
    return best
