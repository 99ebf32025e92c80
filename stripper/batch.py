"""`stripper batch`: strip many documents on every core, one output record per document.

Reading (`sources`) and writing (`sinks`) are streamed; this module holds the CLI glue,
the per-document work both engines share (`process_doc`), and the local engine: a
`ProcessPoolExecutor` fed chunks of documents with a bounded number in flight, so
memory stays flat whatever the input size. Failures never lose a document: an
exception, a time-out or an oversized input becomes a record with `error` set, and a
worker that dies takes down only a pool, whose unfinished documents are redone alone
in a fresh one (a document that kills its worker again is recorded as an error).
"""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .errors import InputTooLarge, StripperError
from .sinks import OutputExists, Sink, open_sink
from .sources import Doc, ReadOptions, Unit, load_data, plan, read_unit

log = logging.getLogger(__name__)

CHUNK_DOCS = 16  # documents per task sent to a worker: amortises pickling and IPC
IN_FLIGHT_PER_JOB = 4  # chunks queued per worker: keeps workers busy, memory bounded
DEFAULT_TIMEOUT_SECONDS = 30.0
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
HANG_LIMIT_FACTOR = 2  # a document past factor * --timeout + grace is hung in C code
HANG_GRACE_SECONDS = 5.0
EXIT_OK, EXIT_DOC_ERRORS, EXIT_USAGE = 0, 1, 2

Records = list[dict[str, Any]]


class DocumentTimeout(StripperError):
    """A document took longer than --timeout seconds."""


class WorkerCrashed(StripperError):
    """The worker process died (segfault, kill, out of memory, hang past the time limit) on this document."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a worker needs, picklable: limits, mode and how to build the Config."""

    mode: str = "auto"
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    max_bytes: int = DEFAULT_MAX_BYTES
    rules: tuple[str, ...] = ()
    thresholds: tuple[str, ...] = ()
    preset: str | None = None


@dataclass(slots=True)
class Tally:
    """Running counts for the progress bar and the summary line."""

    docs: int = 0
    errors: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.perf_counter)

    def add(self, records: Records) -> None:
        self.docs += len(records)
        self.errors += sum(1 for r in records if r.get("error") is not None)

    def summary(self) -> str:
        seconds = time.perf_counter() - self.started
        rate = self.docs / seconds if seconds > 0 else 0.0
        skipped = f", {self.skipped} already done" if self.skipped else ""
        return f"stripper batch: {self.docs} docs, {self.errors} errors, {rate:.1f} docs/s, {seconds:.1f} s{skipped}"


