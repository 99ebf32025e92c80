"""The small trained model that weighs block features: a numpy MLP read from a JSON file.

The weights ship in the package (`stripper/data/model-<mode>.json`), are trained by
`python -m train.train` on the development corpora, and are loaded once. A model whose
feature list does not match the code's is refused, so a stale file fails loudly in tests
instead of silently scoring the wrong columns.
"""
from __future__ import annotations

import contextlib
import functools
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import ContextManager

import numpy as np

from .features import feature_names
from .smoothing import smooth_feature_names, smoothing_matrix

log = logging.getLogger(__name__)
DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Model:
    """Standardise, then per member dense layers with ReLU between them and a sigmoid at the end;
    the probability is the members' mean (one member: a plain MLP)."""

    mode: str
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    members: tuple[tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]], ...]  # (weights, biases) each
    meta: dict
    smoother: "Model | None" = None

    def predict_document(self, doc) -> np.ndarray:
        """Block probabilities of a document: the block model, then context smoothing if shipped.

        Both models run under one BLAS thread limit: setting and restoring it costs 12 µs.
        """
        with _one_blas_thread():
            p = self._predict(doc.matrix)
            if self.smoother is not None and len(p):
                p = self.smoother._predict(smoothing_matrix(doc, p))
        return p

    def predict(self, matrix: np.ndarray) -> np.ndarray:
        """Probability that each row (block) belongs to the article.

        Rows are independent, so a huge page goes through in slices of `PREDICT_ROWS`:
        its temporaries stay a few megabytes instead of several copies of the matrix.
        """
        with _one_blas_thread():
            return self._predict(matrix)

    def _predict(self, matrix: np.ndarray) -> np.ndarray:
        """`predict`, within a BLAS thread limit the caller holds."""
        n = matrix.shape[0]
        if n == 0:
            return np.zeros(0)
        if n <= PREDICT_ROWS:
            return self._forward(matrix)
        return np.concatenate([self._forward(matrix[i:i + PREDICT_ROWS]) for i in range(0, n, PREDICT_ROWS)])

    def _forward(self, matrix: np.ndarray) -> np.ndarray:
        """The members' mean probability: networks trained from other seeds err on different pages.

        Each layer's arithmetic runs in place in the product's array, in the order of the
        plain expressions `np.maximum(x @ w + b, 0.0)` and `1 / (1 + exp(-clip(z)))`: the same
        numbers, without a new array per operation (a fifth of the time on a page's rows).
        All members go through a layer at once (`_layers`), and their outputs are squashed
        together, one row each (element-wise: the same numbers), and added up in member order.
        """
        standard = matrix - self.mean
        standard /= self.scale
        *hidden, (last_weights, last_biases) = self._layers
        x = standard
        for weights, biases in hidden:
            x = x @ weights  # (members, rows, units)
            x += biases
            np.maximum(x, 0.0, out=x)
        z = x @ last_weights
        z += last_biases
        outputs = z[:, :, 0]  # one row a member
        _sigmoid_in_place(outputs)
        total = np.zeros(len(matrix))
        for row in outputs:
            total += row
        return total / len(self.members)

    @functools.cached_property
    def _layers(self) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        """Each layer's weights and biases, the members' stacked: (members, inputs, units), (members, 1, units).

        Why: `x @ weights` of a stack runs the BLAS product of each member's slice, the very
        product `x @ w` of that member alone (the same numbers), from one numpy call a layer
        instead of one a member and layer: the forward pass of a 150-row page went from 164
        to 141 µs, of a 20-row one from 57 to 32 (5 members).
        """
        depth = len(self.members[0][0])
        return tuple((np.stack([weights[k] for weights, _ in self.members]),
                      np.stack([biases[k] for _, biases in self.members])[:, None, :]) for k in range(depth))


PREDICT_ROWS = 4096


def _sigmoid_in_place(z: np.ndarray) -> np.ndarray:
    """`1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))`, step by step in `z`'s own array."""
    z.clip(-30, 30, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    return np.divide(1.0, z, out=z)


_blas_lock = threading.Lock()
_blas_libraries: list | None = None  # threadpoolctl's controllers of the loaded BLAS libraries


def _one_blas_thread() -> ContextManager:
    """Run the model's matrix products on one BLAS thread (when threadpoolctl is installed).

    A page's products are tiny, but past ~60 blocks OpenBLAS hands them to its worker
    threads, which then busy-wait for more work: that spinning cost more CPU than all of
    segmentation (6 ms a page on 2 cores) and competes with the other pool workers. One
    thread gives bit-identical products (OpenBLAS splits rows, not sums, across threads).
    The limit is global to the process, so it is held under a lock and then restored.
    """
    global _blas_libraries
    if _blas_libraries is None:
        try:
            from threadpoolctl import ThreadpoolController
            _blas_libraries = list(ThreadpoolController().select(user_api="blas").lib_controllers)
        except ImportError:  # optional: without it the products just run as BLAS decides
            _blas_libraries = []
    if not _blas_libraries:
        return contextlib.nullcontext()
    return _limited(_blas_libraries)


@contextlib.contextmanager
def _limited(libraries: list):
    """`ThreadpoolController.limit(limits=1, user_api="blas")` by the libraries' own controllers:
    the same calls into each library, without rebuilding the controller's records of them
    (6.1 -> 1.5 µs a page)."""
    with _blas_lock:
        before = [library.get_num_threads() for library in libraries]
        for library in libraries:
            library.set_num_threads(1)
        try:
            yield
        finally:
            for library, threads in zip(libraries, before):
                library.set_num_threads(threads)


def model_path(mode: str) -> Path:
    return DATA_DIR / f"model-{mode}.json"


def load_model(path: Path, mode: str) -> Model:
    return model_from_dict(json.loads(path.read_text(encoding="utf-8")), mode, str(path))


def model_from_dict(data: dict, mode: str, source: str = "model", *, features: list[str] | None = None) -> Model:
    """Build a `Model` from its JSON form, refusing a feature list that differs from the code's."""
    if data["features"] != (features or feature_names(mode)):
        raise ValueError(f"{source}: model features do not match the code's; retrain with python -m train.train")
    smoother = data.get("smoother")
    members = data["members"] if "members" in data else [{"weights": data["weights"], "biases": data["biases"]}]
    return Model(
        mode=mode,
        features=tuple(data["features"]),
        mean=np.array(data["mean"]),
        scale=np.array(data["scale"]),
        members=tuple((tuple(np.array(w) for w in m["weights"]), tuple(np.array(b) for b in m["biases"]))
                      for m in members),
        meta=data.get("meta", {}),
        smoother=model_from_dict(smoother, mode, source, features=smooth_feature_names(mode)) if smoother else None,
    )


_models: dict[str, Model | None] = {}
_lock = threading.Lock()


def packaged_model(mode: str) -> Model | None:
    """The shipped model for `mode`, or None (then the threshold heuristics decide)."""
    if mode not in _models:
        with _lock:
            if mode not in _models:
                path = model_path(mode)
                model = None
                if path.is_file():
                    try:
                        model = load_model(path, mode)
                    except (ValueError, KeyError, json.JSONDecodeError) as err:
                        log.warning("ignoring model %s: %s", path, err)
                _models[mode] = model
    return _models[mode]
