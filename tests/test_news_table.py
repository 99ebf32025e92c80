"""A news story with a results table and a fact box (corpus/ en-news-12): the table's cells and
the box stay in both modes; the byline with the writer's role, the article tools and the
2024-style share row ("Facebook X Email Copy link") go."""
from __future__ import annotations

from pathlib import Path

import pytest

import stripper
from conftest import strip_unseen

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PAGES = {"html": CORPUS / "handmade-html" / "en-news-12.html", "text": CORPUS / "handmade-text" / "en-news-12.in.txt"}


@pytest.mark.parametrize("mode", sorted(PAGES))
def test_the_results_table_and_the_fact_box_stay(mode):
    lines = strip_unseen(PAGES[mode].read_bytes(), mode).text.splitlines()
    table = lines[lines.index("District"):lines.index("1,602") + 1]
    assert table[:6] == ["District", "Yes", "No", "Millbrook", "5,812", "4,390"] and len(table) == 15
    assert {"The levy at a glance", "Rate: 0.29 mills", "Term: five years, from 2025"} <= set(lines)


@pytest.mark.parametrize("mode", sorted(PAGES))
def test_the_byline_tools_and_share_row_go_by_their_rules(mode):
    blocks = {b.text: b for b in stripper.strip(PAGES[mode].read_bytes(), mode=mode).blocks}
    assert blocks["By Rosa Delgado Staff writer Nov. 6, 2024 at 11:52 p.m."].source == "bylines.by-role-date-en"
    assert blocks["Listen to this article"].source == "share.article-tools-en"
    assert blocks["Gift this article"].source == "share.article-tools-en"
    if mode == "text":  # in HTML the share <div>'s links are blocks of their own
        assert blocks["Facebook X Email Copy link"].source == "share.runs-en"


def test_a_row_of_x_marks_is_no_share_row():
    # l3s-gn1 0969f54e: a table's "X X X" rows are the article's
    text = ("Which phones support the feature\nThe table below lists which of the three phones supports each feature of the update.\n"
            "X X X\nX X X\nThe update arrives in March for all three phones, the company said on Tuesday.\n")
    result = stripper.strip(text, mode="text")
    assert all(b.source != "share.runs-en" for b in result.blocks if b.text == "X X X")


def test_the_kicker_over_the_headline_goes_by_its_class():
    # corpus/ it-news-02: <p class="occhiello">Mobilità</p> above the <h1>
    result = stripper.strip((CORPUS / "handmade-html" / "it-news-02.html").read_bytes(), mode="html")
    kicker = next(b for b in result.blocks if b.text == "Mobilità")
    assert not kicker.kept and kicker.source == "navigation.kicker-tokens"
    assert result.text.splitlines()[0] == "Bologna, la nuova linea del tram rossa partirà a settembre"
