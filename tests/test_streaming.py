"""Text mode over a stream of many flattened documents (`stripper strip --stream`)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import stripper
from stripper.streaming import split_documents, strip_stream

ROOT = Path(__file__).resolve().parents[1]
TEXT_DOCS = sorted((ROOT / "corpus" / "handmade-text").glob("*.in.txt")) + [ROOT / "seeds" / "seed-000.in.txt"]


def _dump(paths: list[Path], separator: str = "\f") -> str:
    """Documents one after another, each closed by a separator line, as corpus dumps are."""
    return "".join(p.read_text(encoding="utf-8").rstrip("\n") + f"\n{separator}\n" for p in paths)


def test_each_streamed_document_equals_stripping_it_alone():
    items = list(strip_stream(_dump(TEXT_DOCS).splitlines(keepends=True)))
    assert [i.index for i in items] == list(range(len(TEXT_DOCS)))
    for item, path in zip(items, TEXT_DOCS):
        alone = stripper.strip(path.read_text(encoding="utf-8"), mode="text")
        assert item.error is None
        assert item.result.text == alone.text, path.name
        assert item.result.title == alone.title


def test_a_document_is_stripped_before_the_next_one_is_read():
    lines = _dump(TEXT_DOCS[:3]).splitlines(keepends=True)
    first_len = TEXT_DOCS[0].read_text(encoding="utf-8").rstrip("\n").count("\n") + 1
    read = 0

    def counting():
        nonlocal read
        for line in lines:
            read += 1
            yield line

    stream = strip_stream(counting())
    next(stream)
    assert read == first_len + 1  # the first document and its separator, nothing more


def test_an_overlong_document_becomes_an_error_record_and_the_stream_goes_on():
    lines = ["x"] * 50 + ["\f"] + ["A real paragraph of the second document, long enough to keep."] + ["\f"]
    docs = list(split_documents(lines, max_lines=10))
    assert len(docs) == 2
    assert isinstance(docs[0], stripper.InputTooLarge)
    assert docs[1] == ["A real paragraph of the second document, long enough to keep."]


def test_empty_documents_between_separators_are_skipped_and_a_last_unclosed_one_kept():
    docs = list(split_documents(["\f", "\f", "", "one", "\f", "", "\f", "two\n"]))
    assert docs == [["", "one"], ["two"]]


def test_cli_stream_writes_documents_in_the_same_form_and_the_seed_stays_exact(tmp_path):
    dump = tmp_path / "dump.txt"
    dump.write_text(_dump([ROOT / "seeds" / "seed-000.in.txt", TEXT_DOCS[0]]), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "stripper.cli", "strip", "--stream", str(dump)],
                          capture_output=True, check=True)
    parts = done.stdout.decode("utf-8").split("\f\n")
    assert parts[0] == (ROOT / "seeds" / "seed-000.gold.txt").read_text(encoding="utf-8")
    assert len(parts) == 3 and parts[2] == ""


def test_cli_stream_json_from_stdin_with_a_custom_separator():
    dump = _dump(TEXT_DOCS[:2], separator="<<<END>>>")
    done = subprocess.run([sys.executable, "-m", "stripper.cli", "strip", "--stream", "-", "--format", "json",
                           "--separator", "<<<END>>>"], input=dump.encode("utf-8"), capture_output=True, check=True)
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [r["index"] for r in records] == [0, 1]
    assert all(r["error"] is None and r["text"] for r in records)
