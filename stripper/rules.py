"""Apply declarative rules: the clear-cut cases, decided before any heuristic runs.

A rule speaks when its matcher fires on a block; the first rule to speak wins (site rules
are ordered before common ones). A markup rule (class/id tokens, tags) that would drop
most of the page's prose is a page-wrapper accident (`<body class="comments-open">`), so
it is skipped on that page rather than wiping the article.

Speed: a text rule's regex runs only on blocks holding one of the literal strings every
match of it holds (`prefilter`: one Aho-Corasick scan per block finds them for all rules);
markup rules are looked up by token and tag. So a block costs one scan and a regex or two,
not one regex per rule.
"""
from __future__ import annotations

import functools
import threading
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .config import Rule, RuleSet, Thresholds
from .model import Block, Document, new_decision, with_blocks, with_decision
from .prefilter import LiteralScreen


def host_of(url: str | None) -> str | None:
    """The lower-case host of a URL without a leading 'www.'."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return host[4:] if host and host.startswith("www.") else host


def structural_rules(rules: RuleSet, url: str | None) -> list[tuple[str, object]]:
    """(rule id, compiled xpath) pairs that segmentation evaluates on the parsed tree.

    Remembered per (rule set, host) as `_index` remembers a page's index: going through the
    hundred rules twice (`for_site`) cost 5 µs an HTML page.
    """
    host = host_of(url)
    pairs = _remembered(_structural_cache, (id(rules), host), rules,
                        lambda: tuple((r.id, r.xpath) for r in rules.for_site(host) if r.xpath is not None))
    return list(pairs)


@dataclass(frozen=True)
class _Index:
    """The active rules for one (rule set, host, mode), indexed for fast matching."""

    order: dict[str, int]
    by_id: dict[str, Rule]
    text_rules: tuple[Rule, ...]
    text_screen: LiteralScreen
    max_text_chars: int
    # texts longer than LONG_TEXT_CHARS: screens of the rules allowing at least `long_limits[i]`
    # characters (the last: of the rules without a limit); see `_screen_for`
    long_limits: tuple[int, ...]
    long_screens: tuple[LiteralScreen, ...]
    placed: bool  # some rule fires only before, after or outside the article span (`_limits_ok`)
    by_token: dict[str, tuple[Rule, ...]]
    by_tag: dict[str, tuple[Rule, ...]]


_cache: dict[tuple, _Index] = {}
_cache_lock = threading.Lock()
# (id(rules), host, mode, lang) -> (rules, its index): a page's index without filtering every
# rule again (0.1 ms a page). The rule set is held and compared, so a recycled id cannot match.
_page_cache: dict[tuple, tuple[RuleSet, _Index]] = {}
# (id(rules), host) -> (rules, its structural rules' (id, xpath) pairs); see `structural_rules`
_structural_cache: dict[tuple, tuple[RuleSet, tuple]] = {}


def _index(rules: RuleSet, host: str | None, mode: str, lang: str | None) -> _Index:
    """Rules for this page: its site's and the common ones, in its mode and language.

    A rule naming languages applies to pages detected in one of them (or of unknown language).
    """
    return _remembered(_page_cache, (id(rules), host, mode, lang), rules,
                       lambda: _index_of_active(rules, host, mode, lang))


MAX_CACHED = 4096  # entries a rule cache holds before it starts again


def _remembered(cache: dict[tuple, tuple[RuleSet, Any]], key: tuple, rules: RuleSet, build: Callable[[], Any]) -> Any:
    """`build()`, remembered in `cache` under `key` (which starts with `id(rules)`).

    The rule set is held beside the result and compared, so a recycled id cannot match.
    """
    held = cache.get(key)
    if held is not None and held[0] is rules:
        return held[1]
    found = build()
    with _cache_lock:
        if len(cache) > MAX_CACHED:
            cache.clear()
        cache[key] = (rules, found)
    return found


# A page in one of these languages also reads the rules of the others: its writers switch
# between them within a page. Taglish blogs run English bylines, share rows and disclosures
# between Tagalog paragraphs (blind page tl-blog-01); Korean pages keep English menus, share
# rows and copyright lines (they read every rule until Hangul gave them a language).
LANGUAGES_MIXED_WITH = {"tl": frozenset({"en"}), "ko": frozenset({"en"})}


def _index_of_active(rules: RuleSet, host: str | None, mode: str, lang: str | None) -> _Index:
    """`_index` uncached by page: the index is shared by all pages with the same active site rules."""
    languages = None if lang is None else {lang} | LANGUAGES_MIXED_WITH.get(lang, frozenset())
    active = [r for r in rules.for_site(host)
              if mode in r.modes and (not r.lang or languages is None or not languages.isdisjoint(r.lang))]
    key = (id(rules), mode, lang, tuple(r.id for r in active if r.site))
    found = _cache.get(key)
    if found is None:
        found = _build_index(active)
        with _cache_lock:
            if len(_cache) > 4096:
                _cache.clear()
            _cache[key] = found
    return found


def _build_index(active: list[Rule]) -> _Index:
    text_rules = tuple(r for r in active if r.regex is not None)
    by_token: dict[str, list[Rule]] = defaultdict(list)
    by_tag: dict[str, list[Rule]] = defaultdict(list)
    for rule in active:
        for token in rule.tokens:
            by_token[token].append(rule)
        for tag in rule.tags:
            by_tag[tag].append(rule)
    limits = [r.max_chars for r in text_rules]
    long_limits = tuple(sorted({n for n in limits if n is not None and n > LONG_TEXT_CHARS}))
    return _Index(
        order={r.id: i for i, r in enumerate(active)},
        by_id={r.id: r for r in active},
        text_rules=text_rules,
        text_screen=LiteralScreen(enumerate(r.regex for r in text_rules)),
        max_text_chars=max(limits) if limits and None not in limits else 10**12,
        long_limits=long_limits,
        long_screens=tuple(_screen_of(text_rules, least) for least in (*long_limits, None)),
        placed=any(r.position in SPAN_POSITIONS for r in active),
        by_token={k: tuple(v) for k, v in by_token.items()},
        by_tag={k: tuple(v) for k, v in by_tag.items()},
    )


def _screen_of(text_rules: tuple[Rule, ...], least: int | None) -> LiteralScreen:
    """The screen of the text rules that allow `least` characters (None: of those without a limit)."""
    return LiteralScreen((k, r.regex) for k, r in enumerate(text_rules)
                         if r.max_chars is None or least is not None and r.max_chars >= least)


def apply(doc: Document, rules: RuleSet, thresholds: Thresholds) -> Document:
    """Give every block that a rule matches a `rules`-stage decision."""
    if not doc.blocks:
        return doc
    index = _index(rules, host_of(doc.url), doc.mode, doc.lang)
    span = _span(doc) if index.placed else (0, -1)  # read by `_limits_ok` for placed rules only
    markup: dict[tuple, list[Rule]] = {}  # blocks of one element share their markup candidates
    hits = _first_matches(index, enumerate(doc.blocks), span, markup)
    skipped = _greedy(doc, hits, thresholds.max_rule_container_share)  # a wrapper is judged by all it would take
    hits = _rematch_spared(doc, index, span, markup, hits)
    if skipped:  # the blocks a skipped rule took get their first match among the others
        again = [i for i, h in enumerate(hits) if h is not None and h.id in skipped]
        for i, rule in zip(again, _first_matches(index, [(i, doc.blocks[i]) for i in again], span, markup, skipped)):
            hits[i] = rule
    blocks = tuple(b if h is None else with_decision(b, new_decision(h.action, h.id, h.reason, "rules"), b.history)
                   for b, h in zip(doc.blocks, hits))
    return with_blocks(doc, blocks)


def _rematch_spared(doc: Document, index: _Index, span: tuple[int, int], markup: dict[tuple, list[Rule]],
                    hits: list[Rule | None]) -> list[Rule | None]:
    """`_spare_the_article`, then each block it spared gets its next matching rule, spared in turn.

    A wrapper's class/id rule that is spared must not hide the rules after it: a sidebar
    widget's "you can also like my facebook page" inside a post's wrapper ("sidebar", on every
    block of the article) is still a share prompt by its text (dragnet R629).
    """
    out = _spare_the_article(doc, hits)
    skipped: dict[int, set[str]] = {}
    spared = [i for i, (hit, kept) in enumerate(zip(hits, out)) if hit is not None and kept is None]
    while spared:
        for i in spared:
            skipped.setdefault(i, set()).add(hits[i].id)
        hits = list(out)
        for i in spared:
            hits[i] = _first_matches(index, [(i, doc.blocks[i])], span, markup, skipped[i])[0]
        out = _spare_the_article(doc, hits)
        spared = [i for i in spared if hits[i] is not None and out[i] is None]
    return out


def _spare_the_article(doc: Document, hits: list[Rule | None]) -> list[Rule | None]:
    """Class/id drop rules do not fire inside the article container on its wrapper's tokens.

    `apply` judges a rule's share of the page's prose (`_greedy`) before this sparing: a token on
    a wrapper of the whole page (dragnet R403's `div.container.menu`) would otherwise be
    spared inside the main container and still drop the article beside it (dragnet, summed
    F1 +1.8 over 23 changed pages; l3s-gn1 and cleaneval unchanged).

    Blog templates wrap the post in elements named "share-wrap" or "sidebar-left"; a token
    that every block of the detected main container carries belongs to such a wrapper, not
    to a widget inside the article. Those blocks go to the model instead. Outside the container,
    a token that names only elements holding the container too is spared as well
    (`_spare_beside`: a review's header and pros and cons beside its body; out of fold dragnet
    0.9455 -> 0.9458, precision 0.9460 -> 0.9475, the other corpora unchanged).
    """
    out = list(hits)
    # first the tokens of the whole page (see `_spare`), then those of the article container
    page = frozenset.intersection(*(b.tokens for b in doc.blocks))
    if page:
        _spare(doc, out, range(len(doc.blocks)), page)
    main = doc.main_container
    if main < 0:
        return out
    inside = [i for i, b in enumerate(doc.blocks) if b.container == main or main in b.ancestors]
    if inside:
        _spare(doc, out, inside, frozenset.intersection(*(doc.blocks[i].tokens for i in inside)))
        _spare_beside(doc, out, doc.blocks[inside[0]], main)
    return out


def _chain(block: Block) -> tuple[int, ...]:
    """The ids of the elements from the page's root down to the block's own, one a level of its path."""
    return block.ancestors + (block.container,)


def _spare_beside(doc: Document, hits: list[Rule | None], inside: Block, main: int) -> None:
    """Outside the article container, undo the class/id drop hits whose tokens name only elements
    that hold the container too: a layout wrapper ("layout layout--sidebar") around a review's
    header, pros and cons and body alike (blind page nl-review-01).

    A block's path shows one label an element, root first, beside its `ancestors`; the levels it
    shares with the container's chain are wrappers of both. A token in a level of its own (the
    `aside.sidebar` in the same layout) is the block's, and the hit stands. Labels are cut at 41
    characters: a token cut off is not found, and its hit stands too.
    """
    inside_chain = _chain(inside)
    main_chain = inside_chain[:inside_chain.index(main) + 1]  # the root down to the container, read off a block inside it
    # tokens the container's own chain shows: a hit naming any other token stands (most do: "nav", "menu")
    wrappers = frozenset().union(*_path_levels(inside.path)[:len(main_chain)])
    for i, rule in enumerate(hits):
        if rule is None or rule.action != "drop" or not rule.tokens:
            continue
        block = doc.blocks[i]
        named = rule.tokens & block.tokens
        if not named or not named <= wrappers:
            continue
        chain = _chain(block)
        if main in chain:
            continue
        shared = next((k for k, (a, b) in enumerate(zip(chain, main_chain)) if a != b), min(len(chain), len(main_chain)))
        levels = _path_levels(block.path)
        if shared and len(levels) == len(chain) and _named_by_wrappers_only(named, levels, shared):
            hits[i] = None


def _named_by_wrappers_only(tokens: frozenset[str], levels: tuple[frozenset[str], ...], shared: int) -> bool:
    """Every token shows in one of the first `shared` levels of a path (wrappers of the article
    container too) and in none of the block's own levels below them."""
    own = frozenset().union(*levels[shared:])
    return not tokens & own and all(any(token in level for level in levels[:shared]) for token in tokens)


