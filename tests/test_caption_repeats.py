"""Captions: one printed twice with its credit, and one right above a credit line, go; only they."""
from __future__ import annotations

import pytest

import stripper
from conftest import strip_unseen

STORY = (
    "Rescuers pulled two climbers from the north face on Sunday after a night in the open, the mountain police said.\n"
    "Both were taken to hospital in the valley with frostbite and are expected to recover fully, a spokesman said.\n"
)


@pytest.mark.parametrize("credit", ["Credit: Alberto Pizzoli, AFP", "Foto: Thomas Keller", "(AP Photo/Jane Roe)",
                                    "Photo : Yves Le Goff / Journal du Littoral", "© Reuters"])
def test_a_caption_repeated_with_its_credit_is_dropped_twice(credit):
    caption = "Rescue helicopter over the north face"
    text = f"{STORY}{caption}\n{caption} {credit}\n{STORY}"
    blocks = stripper.strip(text, mode="text").blocks
    pair = [b for b in blocks if b.text.startswith(caption)]
    assert pair[0].source == "caption_repeat"  # the second may already be dropped by the model
    assert not any(b.kept for b in pair)


@pytest.mark.parametrize("first, second", [
    ("Halfway", "Halfway has been reached in 1:03:15, with the chase group at 16 seconds down and closing."),
    ("1 large egg", "1 large egg yolk"),
])
def test_a_line_extended_by_other_words_is_left_to_the_model(first, second):
    blocks = stripper.strip(f"{STORY}{first}\n{second}\n{STORY}", mode="text").blocks
    assert all(b.source != "caption_repeat" for b in blocks)


def test_the_line_right_above_a_credit_line_is_its_caption():
    # corpus/handmade-text ru-news-02: a caption paraphrasing the body, then "Фото: ..." on its own line
    from pathlib import Path
    path = Path(__file__).resolve().parent.parent / "corpus" / "handmade-text" / "ru-news-02.in.txt"
    result = strip_unseen(path.read_text("utf-8"), "text")
    caption = next(b for b in result.blocks if b.text == "Валидаторы уже установлены во всех автобусах городских маршрутов")
    credit = result.blocks[caption.index + 1]
    assert credit.source.startswith("captions.credit-line-") and not credit.kept
    assert not caption.kept and caption.source == "credited_caption" and f"block {credit.index}" in caption.reason
    below = result.blocks[credit.index + 1]  # the article goes on under the credit
    assert below.kept and below.text.startswith("С 1 октября кондукторы")


def test_a_paragraph_under_a_credit_line_stays():
    text = f"Climbers rescued\n{STORY}Credit: Jane Roe, AFP\n{STORY}"
    blocks = stripper.strip(text, mode="text").blocks
    assert blocks[3].source == "captions.credit-line-en" and not blocks[3].kept
    assert blocks[4].kept and blocks[4].text.startswith("Rescuers")
    assert blocks[2].kept  # a paragraph, not a caption: a photo without one puts its credit there


def test_call_letters_or_a_photographer_and_outlet_appended_make_a_caption_repeat():
    import stripper
    from pathlib import Path
    handmade = Path(__file__).resolve().parent.parent / "corpus" / "handmade-text"
    for doc_id, tail in (("en-news-36", "(WDKT)"), ("en-news-41", "(Priya Dhanoa/NPB)")):
        result = stripper.strip((handmade / f"{doc_id}.in.txt").read_text(encoding="utf-8"), mode="text")
        credited = next(b for b in result.blocks if b.text.endswith(tail))
        assert credited.source == "caption_repeat" and not credited.kept
