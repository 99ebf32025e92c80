"""Segmentation: a page (HTML or flattened text) becomes a `Document` of `Block`s.

HTML blocks follow the same boundaries as a naive scraper's flattening (every block-level
element's own text is one block), so one block of ours is one line of a text-mode input
and the two modes can share rules, features and gold alignments. One parse, one walk.
"""
from __future__ import annotations

import functools
import logging
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from operator import not_
from typing import Callable, Iterable, Iterator

import lxml.etree

from .errors import InputTooLarge
from .model import Block, Document, new_block

DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "head", "select",
    "math", "embed", "audio", "video", "picture", "source", "map",
})
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "br", "button", "label", "option", "legend",
})
_XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*>")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
INVISIBLE = "\u200b\u2060\ufeff"  # zero-width space, word joiner, BOM: a line of nothing else is empty
# (zero-width joiners and non-joiners are left alone: Persian and Indic words hold them)
_PARSER_OPTIONS = dict(remove_comments=True, remove_pis=True, huge_tree=True, default_doctype=False)
# libxml2 stops parsing (and drops the rest of the page) past 2048 open elements even with
# huge_tree; such pages are parsed again with elements deeper than this flattened away.
MAX_DEPTH = 1000
# A page with more blocks is refused (InputTooLarge), bounding one page's time (~0.1 ms a
# block) and memory: a 20 MB page of 59,000 blocks peaks at 274 MB (bench/bench.py --big-page 20).
# The largest page of the three development corpora (1,730 pages) has 2,362 blocks.
MAX_BLOCKS = 100_000
MAX_SHARED = 4096  # distinct paths and token sets a walk remembers to share among its blocks
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:_-]*)[^>]*?(/?)>")
_EMPTY_BLOCK_TAGS = frozenset({"br", "hr"})  # void block-level tags: `libxml2` closes them at once
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                       "source", "track", "wbr"})
log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Frame:
    """An open block-level element during the walk."""

    id: int
    tag: str
    path: str
    tokens: frozenset[str]
    tags: frozenset[str]
    marks: tuple[str, ...]
    ancestors: tuple[int, ...]


@dataclass(slots=True)
class _Walk:
    """Mutable state of one walk; local to `_segment_tree`, never shared."""

    marks: dict
    blocks: list[Block] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    link_chars: int = 0
    next_id: int = 0
    # One object per distinct path, token set and tag set: a page repeats its structures
    # (posts of a thread, rows of a list), and a block of a huge page would otherwise carry
    # its own copies of strings and sets as long as its nesting is deep.
    shared: dict = field(default_factory=dict)
    top: lxml.etree._Element | None = None


def class_tokens(el: lxml.etree._Element) -> frozenset[str]:
    """Class and id of an element as lower-case tokens: whole names and their parts.

    "share-tools" gives {"share-tools", "share", "tools"}, so rules can name either.
    """
    return _tokens_and_label(el.get("class"), el.get("id"))[0]


@functools.lru_cache(maxsize=8192)
def _tokens_and_label(class_: str | None, id_: str | None) -> tuple[frozenset[str], str]:
    """Tokens of a (class, id) pair and the ".a.b" suffix they add to a block's path.

    Cached: a page repeats the same few class names on hundreds of elements.
    """
    lowered = f"{class_ or ''} {id_ or ''}".lower()
    names = lowered.split()
    if not names:
        return _NO_TOKENS, ""
    if _NEGATED_NAME.search(lowered):  # "no_sidebar_top", "has-sidebar": a layout's name, not a sidebar
        negated = [name for name in names if _NEGATED_NAME.match(name)]
        own, suffix = _tokens_and_label(" ".join(name for name in names if name not in negated) or None, None)
        return own.union(negated), suffix
    # The parts of the class's names from one split of them all, and of the id's from another
    # (whitespace, which separates the names, is one of the characters `_TOKEN_SPLIT` splits at,
    # so no part spans two names). The label's tokens are the parts, all letters and digits,
    # and the names without "-" or "_": the class's, then "#" and the id's. An id names one
    # element, and numbered ids ("block-yui_3_17_2_1_1742301189544_9133") would crowd the class
    # out of the 40 characters and tell like-named modules apart (`features._kind` reads the class only).
    class_names, id_names = (class_ or "").lower().split(), (id_ or "").lower().split()
    class_parts, id_parts = _parts(" ".join(class_names)), _parts(" ".join(id_names))
    parts = class_parts | id_parts
    shown = class_parts.union(name for name in class_names if "-" not in name and "_" not in name)
    id_shown = id_parts.union(name for name in id_names if "-" not in name and "_" not in name) - shown
    label = ("." + ".".join(sorted(shown)) if shown else "") + ("#" + ".".join(sorted(id_shown)) if id_shown else "")
    return frozenset(parts.union(names)), label[:41]


