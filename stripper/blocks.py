"""Segmentation: a page (HTML or flattened text) becomes a `Document` of `Block`s.

HTML blocks follow the same boundaries as a naive scraper's flattening (every block-level
element's own text is one block), so one block of ours is one line of a text-mode input
and the two modes can share rules, features and gold alignments. One parse, one walk.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

import lxml.etree
import lxml.html

from .errors import InputTooLarge
from .model import Block, Document

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
_PARSER_OPTIONS = dict(remove_comments=True, remove_pis=True, huge_tree=True, default_doctype=False)
# libxml2 stops parsing (and drops the rest of the page) past 2048 open elements even with
# huge_tree; such pages are parsed again with elements deeper than this flattened away.
MAX_DEPTH = 1000
# A page with more blocks is refused (InputTooLarge): the later stages cost up to ~0.4 ms a
# block, so this bounds one page to seconds and well under 1 GB. The largest page of the three
# development corpora (1,730 pages) has 2,362 blocks.
MAX_BLOCKS = 20_000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:_-]*)[^>]*?(/?)>")
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


def class_tokens(el: lxml.etree._Element) -> frozenset[str]:
    """Class and id of an element as lower-case tokens: whole names and their parts.

    "share-tools" gives {"share-tools", "share", "tools"}, so rules can name either.
    """
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()
    out: set[str] = set()
    for name in raw:
        out.add(name)
        out.update(p for p in _TOKEN_SPLIT.split(name) if p)
    return frozenset(out)


def parse_html(text: str) -> lxml.etree._Element | None:
    """Parse HTML text with lxml; None when there is nothing to parse.

    A fresh parser each call (2 µs) keeps the error log ours when threads parse at once.
    """
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        return None
    root, too_deep = _parse(text)
    if too_deep:
        log.warning("page nests deeper than libxml2 allows; flattening below depth %d", MAX_DEPTH)
        root, _ = _parse(flatten_deep(text, MAX_DEPTH))
    return root


def _parse(text: str) -> tuple[lxml.etree._Element | None, bool]:
    """The parsed root and whether libxml2 gave up on the page's depth."""
    parser = lxml.html.HTMLParser(**_PARSER_OPTIONS)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except ValueError:  # lxml refuses some str input (an encoding declaration); bytes it takes
        parser = lxml.html.HTMLParser(encoding="utf-8", **_PARSER_OPTIONS)
        root = _parse_or_none(text.encode("utf-8", errors="replace"), parser)
    except lxml.etree.ParserError:
        root = None
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return root, too_deep


def _parse_or_none(data: bytes, parser: lxml.html.HTMLParser) -> lxml.etree._Element | None:
    try:
        return lxml.html.document_fromstring(data, parser=parser)
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
    walk = _Walk(marks=marks)
    _walk_tree(body if body is not None else root, walk)
    return Document(url=url, mode="html", blocks=tuple(walk.blocks), title=_title(root))


def _walk_tree(top: lxml.etree._Element, walk: _Walk) -> None:
    """Walk the body once, flushing a block at every block-level boundary."""
    frames: list[_Frame] = [_open_frame(top, None, walk)]
    _append(walk, top.text, 0)
    _walk_children(top, frames, walk)
    _flush(walk, frames[-1])


def _walk_children(top: lxml.etree._Element, frames: list[_Frame], walk: _Walk) -> None:
    """Enter/leave events via an explicit stack of iterators (no recursion: pages nest deep)."""
    anchors = 0
    iters = [iter(top)]
    opened: list[tuple[lxml.etree._Element, bool, bool]] = []  # (el, is_block, is_anchor)
    while iters:
        child = next(iters[-1], None)
        if child is None:
            iters.pop()
            if not opened:
                break
            el, is_block, is_anchor = opened.pop()
            if is_block:
                _flush(walk, frames[-1])
                frames.pop()
            if is_anchor:
                anchors -= 1
            _append(walk, el.tail, anchors)
            continue
        tag = child.tag if isinstance(child.tag, str) else ""
        if not tag or tag in DROP_TAGS:
            _append(walk, child.tail, anchors)
            continue
        is_block = tag in BLOCK_TAGS
        if is_block:
            _flush(walk, frames[-1])
            frames.append(_open_frame(child, frames[-1], walk))
        is_anchor = tag == "a"
        if is_anchor:
            anchors += 1
        _append(walk, child.text, anchors)
        opened.append((child, is_block, is_anchor))
        iters.append(iter(child))


def _open_frame(el: lxml.etree._Element, parent: _Frame | None, walk: _Walk) -> _Frame:
    tag = el.tag if isinstance(el.tag, str) else "?"
    own = class_tokens(el)
    label = tag + ("." + ".".join(sorted(t for t in own if "-" not in t and "_" not in t))[:40] if own else "")
    marks = tuple(walk.marks.get(el, ()))
    frame_id = walk.next_id
    walk.next_id += 1
    if parent is None:
        return _Frame(frame_id, tag, label, own, frozenset({tag}), marks, ())
    return _Frame(
        id=frame_id,
        tag=tag,
        path=f"{parent.path}>{label}",
        tokens=parent.tokens | own if own else parent.tokens,
        tags=parent.tags if tag in parent.tags else parent.tags | {tag},
        marks=parent.marks + marks if marks else parent.marks,
        ancestors=parent.ancestors + (parent.id,),
    )


def _append(walk: _Walk, text: str | None, anchors: int) -> None:
    if text:
        walk.pieces.append(text)
        if anchors:
            walk.link_chars += len(text.strip())


def _flush(walk: _Walk, frame: _Frame) -> None:
    if not walk.pieces:
        return
    text = " ".join("".join(walk.pieces).split())
    link_chars = walk.link_chars
    walk.pieces.clear()
    walk.link_chars = 0
    if not text:
        return
    _check_block_count(len(walk.blocks))
    walk.blocks.append(Block(
        index=len(walk.blocks),
        text=text,
        tag=frame.tag,
        path=frame.path,
        tokens=frame.tokens,
        tags=frame.tags,
        marks=frame.marks,
        link_chars=min(link_chars, len(text)),
        container=frame.id,
        ancestors=frame.ancestors,
    ))


def _check_block_count(count: int) -> None:
    if count >= MAX_BLOCKS:
        raise InputTooLarge(f"page has more than MAX_BLOCKS {MAX_BLOCKS} blocks")


def _title(root: lxml.etree._Element) -> str | None:
    for xpath in ('//meta[@property="og:title"]/@content', "//title/text()", "//h1//text()"):
        found = root.xpath(xpath)
        text = " ".join(" ".join(str(t) for t in found[:20]).split()) if found else ""
        if text:
            return text
    return None


def segment_text(text: str, *, url: str | None) -> Document:
    """Each non-empty line is a block; remember whether a blank line preceded it."""
    blocks: list[Block] = []
    gap = False
    for raw in text.splitlines():
        line = _WS.sub(" ", raw).strip()
        if not line:
            gap = True
            continue
        _check_block_count(len(blocks))
        blocks.append(Block(index=len(blocks), text=line, gap_before=gap and bool(blocks)))
        gap = False
    gaps = sum(b.gap_before for b in blocks)
    paragraph_gaps = len(blocks) > 1 and gaps >= (len(blocks) - 1) / 2
    title = blocks[0].text if blocks else None
    return Document(url=url, mode="text", blocks=tuple(blocks), title=title, paragraph_gaps=paragraph_gaps)
