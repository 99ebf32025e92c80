"""Context smoothing: a block's probability revised by its neighbours' and its container's.

The first model scores each block from its own measurements (and a few neighbours').
Boilerplate and article text come in runs and in containers, so a second, small model
looks at the first model's scores around each block: windows of blocks before and after,
and the mean score of blocks sharing its parent and grandparent element (HTML). It is
trained on out-of-fold first-stage scores, so it learns how far to trust them.
"""
from __future__ import annotations

import numpy as np

from .features import group_numbers, shift, window_means
from .model import Document

SMOOTH_FEATURES = [
    "p", "logit", "p_prev", "p_next", "win1", "win2", "win5", "win10", "max2", "min2",
    "parent_mean", "parent_count", "grand_mean", "grand_count", "doc_mean", "rank",
]


def smoothing_matrix(doc: Document, p: np.ndarray) -> np.ndarray:
    """One row a block, columns `SMOOTH_FEATURES`, from first-stage probabilities `p`."""
    ancestors = [b.ancestors for b in doc.blocks]  # read once for both levels
    if not any(ancestors):  # text lines: every block in the one group -1
        none = np.full(len(doc.blocks), -1)
        return smoothing_columns(p, none, none)
    return smoothing_columns(p, _ids_above(ancestors, 1), _ids_above(ancestors, 2))


def smoothing_columns(p: np.ndarray, parents: np.ndarray, grands: np.ndarray) -> np.ndarray:
    """The same from arrays: each block's parent and grandparent element id (-1: none)."""
    n = len(p)
    if n == 0:
        return np.zeros((0, len(SMOOTH_FEATURES)))
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
    )
    # `np.column_stack(cols)`, filled column by column: the same values without its per-column reshapes
    out = np.empty((n, len(cols)))
    for j, col in enumerate(cols):
        out[:, j] = col
    return out


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
    n = len(p)
    padded = np.concatenate([np.full(half, p[0]), p, np.full(half, p[-1])])
    out = p.copy()
    for j in range(2 * half + 1):
        out = op(out, padded[j:j + n])
    return out