# -- CLI -----------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    from .cli import _config_arguments

    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="files, folders (recursive), .jsonl[.gz], .warc[.gz], or - for stdin")
    parser.add_argument("--out", type=Path, required=True, help="output .jsonl file, or folder with --format txt")
    parser.add_argument("--format", choices=["jsonl", "txt"], help="jsonl (default) or a folder of .txt")
    parser.add_argument("--mode", choices=["auto", "html", "text"], default="auto",
                        help="force a mode (default: by file suffix, else by sniffing)")
    parser.add_argument("--field", help="JSONL field with the page (default: html, else text)")
    parser.add_argument("--id-field", help="JSONL field with the id (default: id, else the line number)")
    parser.add_argument("--url-field", default="url", help="JSONL field with the URL (default: url)")
    parser.add_argument("--stdin-format", choices=["raw", "jsonl"], default="raw",
                        help="stdin is one document (raw) or JSONL")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_SECONDS,
                        help="seconds per document before it becomes an error record (0: none)")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                        help="larger documents become error records (0: no limit)")
    parser.add_argument("--resume", action="store_true", help="continue an interrupted run, skipping finished documents")
    parser.add_argument("--force", action="store_true", help="overwrite a non-empty output")
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    parser.add_argument("--scheduler", help="dask scheduler address (default: a LocalCluster)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    parser.add_argument("-v", "--verbose", action="store_true")
    _config_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Check the arguments, load the rules, open the output, run an engine, print the summary."""
    problem = _check_arguments(args)
    if problem:
        print(f"stripper batch: {problem}", file=sys.stderr)
        return EXIT_USAGE
    settings, options = settings_from(args), read_options_from(args)
    try:
        prepare(settings)
    except (StripperError, OSError) as err:
        print(f"stripper batch: {err}", file=sys.stderr)
        return EXIT_USAGE
    fmt = args.format or ("txt" if args.out.is_dir() else "jsonl")
    try:
        sink = open_sink(args.out, fmt, resume=args.resume, force=args.force)
    except (OutputExists, OSError) as err:
        print(f"stripper batch: {err}", file=sys.stderr)
        return EXIT_USAGE
    tally = Tally()
    try:
        with _progress(args.quiet) as bar:
            _run_engine(args, sink, _emitter(sink, tally, bar), tally, settings, options)
    except ImportError as err:
        print(f"stripper batch: the dask engine needs dask.distributed (pip install 'stripper[dask]'): {err}",
              file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:  # the output could not be written (disk full...): what is written stays resumable
        print(f"stripper batch: {err}; rerun with --resume to continue", file=sys.stderr)
        return EXIT_USAGE
    finally:
        sink.close()
    print(tally.summary(), file=sys.stderr)
    return EXIT_DOC_ERRORS if tally.errors else EXIT_OK


def _run_engine(args: argparse.Namespace, sink: Sink, emit: Callable[[Records], None], tally: Tally,
                settings: Settings, options: ReadOptions) -> None:
    if args.engine == "dask":
        from .dask_engine import run_dask

        tally.skipped = run_dask(args.inputs, sink.done_keys(), emit, settings, options,
                                 scheduler=args.scheduler, jobs=args.jobs)
    else:
        docs = _skip_done(_iter_docs(plan(args.inputs), options), sink.done_keys(), tally)
        run_local(docs, emit, settings, jobs=args.jobs)


def _check_arguments(args: argparse.Namespace) -> str | None:
    missing = [i for i in args.inputs if i != "-" and not Path(i).exists()]
    if missing:
        return f"no such input: {', '.join(missing)}"
    if args.inputs.count("-") > 1:
        return "stdin (-) can be given only once"
    if args.jobs < 1:
        return "--jobs must be at least 1"
    if args.resume and args.force:
        return "--resume and --force exclude each other"
    if args.engine == "dask" and "-" in args.inputs:
        return "stdin cannot be read by the dask engine; use --engine local"
    return None


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings(mode=args.mode, timeout=args.timeout, max_bytes=args.max_bytes,
                    rules=tuple(str(p) for p in args.rules), thresholds=tuple(str(p) for p in args.thresholds),
                    preset=args.preset)


def read_options_from(args: argparse.Namespace) -> ReadOptions:
    return ReadOptions(field=args.field, id_field=args.id_field, url_field=args.url_field,
                       stdin_format=args.stdin_format, max_bytes=args.max_bytes)


class _NoBar:
    def update(self, n: int) -> None: ...

    def set_postfix(self, **kwargs: Any) -> None: ...

    def __enter__(self) -> "_NoBar":
        return self

    def __exit__(self, *exc: object) -> None: ...


def _progress(quiet: bool) -> Any:
    """A tqdm bar on stderr (docs/s, errors), or nothing when quiet or stderr is not a terminal."""
    if quiet or not sys.stderr.isatty():
        return _NoBar()
    from tqdm import tqdm

    return tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


def _emitter(sink: Sink, tally: Tally, bar: Any) -> Callable[[Records], None]:
    def emit(records: Records) -> None:
        sink.write(records)
        tally.add(records)
        bar.update(len(records))
        if tally.errors:
            bar.set_postfix(errors=tally.errors, refresh=False)
    return emit


def _iter_docs(units: Iterable[Unit], options: ReadOptions) -> Iterator[Doc]:
    for unit in units:
        yield from read_unit(unit, options)


def _skip_done(docs: Iterable[Doc], done: set[str], tally: Tally) -> Iterator[Doc]:
    for doc in docs:
        if doc.key in done:
            tally.skipped += 1
        else:
            yield doc


# -- the work on one document (runs in workers, both engines) ------------------------

_CONFIG: Any = None
_SETTINGS: Settings | None = None
_DOC_STARTED: list[float | None] = [None]  # when the current document started (read by the watchdog)


def prepare(settings: Settings) -> None:
    """Load the Config in this process (the parent, before forking): a bad rule file fails here, once."""
    global _CONFIG, _SETTINGS
    _CONFIG, _SETTINGS = load_config_for(settings), settings


def worker_config(settings: Settings) -> Any:
    """The Config for `settings` in this process, loaded at most once (inherited by fork when possible)."""
    if _SETTINGS != settings or _CONFIG is None:
        prepare(settings)
    return _CONFIG


def init_worker(settings: Settings) -> None:
    """Per-process setup: load the Config once, start the hang watchdog; Ctrl-C is the parent's business."""
    worker_config(settings)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if settings.timeout > 0:
        limit = settings.timeout * HANG_LIMIT_FACTOR + HANG_GRACE_SECONDS
        threading.Thread(target=_watch_for_hangs, args=(limit,), daemon=True, name="hang-watchdog").start()


def _watch_for_hangs(limit: float) -> None:
    """Kill this worker when one document runs far past --timeout.

    SIGALRM only interrupts Python code; a document stuck inside C code (a parser loop)
    never sees it. Killing the process turns the hang into a dead worker, which the
    parent already handles: the document is redone alone and, if it hangs again,
    recorded as an error.
    """
    while True:
        time.sleep(min(1.0, limit / 4))
        started = _DOC_STARTED[0]
        if started is not None and time.monotonic() - started > limit:
            log.error("document running for more than %.0f s; killing worker %d", limit, os.getpid())
            os.kill(os.getpid(), signal.SIGKILL)


def load_config_for(settings: Settings) -> Any:
    from .config import default_config, load_config

    if not (settings.rules or settings.thresholds or settings.preset):
        return default_config()
    return load_config(rules=[Path(p) for p in settings.rules], thresholds=[Path(p) for p in settings.thresholds],
                       preset=settings.preset)


def process_chunk(docs: list[Doc]) -> Records:
    """Records for a chunk of documents, in order (the worker's task)."""
    assert _SETTINGS is not None, "init_worker was not called"
    records = []
    for doc in docs:
        _DOC_STARTED[0] = time.monotonic()
        records.append(process_doc(doc, _SETTINGS, _CONFIG))
        _DOC_STARTED[0] = None
    return records


def process_doc(doc: Doc, settings: Settings, config: Any) -> dict[str, Any]:
    """Exactly one record for one document, whatever happens to it."""
    started = time.perf_counter()
    if doc.error is not None:
        return make_record(doc, error={"type": doc.error[0], "message": doc.error[1]})
    data: bytes | str = b""
    try:
        data = _document_data(doc, settings.max_bytes)
        result = _with_time_limit(settings.timeout, lambda: _strip(doc, data, settings, config))
    except Exception as err:  # noqa: BLE001 - every failure becomes a record, the run goes on
        return make_record(doc, error=error_of(err), chars_in=len(data), seconds=time.perf_counter() - started)
    return make_record(doc, result=result, chars_in=len(data), seconds=time.perf_counter() - started)


def _document_data(doc: Doc, max_bytes: int) -> bytes | str:
    data = doc.data if doc.data is not None else load_data(doc.path or "", max_bytes)
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if max_bytes > 0 and size > max_bytes:
        raise InputTooLarge(f"document exceeds --max-bytes {max_bytes}")
    return data


def _strip(doc: Doc, data: bytes | str, settings: Settings, config: Any) -> Any:
    from .api import strip

    mode = settings.mode if settings.mode != "auto" else doc.mode
    return strip(data, url=doc.url, mode=mode, config=config, encoding=doc.encoding)  # type: ignore[arg-type]


def _with_time_limit(seconds: float, work: Callable[[], Any]) -> Any:
    """Run `work`, raising DocumentTimeout after `seconds` (SIGALRM; main thread only, else no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        return work()

    def _expired(signum: int, frame: Any) -> None:
        raise DocumentTimeout(f"took longer than --timeout {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def error_of(err: BaseException) -> dict[str, str]:
    return {"type": type(err).__name__, "message": str(err) or repr(err)}


def make_record(doc: Doc, *, result: Any = None, error: dict[str, str] | None = None,
                chars_in: int = 0, seconds: float = 0.0) -> dict[str, Any]:
    """The output record of one document: the result's fields, or empty text and `error`."""
    text = result.text if result is not None else ""
    blocks = result.blocks if result is not None else ()
    return {
        "id": doc.id,
        "source": doc.source,
        "url": (result.url if result is not None else None) or doc.url,
        "title": result.title if result is not None else None,
        "text": text,
        "mode": result.mode if result is not None else None,
        "lang": result.lang if result is not None else None,
        "stats": {"blocks": len(blocks), "kept": sum(1 for b in blocks if b.kept), "chars_in": chars_in,
                  "chars_out": len(text), "seconds": round(seconds, 6)},
        "error": error,
    }


# -- the local engine ------------------------------------------------------------------

def run_local(docs: Iterable[Doc], emit: Callable[[Records], None], settings: Settings, *, jobs: int) -> None:
    """Strip `docs` on `jobs` processes, calling `emit` with each finished chunk's records."""
    runner = _PoolRunner(settings, jobs, emit)
    try:
        for chunk in _chunked(docs, CHUNK_DOCS):
            runner.submit(chunk)
        runner.finish()
    finally:
        runner.close()


def _chunked(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    chunk: list[Doc] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _PoolRunner:
    """A process pool with a bounded queue of chunks, rebuilt when a worker dies."""

    def __init__(self, settings: Settings, jobs: int, emit: Callable[[Records], None]) -> None:
        self.settings, self.jobs, self.emit = settings, jobs, emit
        self.limit = jobs * IN_FLIGHT_PER_JOB
        self.pending: dict[Future[Records], list[Doc]] = {}
        self.pool = self._new_pool(jobs)

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, initializer=init_worker, initargs=(self.settings,))

    def submit(self, chunk: list[Doc]) -> None:
        while len(self.pending) >= self.limit:
            self._collect()
        try:
            self.pending[self.pool.submit(process_chunk, chunk)] = chunk
        except BrokenProcessPool:
            self._recover([chunk])

    def finish(self) -> None:
        while self.pending:
            self._collect()

    def _collect(self) -> None:
        """Emit every finished chunk; on a broken pool, redo the unfinished ones."""
        done, _ = wait(list(self.pending), return_when=FIRST_COMPLETED)
        broken: list[list[Doc]] = []
        for future in done:
            chunk = self.pending.pop(future)
            try:
                self.emit(future.result())
            except BrokenProcessPool:
                broken.append(chunk)
        if broken:
            self._recover(broken)

    def _recover(self, broken: list[list[Doc]]) -> None:
        """A worker died: finish what the old pool finished, redo the rest one document at a time."""
        suspects = [doc for chunk in broken for doc in chunk]
        for future, chunk in list(self.pending.items()):
            self.pending.pop(future)
            if future.done() and future.exception() is None:
                self.emit(future.result())
            else:
                suspects.extend(chunk)
        self.pool.shutdown(wait=False, cancel_futures=True)
        log.warning("a worker died; redoing %d documents one at a time", len(suspects))
        self._isolate(suspects)
        self.pool = self._new_pool(self.jobs)

    def _isolate(self, suspects: list[Doc]) -> None:
        """Each suspect alone in a one-worker pool: a crash now is that document's fault."""
        pool = self._new_pool(1)
        try:
            for doc in suspects:
                try:
                    records = pool.submit(process_chunk, [doc]).result()
                except BrokenProcessPool:
                    records = [make_record(doc, error=error_of(WorkerCrashed("the worker process died (crash, kill or hang) on this document twice")))]
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = self._new_pool(1)
                self.emit(records)
        finally:
            pool.shutdown(wait=True)

    def close(self) -> None:
        self.pool.shutdown(wait=not self.pending, cancel_futures=True)
