"""stripper.metrics must give exactly the figures of the reference ../shared/score.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_dir, shared_module
from stripper import baselines, metrics

DOCS_PER_CORPUS = 6
CORPORA = ("dragnet", "l3s-gn1", "cleaneval", "dragnet-text", "cleaneval-text")

EDGE_CASES = [
    ("both-empty", "", ""),
    ("empty-pred", "", "The gold has a few words in it."),
    ("empty-gold", "Some output text that the gold lacks.", ""),
    ("short-equal", "two words", "two words"),
    ("short-differ", "two words", "two birds"),
    ("short-vs-long", "one two", "one two three four five"),
    ("one-token-off", "one two three four five six", "one two three four five seven"),
    ("shifted", "zero one two three four", "one two three four five"),
    ("case-only", "The Cat Sat On The Mat", "the cat sat on the mat"),
    ("punctuation-only", "... !!! ---", "?"),
    ("repeated-lines", "a b c d\na b c d\na b c d", "a b c d"),
    ("white-space", "  alpha   beta gamma delta \n\n", "alpha beta\tgamma delta"),
    ("crlf", "first line here now\r\nsecond line here now", "first line here now\nsecond line here now"),
    ("unicode", "Größe über alles, ça va très bien", "Größe über alles, ça va bien"),
]


def _reference():
    return shared_module("score.py")


def _assert_same(pairs):
    ref_summary, ref_rows = _reference().score_pairs(pairs)
    summary, rows = metrics.score_pairs(pairs)
    assert summary.to_dict() == ref_summary
    for mine, ref in zip(rows, ref_rows, strict=True):
        assert {k: v for k, v in mine.to_dict().items() if k != "f1"} == ref


def _real_docs(name: str) -> list[tuple[str, str, str]]:
    """(id, input text, gold) for a few documents spread over one shared corpus."""
    folder = shared_dir() / "corpora" / name
    entries = [json.loads(l) for l in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines() if l]
    step = max(1, len(entries) // DOCS_PER_CORPUS)
    docs = []
    for e in entries[::step][:DOCS_PER_CORPUS]:
        suffix = ".html" if e["mode"] == "html" else ".in.txt"
        raw = (folder / f"{e['id']}{suffix}").read_text(encoding="utf-8", errors="replace")
        docs.append((e["id"], raw, (folder / f"{e['id']}.gold.txt").read_text(encoding="utf-8")))
    return docs


@pytest.mark.parametrize("corpus", CORPORA)
@pytest.mark.parametrize("prediction", ["keep-all", "c4-filter", "empty", "gold", "half-gold"])
def test_real_documents_match_reference(corpus: str, prediction: str) -> None:
    make = {
        "keep-all": lambda raw, gold: baselines.keep_all(raw),
        "c4-filter": lambda raw, gold: baselines.c4_filter(raw),
        "empty": lambda raw, gold: "",
        "gold": lambda raw, gold: gold,
        "half-gold": lambda raw, gold: "\n".join(gold.splitlines()[::2]),
    }[prediction]
    _assert_same([(doc_id, make(raw, gold), gold) for doc_id, raw, gold in _real_docs(corpus)])


@pytest.mark.parametrize("case", EDGE_CASES, ids=[c[0] for c in EDGE_CASES])
def test_edge_case_matches_reference(case: tuple[str, str, str]) -> None:
    _assert_same([case])


def test_all_edge_cases_together_match_reference() -> None:
    _assert_same(EDGE_CASES)


def test_no_documents_gives_zero_figures_like_reference() -> None:
    _assert_same([])


def test_perfect_prediction_scores_one_and_empty_scores_zero() -> None:
    gold = "A reasonably long line of gold text.\nAnd a second line of it too."
    assert metrics.score_document("x", gold, gold).f1 == 1.0
    empty = metrics.score_document("x", "", gold)
    assert (empty.precision, empty.recall, empty.f1) == (None, 0.0, 0.0)


def test_reference_file_is_not_imported_by_the_library() -> None:
    source = Path(metrics.__file__).read_text(encoding="utf-8")
    assert "score.py" not in source.replace("../shared/score.py", "")
    assert "import score" not in source
