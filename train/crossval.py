"""Out-of-fold figures: how the model does on documents it was not trained on.

    python -m train.crossval [--mode html|text] [--folds 3] [--cache DIR]

Documents are split into folds by web site; for each fold a model is fit on the others and the whole
pipeline (rules, model, revision passes) runs on the held-out pages with it. The figures
printed per corpus are those of `stripper eval`, so they compare with the shipped model's
in-sample figures and with the peers.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path

from stripper import api, assemble, heuristics, metrics, rules
from stripper.classifier import model_from_dict
from stripper.config import default_config
from stripper.decode import to_text

from stripper.rules import host_of

from .train import ALPHA, EPOCHS, HIDDEN, SEED, _stack, corpus_jobs, fit, load_rows, to_dict

_MODEL = None


def _init(model_dict: dict, mode: str) -> None:
    global _MODEL
    _MODEL = model_from_dict(model_dict, mode)


def _run(job: tuple[str, tuple]) -> tuple[str, str, str, str]:
    key, (path, gold_path, url, mode) = job
    config = default_config()
    text, used = to_text(Path(path).read_bytes())
    doc = api.annotate(api.segment(text, url=url or None, mode=mode, config=config), config)
    doc = rules.apply(doc, config.rules, config.thresholds)
    doc = heuristics.classify(doc, config.thresholds, model=_MODEL)
    out = assemble.render(doc, encoding=used).text
    return key.split("/")[0], key, out, Path(gold_path).read_text(encoding="utf-8")


def _folds(keys: list[str], work: dict, folds: int) -> list[set[int]]:
    """Documents split into folds by web site, so no site is both trained on and tested.

    Pages of one site share a template; a random split by page would let the model
    recognise the template and overstate how it does on sites it has never seen.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        groups[host_of(work[key][2]) or key].append(i)
    names = sorted(groups)
    random.Random(SEED).shuffle(names)
    out: list[set[int]] = [set() for _ in range(folds)]
    for name in sorted(names, key=lambda n: -len(groups[n])):  # largest sites first, to balance
        min(out, key=len).update(groups[name])
    return out


def crossval(shared: Path, mode: str, folds: int, jobs: int, cache: Path | None, **params) -> None:
    keyed = load_rows(shared, mode, jobs, cache)
    work = dict(corpus_jobs(shared, mode))
    keys = [k for k, _ in keyed]
    pairs: dict[str, list] = defaultdict(list)
    for fold, held in enumerate(_folds(keys, work, folds)):
        clf, mean, scale = fit(*_stack([keyed[i][1] for i in range(len(keyed)) if i not in held]), **params)
        model = to_dict(clf, mean, scale, mode, {})
        with Pool(jobs, initializer=_init, initargs=(model, mode)) as pool:
            for corpus, key, out, gold in pool.imap(_run, [(keys[i], work[keys[i]]) for i in sorted(held)], 8):
                pairs[corpus].append((key, out, gold))
        print(f"fold {fold + 1}/{folds} done", file=sys.stderr)
    for corpus, items in sorted(pairs.items()):
        summary, _ = metrics.score_pairs(items)
        print(f"{corpus + ('-text' if mode == 'text' else ''):<16} out-of-fold  F1 {summary.f1:.3f}  "
              f"precision {summary.precision:.3f}  recall {summary.recall:.3f}  line_F1 {summary.line_f1:.3f}")


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
    args = parser.parse_args(argv)
    hidden = tuple(int(h) for h in args.hidden.split(",") if h)
    crossval(args.shared, args.mode, args.folds, args.jobs, args.cache, hidden=hidden, alpha=args.alpha,
             epochs=args.epochs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
