"""Out-of-fold figures: how the shipped recipe does on web sites it was not trained on.

    python -m train.crossval [--mode html|text] [--folds 3] [--cache DIR] [--no-smooth] [--save DIR]
                             [--save-models DIR]

Documents (the development corpora's and corpus/'s, as `train.train` learns from them) are
split into folds by web site; for each fold the whole training recipe
(`train.train.train_model`, smoother included) runs on the other folds and the whole
pipeline (rules, model, revision passes) runs on the held-out pages. The figures printed
per corpus are those of `stripper eval`, so they compare with the peers' on the same pages.

`--save-models DIR` keeps each fold's model and the fold of every page, so that
`python -m train.replay` can rerun the pipeline out of fold in a minute, without
training: the way to measure a change to rules, thresholds or revision passes on sites the
model never saw (a change to the features needs a new crossval).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path

from stripper import api, metrics
from stripper.classifier import model_from_dict
from stripper.config import default_config
from stripper.rules import host_of

from .train import ALPHA, EPOCHS, HIDDEN, MEMBERS, corpus_jobs, load_rows, site_folds, train_model

_MODEL = None


def _init(model_dict: dict, mode: str) -> None:
    global _MODEL
    _MODEL = model_from_dict(model_dict, mode)


def _run(job: tuple[str, tuple]) -> tuple[str, str, str, str]:
    key, (path, gold_path, url, mode) = job
    out = api.strip(Path(path).read_bytes(), url=url or None, mode=mode, config=default_config(), model=_MODEL).text
    return key.split("/")[0], key, out, Path(gold_path).read_text(encoding="utf-8")


def _fold_of(key: str, url: str, fold_of: dict[str, int], folds: int) -> int:
    """The fold of a page: its site's, or a stable one for a site with no training rows."""
    host = host_of(url) or key
    return fold_of.get(host, sum(host.encode()) % folds)


def crossval(shared: Path, mode: str, folds: int, jobs: int, cache: Path | None, save: Path | None = None,
             save_models: Path | None = None, own: bool = False, **params) -> None:
    rows = load_rows(shared, mode, jobs, cache, own)
    work = corpus_jobs(shared, mode, own=True)  # corpus/ pages are scored by the fold of their site either way
    site_sets = site_folds(rows, folds)
    fold_of = {rows[i].host: f for f, held in enumerate(site_sets) for i in held}
    pairs: dict[str, list] = defaultdict(list)
    for fold, held in enumerate(site_sets):
        model = train_model([r for i, r in enumerate(rows) if i not in held], mode, **params)
        # every page of the fold's sites is scored, also pages that yield no block (empty output)
        test = [(key, args) for key, args in work if _fold_of(key, args[2], fold_of, folds) == fold]
        if save_models is not None:
            _save_fold(save_models, mode, fold, model, [key for key, _ in test])
        run_fold(model, mode, test, jobs, pairs, save)
        print(f"fold {fold + 1}/{folds} done", file=sys.stderr)
    print_figures(pairs, mode)


def run_fold(model: dict, mode: str, test: list[tuple[str, tuple]], jobs: int, pairs: dict[str, list],
             save: Path | None) -> None:
    """The whole pipeline, with the fold's `model`, on its held-out pages; (id, output, gold) into `pairs`."""
    with Pool(jobs, initializer=_init, initargs=(model, mode)) as pool:
        for corpus, key, out, gold in pool.imap(_run, test, 8):
            pairs[corpus].append((key, out, gold))
            if save is not None:  # as `stripper eval --out` lays out predictions
                target = save / (corpus + ("-text" if mode == "text" else "")) / "stripper-oof" / f"{key.split('/', 1)[1]}.txt"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(out, encoding="utf-8")


def print_figures(pairs: dict[str, list], mode: str) -> None:
    """One line a corpus: the figures of `stripper eval`, out of fold."""
    for corpus, items in sorted(pairs.items()):
        summary, _ = metrics.score_pairs(items)
        print(f"{corpus + ('-text' if mode == 'text' else ''):<16} out-of-fold  F1 {summary.f1:.4f}  "
              f"precision {summary.precision:.4f}  recall {summary.recall:.4f}  line_F1 {summary.line_f1:.4f}")


def _save_fold(folder: Path, mode: str, fold: int, model: dict, keys: list[str]) -> None:
    """The fold's model as stripper/data/model-*.json is laid out, and the pages it is tested on."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{mode}-fold{fold}.json").write_text(json.dumps({**model, "held_out": keys}), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--mode", choices=["html", "text"], default="html")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--hidden", default=",".join(map(str, HIDDEN)), help="hidden layer sizes, e.g. 48,24")
    parser.add_argument("--alpha", type=float, default=ALPHA)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--no-smooth", action="store_true")
    parser.add_argument("--members", type=int, default=MEMBERS, help="block-model networks averaged")
    parser.add_argument("--save", type=Path, help="write each out-of-fold output as DIR/<corpus>/stripper-oof/<id>.txt")
    parser.add_argument("--save-models", type=Path, help="keep each fold's model and held-out pages here (for train.replay)")
    parser.add_argument("--dev-only", action="store_true", help="train on the development corpora alone (corpus/'s pages are still scored, by the fold of their site)")
    args = parser.parse_args(argv)
    hidden = tuple(int(h) for h in args.hidden.split(",") if h)
    crossval(args.shared, args.mode, args.folds, args.jobs, args.cache, args.save, args.save_models, hidden=hidden, alpha=args.alpha,
             epochs=args.epochs, smooth=not args.no_smooth, members=args.members, own=not args.dev_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
