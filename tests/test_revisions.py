"""Revision passes on real pages: lead-in (headline, dek, title), uncertain runs, related boxes."""
from __future__ import annotations

from pathlib import Path

import stripper

HANDMADE = Path(__file__).resolve().parent.parent / "corpus" / "handmade-text"


def _strip(doc_id: str) -> stripper.Result:
    return stripper.strip((HANDMADE / f"{doc_id}.in.txt").read_text(encoding="utf-8"), mode="text")


def test_headline_and_dek_above_share_buttons_and_a_caption_pair_are_kept():
    # headline, dek, three share buttons, a caption printed twice (the second time with "צילום:")
    result = _strip("he-news-01")
    headline, dek = "הספרייה העירונית תיפתח גם בלילות בתקופת הבחינות", result.text.splitlines()[2]
    assert result.text.splitlines()[0] == headline
    by_text = {b.text: b for b in result.blocks}
    assert by_text[headline].source == "lead_in" and by_text[headline].reason.startswith("headline")
    assert by_text[dek].source == "lead_in" and by_text[dek].reason.startswith("dek")
    assert all(not b.kept for b in result.blocks if "צילום" in b.text)
    assert result.title == headline


def test_a_headline_right_above_the_lead_is_kept_and_is_the_title():
    result = _strip("en-news-07")
    headline = "Port Workers End Four-day Strike After Wage Deal"
    assert result.text.splitlines()[0] == headline
    assert result.title == headline  # not the "Subscribe" menu item on the first line


def test_a_page_title_line_keeps_the_title_and_the_model_decides_the_headline():
    # flattened pages open with their <title>: the pass leaves them to the model
    text = (HANDMADE / "es-recipe-01.in.txt").read_text(encoding="utf-8")
    result = stripper.strip(text, mode="text")
    assert result.blocks[0].source == "page_title"
    assert result.title == text.splitlines()[0]
    assert not any(b.source == "lead_in" for b in result.blocks)


def test_recipe_items_the_model_nearly_kept_stay_between_kept_ingredients():
    # "5 patatas medianas" scores under the cut, between "Ingredientes (...)" and "1 cebolla grande"
    result = _strip("es-recipe-01")
    item = next(b for b in result.blocks if b.text == "5 patatas medianas")
    assert item.kept and item.source == "uncertain_run" and "between kept blocks" in item.reason
    assert "5 patatas medianas" in result.text.splitlines()


def test_headlines_under_a_related_heading_go_with_it():
    # "Leia também" inside the article, then another story's headline the model kept (p 0.53)
    result = _strip("pt-news-01")
    heading = next(b for b in result.blocks if b.text == "Leia também")
    item = result.blocks[heading.index + 1]
    assert not heading.kept and heading.source.startswith("related.heading-")
    assert not item.kept and item.source == "related_box" and f"block {heading.index}" in item.reason
    # the article's quote after the box is kept: the box ends at the first line of another shape
    assert result.blocks[heading.index + 3].kept


def test_a_dek_under_a_kept_headline_past_a_caption_pair_is_kept():
    # es-news-03: headline (kept), dek (scored under the cut), caption printed twice, body
    result = _strip("es-news-03")
    dek = result.blocks[1]
    assert dek.kept and dek.source == "lead_in" and dek.reason == "dek under the kept headline"
    assert result.text.splitlines()[2] == dek.text
