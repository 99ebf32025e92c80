"""Text mode: the scraper's first line, the page <title>, is a copy of the headline and goes."""
from __future__ import annotations

import pytest

import stripper

BODY = (
    "Corruption trial of ex-Bangladesh PM delayed\n"
    "The corruption trial of former Bangladesh prime minister was delayed on Sunday after her lawyers asked for more time.\n"
    "The court set a new date in February, a prosecutor said, and the defence welcomed the decision.\n"
    "Her party said the charges were politically motivated and that it would keep campaigning for her release.\n"
)


@pytest.mark.parametrize("title", [
    "AFP: Corruption trial of ex-Bangladesh PM delayed",          # agency prefix
    "Corruption trial of ex-Bangladesh PM delayed - World News",  # site suffix
    "Corruption trial of ex-Bangladesh PM delayed",               # the headline itself
])
def test_a_title_holding_the_headline_is_dropped_and_the_headline_kept(title):
    result = stripper.strip(title + "\n" + BODY, mode="text")
    first = result.blocks[0]
    assert not first.kept and first.source == "page_title"
    assert "block 1" in first.reason
    assert result.text.splitlines()[0] == "Corruption trial of ex-Bangladesh PM delayed"


def test_a_title_holding_only_a_short_later_line_is_not_judged_by_it():
    # "PM delayed" is two words: a menu item or tag could match that much by chance
    text = "Corruption trial of ex-Bangladesh PM delayed\nPM delayed\n" + BODY.split("\n", 1)[1]
    first = stripper.strip(text, mode="text").blocks[0]
    assert first.source != "page_title"


def test_a_title_ending_in_a_site_name_is_dropped_even_when_the_headline_differs():
    text = "Bangladesh court puts off ex-PM's trial | The Daily Ledger\n" + BODY
    first = stripper.strip(text, mode="text").blocks[0]
    assert not first.kept and first.source == "page_title"
    assert "site name" in first.reason and "The Daily Ledger".lower() in first.reason


def test_a_first_line_without_such_a_suffix_is_left_to_the_model():
    text = "Bangladesh court puts off former prime minister's trial\n" + BODY.split("\n", 1)[1]
    assert stripper.strip(text, mode="text").blocks[0].source == "model"
