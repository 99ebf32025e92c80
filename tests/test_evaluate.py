"""`stripper eval` end to end on a small corpus built from real documents at test time."""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from conftest import shared_dir
from stripper import cli, evaluate, peers
from stripper.evaluate import find_twin, load_corpus

N_DOCS = 5
FIGURES = ("f1", "precision", "recall", "exact", "bow_f1", "line_f1")
BROKEN_ID = "broken-empty-page"  # an empty HTML file: readability raises on it


def _reference():
    spec = importlib.util.spec_from_file_location("reference_score", shared_dir() / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _copy_corpus(src: Path, dst: Path, ids: list[str], suffix: str) -> None:
    dst.mkdir()
    entries = {e["id"]: e for e in map(json.loads, (src / "index.jsonl").read_text(encoding="utf-8").splitlines())}
    with (dst / "index.jsonl").open("w", encoding="utf-8") as index:
        for doc_id in ids:
            index.write(json.dumps(entries[doc_id]) + "\n")
            shutil.copy(src / f"{doc_id}{suffix}", dst / f"{doc_id}{suffix}")
            shutil.copy(src / f"{doc_id}.gold.txt", dst / f"{doc_id}.gold.txt")


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    """mini/ (5 dragnet pages + one empty page) and its text twin mini-text/ (the same 5 pages)."""
    corpora = shared_dir() / "corpora"
    root = tmp_path_factory.mktemp("corpora")
    index = (corpora / "dragnet" / "index.jsonl").read_text(encoding="utf-8").splitlines()
    ids = [json.loads(line)["id"] for line in index[:: len(index) // N_DOCS]][:N_DOCS]
    _copy_corpus(corpora / "dragnet", root / "mini", ids, ".html")
    _copy_corpus(corpora / "dragnet-text", root / "mini-text", ids, ".in.txt")
    (root / "mini" / f"{BROKEN_ID}.html").write_text("", encoding="utf-8")
    (root / "mini" / f"{BROKEN_ID}.gold.txt").write_text("The article that never loaded.\n", encoding="utf-8")
    with (root / "mini" / "index.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": BROKEN_ID, "url": "", "lang": "en", "mode": "html"}) + "\n")
    return root


def _eval_json(capsys, *argv: str) -> dict:
    assert cli.main(["eval", *argv, "--json"]) == 0
    return {c["corpus"]: c for c in json.loads(capsys.readouterr().out)["corpora"]}


def test_figures_equal_reference_on_written_predictions(mini: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "pred"
    report = _eval_json(capsys, str(mini / "mini"), str(mini / "mini-text"), "--peers", "trafilatura,readability",
                        "--out", str(out), "--cache", str(tmp_path / "cache"))
    reference = _reference()
    for name, corpus in report.items():
        assert len(corpus["tools"]) >= 3
        for tool in corpus["tools"]:
            expected, _ = reference.score(mini / name, Path(tool["pred_dir"]))
            assert {k: tool[k] for k in FIGURES} == {k: expected[k] for k in FIGURES}, (name, tool["tool"])
            assert tool["docs"] == expected["docs"]


def test_text_corpus_gets_twin_peer_rows_and_baselines(mini: Path, tmp_path: Path, capsys) -> None:
    assert find_twin(mini / "mini-text") == mini / "mini"
    report = _eval_json(capsys, str(mini / "mini-text"), "--peers", "trafilatura", "--cache", str(tmp_path))
    labels = [t["tool"] for t in report["mini-text"]["tools"]]
    assert labels == ["stripper", "trafilatura (html twin)", "keep-all", "c4-filter"]
    keep_all = report["mini-text"]["tools"][2]
    assert keep_all["recall"] > 0.9  # every input line is kept, so nearly all gold shingles are found


def test_peer_failure_is_recorded_not_raised(mini: Path, tmp_path: Path, capsys) -> None:
    report = _eval_json(capsys, str(mini / "mini"), "--peers", "readability", "--cache", str(tmp_path))
    readability = next(t for t in report["mini"]["tools"] if t["name"] == "readability")
    assert readability["errors"] == 1
    assert readability["error_docs"][0]["id"] == BROKEN_ID
    assert readability["docs"] == N_DOCS + 1


def test_cached_peer_gives_the_same_figures(mini: Path, tmp_path: Path, capsys) -> None:
    args = (str(mini / "mini"), "--peers", "trafilatura", "--cache", str(tmp_path / "cache"))
    first = _eval_json(capsys, *args)["mini"]["tools"][1]
    second = _eval_json(capsys, *args)["mini"]["tools"][1]
    assert (first["cached"], second["cached"]) == (0, N_DOCS + 1)
    assert {k: second[k] for k in FIGURES} == {k: first[k] for k in FIGURES}
    assert second["seconds"] == pytest.approx(first["seconds"])


def test_process_pool_gives_the_same_figures(mini: Path, capsys) -> None:
    one = _eval_json(capsys, str(mini / "mini-text"), "--peers", "none", "--no-cache")
    two = _eval_json(capsys, str(mini / "mini-text"), "--peers", "none", "--no-cache", "--jobs", "2")
    for a, b in zip(one["mini-text"]["tools"], two["mini-text"]["tools"], strict=True):
        assert {k: a[k] for k in FIGURES + ("errors",)} == {k: b[k] for k in FIGURES + ("errors",)}


def test_table_lists_every_tool_and_the_worst_documents(mini: Path, tmp_path: Path, capsys) -> None:
    assert cli.main(["eval", str(mini / "mini"), "--peers", "trafilatura", "--worst", "2",
                     "--cache", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].startswith(f"mini  ({N_DOCS + 1} docs, html mode)")
    assert "\ntrafilatura " in text and "\nstripper " in text
    assert "worst 2 stripper documents:" in text


def test_run_peer_turns_an_exception_into_an_error(monkeypatch) -> None:
    def explode(html: str, lang: str) -> str:
        raise RuntimeError("peer blew up")

    monkeypatch.setitem(peers.PEERS, "exploding", peers.Peer("exploding", "lxml", explode, "lxml"))
    out = peers.run_peer("exploding", "<p>hi</p>")
    assert (out.text, out.error) == ("", "RuntimeError: peer blew up")


def test_unknown_peer_is_a_usage_error(mini: Path, capsys) -> None:
    assert cli.main(["eval", str(mini / "mini"), "--peers", "nosuchtool"]) == 2
    assert "unknown peer 'nosuchtool'" in capsys.readouterr().err


def test_load_corpus_reads_modes_and_paths(mini: Path) -> None:
    corpus = load_corpus(mini / "mini-text")
    assert len(corpus.docs) == N_DOCS and {d.mode for d in corpus.docs} == {"text"}
    assert all(d.input_path.name.endswith(".in.txt") and d.input_path.is_file() for d in corpus.docs)


def _ids_in(corpus: Path, lang: str) -> list[str]:
    """The ids of `corpus`'s index whose "lang" is `lang`, in index order."""
    rows = [json.loads(line) for line in (corpus / "index.jsonl").read_text().splitlines() if line.strip()]
    return [r["id"] for r in rows if r["lang"] == lang]


def test_pages_not_in_english_are_grouped_by_their_gold_language(capsys) -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "handmade-html"
    (report,) = evaluate.evaluate([corpus], [], cache=None)
    assert report.languages["ja-news-01"] == "ja" and report.languages["zh-news-01"] == "zh"
    assert report.languages["en-news-01"] == "en"
    groups = evaluate.other_languages(report)
    assert "en" not in groups and {"ja-blog-01", "ja-news-01", "ja-news-02"} <= set(groups["ja"]) <= set(_ids_in(corpus, "ja"))
    ((label, summary, per_lang),) = evaluate.language_summaries(report)
    rows = {r.id: r.f1 for r in report.tools[0].rows}
    ja = [r for r in report.tools[0].rows if r.id in groups["ja"]]  # F1 of the group's mean precision and recall
    p, r = sum(x.precision for x in ja) / len(ja), sum(x.recall for x in ja) / len(ja)
    ja_mean = 2 * p * r / (p + r)
    assert label == "stripper" and abs(per_lang["ja"] - ja_mean) < 1e-9
    assert summary.docs == sum(len(ids) for ids in groups.values())
    lines = evaluate.format_table(report, 0).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"pages not in English ({summary.docs}:"))
    assert "ja" in lines[at + 1].split() and lines[at + 2].startswith("stripper")
    langs = evaluate.to_json([report], 0, None)["corpora"][0]["not_english"]
    assert langs["documents"] == groups and abs(langs["tools"][0]["f1_by_language"]["ja"] - ja_mean) < 0.0015  # rounded