def _parts(lowered: str) -> set[str]:
    """The letter-and-digit parts of lower-cased names (`_TOKEN_SPLIT`).

    In ASCII (nearly always) by `bytes.translate` of all but letters and digits to spaces and
    `str.split`: a name split by the regex at a time and every token tested cost 26,450
    instructions a new (class, id) pair, now 18,230 (callgrind; a page meets some 50 new ones).
    """
    if lowered.isascii():
        return set(lowered.encode("ascii").translate(_NON_TOKEN_TO_SPACE).decode("ascii").split())
    parts = set(_TOKEN_SPLIT.split(lowered))
    parts.discard("")
    return parts


_NO_TOKENS: frozenset[str] = frozenset()
# a class name that says what the page lacks or has ("no-sidebar", "has_comments", "with-sidebar") is
# one token: its parts would mark the article as the chrome it names (blind page en-howto-01)
_NEGATED_NAME = re.compile(r"(?:^|(?<=\s))(?:no|not|has|with|without)[-_]\S")
# ASCII bytes that `_TOKEN_SPLIT` splits at (all but lower-case letters and digits) as spaces
_NON_TOKEN_TO_SPACE = bytes(c if _TOKEN_SPLIT.fullmatch(chr(c)) is None else 32 for c in range(256))


def parse_html(text: str, *, ids: bool = True) -> lxml.etree._Element | None:
    """Parse HTML text with lxml; None when there is nothing to parse.

    A fresh parser each call (2 µs) keeps the error log ours when threads parse at once.
    `ids=False` skips libxml2's table of id attributes, which only XPath's `id()` reads:
    the same tree, 5 % faster to build (0.70 -> 0.67 ms a page).
    """
    text = _mend_before_parse(text)
    if not text.strip():
        return None
    root, too_deep = _parse(text, ids)
    if too_deep:
        log.warning("page nests deeper than libxml2 allows; flattening below depth %d", MAX_DEPTH)
        root, _ = _parse(flatten_deep(text, MAX_DEPTH), ids)
    return root


def _mend_before_parse(text: str) -> str:
    """What both parses (`parse_html`, `segment_html_stream`) do to the text first: drop an XML
    declaration (lxml refuses one in a str), close an unclosed <title>, open past a document's end."""
    return open_past_document_end(close_unclosed_title(_XML_DECLARATION.sub("", text, count=1)))


_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.I)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.I)
_TITLE_END = re.compile(r"[<\n]")


def close_unclosed_title(text: str) -> str:
    """A <title> never closed swallows the whole page as its text (the parser reads a title
    as plain text up to `</title>`); close it at the end of its first line or at the first `<`."""
    opened = _TITLE_OPEN.search(text)
    if opened is None or _TITLE_CLOSE.search(text, opened.end()):
        return text
    end = _TITLE_END.search(text, opened.end())
    cut = end.start() if end else len(text)
    return text[:cut] + "</title>" + text[cut:]


def open_past_document_end(text: str) -> str:
    """Remove `</body>` and `</html>` when page content follows them: concatenated documents
    ("...</html><script>...</script><!DOCTYPE ...><html>... the story ...") or a server's
    footer printed past the end.

    libxml2 mostly carries such content into the body, but not always: on one l3s-gn1 page
    (954487ce) it kept 13 words of 397, the story lost behind a first, empty document. Without
    the closing tags it keeps them all; on 8 other development pages it keeps a few lines
    more, and on the rest the tree is the same.
    """
    end = _DOCUMENT_END.search(text)
    if end is None or not text[end.end():].strip():
        return text
    return _DOCUMENT_END.sub(" ", text)


# letter classes, not re.I: a case-sensitive pattern lets sre scan for its literal "</" (0.06 ms, not 0.09, on 90 kB)
_DOCUMENT_END = re.compile(r"</(?:[hH][tT][mM][lL]|[bB][oO][dD][yY])\s*>")


