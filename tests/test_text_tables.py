"""Text mode: a table flattened a cell a line, between kept text, stays; pagers and headline lists do not."""
from __future__ import annotations

from conftest import model_decided
from stripper import heuristics
from stripper.config import default_config

T = default_config().thresholds

# a story, a price table flattened a cell a line (as ja-tech-01's), and the story going on
TABLE_PAGE = """The new service bundles eight accelerators in one server and bills by the hour, the company said on Monday.
Plan
GPUs
Memory
Price per hour
g1.small
1
80GB
980 yen
g1.large
4
320GB
3720 yen
The smallest plan is meant for search and summaries, and a yearly reservation cuts the hourly price by a third.
"""


def _table_kept(doc) -> list[str]:
    revised = heuristics.revise_text_tables(doc, T)
    return [b.text for b in revised.blocks if b.kept and b.decision.source == "text_table"]


def test_a_table_of_short_lines_with_figures_between_kept_paragraphs_stays():
    doc = model_decided(TABLE_PAGE, "text", scores={"Plan": 0.2, "GPUs": 0.2, "Memory": 0.2, "Price per": 0.2,
                                                   "g1.": 0.2, "1": 0.2, "4": 0.2, "80GB": 0.2, "320GB": 0.2,
                                                   "980": 0.2, "3720": 0.2})
    kept = _table_kept(doc)
    assert kept[0] == "Plan" and "3720 yen" in kept and len(kept) == 12
    reason = next(b for b in heuristics.revise_text_tables(doc, T).blocks if b.text == "80GB").decision.reason
    assert "table of 12 short lines" in reason


def test_the_table_needs_kept_text_on_both_sides():
    doc = model_decided(TABLE_PAGE, "text", dropped="The smallest", scores={
        "Plan": 0.2, "GPUs": 0.2, "Memory": 0.2, "Price per": 0.2, "g1.": 0.2, "1": 0.2, "4": 0.2,
        "80GB": 0.2, "320GB": 0.2, "980": 0.2, "3720": 0.2})
    assert _table_kept(doc) == []


def test_a_pager_is_no_table():
    page = "The council will vote on the plan next month, its chair said.\n«\n1\n2\n3\n4\n»\nMore from the council follows below, with the agenda.\n"
    doc = model_decided(page, "text", scores={"«": 0.2, "1": 0.2, "2": 0.2, "3": 0.2, "4": 0.2, "»": 0.2})
    assert _table_kept(doc) == []


def test_other_stories_headlines_with_years_are_no_table():
    # dragnet R573's list: headlines holding years, longer than table cells
    page = ("The car held up well over six months of commuting, our tester found.\n"
            "2012 Hyundai Veloster Six-Month Road Test: Infotainment Issues\n"
            "2013 Ford Escape Video Review and Road Test Results\n"
            "2012 Toyota Camry Hybrid Long-Term Test Update Number 4\n"
            "2013 Lexus IS First Look From The 2012 Show\n"
            "2012 Honda Civic Recall Affects 40,000 Cars In 2012\n"
            "We will report again after the winter months, with fuel figures.\n")
    doc = model_decided(page, "text", scores={"2012 ": 0.2, "2013 ": 0.2})
    assert _table_kept(doc) == []


def test_a_superscript_digit_alone_on_its_line_breaks_nothing():
    # "²".isdigit() is true but int("²") fails: the pager test reads decimal numbers only
    page = ("The flat has three rooms and a balcony facing the river, the agent said on Monday.\n"
            "Price\n310000\n72\n²\n3\n2019\n4\n"
            "The asking price is lower than for similar flats in the district, she added.\n")
    doc = model_decided(page, "text", scores={"Price": 0.2, "310000": 0.2, "72": 0.2, "²": 0.2, "3": 0.2,
                                             "2019": 0.2, "4": 0.2})
    assert "²" in _table_kept(doc)


def _kept_lines(doc_id: str) -> list[str]:
    from pathlib import Path

    import stripper
    page = Path(__file__).resolve().parents[1] / "corpus" / "handmade-text" / f"{doc_id}.in.txt"
    return stripper.strip(page.read_text("utf-8"), mode="text").text.splitlines()


def test_a_table_followed_by_its_source_line_and_an_ad_stays():
    # corpus/ ru-news-11: a rent table a cell a line, then "Источник: ..." and "Реклама" before
    # the story goes on; the kept text after the table comes within `text_table_max_gap` blocks
    kept = _kept_lines("ru-news-11")
    assert {"Екатеринбург", "+37%", "Краснодар", "1,8%"} <= set(kept)


def test_a_wiki_contents_box_is_no_table():
    # corpus/ en-fandom-01: the contents box's last entries ("4 Relationships", "5 Trivia") hold
    # section numbers counting up, not figures; the headings themselves stay further down
    kept = _kept_lines("en-fandom-01")
    assert "5 Trivia" not in kept and "6 Appearances" not in kept and "Trivia" in kept
    page = ("Sera is one of three companions who can be recruited before the end of the first act.\n"
            "4 Relationships\n5 Trivia\n6 Appearances\nBiography\nEarly life\n"
            "Sera was born in the tanners' quarter of Gallow's Reach, the youngest of five children.\n")
    scores = {"4 R": 0.2, "5 T": 0.2, "6 A": 0.2, "Biography": 0.2, "Early life": 0.2}
    assert _table_kept(model_decided(page, "text", scores=scores)) == []
    figures = page.replace("4 Relationships\n5 Trivia\n6 Appearances", "8 GB\n16 GB\n32 GB")
    assert len(_table_kept(model_decided(figures, "text",
                                         scores={"8 GB": 0.2, "16 GB": 0.2, "32 GB": 0.2, "Biography": 0.2,
                                                 "Early life": 0.2}))) == 5
