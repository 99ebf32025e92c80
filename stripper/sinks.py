"""Output writers for `stripper batch`, each its own resume journal.

A run can be killed at any moment (`kill -9`, power loss) and resumed with `--resume`:
records are appended a chunk at a time, then flushed and fsync'd, so the output on disk
is always a sequence of whole records plus, at worst, one torn last line. On resume
the torn line is cut off, the keys of the whole records are collected, and those
documents are skipped; the others are done again. No document is lost or written twice.
"""
from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import Any, Iterator, Protocol

from .sources import doc_key

log = logging.getLogger(__name__)

ERRORS_FILE = "_errors.jsonl"
JOURNAL_FILE = "_done.jsonl"
MAX_NAME_CHARS = 150
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class OutputExists(Exception):
    """The output already holds records and neither --resume nor --force was given."""


class Sink(Protocol):
    """Where records go. `write` returns once the records are durable."""

    def done_keys(self) -> set[str]: ...

    def write(self, records: list[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...


def record_key(record: dict[str, Any]) -> str:
    return doc_key(str(record.get("source")), str(record.get("id")))


def open_sink(out: Path, fmt: str, *, resume: bool, force: bool) -> Sink:
    """The sink for `--format`; raises OutputExists when it would overwrite work silently."""
    if fmt == "txt":
        return TxtSink(out, resume=resume, force=force)
    return JsonlSink(out, resume=resume, force=force)


def _append_durably(handle: Any, records: list[dict[str, Any]]) -> None:
    """One write for the whole chunk, then flush and fsync: whole lines or one torn last line."""
    if not records:
        return
    payload = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    handle.write(payload.encode("utf-8"))
    handle.flush()
    os.fsync(handle.fileno())


def recover_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The whole records of a JSONL journal, after cutting off a torn last line in place."""
    if not path.exists():
        return
    _truncate_torn_tail(path)
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            try:
                yield json.loads(line)
            except ValueError:
                log.warning("%s:%d: unreadable journal line ignored", path, number)


def _truncate_torn_tail(path: Path) -> None:
    """Cut the file back to its last newline (a crash can leave half a line)."""
    size = path.stat().st_size
    if size == 0:
        return
    with path.open("r+b") as handle:
        end = size
        step = 1 << 16
        while end > 0:
            start = max(0, end - step)
            handle.seek(start)
            block = handle.read(end - start)
            cut = block.rfind(b"\n")
            if cut >= 0:
                keep = start + cut + 1
                break
            end = start
        else:
            keep = 0
        if keep != size:
            log.warning("%s: cut a torn last record (%d bytes)", path, size - keep)
            handle.truncate(keep)


class JsonlSink:
    """All records, one JSON object a line, in one file; the file is its own journal."""

    def __init__(self, path: Path, *, resume: bool, force: bool) -> None:
        self.path = path
        self._done: set[str] = set()
        nonempty = path.exists() and path.stat().st_size > 0
        if nonempty and not (resume or force):
            raise OutputExists(f"{path} exists and is not empty (use --resume to continue it, --force to overwrite)")
        if resume:
            self._done = {record_key(r) for r in recover_jsonl(path)}
        if path.parent != Path(""):
            path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = path.open("ab" if resume else "wb")

    def done_keys(self) -> set[str]:
        return self._done

    def write(self, records: list[dict[str, Any]]) -> None:
        _append_durably(self._handle, records)

    def close(self) -> None:
        self._handle.close()


def safe_name(doc_id: str) -> str:
    """A file name from a document id: unsafe characters become "_"; never empty."""
    name = _UNSAFE.sub("_", doc_id).strip("._")[:MAX_NAME_CHARS]
    return name or "doc"


class TxtSink:
    """A folder of OUT/<id>.txt, errors in OUT/_errors.jsonl, finished keys in OUT/_done.jsonl.

    A text file is written (temp file, fsync, rename) before its key enters the journal,
    so a journaled document always has its file; an error record is its own journal entry.
    """

    def __init__(self, folder: Path, *, resume: bool, force: bool) -> None:
        self.folder = folder
        self._done: set[str] = set()
        self._names: set[str] = set()
        journal, errors = folder / JOURNAL_FILE, folder / ERRORS_FILE
        busy = folder.exists() and any(folder.iterdir())
        if busy and not (resume or force):
            raise OutputExists(f"{folder} is not empty (use --resume to continue it, --force to overwrite)")
        folder.mkdir(parents=True, exist_ok=True)
        if resume:
            for entry in recover_jsonl(journal):
                self._done.add(str(entry.get("key")))
                self._names.add(str(entry.get("file")))
            self._done.update(record_key(r) for r in recover_jsonl(errors))
        mode = "ab" if resume else "wb"
        self._journal, self._errors = journal.open(mode), errors.open(mode)

    def done_keys(self) -> set[str]:
        return self._done

    def write(self, records: list[dict[str, Any]]) -> None:
        entries = [self._write_text(r) for r in records if r.get("error") is None]
        _append_durably(self._errors, [r for r in records if r.get("error") is not None])
        _append_durably(self._journal, entries)

    def _write_text(self, record: dict[str, Any]) -> dict[str, Any]:
        name = self._unique_name(safe_name(str(record["id"])))
        target = self.folder / f"{name}.txt"
        tmp = target.with_name(target.name + ".tmp")
        with tmp.open("wb") as handle:
            handle.write(str(record.get("text", "")).encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        return {"key": record_key(record), "file": name}

    def _unique_name(self, name: str) -> str:
        """Two documents with the same id (from two inputs) get name, name~2, name~3..."""
        candidate, n = name, 1
        while candidate in self._names or candidate in (ERRORS_FILE[:-6], JOURNAL_FILE[:-6]):
            n += 1
            candidate = f"{name}~{n}"
        self._names.add(candidate)
        return candidate

    def close(self) -> None:
        self._journal.close()
        self._errors.close()