def _parse(text: str, ids: bool = True) -> tuple[lxml.etree._Element | None, bool]:
    """The parsed root and whether libxml2 gave up on the page's depth.

    lxml's plain `etree.HTMLParser` builds the same tree as `lxml.html`'s, but without its
    Python element-class lookup, which cost about a microsecond per element we visit.
    """
    parser = lxml.etree.HTMLParser(collect_ids=ids, **_PARSER_OPTIONS)
    try:
        root = _document(text, parser)
    except ValueError:  # lxml refuses some str input (an encoding declaration); bytes it takes
        parser = lxml.etree.HTMLParser(encoding="utf-8", collect_ids=ids, **_PARSER_OPTIONS)
        root = _parse_or_none(text.encode("utf-8", errors="replace"), parser)
    except lxml.etree.ParserError:
        root = None
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return root, too_deep


def _document(data: str | bytes, parser: lxml.etree.HTMLParser) -> lxml.etree._Element:
    """`lxml.html.document_fromstring` without the element classes: an empty page raises."""
    root = lxml.etree.fromstring(data, parser)
    if root is None:
        raise lxml.etree.ParserError("Document is empty")
    return root


def _parse_or_none(data: bytes, parser: lxml.etree.HTMLParser) -> lxml.etree._Element | None:
    try:
        return _document(data, parser)
    except (lxml.etree.ParserError, ValueError):
        return None


def flatten_deep(text: str, max_depth: int) -> str:
    """Remove the tags of elements opened below `max_depth`; their text stays in place.

    A linear scan of the tags (no parse): good enough for the pathological pages that need
    it. A removed tag becomes a space so that words on either side stay apart.
    """
    out: list[str] = []
    stack: list[str] = []
    open_names: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    pos = 0
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if name in VOID_TAGS or match.group(3):
            continue
        drop = False
        if not closing:
            drop = len(stack) >= max_depth
            if drop:
                removed[name] += 1
            else:
                stack.append(name)
                open_names[name] += 1
        elif removed[name]:
            removed[name] -= 1
            drop = True
        elif open_names[name]:
            while stack:  # close everything opened inside it, as the parser would
                top = stack.pop()
                open_names[top] -= 1
                if top == name:
                    break
        if drop:
            out.append(text[pos:match.start()])
            out.append(" ")
            pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def segment_html(root: lxml.etree._Element | None, *, url: str | None, structural: Iterable = ()) -> Document:
    """Walk the parsed page once and cut it into blocks.

    `structural` are (rule_id, xpath) pairs; elements they select mark every block inside.
    """
    if root is None:
        return Document(url=url, mode="html", blocks=())
    marks: dict = {}
    for rule_id, xpath in structural:
        try:
            for el in xpath(root):
                if isinstance(el, lxml.etree._Element):
                    marks.setdefault(el, []).append(rule_id)
        except lxml.etree.XPathError:
            continue
    body = root.find("body")
    top = body if body is not None else root
    walk = _Walk(marks=marks)
    events = lxml.etree.iterwalk(top, events=_EVENTS)
    _walk_events(events, walk, is_top=lambda el: el is top, skip_subtree=events.skip_subtree)
    return Document(url=url, mode="html", blocks=tuple(walk.blocks), title=_title(root))


_EVENTS = ("start", "end", "comment", "pi")
_BEFORE_TOP, _IN_TOP, _WALKED = 0, 1, 2  # how far a walk got
STREAM_CHUNK_CHARS = 1 << 16


def segment_html_stream(text: str, *, url: str | None) -> Document | None:
    """`segment_html(parse_html(text))` without ever holding the page's whole tree.

    For huge pages, where the tree outweighs everything else (a 20 MB page: 155 MB of
    tree). The text goes to lxml's pull parser a chunk at a time (same libxml2 parser,
    same tree), the blocks are cut from its events, and each element is removed from the
    tree once read. Returns None where only the whole tree will do: a page without
    <body>, or one nesting deeper than libxml2 allows (`parse_html` flattens those).
    Structural (xpath) rules need the whole tree too: callers do not stream then.
    """
    text = _mend_before_parse(text)
    if not text.strip():
        return Document(url=url, mode="html", blocks=())
    pull = lxml.etree.HTMLPullParser(events=_EVENTS, **_PARSER_OPTIONS)
    walk = _Walk(marks={})
    title = _TitleParts()
    events = _watched(_one_behind(_pull_events(pull, text)), walk, title)
    state = _walk_events(events, walk, is_top=_is_body)
    deque(events, maxlen=0)  # the rest of the page: the title may come later, and the parser's errors
    if state != _WALKED or any(e.type_name == "ERR_RESOURCE_LIMIT" for e in pull.error_log):
        return None  # no <body>, or the parser gave up (too deep) before the body's end
    return Document(url=url, mode="html", blocks=tuple(walk.blocks), title=title.text())


