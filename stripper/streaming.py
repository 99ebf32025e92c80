"""Text mode over a stream of many flattened documents, one document in memory at a time.

Corpus dumps of flattened pages are often one big file: documents one after another,
split by a separator line (a form feed by default). `strip_stream` reads such a stream
line by line, cuts it into documents and strips each as soon as its last line is read,
so memory holds one document, never the file. A document that is too long (more lines
than `blocks.MAX_BLOCKS` or more characters than `max_input_bytes`) is skipped through
to its separator without being held, and reported as an error: nothing is lost silently,
and one bad document does not stop the stream.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .api import strip
from .blocks import MAX_BLOCKS
from .config import Config, default_config
from .errors import InputTooLarge, StripperError
from .model import Result

DEFAULT_SEPARATOR = "\f"


@dataclass(frozen=True)
class StreamedDoc:
    """One document of the stream: its position, and its result or the error it met."""

    index: int
    result: Result | None
    error: str | None = None

    def to_json(self) -> str:
        """One JSONL record: index, title, text, lang, error (no per-block decisions)."""
        record = {"index": self.index, "title": None, "text": None, "lang": None, "error": self.error}
        if self.result is not None:
            record.update(title=self.result.title, text=self.result.text, lang=self.result.lang)
        return json.dumps(record, ensure_ascii=False)


@dataclass
class _Pending:
    """The document being read: its lines, or only the reason it is being skipped."""

    lines: list[str]
    chars: int = 0
    too_large: str | None = None


def split_documents(lines: Iterable[str], *, separator: str = DEFAULT_SEPARATOR,
                    max_lines: int = MAX_BLOCKS, max_chars: int = 0) -> Iterator[list[str] | StripperError]:
    """Group `lines` into documents at lines equal to `separator` (line ends ignored).

    Yields each document's lines, or a `StripperError` in place of a document past
    `max_lines` lines or `max_chars` characters (0: no limit), whose lines are dropped
    as they are read. Empty documents (two separators in a row) are skipped.
    """
    pending = _Pending([])
    seen_any = False
    for raw in lines:
        line = raw.rstrip("\r\n")
        if line == separator:
            if seen_any:
                yield _finish(pending)
            pending, seen_any = _Pending([]), False
            continue
        seen_any = seen_any or bool(line.strip())
        if pending.too_large:
            continue
        pending.lines.append(line)
        pending.chars += len(line) + 1
        if len(pending.lines) > max_lines:
            pending = _Pending([], too_large=f"document has more than {max_lines} lines")
        elif max_chars and pending.chars > max_chars:
            pending = _Pending([], too_large=f"document has more than {max_chars} characters")
    if seen_any:
        yield _finish(pending)


def _finish(pending: _Pending) -> list[str] | StripperError:
    if pending.too_large:
        return InputTooLarge(pending.too_large)
    return pending.lines


def strip_stream(lines: Iterable[str], *, separator: str = DEFAULT_SEPARATOR, url: str | None = None,
                 config: Config | None = None, lang: str | None = None) -> Iterator[StreamedDoc]:
    """Strip each document of a stream of flattened text, yielding one record per document.

    `lines` is any iterable of lines (an open text file, `sys.stdin`); documents are split
    at `separator` lines. Every document yields exactly one `StreamedDoc`, with a result
    or an error.
    """
    config = config or default_config()
    limit = config.thresholds.max_input_bytes
    docs = split_documents(lines, separator=separator, max_chars=limit)
    for index, doc in enumerate(docs):
        if isinstance(doc, StripperError):
            yield StreamedDoc(index, None, str(doc))
            continue
        try:
            yield StreamedDoc(index, strip("\n".join(doc), url=url, mode="text", config=config, lang=lang))
        except StripperError as err:
            yield StreamedDoc(index, None, str(err))
        except Exception as err:  # noqa: BLE001 - one document's bug must not end the stream
            yield StreamedDoc(index, None, f"internal error: {type(err).__name__}: {err}")
