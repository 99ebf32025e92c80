"""The Dask engine on a real multi-process LocalCluster writes the same records as the local engine."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from test_batch import JUNK, page, records, run_batch
from test_sources import write_warc

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as c:
        yield c


def _inputs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    for n in range(70):  # more than one partition of page files
        target = folder / ("sub" if n % 3 else "") / f"p{n}.html"
        target.write_text(page(n))
    (folder / "g.htm.gz").write_bytes(gzip.compress(page(99).encode()))
    (folder / "junk.html").write_bytes(JUNK)
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text("".join(json.dumps({"id": f"j{n}", "html": page(100 + n)}) + "\n" for n in range(20)) + "{bad\n")
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [(f"http://harbour.example/{n}", "text/html", page(200 + n).encode()) for n in range(5)])
    return [str(folder), str(jsonl), str(warc)]


def _keyed(path: Path) -> set[tuple[str, str, str, str | None]]:
    recs = records(path)
    keyed = {(r["source"], r["id"], r["text"], r["error"] and r["error"]["type"]) for r in recs}
    assert len(keyed) == len(recs)
    return keyed


def test_dask_engine_matches_the_local_engine(tmp_path: Path, cluster):
    inputs = _inputs(tmp_path)
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch(*inputs, "--out", str(local), "--jobs", "2")
    run_batch(*inputs, "--out", str(remote), "--engine", "dask", "--scheduler", cluster.scheduler_address)
    expected = _keyed(local)
    assert len(expected) == 72 + 21 + 5
    assert _keyed(remote) == expected


def test_dask_engine_resumes(tmp_path: Path, cluster):
    inputs = _inputs(tmp_path)
    out = tmp_path / "dask.jsonl"
    run_batch(*inputs, "--out", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address)
    full = _keyed(out)
    lines = out.read_text().splitlines(keepends=True)
    out.write_text("".join(lines[::2]))  # as if every other record had never been written
    run_batch(*inputs, "--out", str(out), "--resume", "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert _keyed(out) == full