@functools.lru_cache(maxsize=4096)
def _path_levels(path: str) -> tuple[frozenset[str], ...]:
    """The class and id tokens each label of a path shows ("div.layout.sidebar" -> layout, sidebar).
    Remembered: a page's blocks share a few hundred paths, and the sparing runs again on each rematch."""
    return tuple(frozenset(label.replace("#", ".").split(".")[1:]) for label in path.split(">"))


def _spare(doc: Document, hits: list[Rule | None], where: Iterable[int], wrapper: frozenset[str]) -> None:
    """Undo, at the blocks `where`, the hits of class/id drop rules matched only by `wrapper`'s tokens.

    The page's own tokens are those every block carries: they name the page, not a block.
    Drupal and WordPress put the layout on `<body>` ("one-sidebar sidebar-right
    with-navigation"), and `navigation.sidebar-tokens` then matched dragnet R342's story.
    Sparing them took dragnet 0.9341 -> 0.9357 out of fold (train.replay; 21 pages changed,
    4 for the worse); l3s-gn1 and cleaneval did not change. (Leaving body tokens out of the
    features as well gained dragnet +0.0032, but needs a retrained model.)
    """
    for i in where:
        rule = hits[i]
        if rule is not None and rule.action == "drop" and rule.tokens:
            if (rule.tokens & doc.blocks[i].tokens) <= wrapper:
                hits[i] = None


