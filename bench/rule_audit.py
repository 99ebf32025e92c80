#!/usr/bin/env python3
"""Audit the packaged rules against the development corpora's gold.

For every rule: how many blocks it decides (it is the winning rule, as in `strip`), and
how many of those are false positives. A drop rule's false positive is a block whose
whitespace-normalised text is a line of the gold, or (for blocks long enough that a
chance substring is unlikely) occurs inside the gold text; a keep rule's false positive
is a block that is not. Rules are applied exactly as the pipeline applies them
(`stripper.api.segment`, `stripper.api.annotate`, `stripper.rules.apply`).

usage: python bench/rule_audit.py [--corpora DIR] [--only NAME ...] [--limit N]
                                  [--min-precision 0.97] [--examples 3] [--rules PATH ...]

Exits 1 when some rule with at least `--min-fires` fires is below `--min-precision`.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from stripper import api, rules
from stripper.config import Config, load_config

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
# A block shorter than this counts as gold only when it is a whole gold line: short
# chrome ("Share", "Advertisement") occurs inside prose by chance.
MIN_SUBSTRING_CHARS = 25

_config: Config | None = None


@dataclass
class Tally:
    """Fires and false positives of one rule, with a few examples of each kind."""

    fires: int = 0
    false_pos: int = 0
    by_corpus: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp_by_corpus: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp_docs: Counter = field(default_factory=Counter)
    fp_examples: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _in_gold(text: str, gold_lines: set[str], gold_text: str) -> bool:
    norm = _norm(text)
    if norm in gold_lines:
        return True
    return len(norm) >= MIN_SUBSTRING_CHARS and norm in gold_text


def _init(rule_paths: list[str]) -> None:
    global _config
    _config = load_config(rules=[Path(p) for p in rule_paths])


def _audit_doc(job: tuple[str, str, str, str | None, str]) -> list[tuple[str, str, str, bool]]:
    """(rule id, action, block text, block is gold) for every block a rule decides."""
    corpus, path, gold_path, url, mode = job
    assert _config is not None
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    gold = Path(gold_path).read_text(encoding="utf-8", errors="replace") if Path(gold_path).is_file() else ""
    gold_lines = {_norm(line) for line in gold.splitlines() if line.strip()}
    gold_text = _norm(gold)
    doc = api.segment(text, url=url, mode=mode, config=_config)
    doc = api.annotate(doc, _config)
    doc = rules.apply(doc, _config.rules, _config.thresholds)
    out = []
    for block in doc.blocks:
        d = block.decision
        if d is not None and d.stage == "rules":
            out.append((d.source, d.label, block.text, _in_gold(block.text, gold_lines, gold_text)))
    return out


def _jobs(root: Path, only: list[str], limit: int | None) -> list[tuple[str, str, str, str | None, str]]:
    jobs = []
    for folder in sorted(p for p in root.iterdir() if (p / "index.jsonl").is_file()):
        if only and folder.name not in only:
            continue
        lines = (folder / "index.jsonl").read_text(encoding="utf-8").splitlines()
        for line in lines[:limit] if limit else lines:
            meta = json.loads(line)
            suffix = ".html" if meta["mode"] == "html" else ".in.txt"
            jobs.append((folder.name, str(folder / f"{meta['id']}{suffix}"), str(folder / f"{meta['id']}.gold.txt"),
                         meta.get("url") or None, meta["mode"]))
    return jobs


def audit(jobs: list, rule_paths: list[str], workers: int, n_examples: int) -> dict[str, Tally]:
    """Run every document through segmentation and the rules; tally each rule's decisions."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(rule_paths,)) as pool:
        for job, hits in zip(jobs, pool.map(_audit_doc, jobs, chunksize=8)):
            for rule_id, action, text, gold in hits:
                t = tallies[rule_id]
                t.fires += 1
                t.by_corpus[job[0]] += 1
                wrong = gold if action == "drop" else not gold
                if wrong:
                    t.false_pos += 1
                    t.fp_by_corpus[job[0]] += 1
                    t.fp_docs[f"{job[0]}/{Path(job[1]).name.split('.')[0]}"] += 1
                    if len(t.fp_examples) < n_examples:
                        t.fp_examples.append(f"[{job[0]}/{Path(job[1]).name}] {text[:150]}")
                elif len(t.examples) < n_examples:
                    t.examples.append(text[:100])
    return tallies


def report(tallies: dict[str, Tally], config: Config, min_precision: float, min_fires: int,
           show_ok: bool) -> int:
    """Print one line per rule (plus false-positive examples); return the count of weak rules."""
    weak = 0
    total_fires = sum(t.fires for t in tallies.values())
    total_fp = sum(t.false_pos for t in tallies.values())
    print(f"{'rule':48} {'fires':>7} {'fp':>5} {'prec':>7}  corpus:fires/fp")
    for rule in config.rules.rules:
        t = tallies.get(rule.id, Tally())
        precision = 1 - t.false_pos / t.fires if t.fires else 1.0
        bad = t.fires >= min_fires and precision < min_precision
        weak += bad
        corpora = " ".join(f"{k}:{v}/{t.fp_by_corpus.get(k, 0)}" for k, v in sorted(t.by_corpus.items()))
        print(f"{rule.id:48} {t.fires:7d} {t.false_pos:5d} {precision:7.1%}  {corpora}{'  <-- LOW' if bad else ''}")
        if t.fp_examples and (bad or show_ok):
            worst = ", ".join(f"{doc}:{n}" for doc, n in t.fp_docs.most_common(6))
            print(f"      false positives in {len(t.fp_docs)} documents, most in {worst}")
            for ex in t.fp_examples:
                print(f"      fp: {ex}")
    unused = sum(1 for r in config.rules.rules if r.id not in tallies)
    overall = 1 - total_fp / total_fires if total_fires else 1.0
    print(f"\n{len(config.rules.rules)} rules, {unused} never fired; {total_fires} rule decisions, "
          f"{total_fp} false positives, precision {overall:.2%}; {weak} rule(s) below {min_precision:.0%}")
    return weak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--only", nargs="*", default=[], help="corpus folder names (default: all)")
    parser.add_argument("--limit", type=int, default=None, help="documents per corpus")
    parser.add_argument("--rules", nargs="*", default=[], help="extra rule files or folders")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--min-precision", type=float, default=0.97)
    parser.add_argument("--min-fires", type=int, default=5, help="rules with fewer fires are not judged")
    parser.add_argument("--show-all-fp", action="store_true", help="false-positive examples of every rule")
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"no corpora at {args.corpora}", file=sys.stderr)
        return 2
    jobs = _jobs(args.corpora, args.only, args.limit)
    tallies = audit(jobs, args.rules, args.workers, args.examples)
    print(f"{len(jobs)} documents from {args.corpora}")
    weak = report(tallies, load_config(rules=[Path(p) for p in args.rules]), args.min_precision,
                  args.min_fires, args.show_all_fp)
    return 1 if weak else 0


if __name__ == "__main__":
    sys.exit(main())
