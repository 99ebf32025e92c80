"""The `strip` and `rules` commands: file, stdin and folder inputs, naming, formats, errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from stripper.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED_IN = ROOT / "seeds" / "seed-000.in.txt"
SEED_GOLD = ROOT / "seeds" / "seed-000.gold.txt"
PAGE = ROOT / "corpus" / "handmade-html" / "en-news-01.html"


def test_one_file_prints_its_clean_text(capsys):
    assert main(["strip", str(SEED_IN)]) == 0
    assert capsys.readouterr().out == SEED_GOLD.read_text(encoding="utf-8")


def test_stdin_is_read_with_a_dash():
    done = subprocess.run([sys.executable, "-m", "stripper.cli", "strip", "-"], input=SEED_IN.read_bytes(),
                          capture_output=True, check=True)
    assert done.stdout.decode("utf-8") == SEED_GOLD.read_text(encoding="utf-8")


def test_folder_writes_one_txt_per_page_named_by_its_stem(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_bytes(PAGE.read_bytes())
    (src / "b.htm").write_bytes(PAGE.read_bytes())
    (src / "c.in.txt").write_bytes(SEED_IN.read_bytes())
    (src / "d.txt").write_bytes(SEED_IN.read_bytes())
    (src / "c.gold.txt").write_text("not a page")
    (src / "notes.md").write_text("not a page")
    out = tmp_path / "out"
    assert main(["strip", str(src), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert (out / "c.txt").read_text(encoding="utf-8") == SEED_GOLD.read_text(encoding="utf-8")
    assert (out / "a.txt").read_text(encoding="utf-8") == (out / "b.txt").read_text(encoding="utf-8")


def test_folder_without_out_is_a_usage_error(tmp_path, capsys):
    assert main(["strip", str(tmp_path)]) == 2
    assert "--out" in capsys.readouterr().err


def test_json_format_carries_blocks_and_reasons(capsys):
    assert main(["strip", str(PAGE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mode"] == "html" and data["text"]
    assert all(b["reason"] for b in data["blocks"])
    assert any(not b["kept"] and b["source"].startswith("navigation.") for b in data["blocks"])


def test_markdown_marks_the_headline(capsys):
    assert main(["strip", str(PAGE), "--format", "markdown"]) == 0
    assert any(line.startswith("# ") for line in capsys.readouterr().out.splitlines())


def test_explain_shows_kept_and_dropped_blocks(capsys):
    assert main(["strip", str(SEED_IN), "--explain"]) == 0
    out = capsys.readouterr().out
    assert "KEEP" in out and "drop" in out and "subscription." in out


def test_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["strip", str(tmp_path / "nope.html")]) == 1
    assert "nope.html" in capsys.readouterr().err


def test_binary_input_is_refused_with_a_message(tmp_path, capsys):
    pdf = tmp_path / "x.html"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert main(["strip", str(pdf)]) == 1
    assert "PDF" in capsys.readouterr().err


def test_rules_check_passes_on_the_packaged_rules(capsys):
    assert main(["rules", "check"]) == 0
    assert "rules OK" in capsys.readouterr().out