def _markup_of(index: _Index, block: Block, markup: dict[tuple, list[Rule]] | None) -> list[Rule]:
    """`_markup_candidates` of `block`, remembered in `markup` by (marks, tokens, tags, tag)."""
    if markup is None:
        return _markup_candidates(index, block)
    key = (block.marks, block.tokens, block.tags, block.tag)
    found = markup.get(key)
    if found is None:
        found = markup[key] = _markup_candidates(index, block)
    return found


def _text_hits(index: _Index, text: str) -> list[Rule]:
    """Text rules whose regex matches `text`; only those its literal screen lets through run.

    The screen's tests (tests/test_speed_equivalence.py) hold this against trying every rule;
    `_first_matches` runs the same tests inline.
    """
    n = len(text)
    hits = []
    for k in _screen_for(index, n).candidates(text):
        rule = index.text_rules[k]
        if (rule.max_chars is None or n <= rule.max_chars) and rule.regex.search(text):
            hits.append(rule)
    return hits


LONG_TEXT_CHARS = 160  # a text longer than this is screened only for the rules that allow its length


def _screen_for(index: _Index, n: int) -> LiteralScreen:
    """The literal screen for a text of `n` characters.

    Why: the screen's Aho-Corasick scan costs some 14 ns a character with the literals of all
    text rules, 4 ns with a handful. Most rules are for short lines (`max_chars` 30 to 140),
    so a long text, which cannot match them, is scanned for the literals of the few rules
    that allow its length (the match still checks every limit): screening the texts over
    160 characters took 0.098 ms a page in text mode, now 0.056.
    """
    if n <= LONG_TEXT_CHARS:
        return index.text_screen
    return index.long_screens[bisect_left(index.long_limits, n)]


