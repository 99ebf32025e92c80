"""Cheap necessary conditions for text rules, read off their regexes.

Why: Python's `re` runs every rule's regex at full cost on every block (a hundred rules
times a hundred blocks a page), and one alternation of all rules is slower still (it
defeats `re`'s literal-prefix tricks). But nearly every rule names words: a block can
only match `^(share|tweet)( this)?$` if it holds "share" or "tweet". `needs_of` derives
such a set of literal strings from the parsed pattern, and `LiteralScreen` finds, in one
Aho-Corasick pass over the block (pyahocorasick, in C), which rules' strings occur. Only
those rules' regexes run. The screen is derived from the patterns, so rule files stay
plain regexes and the screen cannot disagree with them: it lets through a superset of the
real matches (case is ignored, and a rule with no literal it must contain always runs).
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable

import ahocorasick

try:  # Python >= 3.11
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT}
if hasattr(sre, "POSSESSIVE_REPEAT"):
    _REPEATS.add(sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
# re's IGNORECASE equates these with "i", str.casefold does not ("İ" folds to "i" + U+0307).
_RE_CASE_EXTRAS = str.maketrans({"\u0130": "i", "\u0131": "i"})


def fold(text: str) -> str:
    """Case-fold so that whatever re's IGNORECASE equates folds to the same string.

    The translation runs only on text holding one of its two characters: on other
    non-ASCII text it would return the text unchanged, at ~50 ns a character.
    """
    if not text.isascii() and ("\u0130" in text or "\u0131" in text):
        text = text.translate(_RE_CASE_EXTRAS)
    return text.casefold()


NEEDS_CACHE_PATTERNS = 4096


@functools.lru_cache(maxsize=NEEDS_CACHE_PATTERNS)
def needs_of(pattern: re.Pattern) -> frozenset[str] | None:
    """Case-folded strings of which every match of `pattern` holds one (None: none found).

    Remembered by pattern: parsing costs a quarter of a millisecond a rule, and every rule
    index (one for each page language and set of site rules met) screens its rules anew:
    the second index of the text rules, for a page of no detected language, took 28 ms.
    """
    try:
        parsed = list(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an exotic pattern simply runs on every block
        return None
    needs = _needs(parsed)
    return needs if needs and min(map(len, needs)) >= 1 else None


class LiteralScreen:
    """Which of many keyed patterns may match a text, from one scan for their literals."""

    def __init__(self, keyed: Iterable[tuple[Hashable, re.Pattern]]) -> None:
        by_literal: dict[str, set] = defaultdict(set)
        always: set = set()
        for key, pattern in keyed:
            needs = needs_of(pattern)
            if needs is None:
                always.add(key)
            for literal in needs or ():
                by_literal[literal].add(key)
        self.always = frozenset(always)
        self._automaton = ahocorasick.Automaton() if by_literal else None
        for literal, keys in by_literal.items():
            self._automaton.add_word(literal, frozenset(keys))
        if self._automaton is not None:
            self._automaton.make_automaton()

    def candidates(self, text: str) -> set:
        """Keys whose pattern may match `text` (a superset of those that do)."""
        found = set(self.always)
        if self._automaton is not None:
            for _end, keys in self._automaton.iter(fold(text)):
                found |= keys
        return found


def _needs(seq: list) -> frozenset[str] | None:
    """Strings of which every match of `seq` holds one: the strongest such set found."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in seq:
        if op == sre.LITERAL:
            run.append(fold(chr(av)))
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        if op in _ZERO_WIDTH:
            continue
        inner = _needs_item(op, av)
        if inner is not None:
            options.append(inner)
    if run:
        options.append(frozenset({"".join(run)}))
    if not options:
        return None
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


def _needs_item(op, av) -> frozenset[str] | None:
    if op == sre.SUBPATTERN:
        return _needs(av[-1])
    if op == sre.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            got = _needs(branch)
            if got is None:
                return None
            found |= got
        return frozenset(found)
    if op in _REPEATS and av[0] >= 1:
        return _needs(av[2])
    return None
