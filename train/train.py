"""Train the block classifier on the development corpora and write stripper/data/model-<mode>.json.

    python -m train.train [--shared ../shared] [--mode html|text|both] [--holdout 0.2]

Reproducible: fixed seeds, documents sorted by id. Features come from the pipeline itself
(segment + annotate), labels from `train.labels`. The held-out split is by document and
is reported, then the shipped model is refit on every document. No peer output is used.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np

from stripper import api
from stripper.config import default_config
from stripper.features import feature_names

from .labels import gold_index, label

CORPORA = ("dragnet", "l3s-gn1", "cleaneval")
SEED = 13
HIDDEN = (48, 24)
ALPHA = 1e-3  # L2 penalty
EPOCHS = 25


def doc_rows(args: tuple[str, str, str, str]):
    """(features, labels, weights) of one document."""
    path, gold_path, url, mode = args
    config = default_config()
    raw = Path(path).read_bytes()
    from stripper.decode import to_text

    text, _ = to_text(raw)
    doc = api.annotate(api.segment(text, url=url or None, mode=mode, config=config), config)
    if not doc.blocks:
        return None
    index = gold_index(Path(gold_path).read_text(encoding="utf-8"))
    y = np.array([label(b.text, index) for b in doc.blocks])
    size = np.sqrt(np.array([max(1, len(b.text.split())) for b in doc.blocks], dtype=float))
    w = size / size.sum() * len(doc.blocks) ** 0.5
    return doc.matrix, y, w


def corpus_jobs(shared: Path, mode: str) -> list[tuple[str, tuple]]:
    jobs = []
    for name in CORPORA:
        folder = shared / "corpora" / (name if mode == "html" else f"{name}-text")
        for line in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines():
            meta = json.loads(line)
            suffix = ".html" if mode == "html" else ".in.txt"
            key = f"{name}/{meta['id']}"
            jobs.append((key, (str(folder / f"{meta['id']}{suffix}"), str(folder / f"{meta['id']}.gold.txt"),
                               meta.get("url") or "", mode)))
    return sorted(jobs)


def fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, *, hidden: tuple[int, ...] = HIDDEN, alpha: float = ALPHA,
        epochs: int = EPOCHS):
    from sklearn.neural_network import MLPClassifier

    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    clf = MLPClassifier(hidden_layer_sizes=hidden, alpha=alpha, max_iter=epochs, random_state=SEED,
                        early_stopping=False, batch_size=1024, learning_rate_init=2e-3)
    clf.fit((X - mean) / scale, y, sample_weight=w * len(w) / w.sum())
    return clf, mean, scale


def export(clf, mean, scale, mode: str, meta: dict, out: Path) -> None:
    out.write_text(json.dumps(to_dict(clf, mean, scale, mode, meta)), encoding="utf-8")


def to_dict(clf, mean, scale, mode: str, meta: dict) -> dict:
    """The JSON form read by stripper.classifier.model_from_dict."""
    return {
        "features": feature_names(mode),
        "mean": mean.round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "weights": [w.round(5).tolist() for w in clf.coefs_],
        "biases": [b.round(5).tolist() for b in clf.intercepts_],
        "meta": meta,
    }


def load_rows(shared: Path, mode: str, jobs: int, cache: Path | None):
    """Feature rows of every document, cached on disk by the feature list (slow to compute)."""
    names = feature_names(mode)
    source = (Path(__file__).resolve().parents[1] / "stripper" / "features.py").read_bytes()
    key = f"v2-{mode}-{hashlib.sha1(','.join(names).encode() + source).hexdigest()[:10]}"
    if cache is not None and (cache / f"{key}.pkl").is_file():
        with open(cache / f"{key}.pkl", "rb") as f:
            return pickle.load(f)
    work = corpus_jobs(shared, mode)
    with Pool(jobs) as pool:
        rows = pool.map(doc_rows, [a for _, a in work], chunksize=8)
    rows = [(key, r) for (key, _), r in zip(work, rows) if r is not None]
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        with open(cache / f"{key}.pkl", "wb") as f:
            pickle.dump(rows, f)
    return rows


def train_mode(shared: Path, mode: str, holdout: float, jobs: int, cache: Path | None = None) -> None:
    started = time.time()
    rows = [r for _, r in load_rows(shared, mode, jobs, cache)]
    print(f"{mode}: {len(rows)} documents, {sum(len(r[1]) for r in rows)} blocks "
          f"({time.time() - started:.0f}s features)", file=sys.stderr)
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    cut = int(len(order) * holdout)
    test, train = set(order[:cut]), order[cut:]
    if holdout > 0:
        clf, mean, scale = fit(*_stack([rows[i] for i in train]))
        _report(clf, mean, scale, [rows[i] for i in sorted(test)], mode)
    clf, mean, scale = fit(*_stack(rows))
    meta = {"documents": len(rows), "corpora": list(CORPORA), "hidden": list(HIDDEN), "seed": SEED,
            "trained": time.strftime("%Y-%m-%d")}
    out = Path(__file__).resolve().parents[1] / "stripper" / "data" / f"model-{mode}.json"
    export(clf, mean, scale, mode, meta, out)
    print(f"{mode}: wrote {out} ({time.time() - started:.0f}s)", file=sys.stderr)


def _stack(rows):
    return (np.vstack([r[0] for r in rows]), np.concatenate([r[1] for r in rows]),
            np.concatenate([r[2] for r in rows]))


def _report(clf, mean, scale, rows, mode: str) -> None:
    X, y, w = _stack(rows)
    p = clf.predict_proba((X - mean) / scale)[:, 1]
    acc = float(((p >= 0.5) == (y > 0.5)).mean())
    print(f"{mode}: held-out block accuracy {acc:.3f} on {len(rows)} documents", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--mode", choices=["html", "text", "both"], default="both")
    parser.add_argument("--holdout", type=float, default=0.2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=None, help="keep computed features here between runs")
    args = parser.parse_args(argv)
    for mode in (["html", "text"] if args.mode == "both" else [args.mode]):
        train_mode(args.shared, mode, args.holdout, args.jobs, args.cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