def _markup_candidates(index: _Index, block: Block) -> list[Rule]:
    found: list[Rule] = []
    for rule_id in block.marks:
        rule = index.by_id.get(rule_id)
        if rule is not None:
            found.append(rule)
    # only the tokens and tags some rule names: a set intersection in C, not a look-up each
    # (a block carries some 20 tokens and 10 ancestor tags, rules name few of them)
    for token in block.tokens & index.by_token.keys():
        found.extend(index.by_token[token])
    for tag in block.tags & index.by_tag.keys():
        found.extend(index.by_tag[tag])
    found.extend(index.by_tag.get(block.tag, ()))
    return found


def _first_matches(index: _Index, blocks: Iterable[tuple[int, Block]], span: tuple[int, int],
                   markup: dict[tuple, list[Rule]] | None,
                   skipped: frozenset[str] | set[str] = frozenset()) -> list[Rule | None]:
    """The first rule in `index.order` that fires on each (number, block) pair, leaving out `skipped`.

    The block's markup candidates (remembered per page in `markup`, if given), then the text
    rules its screen lets through whose regex matches it, each within its limits. One loop
    over the blocks, not a function a block: the calls and lists of `_first_match`,
    `_candidates` and `_text_hits` took text mode 0.36 -> 0.32 ms a page. `apply`'s second
    pass (the blocks a greedy markup rule took) and `matches` go through the same loop, so
    its tests are written once.
    """
    order, text_rules, longest = index.order, index.text_rules, index.max_text_chars
    any_markup = bool(index.by_token or index.by_tag)
    out: list[Rule | None] = []
    for i, block in blocks:
        best = None
        # a rule placed after the best so far cannot win: that test (a look-up) goes before the
        # limits and the regex, which then run only for rules that could
        if any_markup or block.marks:
            for rule in _markup_of(index, block, markup):
                if ((best is None or order[rule.id] < order[best.id]) and rule.id not in skipped
                        and _limits_ok(rule, block, i, span)):
                    best = rule
        text = block.text
        n = len(text)
        if text and n <= longest:
            for k in _screen_for(index, n).candidates(text):
                rule = text_rules[k]
                if ((best is None or order[rule.id] < order[best.id]) and (rule.max_chars is None or n <= rule.max_chars)
                        and rule.id not in skipped and rule.regex.search(text) and _limits_ok(rule, block, i, span)):
                    best = rule
        out.append(best)
    return out


