"""The public call: modes, result shape, explanations, the seed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import stripper
from stripper.api import resolve_mode

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = " ".join(["The council voted on Tuesday to expand the library's opening hours, a decision that"
                    " residents had asked for over many months of public meetings."] * 2)


def _page(body: str) -> str:
    return f"<html><head><title>Library hours | Town News</title></head><body>{body}</body></html>"


def test_seed_is_exact():
    data = (ROOT / "seeds" / "seed-000.in.txt").read_bytes()
    gold = (ROOT / "seeds" / "seed-000.gold.txt").read_text(encoding="utf-8")
    assert stripper.strip(data).text == gold


def test_auto_mode_tells_html_from_text():
    assert resolve_mode("<!DOCTYPE html><html><body><p>x</p>", "auto") == "html"
    assert resolve_mode("Just a line of text.\nAnother line of text.", "auto") == "text"
    assert resolve_mode("<p>forced</p>", "text") == "text"
    with pytest.raises(ValueError):
        resolve_mode("x", "pdf")


def test_result_carries_title_text_and_every_block_decision():
    html = _page(f'<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Library hours grow</h1>'
                 f"<p>{ARTICLE}</p><p>{ARTICLE}</p></article>")
    result = stripper.strip(html, url="https://town-news.example/library")
    assert result.mode == "html"
    assert result.title == "Library hours | Town News"
    assert ARTICLE in result.text
    assert all(b.reason and b.source for b in result.blocks)
    assert "Home News" not in result.text.splitlines()
    json.dumps(result.to_dict())  # serialisable as it is


def test_bytes_and_str_give_the_same_text():
    html = _page(f"<p>{ARTICLE} Café déjà vu.</p>")
    assert stripper.strip(html.encode("utf-8")).text == stripper.strip(html).text


def test_declared_legacy_charset_is_honoured():
    html = _page(f"<p>{ARTICLE} Smörgåsbord für Müller.</p>").replace(
        "<head>", '<head><meta charset="iso-8859-1">')
    result = stripper.strip(html.encode("cp1252"))
    assert "Smörgåsbord für Müller." in result.text


def test_explain_lists_each_block_with_its_source():
    text = (ROOT / "seeds" / "seed-000.in.txt").read_text(encoding="utf-8")
    lines = stripper.explain(text).splitlines()
    assert any("drop" in line and "Send in e-mail" in lines[i + 1] for i, line in enumerate(lines[:-1]))