def _pull_events(pull: lxml.etree.HTMLPullParser, text: str) -> Iterator[tuple[str, lxml.etree._Element]]:
    for start in range(0, len(text), STREAM_CHUNK_CHARS):
        pull.feed(text[start:start + STREAM_CHUNK_CHARS])
        yield from pull.read_events()
    try:
        pull.close()
    except lxml.etree.XMLSyntaxError:
        pass
    yield from pull.read_events()


def _one_behind(events: Iterable[tuple[str, lxml.etree._Element]]) -> Iterator[tuple[str, lxml.etree._Element]]:
    """Each event once the next one has come (or the events have ended).

    From a pull parser an element's text (or tail) is complete only when the parser has
    read past it. A walk of a whole tree needs no such delay, and skips this generator's
    cost (an eighth of the walk).
    """
    pending = None
    for current in events:
        if pending is not None:
            yield pending
        pending = current
    if pending is not None:
        yield pending


def _is_body(el: lxml.etree._Element) -> bool:
    return el.tag == "body"


@dataclass(slots=True)
class _TitleParts:
    """What `_title`'s xpaths select, gathered from parse events: og:title, <title>, <h1> texts."""

    og: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)
    h1_depth: int = 0

    def see(self, event: str, el: lxml.etree._Element) -> None:
        tag = el.tag
        if event == "start":
            if tag == "h1":
                self.h1_depth += 1
            elif tag == "meta" and el.get("property") == "og:title" and el.get("content") is not None:
                self.og.append(el.get("content"))
        elif event == "end":
            if tag == "title":
                self.title.extend(t for t in [el.text, *(c.tail for c in el)] if t)
            elif tag == "h1":
                self.h1_depth -= 1
                if self.h1_depth == 0 and len(self.h1) < 20:
                    self.h1.extend(t for t in el.itertext() if t)

    def text(self) -> str | None:
        for found in (self.og, self.title, self.h1):
            text = " ".join(" ".join(found[:20]).split()) if found else ""
            if text:
                return text
        return None


def _walk_events(events: Iterable[tuple[str, lxml.etree._Element]], walk: _Walk, *,
                 is_top: Callable[[lxml.etree._Element], bool],
                 skip_subtree: Callable[[], None] | None = None) -> int:
    """Cut blocks from parse events, flushing a block at every block-level boundary.

    Text goes to the innermost open block: an element's text at its start, its tail at its
    end. Dropped elements (scripts, ...) contribute only their tail. The walk runs from the
    start of the first element `is_top` accepts to its end; that element is always a block.
    Events from a pull parser must come through `_one_behind` (an element's text or tail is
    complete only once the next event has come). `skip_subtree` (an `iterwalk`'s) spares
    the events inside a dropped element. Returns how far it got: _BEFORE_TOP, _IN_TOP (the
    events ended inside it) or _WALKED; a walk that got to the end of its top element stops
    reading `events` there.

    Why three loops (before the top element, in it, inside a dropped element) instead of one
    loop testing the walk's state at every event: the walk (without the parse) took 9.0M
    instructions a page, now 8.6M (callgrind, 30 bench pages; libxml2's randomised hashing
    moves such figures by some 0.1M from run to run).
    """
    events = iter(events)
    for event, el in events:
        if event == "start" and is_top(el):
            top = walk.top = el
            break
    else:
        return _BEFORE_TOP
    frames: list[_Frame] = [_open_frame(top, top.tag, None, walk)]
    pieces = walk.pieces
    if top.text:
        _append(walk, top.text, 0)
    anchors = 0
    for event, el in events:
        if event == "start":
            tag = el.tag
            if tag in DROP_TAGS:
                if not _pass_over(el, events, skip_subtree):
                    break  # the events ended inside it
                if el.tail:
                    _append(walk, el.tail, anchors)
                continue
            if tag in BLOCK_TAGS:
                if pieces:
                    _flush(walk, frames[-1])
                if tag in _EMPTY_BLOCK_TAGS and el.text is None:
                    # a <br> or <hr> holds no text (the parser gives it no children), so its
                    # frame would never get a block: its parent's frame stands in, popped at
                    # its end, and only its id is spent (1 block tag in 9 is a <br>)
                    walk.next_id += 1
                    frames.append(frames[-1])
                    continue
                frames.append(_open_frame(el, tag, frames[-1], walk))
            elif tag == "a":
                anchors += 1
            text = el.text
            # _append, inlined: this loop runs for every element of the page. Whitespace
            # that would open a block is left out (the block's text drops it anyway), so the
            # whitespace between two block tags (2 flushes in 3) never reaches `_flush`.
            if text and (pieces or not text.isspace()):
                pieces.append(text)
                if anchors:
                    walk.link_chars += len(text.strip())
            continue
        if event == "end":
            if el is top:
                if pieces:
                    _flush(walk, frames[-1])
                return _WALKED
            tag = el.tag
            if tag in BLOCK_TAGS:
                if pieces:
                    _flush(walk, frames[-1])
                frames.pop()
            elif tag == "a":
                anchors -= 1
        tail = el.tail  # "end", or a comment / processing instruction (no children, no end)
        if tail and (pieces or not tail.isspace()):  # as for `text` above
            pieces.append(tail)
            if anchors:
                walk.link_chars += len(tail.strip())
    if pieces:
        _flush(walk, frames[-1])
    return _IN_TOP


