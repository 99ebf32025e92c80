"""Text mode: the site's name printed above the headline (the masthead) goes; the headline stays."""
from __future__ import annotations

from pathlib import Path

import stripper
from conftest import model_decided, strip_unseen
from stripper import heuristics
from stripper.config import default_config

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "handmade-text"
BODY = (
    "The corruption trial of former Bangladesh prime minister was delayed on Sunday after her lawyers asked for more time.\n"
    "The court set a new date in February, a prosecutor said, and the defence welcomed the decision.\n"
    "Her party said the charges were politically motivated and that it would keep campaigning for her release.\n"
)


def _block(result, text):
    return next(b for b in result.blocks if b.text == text)


def test_the_masthead_named_in_the_title_goes_and_the_headline_stays():
    result = strip_unseen((CORPUS / "fr-news-03.in.txt").read_bytes(), "text")
    masthead = _block(result, "L'Écho des Collines")
    assert not masthead.kept and masthead.source == "site_name"
    assert "beside the headline" in masthead.reason
    assert _block(result, "Trail des Crêtes : le record de l'épreuve tombe sous la pluie").kept


def test_a_title_part_after_the_headline_is_not_taken_for_the_masthead():
    # "BBC - Future - Science & Environment - Moral behaviour in animals": the headline comes
    # first and a shorter section name follows it; the headline is no site name
    text = ("BBC News - Moral behaviour in animals\n" "Moral behaviour in animals\n" "BBC News\n" + BODY)
    result = stripper.strip(text, mode="text")
    assert _block(result, "Moral behaviour in animals").source != "site_name"
    assert all(b.source != "site_name" for b in result.blocks[:2])


def test_a_line_that_is_not_in_the_title_is_left_alone():
    text = "Bangladesh court delays trial | The Daily Ledger\nThe Morning Ledger\nBangladesh court delays trial\n" + BODY
    result = stripper.strip(text, mode="text")
    assert all(b.source != "site_name" for b in result.blocks)


def test_html_pages_are_left_to_their_markup():
    html = ("<html><head><title>Bangladesh court delays trial | The Daily Ledger</title></head><body>"
            "<div>The Daily Ledger</div><h1>Bangladesh court delays trial</h1>"
            + "".join(f"<p>{line}</p>" for line in BODY.splitlines()) + "</body></html>")
    result = stripper.strip(html, mode="html")
    assert all(b.source != "site_name" for b in result.blocks)


def test_a_long_site_name_and_the_menu_under_it_go_before_the_headline():
    # es-recipe-01: a six-word blog name, then its menu, then the headline
    thresholds = default_config().thresholds
    head = "Tortilla de patatas jugosa, paso a paso | La cocina de la abuela Rosa\n"
    for menu, gone in (("Recetas Huevos Postres Sobre mí", True),
                       ("Rosa cocina en Valladolid desde hace cuarenta años y lo cuenta aquí.", False)):
        text = f"{head}La cocina de la abuela Rosa\n{menu}\nTortilla de patatas jugosa, paso a paso\n" + BODY
        revised = heuristics.revise_site_name(model_decided(text, "text"), thresholds)
        assert _block(revised, "La cocina de la abuela Rosa").decision.source == "site_name"
        assert (_block(revised, menu).decision.source == "site_name") is gone, menu
        assert _block(revised, "Tortilla de patatas jugosa, paso a paso").kept
    # two kept lines between the name and the headline: too far for a masthead
    text = f"{head}La cocina de la abuela Rosa\nRecetas Huevos\nPostres Sobre mí\nTortilla de patatas jugosa, paso a paso\n" + BODY
    revised = heuristics.revise_site_name(model_decided(text, "text"), thresholds)
    assert _block(revised, "La cocina de la abuela Rosa").kept
