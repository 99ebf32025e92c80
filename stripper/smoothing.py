"""Context smoothing: a block's probability revised by its neighbours' and its container's.

The first model scores each block from its own measurements (and a few neighbours').
Boilerplate and article text come in runs and in containers, so a second, small model
looks at the first model's scores around each block: windows of blocks before and after,
and the mean score of blocks sharing its parent and grandparent element (HTML). It is
trained on out-of-fold first-stage scores, so it learns how far to trust them.

Text lines have no elements: every line is in one group, and the parent and grandparent
means say nothing. Text gets sided windows in their place (`SIDED_FEATURES`): how the
lines just before and just after score, apart, and how much of the page's score lies
above the line: the article's last paragraph has strong lines above and none below, a
comment strong lines far above and a signature just before. Out of fold (session 11, a
new crossval each, with the text smoother's five networks): dragnet-text F1 0.8821 ->
0.8897 (0.8802 -> 0.8883 on another fold split), l3s-gn1-text 0.9523 -> 0.9543,
cleaneval-text 0.8939 -> 0.8943, line F1 up on all three. In HTML, where the element
means already say where a block stands, the same columns gained nothing (dragnet +0.0006,
l3s-gn1 -0.0031, cleaneval +0.0000), so HTML goes without them.
"""
from __future__ import annotations

import numpy as np

from .features import group_numbers, shift, window_means
from .model import Document

SMOOTH_FEATURES = [
    "p", "logit", "p_prev", "p_next", "win1", "win2", "win5", "win10", "max2", "min2",
    "parent_mean", "parent_count", "grand_mean", "grand_count", "doc_mean", "rank",
]
SIDED_FEATURES = ["mean_before", "mean_after", "max_before", "max_after", "mass_before"]  # SIDED_MODES only
SIDED_MODES = frozenset({"text"})  # modes whose blocks have no elements: the sided windows stand in for them
SIDED_MEAN_BLOCKS = 5  # mean_before / mean_after: the mean score of this many lines before / after
SIDED_MAX_BLOCKS = 10  # max_before / max_after: the best score among this many lines before / after


def smooth_feature_names(mode: str) -> list[str]:
    """The smoother's columns in a mode: the sided windows stand in for the elements in text."""
    return SMOOTH_FEATURES + (SIDED_FEATURES if mode in SIDED_MODES else [])


def smoothing_matrix(doc: Document, p: np.ndarray) -> np.ndarray:
    """One row a block, columns `smooth_feature_names(doc.mode)`, from first-stage probabilities `p`."""
    ancestors = [b.ancestors for b in doc.blocks]  # read once for both levels
    if not any(ancestors):  # text lines: every block in the one group -1
        none = np.full(len(doc.blocks), -1)
        return smoothing_columns(p, none, none, doc.mode)
    return smoothing_columns(p, _ids_above(ancestors, 1), _ids_above(ancestors, 2), doc.mode)


def smoothing_columns(p: np.ndarray, parents: np.ndarray, grands: np.ndarray, mode: str) -> np.ndarray:
    """The same from arrays: each block's parent and grandparent element id (-1: none)."""
    n = len(p)
    sided = mode in SIDED_MODES
    if n == 0:
        return np.zeros((0, len(smooth_feature_names(mode))))
    clipped = p.clip(1e-4, 1 - 1e-4)
    parent_mean, parent_count = _group_mean(p, parents)
    parent_log_count = np.log1p(parent_count)
    if parents is grands or np.array_equal(parents, grands):  # text: the same groups, the same figures
        grand_mean, grand_log_count = parent_mean, parent_log_count
    else:
        grand_mean, grand_count = _group_mean(p, grands)
        grand_log_count = np.log1p(grand_count)
    cols = (
        p, np.log(clipped / (1 - clipped)), shift(p, 1), shift(p, -1),
        *window_means(p, (1, 2, 5, 10)),
        _window_extreme(p, 2, np.maximum), _window_extreme(p, 2, np.minimum),
        parent_mean, parent_log_count, grand_mean, grand_log_count,
        np.full(n, p.mean()), (-p).argsort().argsort() / max(1, n - 1),
        *(_sided_columns(p) if sided else ()),
    )
    # `np.column_stack(cols)`, filled column by column: the same values without its per-column reshapes
    out = np.empty((n, len(cols)))
    for j, col in enumerate(cols):
        out[:, j] = col
    return out


def _sided_columns(p: np.ndarray) -> tuple[np.ndarray, ...]:
    """`SIDED_FEATURES`: the mean score of the lines before and after, the best score before and after, the mass above.

    Past the page's ends count as scores of 0, so the first line has nothing above it.
    """
    n, half, reach = len(p), SIDED_MEAN_BLOCKS, SIDED_MAX_BLOCKS
    sums = np.concatenate([[0.0], p.cumsum()])  # sums[i]: the scores of the lines above line i
    at = np.arange(n)
    mean_before = (sums[at] - sums[np.maximum(0, at - half)]) / half
    mean_after = (sums[np.minimum(n, at + half + 1)] - sums[at + 1]) / half
    # window j of the padded scores holds padded[j:j + reach]: line i's `reach` lines before
    # are window i, its `reach` lines after are window i + reach + 1
    maxima = _sliding_extreme(np.concatenate([np.zeros(reach), p, np.zeros(reach)]), reach, np.maximum)
    return mean_before, mean_after, maxima[:n], maxima[reach + 1:], sums[:n] / max(sums[-1], 1e-9)


def _sliding_extreme(values: np.ndarray, width: int, op) -> np.ndarray:
    """`op` (np.maximum / np.minimum) of every `width` values in a row: `sliding_window_view(values, width).max(axis=1)` (or min).

    By doubling (the extremes of 2, 4, 8 ... in a row), then two overlapping windows of the
    largest power of two: a few whole-array `op` calls, where the strided view costs several
    times more on a page's hundred lines (and `op` is exact: the same numbers).
    """
    span, out = 1, values
    while span * 2 <= width:
        out = op(out[:-span], out[span:])
        span *= 2
    count = len(values) - width + 1
    return op(out[:count], out[width - span:width - span + count])


def ancestor_ids(doc: Document, up: int) -> np.ndarray:
    """Id of each block's ancestor `up` levels above its element; text lines share one group."""
    return _ids_above([b.ancestors for b in doc.blocks], up)


def _ids_above(ancestors: list[tuple[int, ...]], up: int) -> np.ndarray:
    """`ancestor_ids` from the blocks' ancestor tuples."""
    return np.array([a[-up] if len(a) >= up else -1 for a in ancestors])


def _group_mean(p: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    inverse = group_numbers(groups)  # element ids group themselves: no np.unique sort (see there)
    sums = np.bincount(inverse, weights=p)
    counts = np.bincount(inverse).astype(float)
    counts = counts[inverse]
    return sums[inverse] / counts, counts


def _window_extreme(p: np.ndarray, half: int, op) -> np.ndarray:
    """`op` (np.maximum / np.minimum) over `half` blocks each side; the ends repeat the edge."""
    padded = np.concatenate([np.full(half, p[0]), p, np.full(half, p[-1])])
    return _sliding_extreme(padded, 2 * half + 1, op)
