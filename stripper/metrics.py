"""Accuracy figures against a gold copy: the same numbers as ../shared/score.py, computed here.

The reference scorer is not importable at run time (CI may not ship it as a module), so
its definitions are restated here and `tests/test_metrics.py` checks that both agree to
the last bit on real documents and edge cases:

* f1, precision, recall: tokens are ``\\w+`` runs (case kept); per document the multisets
  of 4-token shingles of output and gold are matched into tp/fp/fn, normalised by their
  sum; precision and recall are averaged over documents (a document whose precision or
  recall is undefined is left out of that average) and f1 is their harmonic mean.
* exact: share of documents whose token sequence equals the gold's.
* bow_f1: bag-of-words F1 per document on lower-cased tokens, averaged.
* line_f1: F1 on the multiset of non-empty lines (white space collapsed), averaged.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4  # tokens per shingle, as in the article-extraction-benchmark


@dataclass(frozen=True, slots=True)
class DocScore:
    """One document's figures; precision/recall are None where the reference leaves them out."""

    id: str
    precision: float | None
    recall: float | None
    exact: float
    bow_f1: float
    line_f1: float

    @property
    def f1(self) -> float:
        """Harmonic mean of this document's precision and recall (undefined counts as 0)."""
        p, r = self.precision or 0.0, self.recall or 0.0
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "f1": self.f1}


@dataclass(frozen=True, slots=True)
class Summary:
    """Figures over a corpus (see the module docstring for how each is averaged)."""

    docs: int
    f1: float
    precision: float
    recall: float
    exact: float
    bow_f1: float
    line_f1: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def tokens(text: str | None) -> list[str]:
    return TOKEN.findall(text or "")


def _shingles(toks: list[str]) -> Counter:
    """4-token shingles; a text shorter than that is a single shingle of all its tokens."""
    if len(toks) < SHINGLE:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i:i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1))


def shingle_counts(pred: str, gold: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of shingles for one document, normalised to sum to 1 (all 0 if both empty)."""
    p, g = _shingles(tokens(pred)), _shingles(tokens(gold))
    tp = sum((p & g).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _ratio_or_none(hit: float, miss: float, fp: float, fn: float) -> float | None:
    """hit / (hit + miss); 1 when nothing is wrong; None when undefined (the reference skips it)."""
    if fp == 0 and fn == 0:
        return 1.0
    return hit / (hit + miss) if hit + miss > 0 else None


def _counter_f1(p: Counter, g: Counter) -> float:
    """F1 of two multisets; 1 when both are empty."""
    np_, ng = sum(p.values()), sum(g.values())
    if np_ == 0 and ng == 0:
        return 1.0
    hit = sum((p & g).values())
    return 0.0 if hit == 0 else 2 * hit / (np_ + ng)


def bow_f1(pred: str, gold: str) -> float:
    return _counter_f1(Counter(t.lower() for t in tokens(pred)), Counter(t.lower() for t in tokens(gold)))


def _lines(text: str | None) -> Counter:
    return Counter(" ".join(line.split()) for line in (text or "").splitlines() if line.strip())


def line_f1(pred: str, gold: str) -> float:
    return _counter_f1(_lines(pred), _lines(gold))


def score_document(doc_id: str, pred: str, gold: str) -> DocScore:
    """All per-document figures of one prediction."""
    tp, fp, fn = shingle_counts(pred, gold)
    return DocScore(
        id=doc_id,
        precision=_ratio_or_none(tp, fp, fp, fn),
        recall=_ratio_or_none(tp, fn, fp, fn),
        exact=float(tokens(pred) == tokens(gold)),
        bow_f1=bow_f1(pred, gold),
        line_f1=line_f1(pred, gold),
    )


def _mean(values: Iterable[float | None]) -> float:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else 0.0


def summarize(rows: list[DocScore]) -> Summary:
    """Corpus figures from per-document rows, averaged exactly as the reference does."""
    precision = _mean(r.precision for r in rows)
    recall = _mean(r.recall for r in rows)
    return Summary(
        docs=len(rows),
        f1=0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall),
        precision=precision,
        recall=recall,
        exact=_mean(r.exact for r in rows),
        bow_f1=_mean(r.bow_f1 for r in rows),
        line_f1=_mean(r.line_f1 for r in rows),
    )


def score_pairs(pairs: Iterable[tuple[str, str, str]]) -> tuple[Summary, list[DocScore]]:
    """(doc_id, prediction, gold) triples -> corpus summary and per-document rows."""
    rows = [score_document(doc_id, pred, gold) for doc_id, pred, gold in pairs]
    return summarize(rows), rows
