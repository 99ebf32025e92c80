"""A French recipe blog post (corpus/ fr-recipe-01): the recipe card's buttons, rating and times
line go in both modes; its title, ingredients, steps and tip stay."""
from __future__ import annotations

from pathlib import Path

import pytest

import stripper
from conftest import strip_unseen
from stripper.heuristics import _BARE_STAMP

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PAGES = {"html": CORPUS / "handmade-html" / "fr-recipe-01.html", "text": CORPUS / "handmade-text" / "fr-recipe-01.in.txt"}


@pytest.mark.parametrize("mode", sorted(PAGES))
def test_the_cards_furniture_goes_and_the_recipe_stays(mode):
    result = strip_unseen(PAGES[mode].read_bytes(), mode)
    blocks = {b.text: b for b in result.blocks}
    assert blocks["★★★★☆ 4,6 sur 5 (38 votes)"].source == "bare_stamp"
    assert blocks["Préparation : 15 min Cuisson : 35 min Portions : 6"].source == "recipes.times-line"
    assert blocks["Imprimer Épingler"].source == "share.recipe-buttons-other"
    lines = result.text.splitlines()
    card = lines[lines.index("Clafoutis aux cerises"):]
    assert card[:3] == ["Clafoutis aux cerises", "Ingrédients", "500 g de cerises"]
    assert "Beurre pour le moule" in card and card[card.index("Beurre pour le moule") + 1] == "Préparation"
    assert "Astuce : servez-le tiède, saupoudré de sucre glace. Il se garde deux jours au frais." in card
    assert "Partager : Facebook Pinterest WhatsApp" not in card


def test_a_ratings_line_in_other_languages_is_a_bare_stamp():
    for line in ("★★★★☆ 4,6 sur 5 (38 votes)", "★★★★★ 4.8 from 61 votes", "★★★★☆ 4,5 von 5 (12 Bewertungen)"):
        assert _BARE_STAMP.match(line), line
    assert not _BARE_STAMP.match("★★★★ is how we rate the second act, which drags")
