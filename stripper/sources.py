"""Input readers for `stripper batch`: files, folders, JSONL, WARC and stdin, all streamed.

Reading is split in two so that the local and the Dask engine share it:
`plan` turns the command line's INPUT arguments into `Unit`s (one file, one JSONL,
one WARC, or stdin) without opening anything; `read_unit` streams one unit's `Doc`s.
A page file's bytes are not read here but by the worker (`load_data`), so gunzip and
disk reads happen in parallel. Nothing here holds more than one JSONL line or WARC
record in memory at a time.
"""
from __future__ import annotations

import gzip
import json
import logging
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Callable, Iterator, Literal

log = logging.getLogger(__name__)

UnitKind = Literal["file", "jsonl", "warc", "stdin"]
PAGE_SUFFIXES = {".html": "html", ".htm": "html", ".in.txt": "text", ".txt": "text"}
SKIPPED_SUFFIXES = (".gold.txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc",)
READ_BLOCK_BYTES = 1 << 20  # how much of an oversized JSONL line is skipped per read
HTML_CONTENT_TYPES = ("text/html", "application/xhtml")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read JSONL and stdin, and the size limit applied while reading."""

    field: str | None = None  # JSONL field with the page; None: "html", else "text"
    id_field: str | None = None  # None: "id", else the line number
    url_field: str | None = "url"
    stdin_format: Literal["raw", "jsonl"] = "raw"
    max_bytes: int = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Unit:
    """One input to read: a page file, a JSONL file, a WARC file, or stdin."""

    kind: UnitKind
    path: str  # as given on the command line (or found in a folder); "-" for stdin
    doc_id: str = ""  # page files only: the id of their single document
    mode: str = "auto"  # page files only: the mode their suffix suggests


@dataclass(frozen=True, slots=True)
class Doc:
    """One document on its way to a worker; `data` None means: read `path` (a page file)."""

    id: str
    source: str  # file path, "path:line" (JSONL) or "path:offset" (WARC)
    url: str | None = None
    data: bytes | str | None = None
    path: str | None = None
    mode: str = "auto"
    encoding: str | None = None
    error: tuple[str, str] | None = None  # (type, message) found while reading
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return doc_key(self.source, self.id)


def doc_key(source: str, doc_id: str) -> str:
    """The stable key of a document, used by the resume journal."""
    return f"{source}\t{doc_id}"


def _strip_gz(name: str) -> tuple[str, bool]:
    lower = name.lower()
    return (name[:-3], True) if lower.endswith(".gz") else (name, False)


def page_kind(name: str) -> tuple[str, str] | None:
    """(stem, mode) of a page file name (.html, .htm, .txt, .in.txt, each maybe .gz); None otherwise."""
    base, _ = _strip_gz(name)
    lower = base.lower()
    if lower.endswith(SKIPPED_SUFFIXES):
        return None
    for suffix, mode in PAGE_SUFFIXES.items():
        if lower.endswith(suffix):
            return base[: -len(suffix)], mode
    return None


def classify_file(path: Path) -> Unit:
    """The unit a file named on the command line is: JSONL and WARC by suffix, else one page."""
    base, _ = _strip_gz(path.name)
    lower = base.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return Unit("jsonl", str(path))
    if lower.endswith(WARC_SUFFIXES):
        return Unit("warc", str(path))
    named = page_kind(path.name)
    stem, mode = named if named else (base, "auto")
    return Unit("file", str(path), doc_id=stem, mode=mode)


def plan(inputs: list[str]) -> Iterator[Unit]:
    """Every unit the inputs name: folders are walked recursively in sorted order."""
    for item in inputs:
        if item == "-":
            yield Unit("stdin", "-")
            continue
        path = Path(item)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield classify_file(path)


def _walk(folder: Path) -> Iterator[Unit]:
    """Page files under `folder`; ids are paths relative to it, without the suffix."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        named = page_kind(path.name)
        if named is None:
            continue
        rel = path.parent.relative_to(folder) / named[0]
        yield Unit("file", str(path), doc_id=rel.as_posix(), mode=named[1])


