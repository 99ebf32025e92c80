"""`stripper batch` end to end: every input gives exactly one record, failures included, and resume is exact."""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stripper import batch
from stripper.cli import main
from stripper.sinks import recover_jsonl
from stripper.sources import Doc

SHARED = Path(__file__).resolve().parents[2] / "shared"
JUNK = bytes(range(256)) * 64  # binary: NULs and control bytes throughout


def page(n: int, *, title: str = "Harbour news") -> str:
    """A small article page with chrome around it; the article sentence names `n`."""
    return f"""<!doctype html><html><head><title>{title} {n}</title></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<article><h1>{title} {n}</h1>
<p>The harbour authority said on Tuesday that ship number {n} had been cleared to enter the port after a
long inspection, and that the crew of the vessel were all in good health when the doctors came aboard.</p>
<p>Officials added that the new rules for inspections, which came into force this spring, would be reviewed
at the end of the year once the busy summer season is over and the figures are known.</p>
</article>
<footer>Copyright 2024 Harbour Times. All rights reserved.</footer></body></html>"""


def run_batch(*argv: str) -> int:
    return main(["batch", "--quiet", *argv])


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_id(recs: list[dict]) -> dict[str, dict]:
    out = {r["id"]: r for r in recs}
    assert len(out) == len(recs), "duplicate ids"
    return out


