"""A caption printed twice, the second time with its credit: both copies go, and only then."""
from __future__ import annotations

import pytest

import stripper

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