def read_unit(unit: Unit, options: ReadOptions, display: str | None = None) -> Iterator[Doc]:
    """The documents of one unit; `display` replaces the path in `source` (Dask uses it)."""
    shown = display if display is not None else unit.path
    if unit.kind == "file":
        yield Doc(id=unit.doc_id, source=shown, path=unit.path, mode=unit.mode)
    elif unit.kind == "jsonl":
        try:
            stream = open_maybe_gz(unit.path)
        except OSError as err:  # unreadable file: one error record, the run goes on
            yield Doc(id="0", source=f"{shown}:0", error=(type(err).__name__, str(err)))
            return
        with stream:
            yield from read_jsonl(stream, shown, options)
    elif unit.kind == "warc":
        yield from read_warc(unit.path, shown, options)
    elif options.stdin_format == "jsonl":
        yield from read_jsonl(sys.stdin.buffer, shown, options)
    else:
        yield Doc(id="stdin", source=shown, data=_read_limited(sys.stdin.buffer, options.max_bytes))


def open_maybe_gz(path: str) -> IO[bytes]:
    """A binary stream of the file, gunzipped when it starts with the gzip magic bytes."""
    raw = open(path, "rb")
    if raw.peek(2)[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def load_data(path: str, max_bytes: int) -> bytes:
    """A page file's bytes (gunzipped), reading at most `max_bytes` + 1 of them."""
    with open_maybe_gz(path) as stream:
        return _read_limited(stream, max_bytes)


def _read_limited(stream: IO[bytes], max_bytes: int) -> bytes:
    """Up to max_bytes + 1 bytes: one byte too many tells the caller the input is too large."""
    return stream.read(max_bytes + 1 if max_bytes > 0 else -1)


# -- JSONL -------------------------------------------------------------------------

def read_jsonl(stream: IO[bytes], source: str, options: ReadOptions) -> Iterator[Doc]:
    """One document per non-blank line; a line that cannot be read becomes an error document."""
    limit = options.max_bytes + 1 if options.max_bytes > 0 else -1
    number = 0
    while True:
        try:
            line = stream.readline(limit)
        except (OSError, EOFError, gzip.BadGzipFile) as err:  # truncated or corrupt .gz
            yield Doc(id=str(number + 1), source=f"{source}:{number + 1}", error=(type(err).__name__, str(err)))
            return
        if not line:
            return
        number += 1
        where = f"{source}:{number}"
        if not line.endswith(b"\n") and limit > 0 and len(line) >= limit:
            _skip_rest_of_line(stream)
            yield Doc(id=str(number), source=where, error=("InputTooLarge", f"line longer than {options.max_bytes} bytes"))
        elif line.strip():
            yield _jsonl_doc(line, number, where, options)


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        piece = stream.readline(READ_BLOCK_BYTES)
        if not piece or piece.endswith(b"\n"):
            return


def _jsonl_doc(line: bytes, number: int, where: str, options: ReadOptions) -> Doc:
    """The document of one JSONL line; a line that is not a JSON object, or lacks the page field, is an error."""
    try:
        record = json.loads(line)
    except ValueError as err:  # includes UnicodeDecodeError
        return Doc(id=str(number), source=where, error=("UnsupportedInput", f"not a JSON line: {err}"))
    if not isinstance(record, dict):
        return Doc(id=str(number), source=where, error=("UnsupportedInput", "JSON line is not an object"))
    doc_id = _pick_id(record, options.id_field, number)
    url = record.get(options.url_field) if options.url_field else None
    url = url if isinstance(url, str) else None
    names = [options.field] if options.field else ["html", "text"]
    value = next((record[n] for n in names if isinstance(record.get(n), str)), None)
    if value is None:
        return Doc(id=doc_id, source=where, url=url,
                   error=("UnsupportedInput", f"no string field {' or '.join(map(repr, names))}"))
    return Doc(id=doc_id, source=where, url=url, data=value)


def _pick_id(record: dict[str, Any], id_field: str | None, number: int) -> str:
    value = record.get(id_field or "id")
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else str(number)


# -- WARC --------------------------------------------------------------------------

def read_warc(path: str, source: str, options: ReadOptions) -> Iterator[Doc]:
    """HTML `response` records of a WARC (gzip'd or not), with fastwarc, else warcio."""
    try:
        from fastwarc.warc import ArchiveIterator  # noqa: F401
    except ImportError:
        yield from _read_warc_warcio(path, source, options)
        return
    yield from _read_warc_fastwarc(path, source, options)


@dataclass(slots=True)
class _WarcPosition:
    """The offset of the last record a WARC reader reached: where a corrupt archive's error is reported."""

    offset: int = 0


def _read_warc_with(path: str, source: str, open_records: Callable[[IO[bytes]], Any],
                    walk: Callable[[Any, _WarcPosition], Iterator[Doc]]) -> Iterator[Doc]:
    """What the fastwarc and warcio readers share: the file opened, its records walked, errors kept to this unit.

    A file that cannot be opened, or an archive that breaks off, becomes one error document
    (at offset 0, or at the last offset `walk` set), and the run goes on. `open_records` wraps
    the open file in the library's record iterator, outside the guard as before; `walk`
    yields the documents of its records and moves the position as it reads them.
    """
    position = _WarcPosition()
    try:
        raw = open(path, "rb")
    except OSError as err:
        yield _warc_error(source, position.offset, err)
        return
    with raw:
        records = open_records(raw)
        try:
            yield from walk(records, position)
        except Exception as err:  # noqa: BLE001 - a corrupt archive ends this unit, not the run
            yield _warc_error(source, position.offset, err)


def _read_warc_fastwarc(path: str, source: str, options: ReadOptions) -> Iterator[Doc]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    yield from _read_warc_with(
        path, source,
        lambda raw: ArchiveIterator(raw, record_types=WarcRecordType.response, parse_http=True),
        lambda records, position: _fastwarc_docs(records, source, options, position))


def _fastwarc_docs(records: Any, source: str, options: ReadOptions, position: _WarcPosition) -> Iterator[Doc]:
    """fastwarc knows a record's offset before reading its payload: a broken payload is reported at its own record."""
    for record in records:
        position.offset = record.stream_pos
        doc = _fastwarc_doc(record, f"{source}:{position.offset}", options)
        if doc is not None:
            yield doc


def _fastwarc_doc(record: Any, where: str, options: ReadOptions) -> Doc | None:
    content_type = (record.http_content_type or "").lower()
    if not content_type.startswith(HTML_CONTENT_TYPES):
        return None
    url = record.headers.get("WARC-Target-URI")
    record_id = record.record_id or where
    length = record.content_length
    if options.max_bytes > 0 and length > options.max_bytes:
        return Doc(id=record_id, source=where, url=url,
                   error=("InputTooLarge", f"record of {length} bytes exceeds --max-bytes {options.max_bytes}"))
    return Doc(id=record_id, source=where, url=url, data=record.reader.read(), mode="html",
               encoding=record.http_charset or None)


def _read_warc_warcio(path: str, source: str, options: ReadOptions) -> Iterator[Doc]:
    from warcio.archiveiterator import ArchiveIterator

    yield from _read_warc_with(path, source, ArchiveIterator,
                               lambda records, position: _warcio_docs(records, source, options, position))


def _warcio_docs(records: Any, source: str, options: ReadOptions, position: _WarcPosition) -> Iterator[Doc]:
    """warcio knows an offset only after reading the payload: a broken payload is reported at the record before."""
    for record in records:
        doc = _warcio_doc(record, options)  # reads the payload
        position.offset = records.get_record_offset()
        if doc is not None:
            where = f"{source}:{position.offset}"
            yield replace(doc, source=where, id=doc.id or where)


def _warcio_doc(record: Any, options: ReadOptions) -> Doc | None:
    """The document of an HTML response record, its source still to be filled in."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(HTML_CONTENT_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
    data = _read_limited(record.content_stream(), options.max_bytes)
    if options.max_bytes > 0 and len(data) > options.max_bytes:
        return Doc(id=record_id, source="", url=url,
                   error=("InputTooLarge", f"record exceeds --max-bytes {options.max_bytes}"))
    return Doc(id=record_id, source="", url=url, data=data, mode="html", encoding=charset_of(content_type))


def charset_of(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _warc_error(source: str, offset: int, err: Exception) -> Doc:
    where = f"{source}:{offset}"
    log.warning("%s: unreadable WARC data, rest of the archive skipped: %s", where, err)
    return Doc(id=f"corrupt@{offset}", source=where, error=("CorruptArchive", f"{type(err).__name__}: {err}"))
