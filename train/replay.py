"""Out-of-fold figures again, from the fold models a crossval kept: no training, about a minute.

    python -m train.crossval --mode html --save-models DIR      # once: trains and keeps the folds
    python -m train.replay --mode html --models DIR [--save OUT]  # after each change

Rules, thresholds and revision passes act on the model's scores, not on what it was
trained on, so rerunning the pipeline with the kept fold models measures a change to them
on sites the model never saw, exactly as a new crossval would. A change to the features
(blocks.py, features.py, decode.py) changes the models' inputs: it needs a new crossval,
and replay refuses models whose feature list differs from the code's.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from stripper.features import feature_names

from .crossval import print_figures, run_fold
from .train import corpus_jobs


def replay(shared: Path, mode: str, models: Path, jobs: int, save: Path | None) -> int:
    folds = sorted(models.glob(f"{mode}-fold*.json"))
    if not folds:
        print(f"replay: no {mode}-fold*.json in {models} (run train.crossval --save-models first)", file=sys.stderr)
        return 2
    models = [json.loads(path.read_text(encoding="utf-8")) for path in folds]
    for path, model in zip(folds, models):
        if model["features"] != feature_names(mode):
            print(f"replay: {path.name} was trained on other features; run train.crossval again", file=sys.stderr)
            return 2
    work = dict(corpus_jobs(shared, mode, own=True))
    pairs: dict[str, list] = defaultdict(list)
    for model in models:
        test = [(key, work[key]) for key in model.pop("held_out")]
        run_fold(model, mode, test, jobs, pairs, save)
    print_figures(pairs, mode)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--mode", choices=["html", "text"], default="html")
    parser.add_argument("--models", type=Path, required=True, help="the folder given to crossval --save-models")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--save", type=Path, help="write each output as DIR/<corpus>/stripper-oof/<id>.txt")
    args = parser.parse_args(argv)
    return replay(args.shared, args.mode, args.models, args.jobs, args.save)


if __name__ == "__main__":
    sys.exit(main())
