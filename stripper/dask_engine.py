"""`stripper batch --engine dask`: the same per-document work on a dask.distributed cluster.

Dask schedules; we only cut the input into partitions: one per JSONL or WARC file,
and one per run of `FILES_PER_PARTITION` page files. A worker reads its partition
itself (paths are made absolute, so workers need the same filesystem view), strips
each document with `batch.process_doc`, and returns the records; the client writes
them through the same sink and journal as the local engine, so `--resume` works too.
`dask` is imported only here, and only when this engine runs: it is an optional extra.
"""
from __future__ import annotations

import logging
import os
from collections import defaultdict
from functools import partial
from typing import Any, Callable, Iterable, Iterator

from . import batch
from .sources import ReadOptions, Unit, doc_key, plan, read_unit

log = logging.getLogger(__name__)

FILES_PER_PARTITION = 64  # page files per task: enough work to hide scheduling overhead
IN_FLIGHT_PER_WORKER = 2  # partitions queued per worker: bounded client memory
Partition = tuple[tuple[Unit, str], ...]  # (unit with an absolute path, path as shown in `source`)


def run_dask(inputs: list[str], done: set[str], emit: Callable[[batch.Records], None], settings: batch.Settings,
             options: ReadOptions, *, scheduler: str | None, jobs: int) -> int:
    """Process `inputs` on a cluster (a LocalCluster of `jobs` workers without `scheduler`); returns docs skipped."""
    from distributed import Client, LocalCluster

    if not logging.getLogger().isEnabledFor(logging.INFO):  # dask logs INFO chatter by default
        logging.getLogger("distributed").setLevel(logging.WARNING)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0",
                               silence_logs=logging.WARNING)
        client = Client(cluster)
    try:
        skipped, parts = _plan_partitions(plan(inputs), done)
        _run_partitions(client, parts, done, emit, settings, options)
        return skipped
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _plan_partitions(units: Iterable[Unit], done: set[str]) -> tuple[int, list[Partition]]:
    """Partitions of the units still to do; page files already done are dropped here."""
    parts: list[Partition] = []
    files: list[tuple[Unit, str]] = []
    skipped = 0
    for unit in units:
        item = (Unit(unit.kind, os.path.abspath(unit.path), unit.doc_id, unit.mode), unit.path)
        if unit.kind != "file":
            parts.append((item,))
        elif doc_key(unit.path, unit.doc_id) in done:
            skipped += 1
        else:
            files.append(item)
            if len(files) >= FILES_PER_PARTITION:
                parts.append(tuple(files))
                files = []
    if files:
        parts.append(tuple(files))
    return skipped, parts


def _done_by_file(done: set[str]) -> dict[str, set[str]]:
    """Done keys of JSONL/WARC documents grouped by file ("path:line\tid" -> path)."""
    grouped: dict[str, set[str]] = defaultdict(set)
    for key in done:
        source = key.split("\t", 1)[0]
        grouped[source.rsplit(":", 1)[0]].add(key)
    return grouped


def _run_partitions(client: Any, parts: list[Partition], done: set[str], emit: Callable[[batch.Records], None],
                    settings: batch.Settings, options: ReadOptions) -> None:
    """Submit partitions with a bounded number in flight; emit each one's records when it finishes."""
    from distributed import as_completed

    grouped = _done_by_file(done)
    task = partial(process_partition, settings=settings, options=options)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    queue = iter(parts)
    first = [_submit(client, task, p, grouped) for p in _take(queue, workers * IN_FLIGHT_PER_WORKER)]
    running = as_completed(first)
    for future in running:
        emit(future.result())
        future.release()
        for part in _take(queue, 1):
            running.add(_submit(client, task, part, grouped))


def _take(queue: Iterator[Partition], n: int) -> list[Partition]:
    return [part for _, part in zip(range(n), queue)]


def _submit(client: Any, task: Callable[..., Any], part: Partition, grouped: dict[str, set[str]]) -> Any:
    skip = set().union(*(grouped.get(shown, set()) for unit, shown in part if unit.kind != "file"))
    return client.submit(task, part, skip=frozenset(skip), pure=False)


def process_partition(part: Partition, *, settings: batch.Settings, options: ReadOptions,
                      skip: frozenset[str] = frozenset()) -> batch.Records:
    """Runs on a worker: every not-yet-done document of the partition, one record each.

    Dask runs tasks in worker threads, where SIGALRM cannot be used, so --timeout is not
    enforced here; --max-bytes and the per-document error records are.
    """
    config = batch.worker_config(settings)
    records: batch.Records = []
    for unit, shown in part:
        for doc in read_unit(unit, options, display=shown):
            if doc.key not in skip:
                records.append(batch.process_doc(doc, settings, config))
    return records