def _pass_over(dropped: lxml.etree._Element, events: Iterator[tuple[str, lxml.etree._Element]],
               skip_subtree: Callable[[], None] | None) -> bool:
    """Read `events` up to the end of `dropped` (just started); False if they end before it."""
    if skip_subtree is not None:
        skip_subtree()  # its end comes next
    for event, el in events:
        if el is dropped and event == "end":
            return True
    return False


def _watched(events: Iterable[tuple[str, lxml.etree._Element]], walk: _Walk,
             title: _TitleParts) -> Iterator[tuple[str, lxml.etree._Element]]:
    """The events of a streamed page, each shown to `title` first and, once the walk has read it,
    an ended element removed from the tree (a pull parser's tree then never grows); elements
    inside an <h1> stay until its end, for the title, and so does the walk's top element."""
    for event, el in events:
        title.see(event, el)
        yield event, el
        if event == "end" and title.h1_depth == 0 and el is not walk.top:
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)


def _open_frame(el: lxml.etree._Element, tag: str, parent: _Frame | None, walk: _Walk) -> _Frame:
    """The frame of block-level element `el` (its `tag` given: the walk has read it already)."""
    own, suffix = _tokens_and_label(el.get("class"), el.get("id"))
    label = tag + suffix
    marks = tuple(walk.marks.get(el, ())) if walk.marks else ()
    frame_id = walk.next_id
    walk.next_id += 1
    if parent is None:  # the <body>: its classes name the page's theme and type, not a part of it
        return _Frame(frame_id, tag, label, _NO_TOKENS, frozenset({tag}), marks, ())
    shared = walk.shared
    if len(shared) > MAX_SHARED:  # bounded: repeats come close together, unique structure must not pile up
        shared.clear()
    key = (parent.path, label)
    path = shared.get(key)
    if path is None:
        path = shared[key] = f"{parent.path}>{label}"
    tokens = parent.tokens
    if own:
        key = (tokens, own)
        tokens = shared.get(key)
        if tokens is None:
            tokens = shared[key] = parent.tokens | own
    tags = parent.tags
    if tag not in tags:
        key = (tags, tag)
        tags = shared.get(key)
        if tags is None:
            tags = shared[key] = parent.tags | {tag}
    return _Frame(frame_id, tag, path, tokens, tags, parent.marks + marks if marks else parent.marks,
                  parent.ancestors + (parent.id,))


def _append(walk: _Walk, text: str, anchors: int) -> None:
    walk.pieces.append(text)
    if anchors:
        walk.link_chars += len(text.strip())