def test_folder_input_with_gzip_text_gold_and_junk(tmp_path: Path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.html").write_text(page(1))
    (src / "a.gold.txt").write_text("gold copies are not inputs")
    (src / "sub" / "b.htm.gz").write_bytes(gzip.compress(page(2).encode()))
    (src / "c.in.txt").write_text("Menu\nThe council met on Monday and agreed the budget for the next year after a long debate.\n")
    (src / "junk.html").write_bytes(JUNK)
    out = tmp_path / "out.jsonl"
    assert run_batch(str(src), "--out", str(out), "--jobs", "2") == batch.EXIT_DOC_ERRORS
    recs = by_id(records(out))
    assert set(recs) == {"a", "sub/b", "c", "junk"}
    assert "ship number 1 had been cleared" in recs["a"]["text"]
    assert "Share on Facebook" not in recs["a"]["text"]
    assert "ship number 2" in recs["sub/b"]["text"] and recs["sub/b"]["mode"] == "html"
    assert recs["c"]["mode"] == "text" and "council met" in recs["c"]["text"]
    assert recs["junk"]["error"] is not None and recs["junk"]["text"] == ""
    for r in recs.values():
        assert set(r) == {"id", "source", "url", "title", "text", "mode", "lang", "stats", "error"}
        assert set(r["stats"]) == {"blocks", "kept", "chars_in", "chars_out", "seconds"}
    assert recs["a"]["stats"]["chars_out"] == len(recs["a"]["text"]) and recs["a"]["stats"]["kept"] > 0


def test_jsonl_input_with_custom_fields_and_a_bad_line(tmp_path: Path):
    src = tmp_path / "in.jsonl.gz"
    lines = [json.dumps({"key": f"k{n}", "body": page(n), "link": f"http://harbour.example/{n}"}) for n in range(3)]
    lines.insert(1, "{not json")
    src.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    out = tmp_path / "out.jsonl"
    code = run_batch(str(src), "--out", str(out), "--field", "body", "--id-field", "key", "--url-field", "link")
    assert code == batch.EXIT_DOC_ERRORS
    recs = by_id(records(out))
    assert set(recs) == {"k0", "2", "k1", "k2"}
    assert recs["2"]["error"]["type"] == "UnsupportedInput" and recs["2"]["source"].endswith(":2")
    assert recs["k2"]["url"] == "http://harbour.example/2" and "ship number 2" in recs["k2"]["text"]


def test_warc_input_decodes_with_the_http_charset(tmp_path: Path):
    from test_sources import write_warc

    body = page(5).replace("inspection", "inspección").encode("latin-1")
    src = tmp_path / "crawl.warc.gz"
    write_warc(src, [("http://harbour.example/5", "text/html; charset=ISO-8859-1", body),
                     ("http://harbour.example/x.png", "image/png", JUNK),
                     ("http://harbour.example/6", "text/html", page(6).encode())])
    out = tmp_path / "out.jsonl"
    assert run_batch(str(src), "--out", str(out)) == batch.EXIT_OK
    recs = records(out)
    assert [r["url"] for r in recs] == ["http://harbour.example/5", "http://harbour.example/6"]
    assert "long inspección" in recs[0]["text"]
    assert all(r["id"].startswith("<urn:uuid:") for r in recs)


def test_corrupt_warc_gives_an_error_record_and_the_run_goes_on(tmp_path: Path):
    from test_sources import write_warc

    good = tmp_path / "good.warc.gz"
    write_warc(good, [("http://harbour.example/7", "text/html", page(7).encode())])
    bad = tmp_path / "bad.warc.gz"
    data = good.read_bytes()
    bad.write_bytes(data + gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n")
                    + JUNK[:500])
    out = tmp_path / "out.jsonl"
    run_batch(str(bad), str(good), "--out", str(out))
    recs = records(out)
    from_good = [r for r in recs if r["source"].startswith(str(good))]
    assert len(from_good) == 1 and from_good[0]["error"] is None
    from_bad = [r for r in recs if r["source"].startswith(str(bad))]
    assert [r["error"] is None for r in from_bad] == [True, False]
    assert from_bad[1]["error"]["type"] == "CorruptArchive"
    assert len({(r["source"], r["id"]) for r in recs}) == len(recs)


def test_stdin_raw_and_jsonl(tmp_path: Path):
    out = tmp_path / "raw.jsonl"
    cmd = [sys.executable, "-m", "stripper.cli", "batch", "-", "--out", str(out), "--quiet", "--jobs", "1"]
    subprocess.run(cmd, input=page(8).encode(), check=True, timeout=60)
    (rec,) = records(out)
    assert rec["id"] == "stdin" and rec["source"] == "-" and "ship number 8" in rec["text"]
    out2 = tmp_path / "lines.jsonl"
    lines = "".join(json.dumps({"id": f"s{n}", "html": page(n)}) + "\n" for n in range(3))
    cmd2 = [*cmd[:5], "--out", str(out2), "--quiet", "--stdin-format", "jsonl"]
    subprocess.run(cmd2, input=lines.encode(), check=True, timeout=60)
    assert sorted(r["id"] for r in records(out2)) == ["s0", "s1", "s2"]


def test_size_limit_and_existing_output(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "big.html").write_text(page(1) + "<!--" + "x" * 5000 + "-->")
    (src / "small.html").write_text("<p>" + "Short page body text here. " * 3 + "</p>")
    out = tmp_path / "out.jsonl"
    run_batch(str(src), "--out", str(out), "--max-bytes", "2000")
    recs = by_id(records(out))
    assert recs["big"]["error"]["type"] == "InputTooLarge" and recs["small"]["error"] is None
    assert run_batch(str(src), "--out", str(out)) == batch.EXIT_USAGE  # refuses to overwrite
    assert run_batch(str(src), "--out", str(out), "--force") == batch.EXIT_OK
    assert len(records(out)) == 2


def test_txt_format_writes_one_file_per_document_and_errors_apart(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        (src / f"p{n}.html").write_text(page(n))
    (src / "junk.html").write_bytes(JUNK)
    out = tmp_path / "txt"
    run_batch(str(src), "--out", str(out), "--format", "txt")
    assert sorted(p.name for p in out.glob("*.txt")) == ["p0.txt", "p1.txt", "p2.txt"]
    assert "ship number 1" in (out / "p1.txt").read_text()
    (err,) = records(out / "_errors.jsonl")
    assert err["id"] == "junk"
    assert run_batch(str(src), "--out", str(out), "--format", "txt", "--resume") == batch.EXIT_OK
    assert len(records(out / "_errors.jsonl")) == 1 and len(records(out / "_done.jsonl")) == 3


def test_jobs_2_gives_the_same_records_as_jobs_1(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{n}", "html": page(n, title=f"T{n % 7}")}) + "\n" for n in range(60)))
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        run_batch(str(src), "--out", str(out), "--jobs", jobs)
        outs.append({(r["id"], r["text"]) for r in records(out)})
    assert len(outs[0]) == 60 and outs[0] == outs[1]


def test_time_limit_raises_in_the_worker_thread():
    started = time.perf_counter()
    with pytest.raises(batch.DocumentTimeout):
        batch._with_time_limit(0.2, lambda: time.sleep(5))
    assert time.perf_counter() - started < 2
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_time_out_becomes_an_error_record(monkeypatch):
    monkeypatch.setattr(batch, "_strip", lambda *a: time.sleep(5))
    rec = batch.process_doc(Doc(id="slow", source="s", data="<p>x</p>"), batch.Settings(timeout=0.2), None)
    assert rec["error"]["type"] == "DocumentTimeout" and rec["text"] == ""


def _dies_on_boom(doc, settings, config, _real=batch.process_doc):
    if doc.id == "boom":
        os.kill(os.getpid(), signal.SIGKILL)
    return _real(doc, settings, config)


@pytest.mark.skipif(sys.platform != "linux", reason="relies on fork inheriting the patched function")
def test_a_worker_killed_mid_chunk_loses_no_document(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(batch, "process_doc", _dies_on_boom)
    src = tmp_path / "in.jsonl"
    ids = [f"d{n}" for n in range(40)]
    ids.insert(21, "boom")
    src.write_text("".join(json.dumps({"id": i, "html": page(n)}) + "\n" for n, i in enumerate(ids)))
    out = tmp_path / "out.jsonl"
    assert run_batch(str(src), "--out", str(out), "--jobs", "2") == batch.EXIT_DOC_ERRORS
    recs = by_id(records(out))
    assert set(recs) == set(ids)
    assert recs["boom"]["error"]["type"] == "WorkerCrashed"
    assert all(recs[i]["error"] is None for i in ids if i != "boom")


def _hangs_in_c_on_stuck(doc, data, settings, config, _real=batch._strip):
    if doc.id == "stuck":  # like a C loop: SIGALRM is blocked, the Python handler never runs
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return _real(doc, data, settings, config)


@pytest.mark.skipif(sys.platform != "linux", reason="relies on fork inheriting the patched function")
def test_a_document_hung_past_the_time_limit_is_killed_and_recorded(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(batch, "_strip", _hangs_in_c_on_stuck)
    monkeypatch.setattr(batch, "HANG_GRACE_SECONDS", 0.5)
    src = tmp_path / "in.jsonl"
    ids = ["a", "stuck", "b"]
    src.write_text("".join(json.dumps({"id": i, "html": page(n)}) + "\n" for n, i in enumerate(ids)))
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    run_batch(str(src), "--out", str(out), "--jobs", "2", "--timeout", "0.5")
    assert time.monotonic() - started < 30
    recs = by_id(records(out))
    assert set(recs) == set(ids) and recs["stuck"]["error"]["type"] == "WorkerCrashed"
    assert recs["a"]["error"] is None and recs["b"]["error"] is None


def test_resume_cuts_a_torn_line_and_skips_finished_documents(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{n}", "html": page(n)}) + "\n" for n in range(10)))
    out = tmp_path / "out.jsonl"
    run_batch(str(src), "--out", str(out), "--jobs", "1")
    kept = out.read_text().splitlines(keepends=True)[:4]
    out.write_text("".join(kept) + kept[4 - 1][:30])  # four whole records and half of another
    assert run_batch(str(src), "--out", str(out), "--resume", "--jobs", "1") == batch.EXIT_OK
    recs = records(out)
    assert sorted(r["id"] for r in recs) == sorted(f"d{n}" for n in range(10))
    assert [r["id"] for r in recs[:4]] == [json.loads(k)["id"] for k in kept]


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_kill_9_then_resume_loses_and_repeats_nothing(tmp_path: Path):
    total = 300
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"doc-{n}", "html": page(n)}) + "\n" for n in range(total)))
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "stripper.cli", "batch", str(src), "--out", str(out), "--quiet", "--jobs", "2"]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while _lines(out) < 40 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, mid-run
    proc.wait(timeout=10)
    before = _lines(out)
    assert 0 < before < total, "the run was not interrupted mid-way; use more documents"
    subprocess.run([*cmd, "--resume"], check=True, timeout=120, stderr=subprocess.DEVNULL)
    ids = [r["id"] for r in recover_jsonl(out)]
    assert len(ids) == total and set(ids) == {f"doc-{n}" for n in range(total)}


@pytest.mark.corpus
def test_real_pages_from_the_corpus(tmp_path: Path):
    folder = SHARED / "corpora" / "dragnet"
    if not folder.is_dir():
        pytest.skip("shared corpora absent")
    src = tmp_path / "in"
    src.mkdir()
    for path in sorted(folder.glob("*.html"))[:6]:
        (src / path.name).write_bytes(path.read_bytes())
        (src / path.name.replace(".html", ".gold.txt")).write_bytes(b"gold")
    out = tmp_path / "out.jsonl"
    run_batch(str(src), "--out", str(out), "--jobs", "2")
    recs = by_id(records(out))
    assert len(recs) == 6 and all(r["error"] is None for r in recs.values())
    assert sum(len(r["text"]) > 200 for r in recs.values()) >= 4