SPAN_POSITIONS = frozenset({"before_body", "after_body", "outside_body"})  # the positions `_limits_ok` reads the span for


def _limits_ok(rule: Rule, block: Block, i: int, span: tuple[int, int]) -> bool:
    n = len(block.text)
    if rule.max_chars is not None and n > rule.max_chars:
        return False
    if rule.min_chars is not None and n < rule.min_chars:
        return False
    start, end = span
    if rule.position == "before_body":
        return end < 0 or i < start
    if rule.position == "after_body":
        return end < 0 or i > end
    if rule.position == "outside_body":
        return end < 0 or i < start or i > end
    return True


def matches(rule: Rule, doc: Document, i: int) -> bool:
    """Whether `rule` alone fires on block `i` of `doc` (used by `rules check` fixtures)."""
    index = _build_index([rule])
    return _first_matches(index, [(i, doc.blocks[i])], _span(doc), None)[0] is not None


def _span(doc: Document) -> tuple[int, int]:
    inside = [i for i, b in enumerate(doc.blocks) if (b.features or {}).get("in_span", 0.0) > 0]
    return (inside[0], inside[-1]) if inside else (0, -1)


def _greedy(doc: Document, hits: list[Rule | None], max_share: float) -> set[str]:
    """Markup drop rules that would take more than `max_share` of the page's prose here."""
    drops = [(block, rule) for block, rule in zip(doc.blocks, hits)
             if rule is not None and rule.action == "drop" and rule.regex is None]
    if not drops:  # none to weigh (text pages have no markup rules): the prose need not be summed
        return set()
    total = sum([len(b.text) for b in doc.blocks if (b.features or {}).get("prose", 0.0) > 0])
    if total <= 0:
        return set()
    taken: dict[str, int] = defaultdict(int)
    for block, rule in drops:
        taken[rule.id] += len(block.text) if (block.features or {}).get("prose", 0.0) > 0 else 0
    return {rule_id for rule_id, chars in taken.items() if chars / total > max_share}