def _flush(walk: _Walk, frame: _Frame) -> None:
    """The collected text becomes a block of `frame` (when it holds more than whitespace)."""
    collected = "".join(walk.pieces)
    link_chars = walk.link_chars
    walk.pieces.clear()
    walk.link_chars = 0
    if collected.isspace():  # most flushes (2 in 3): only the whitespace between two block tags
        return
    text = " ".join(collected.split())
    if not text.isprintable():  # entities like &#2; resolve to control characters: make them spaces
        text = " ".join(_CONTROL.sub(" ", text).split())  # same words as replacing before the split
        if not text.strip(INVISIBLE):
            return  # a spacer paragraph holding only a zero-width space (Naver's editor: corpus/ ko-blog-01)
    if not text:
        return
    blocks = walk.blocks
    if len(blocks) >= MAX_BLOCKS:
        _check_block_count(len(blocks))  # raises
    blocks.append(new_block(len(blocks), text, frame.tag, frame.path, frame.tokens, frame.tags, frame.marks,
                            min(link_chars, len(text)) if link_chars else 0, frame.id, frame.ancestors))


def _check_block_count(count: int) -> None:
    if count >= MAX_BLOCKS:
        raise InputTooLarge(f"page has more than MAX_BLOCKS {MAX_BLOCKS} blocks")


def _title(root: lxml.etree._Element) -> str | None:
    """The first of: og:title contents, <title> text, <h1> text (20 pieces at most, spaces normalised).

    What the XPaths `//meta[@property="og:title"]/@content`, `//title/text()` and `//h1//text()`
    select, but the <meta> and <title> elements are found in one pass of `iter` by tag (in C)
    instead of two XPath scans of the whole tree: 0.19 -> 0.09 ms a page.
    """
    for found in _title_candidates(root):
        text = " ".join(" ".join(str(t) for t in found[:20]).split()) if found else ""
        if text:
            return text
    return None


_TEXT_CHILDREN = lxml.etree.XPath("text()")
_ALL_TITLE_TEXT = lxml.etree.XPath("//title/text()")
_H1_TEXT = lxml.etree.XPath("//h1//text()")


def _title_candidates(root: lxml.etree._Element) -> Iterator[list]:
    """og:title contents, then <title> text nodes, then <h1> text nodes, each in document order."""
    og: list[str] = []
    titles: list[lxml.etree._Element] = []
    # the document may hold elements beside its root (a <title> after </html>): XPath's `//` sees them
    tops = [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]
    for el in chain.from_iterable(top.iter("meta", "title") for top in tops):
        if el.tag == "title":
            titles.append(el)
        elif el.get("property") == "og:title" and el.get("content") is not None:
            og.append(el.get("content"))
    yield og
    if any(len(el) for el in titles):  # a <title> holding elements (none seen): the XPath keeps document order
        yield _ALL_TITLE_TEXT(root)
    else:
        yield [t for el in titles for t in _TEXT_CHILDREN(el)]
    yield _H1_TEXT(root)


def segment_text(text: str, *, url: str | None) -> Document:
    """Each non-empty line is a block; remember whether a blank line preceded it.

    A line's whitespace runs become one space and its ends are stripped by
    `" ".join(line.split())`, mapped over all lines: the same as `_WS.sub(" ", line).strip()`
    (`\\s` and `str.split` know the same 29 whitespace characters) at a quarter of the cost.
    The blocks are built by a `map` too, not a Python step a line.
    """
    lines = list(map(" ".join, map(str.split, text.splitlines())))
    if any(c in text for c in INVISIBLE):  # three scans in C; then blank out the lines holding only such
        lines = [line if line.strip(INVISIBLE) else "" for line in lines]
    texts = list(filter(None, lines))
    if len(texts) > MAX_BLOCKS:
        _check_block_count(MAX_BLOCKS)
    # a block follows a blank line where the line before it is empty; the first block never does
    after_blank = list(compress(map(not_, chain(("",), lines)), lines))
    if after_blank:
        after_blank[0] = False
    n = len(texts)
    no_names: frozenset[str] = frozenset()
    blocks = tuple(map(new_block, range(n), texts, repeat("line"), repeat(""), repeat(no_names), repeat(no_names),
                       repeat(()), repeat(0), repeat(-1), repeat(()), after_blank))
    paragraph_gaps = n > 1 and sum(after_blank) >= (n - 1) / 2
    title = texts[0] if texts else None
    return Document(url=url, mode="text", blocks=blocks, title=title, paragraph_gaps=paragraph_gaps)
