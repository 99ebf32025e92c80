"""Wiki pages (corpus/ en-wiki-01): edit links, infobox, navbox and hatnote are furniture; the
section headings and the text between the "[edit]" links are the article."""
from __future__ import annotations

from pathlib import Path

import stripper
from conftest import model_decided
from stripper import heuristics
from stripper.config import default_config
from stripper.features import transparent

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _block(result, text, nth=0):
    return [b for b in result.blocks if b.text == text][nth]


def test_edit_links_and_the_encyclopedia_tagline_are_furniture_in_both_modes():
    html = stripper.strip((CORPUS / "handmade-html" / "en-wiki-01.html").read_bytes(), mode="html")
    text = stripper.strip((CORPUS / "handmade-text" / "en-wiki-01.in.txt").read_bytes(), mode="text")
    for result in (html, text):
        edits = [b for b in result.blocks if b.text == "[edit]"]
        assert len(edits) == 6 and all(b.source == "navigation.wiki-furniture" for b in edits)
        assert _block(result, "From Railpedia, the free railway encyclopedia").source == "navigation.wiki-furniture"


def test_the_infobox_table_goes_and_the_h1_that_og_title_names_stays():
    result = stripper.strip((CORPUS / "handmade-html" / "en-wiki-01.html").read_bytes(), mode="html")
    assert _block(result, "412 m").source == "navigation.wiki-infobox"
    assert _block(result, "Harrowgate Viaduct", 1).source == "navigation.wiki-infobox"  # the infobox's caption
    h1 = _block(result, "Harrowgate Viaduct", 0)
    assert h1.kept and h1.tag == "h1", h1.reason
    assert result.text.splitlines()[0] == "Harrowgate Viaduct"


def test_a_div_classed_infobox_is_no_wiki_infobox():
    # CleanEval final_162: <div class="infobox"> holds the article's own call for volunteers
    html = ("<html><body><h1>Study of brothers</h1><p>" + "Researchers will recruit brothers in Seattle for a study. " * 3
            + '</p><div class="infobox"><p>Volunteers needed: write to the study office for details.</p></div></body></html>')
    result = stripper.strip(html, mode="html")
    assert all(not b.source.startswith("navigation.wiki") for b in result.blocks)


def test_a_section_heading_between_edit_links_stays_with_its_text():
    # text mode: "History", "[edit]", "Construction", "[edit]", then prose; the model gives the
    # headings 0.3 to 0.5 and the uncertain run reads through the edit links
    text = (CORPUS / "handmade-text" / "en-wiki-01.in.txt").read_text("utf-8")
    doc = model_decided(text, "text", ruled=True, scores={"History": 0.3, "Construction": 0.45, "The viaduct from": 0.1})
    assert all(transparent(b) for b in doc.blocks if b.text == "[edit]")
    revised = heuristics.revise_uncertain_runs(doc, default_config().thresholds)
    for heading in ("History", "Construction"):
        block = _block(revised, heading)
        assert block.kept and block.decision.source == "uncertain_run", block.decision
    assert not any(b.kept for b in revised.blocks if b.text == "[edit]")


def test_no_packaged_rule_keeps_huge_pages_from_the_streaming_parse():
    # an XPath or CSS rule needs the whole tree, so its presence turns the streaming parse of
    # huge pages off (a 20 MB page: 402 MB instead of 277); the wiki infobox is a class rule
    from stripper import rules

    assert rules.structural_rules(default_config().rules, None) == []
    assert rules.structural_rules(default_config().rules, "https://en.railpedia.org/wiki/Harrowgate_Viaduct") == []
