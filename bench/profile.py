#!/usr/bin/env python3
"""Where stripper spends its time, stage by stage, on N corpus pages.

    python bench/profile.py [--docs 90] [--mode html|text] [--top 12] [--no-profile]

Runs the pipeline of `stripper.strip` one stage at a time (decode, segment, annotate, rules,
heuristics, assemble) on pages sampled as bench.py samples them. First an unprofiled pass
gives each stage's CPU time per page (process_time: unlike bench.py's wall time it holds
steady on a machine others are using; cProfile inflates Python-heavy stages several-fold,
so its figures only rank functions); then a second pass runs each stage under
its own cProfile.Profile and prints that stage's top functions by own time (tottime).
The stages are called the way `api.strip` calls them; keep the two in step.
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# This file is named like the stdlib's `profile`, which cProfile imports: drop our own folder
# from the import path (Python puts the script's folder first) before importing cProfile.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]
sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import cProfile  # noqa: E402
import importlib.util  # noqa: E402
import io  # noqa: E402
import pstats  # noqa: E402
import time  # noqa: E402

from stripper import api, assemble, decode, heuristics, rules  # noqa: E402
from stripper.config import default_config  # noqa: E402

_spec = importlib.util.spec_from_file_location("_bench", REPO / "bench" / "bench.py")
_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_bench)  # bench.py's page sampling, so both scripts read the same pages
sample, input_paths = _bench.sample, _bench.input_paths

STAGES = ("decode", "segment", "annotate", "rules", "heuristics", "assemble")


def run_stages(data: bytes, mode: str, config, timers: dict, profilers: dict | None) -> None:
    """One page through every stage; adds each stage's seconds to `timers`."""
    state: dict = {}

    def call(stage, fn):
        prof = profilers[stage] if profilers else None
        start = time.process_time()
        if prof:
            prof.enable()
        out = fn()
        if prof:
            prof.disable()
        timers[stage] += time.process_time() - start
        return out

    text, used = call("decode", lambda: decode.to_text(data))
    state["doc"] = call("segment", lambda: api.segment(text, url=None, mode=mode, config=config))
    state["doc"] = call("annotate", lambda: api.annotate(state["doc"], config))
    state["doc"] = call("rules", lambda: rules.apply(state["doc"], config.rules, config.thresholds))
    state["doc"] = call("heuristics", lambda: heuristics.classify(state["doc"], config.thresholds))
    call("assemble", lambda: assemble.render(state["doc"], encoding=used))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=90)
    parser.add_argument("--mode", choices=("html", "text"), default="html")
    parser.add_argument("--top", type=int, default=12, help="functions listed per stage")
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--no-profile", action="store_true", help="stage times only")
    args = parser.parse_args(argv)

    pages = [p.read_bytes() for p in input_paths(args.corpora, sample(args.corpora, args.docs), args.mode)]
    config = default_config()
    run_stages(pages[0], args.mode, config, dict.fromkeys(STAGES, 0.0), None)  # warm-up: models, rule index

    timers = dict.fromkeys(STAGES, 0.0)
    for data in pages:
        run_stages(data, args.mode, config, timers, None)
    total = sum(timers.values())
    print(f"{len(pages)} pages, mode {args.mode}: {1000 * total / len(pages):.2f} ms/page, "
          f"{len(pages) / total:.0f} docs/s of CPU (no profiler)")
    for stage in STAGES:
        print(f"  {stage:<11} {1000 * timers[stage] / len(pages):8.3f} ms/page  {100 * timers[stage] / total:5.1f} %")
    if args.no_profile:
        return 0

    profilers = {stage: cProfile.Profile() for stage in STAGES}
    for data in pages:
        run_stages(data, args.mode, config, dict.fromkeys(STAGES, 0.0), profilers)
    for stage in STAGES:
        out = io.StringIO()
        stats = pstats.Stats(profilers[stage], stream=out)
        stats.sort_stats("tottime").print_stats(args.top)
        body = out.getvalue()
        listing = body[body.find("   ncalls"):] if "   ncalls" in body else body
        print(f"\n=== {stage} (profiled, top {args.top} by own time) ===")
        print(listing.rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
