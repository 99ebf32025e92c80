"""The smoother's context columns: text lines get sided windows, HTML blocks their elements."""
from __future__ import annotations

import numpy as np
import pytest

import stripper
from stripper.classifier import load_model, model_path
from stripper.smoothing import (SIDED_FEATURES, SIDED_MAX_BLOCKS, SIDED_MEAN_BLOCKS, SMOOTH_FEATURES,
                                smooth_feature_names, smoothing_columns)


def _sided_by_hand(p: list[float]) -> list[list[float]]:
    """`SIDED_FEATURES` of each line, line by line, as the docstring of `_sided_columns` says."""
    n, total = len(p), sum(p)
    rows = []
    for i in range(n):
        before, after = p[max(0, i - SIDED_MEAN_BLOCKS):i], p[i + 1:i + 1 + SIDED_MEAN_BLOCKS]
        rows.append([sum(before) / SIDED_MEAN_BLOCKS, sum(after) / SIDED_MEAN_BLOCKS,
                     max(p[max(0, i - SIDED_MAX_BLOCKS):i], default=0.0),
                     max(p[i + 1:i + 1 + SIDED_MAX_BLOCKS], default=0.0),
                     sum(p[:i]) / total if total else 0.0])
    return rows


@pytest.mark.parametrize("n", [1, 2, 6, 11, 25, 80])
def test_sided_columns_match_the_line_by_line_definition(n: int) -> None:
    p = np.random.default_rng(n).random(n)
    none = np.full(n, -1)
    columns = smoothing_columns(p, none, none, "text")
    assert columns.shape == (n, len(SMOOTH_FEATURES) + len(SIDED_FEATURES))
    np.testing.assert_allclose(columns[:, len(SMOOTH_FEATURES):], _sided_by_hand(p.tolist()), atol=1e-12)
    # HTML's columns are the same first figures
    np.testing.assert_array_equal(smoothing_columns(p, none, none, "html"), columns[:, :len(SMOOTH_FEATURES)])


def test_sided_columns_tell_the_last_paragraph_from_a_comment() -> None:
    """Strong lines just above and none below (the article's end) against strong lines far above."""
    p = np.array([0.9, 0.95, 0.9, 0.4, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.4, 0.05])
    columns = smoothing_columns(p, np.full(len(p), -1), np.full(len(p), -1), "text")
    named = {name: columns[:, len(SMOOTH_FEATURES) + k] for k, name in enumerate(SIDED_FEATURES)}
    last_paragraph, comment = 3, 11
    assert named["mean_before"][last_paragraph] > 0.5 > named["mean_before"][comment]
    assert named["max_before"][last_paragraph] == 0.95 and named["max_before"][comment] == 0.95
    assert named["mass_before"][last_paragraph] < named["mass_before"][comment]


def test_the_shipped_smoothers_read_their_mode_s_columns() -> None:
    for mode in ("text", "html"):
        model = load_model(model_path(mode), mode)
        assert model is not None and model.smoother is not None
        assert list(model.smoother.features) == smooth_feature_names(mode)
    assert smooth_feature_names("text") == SMOOTH_FEATURES + SIDED_FEATURES
    assert smooth_feature_names("html") == SMOOTH_FEATURES


def test_an_empty_or_one_line_text_gets_decisions() -> None:
    for text in ("", "One line of text that is a whole article, more or less, with a full stop."):
        result = stripper.strip(text, mode="text")
        assert len(result.blocks) == len([line for line in text.splitlines() if line.strip()])
