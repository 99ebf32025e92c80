"""Peer extractors we compare against, each behind the same call: HTML text in, plain text out.

Every peer imports its package only when first called, so stripper itself never needs
them; a missing package raises `PeerUnavailable` with the pip command that fixes it.
`run_peer` is the guarded call used by `evaluate` and the bench: an exception inside a
peer becomes empty output plus an error message, never an aborted run.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

# ISO 639-1 code -> jusText stoplist name; anything else falls back to English.
JUSTEXT_LANGS = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal", "fi": "Finnish", "pl": "Polish",
    "cs": "Czech", "sk": "Slovak", "ru": "Russian", "uk": "Ukrainian", "hu": "Hungarian", "tr": "Turkish",
    "ro": "Romanian", "el": "Greek", "ca": "Catalan", "hr": "Croatian", "sl": "Slovenian",
}
DEFAULT_JUSTEXT_LANG = "English"

# Block-level tags: the readability summary is flattened to one line per such element.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "br", "body", "html", "caption",
})


class PeerUnavailable(RuntimeError):
    """The package a peer needs is not installed."""


@dataclass(frozen=True, slots=True)
class Peer:
    """A named extractor: `extract(html, lang)` and the distribution whose version keys its cache."""

    name: str
    distribution: str
    extract: Callable[[str, str], str]
    pip_name: str

    def version(self) -> str:
        try:
            return importlib.metadata.version(self.distribution)
        except importlib.metadata.PackageNotFoundError as err:
            raise PeerUnavailable(f"peer {self.name!r} needs {self.pip_name}: pip install {self.pip_name}") from err


@dataclass(frozen=True, slots=True)
class PeerOutput:
    """What one guarded peer call produced: its text, the call's time, and the error if it raised."""

    text: str
    seconds: float
    error: str | None = None


def _module(name: str, pip_name: str):
    try:
        return importlib.import_module(name)
    except ImportError as err:
        raise PeerUnavailable(f"this peer needs {pip_name}: pip install {pip_name}") from err


def _trafilatura_module():
    module = _module("trafilatura", "trafilatura")
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs a warning or error per empty page
    return module


def _trafilatura(html: str, lang: str) -> str:
    return _trafilatura_module().extract(html) or ""


def _trafilatura_precision(html: str, lang: str) -> str:
    return _trafilatura_module().extract(html, favor_precision=True) or ""


def _justext(html: str, lang: str) -> str:
    justext = _module("justext", "justext")
    stoplist = justext.get_stoplist(JUSTEXT_LANGS.get((lang or "en").lower()[:2], DEFAULT_JUSTEXT_LANG))
    paragraphs = justext.justext(html, stoplist)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _readability(html: str, lang: str) -> str:
    readability = _module("readability", "readability-lxml")
    logging.getLogger("readability.readability").setLevel(logging.CRITICAL)  # it logs a traceback per failure
    return html_to_lines(readability.Document(html).summary())


def _boilerpipe(html: str, lang: str) -> str:
    extractors = _module("boilerpy3.extractors", "boilerpy3")
    logging.getLogger("boilerpy3").setLevel(logging.CRITICAL)  # it logs a traceback per unparsable page
    return extractors.ArticleExtractor(raise_on_failure=False).get_content(html) or ""


def _resiliparse(html: str, lang: str) -> str:
    html2text = _module("resiliparse.extract.html2text", "resiliparse")
    return html2text.extract_plain_text(html, main_content=True) or ""


def html_to_lines(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block-level element, white space collapsed."""
    if not fragment or not fragment.strip():
        return ""
    import lxml.html

    root = lxml.html.fromstring(fragment)
    pieces: list[str] = []
    _walk(root, pieces)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(element, pieces: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("script", "style"):
        pieces.append("\n" if tag in BLOCK_TAGS else "")
    else:
        block = tag in BLOCK_TAGS
        if block:
            pieces.append("\n")
        if element.text and tag:
            pieces.append(element.text)
        for child in element:
            _walk(child, pieces)
        if block:
            pieces.append("\n")
    if element.tail:
        pieces.append(element.tail)


PEERS: dict[str, Peer] = {
    "trafilatura": Peer("trafilatura", "trafilatura", _trafilatura, "trafilatura"),
    "trafilatura-precision": Peer("trafilatura-precision", "trafilatura", _trafilatura_precision, "trafilatura"),
    "justext": Peer("justext", "jusText", _justext, "justext"),
    "readability": Peer("readability", "readability-lxml", _readability, "readability-lxml"),
    "boilerpipe": Peer("boilerpipe", "boilerpy3", _boilerpipe, "boilerpy3"),
    "resiliparse": Peer("resiliparse", "Resiliparse", _resiliparse, "resiliparse"),
}


def get_peer(name: str) -> Peer:
    """The registered peer called `name`; ValueError lists the known names."""
    try:
        return PEERS[name]
    except KeyError:
        raise ValueError(f"unknown peer {name!r}; known: {', '.join(PEERS)}") from None


def parse_peer_list(spec: str) -> list[str]:
    """`all`, `none` or a comma list of peer names -> validated names, in the order given."""
    spec = (spec or "").strip()
    if spec in ("", "none"):
        return []
    if spec == "all":
        return list(PEERS)
    names = [n.strip() for n in spec.split(",") if n.strip()]
    for name in names:
        get_peer(name)
    return names


def run_peer(name: str, html: str, lang: str = "en") -> PeerOutput:
    """Call peer `name` on one page, timing the call; any exception becomes an error, not a raise.

    `PeerUnavailable` is the one exception let through: a missing package is not a page failure.
    """
    peer = get_peer(name)
    start = time.perf_counter()
    try:
        text = peer.extract(html, lang)
    except PeerUnavailable:
        raise
    except Exception as err:  # noqa: BLE001 - a peer's failure on one page must never stop the run
        seconds = time.perf_counter() - start
        log.debug("peer %s failed: %s", name, err)
        return PeerOutput("", seconds, f"{type(err).__name__}: {err}"[:300])
    return PeerOutput(text if isinstance(text, str) else str(text), time.perf_counter() - start)
