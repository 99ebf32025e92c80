"""`stripper eval`: score stripper, the peer extractors and the text baselines against gold copies.

For each corpus folder (index.jsonl, <id>.html or <id>.in.txt, <id>.gold.txt) it runs
every tool on every document, scores the outputs with `stripper.metrics` (the figures of
../shared/score.py) and reports one table per corpus plus stripper's worst documents.

* Peers are HTML tools. A text-mode corpus `X-text` gets peer rows computed on the HTML of
  its twin `X` (same ids), labelled "<peer> (html twin)", and rows for the text baselines.
* Peer outputs are cached on disk, keyed by tool, package version, language and the sha1
  of the input, so a re-run only re-runs stripper; a cached peer's docs/s is its cached time.
* Every extraction call is guarded: an exception counts as an error with empty output.
* docs/s is documents over the summed time of the extraction calls alone (no I/O), even
  when `--jobs` spreads documents over a process pool.
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import logging
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import baselines, metrics, peers

log = logging.getLogger(__name__)

TEXT_TWIN_SUFFIX = "-text"
DEFAULT_CACHE = Path(".eval-cache")
DEFAULT_PEERS = "trafilatura"
DEFAULT_WORST = 10
POOL_CHUNK = 4  # documents handed to a worker at once: small, as page costs vary a lot
ERRORS_LISTED = 20  # error messages kept per tool in the JSON report
STRIPPER = "stripper"


@dataclass(frozen=True, slots=True)
class CorpusDoc:
    id: str
    url: str
    lang: str
    mode: str
    input_path: Path
    gold_path: Path


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    path: Path
    docs: tuple[CorpusDoc, ...]
    twin: Path | None  # the HTML twin of a text-mode corpus, when it exists


@dataclass(frozen=True, slots=True)
class Call:
    """One extraction call: which tool, on which input file, with what page metadata."""

    kind: str  # "stripper" | "peer" | "baseline"
    tool: str
    path: Path
    mode: str
    url: str
    lang: str


@dataclass(frozen=True, slots=True)
class Output:
    text: str
    seconds: float
    error: str | None = None
    cached: bool = False


@dataclass(slots=True)
class ToolRun:
    """One row of a corpus table: a tool, its calls (one per document) and their outputs."""

    label: str
    kind: str
    tool: str
    calls: list[Call]
    outputs: list[Output | None] = field(default_factory=list)


@dataclass(slots=True)
class ToolReport:
    label: str
    tool: str
    kind: str
    summary: metrics.Summary
    rows: list[metrics.DocScore]
    seconds: float
    errors: list[tuple[str, str]]
    cached: int
    outputs: dict[str, str]

    @property
    def docs_per_s(self) -> float:
        return self.summary.docs / self.seconds if self.seconds > 0 else 0.0


@dataclass(slots=True)
class CorpusReport:
    corpus: Corpus
    tools: list[ToolReport]
    languages: dict[str, str] = field(default_factory=dict)  # document id -> language of its gold


# ---------------------------------------------------------------- corpora

def load_corpus(path: Path) -> Corpus:
    """Read a corpus folder's index; every document's input and gold paths, its mode and lang."""
    path = Path(path)
    index = path / "index.jsonl"
    if not index.is_file():
        raise FileNotFoundError(f"{path}: not a corpus folder (no index.jsonl)")
    docs = []
    for line in index.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        mode = entry.get("mode", "html")
        suffix = ".html" if mode == "html" else ".in.txt"
        docs.append(CorpusDoc(str(entry["id"]), entry.get("url") or "", entry.get("lang") or "en", mode,
                              path / f"{entry['id']}{suffix}", path / f"{entry['id']}.gold.txt"))
    return Corpus(path.name, path, tuple(docs), find_twin(path))


def find_twin(path: Path) -> Path | None:
    """`X-text` -> `X` when that folder is a corpus too."""
    if not path.name.endswith(TEXT_TWIN_SUFFIX):
        return None
    twin = path.with_name(path.name[: -len(TEXT_TWIN_SUFFIX)])
    return twin if (twin / "index.jsonl").is_file() else None


# ---------------------------------------------------------------- planning

def plan(corpus: Corpus, peer_names: list[str]) -> list[ToolRun]:
    """The rows of one corpus table: stripper, each peer that has HTML input, baselines in text mode."""
    runs = [ToolRun(STRIPPER, "stripper", STRIPPER,
                    [Call("stripper", STRIPPER, d.input_path, d.mode, d.url, d.lang) for d in corpus.docs])]
    html_paths, via_twin = _peer_inputs(corpus)
    if html_paths is not None:
        for name in peer_names:
            calls = [Call("peer", name, p, "html", d.url, d.lang) for d, p in zip(corpus.docs, html_paths)]
            runs.append(ToolRun(f"{name} (html twin)" if via_twin else name, "peer", name, calls))
    elif peer_names:
        log.warning("%s: no HTML for every document (no twin corpus), peers skipped", corpus.name)
    if any(d.mode == "text" for d in corpus.docs):
        for name in baselines.BASELINES:
            calls = [Call("baseline", name, d.input_path, d.mode, d.url, d.lang) for d in corpus.docs]
            runs.append(ToolRun(name, "baseline", name, calls))
    return runs


def _peer_inputs(corpus: Corpus) -> tuple[list[Path] | None, bool]:
    """The HTML file for each document (its own, or its twin's); None unless every doc has one."""
    paths: list[Path] = []
    via_twin = False
    for doc in corpus.docs:
        if doc.mode == "html":
            paths.append(doc.input_path)
            continue
        twin_file = corpus.twin / f"{doc.id}.html" if corpus.twin else None
        if twin_file is None or not twin_file.is_file():
            return None, False
        paths.append(twin_file)
        via_twin = True
    return paths, via_twin


def available_peers(names: list[str]) -> dict[str, str]:
    """name -> package version for each requested peer that is installed (warn about the others)."""
    versions = {}
    for name in names:
        try:
            versions[name] = peers.get_peer(name).version()
        except peers.PeerUnavailable as err:
            log.warning("%s; skipped", err)
    return versions


# ---------------------------------------------------------------- running

def execute(call: Call) -> Output:
    """Run one call, timing the extraction alone; any exception is an error with empty output."""
    data = call.path.read_bytes()
    if call.kind == "peer":
        out = peers.run_peer(call.tool, data.decode("utf-8", errors="replace"), call.lang)
        return Output(_clean(out.text), out.seconds, out.error)
    start = time.perf_counter()
    try:
        text = _extract(call, data)
    except Exception as err:  # noqa: BLE001 - one page's failure is a counted error, not a crash
        return Output("", time.perf_counter() - start, f"{type(err).__name__}: {err}"[:300])
    return Output(_clean(text), time.perf_counter() - start)


def _extract(call: Call, data: bytes) -> str:
    if call.kind == "baseline":
        return baselines.BASELINES[call.tool](data.decode("utf-8", errors="replace"))
    from .api import strip

    return strip(data, url=call.url or None, mode=call.mode).text


def _clean(text: str | None) -> str:
    """Text as it will read back from a UTF-8 file (lone surrogates become '?')."""
    return (text or "").encode("utf-8", errors="replace").decode("utf-8")


def run_all(runs: list[ToolRun], versions: dict[str, str], cache: Path | None, jobs: int) -> None:
    """Fill every run's outputs: cached peer outputs first, the rest computed (in a pool if jobs > 1).

    A peer call repeated with the same cache key (a text corpus's twin pages are the HTML
    corpus's pages) is computed once and its output shared.
    """
    pending: dict[Any, list[tuple[ToolRun, int]]] = {}
    for run in runs:
        run.outputs = [None] * len(run.calls)
        for i, call in enumerate(run.calls):
            key = _cache_key(call, versions) if call.kind == "peer" else None
            hit = _cache_get(cache, call, versions, key) if key and cache is not None else None
            if hit is not None:
                run.outputs[i] = hit
            else:
                pending.setdefault(key or (run.label, i, call.path), []).append((run, i))
    log.info("%d extraction calls to run, %d answered from cache", len(pending),
             sum(o is not None for r in runs for o in r.outputs))
    todo = [(key, places[0][0].calls[places[0][1]], places) for key, places in pending.items()]
    for (key, call, places), out in zip(todo, _compute([call for _, call, _ in todo], jobs)):
        for run, i in places:
            run.outputs[i] = out
        if isinstance(key, str) and cache is not None:
            _cache_put(cache, call, versions, key, out)


def _compute(calls: list[Call], jobs: int):
    progress = _progress(len(calls))
    if jobs <= 1 or len(calls) < 2:
        for call in calls:
            yield execute(call)
            progress(1)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for out in pool.map(execute, calls, chunksize=POOL_CHUNK):
            yield out
            progress(1)
    progress(0, close=True)


def _progress(total: int):
    """A tqdm bar on an interactive stderr, else a no-op."""
    if not sys.stderr.isatty() or total == 0:
        return lambda n, close=False: None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="doc", desc="extracting", leave=False)

    def update(n: int, close: bool = False) -> None:
        bar.update(n)
        if close or bar.n >= total:
            bar.close()
    return update


# ---------------------------------------------------------------- cache

@functools.lru_cache(maxsize=None)
def _file_sha1(path: Path) -> str:
    """Memoised: every peer reads the same page, and a text corpus's twin pages again."""
    return hashlib.sha1(path.read_bytes()).hexdigest()


def _cache_key(call: Call, versions: dict[str, str]) -> str:
    digest = _file_sha1(call.path)
    return hashlib.sha1(f"{call.tool}\0{versions[call.tool]}\0{call.lang}\0{digest}".encode()).hexdigest()


def _cache_file(cache: Path, call: Call, versions: dict[str, str], key: str) -> Path:
    return cache / call.tool / versions[call.tool] / key[:2] / f"{key}.json"


def _cache_get(cache: Path, call: Call, versions: dict[str, str], key: str) -> Output | None:
    try:
        data = json.loads(_cache_file(cache, call, versions, key).read_text(encoding="utf-8"))
        return Output(data["text"], float(data["seconds"]), data.get("error"), cached=True)
    except (OSError, ValueError, KeyError):
        return None


def _cache_put(cache: Path, call: Call, versions: dict[str, str], key: str, out: Output) -> None:
    """Write atomically (temp file + rename): other runs may read the same cache concurrently."""
    target = _cache_file(cache, call, versions, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"text": out.text, "seconds": out.seconds, "error": out.error}, fh)
        os.replace(tmp, target)
    except OSError as err:
        log.warning("cannot write cache %s: %s", target, err)


# ---------------------------------------------------------------- scoring

def score_run(run: ToolRun, corpus: Corpus, golds: list[str]) -> ToolReport:
    """Score one row's outputs against the gold copies."""
    outputs = [o if o is not None else Output("", 0.0, "not run") for o in run.outputs]
    summary, rows = metrics.score_pairs((d.id, o.text, g) for d, o, g in zip(corpus.docs, outputs, golds))
    errors = [(d.id, o.error) for d, o in zip(corpus.docs, outputs) if o.error]
    if errors:
        log.warning("%s on %s: %d/%d documents failed; first: %s: %s", run.label, corpus.name, len(errors),
                    len(outputs), *errors[0])
    return ToolReport(run.label, run.tool, run.kind, summary, rows, sum(o.seconds for o in outputs), errors,
                      sum(o.cached for o in outputs), {d.id: o.text for d, o in zip(corpus.docs, outputs)})


def evaluate(paths: list[Path], peer_names: list[str], *, jobs: int = 1,
             cache: Path | None = DEFAULT_CACHE) -> list[CorpusReport]:
    """Run and score every tool on every corpus; the library entry point behind `stripper eval`."""
    corpora = [load_corpus(p) for p in paths]
    versions = available_peers(peer_names)
    plans = [plan(c, [n for n in peer_names if n in versions]) for c in corpora]
    run_all([run for runs in plans for run in runs], versions, cache, jobs)
    reports = []
    for corpus, runs in zip(corpora, plans):
        golds = [d.gold_path.read_text(encoding="utf-8") for d in corpus.docs]
        reports.append(CorpusReport(corpus, [score_run(run, corpus, golds) for run in runs],
                                    gold_languages(corpus, golds)))
    return reports


def gold_languages(corpus: Corpus, golds: list[str]) -> dict[str, str]:
    """Each document's language, read off its gold copy as stripper reads a page's.

    Corpus indexes are not to be trusted on this (l3s-gn1 marks every page "en"), and the
    gold is the same text for every tool, so the grouping favours none.
    """
    from .config import default_config
    from .features import text_language

    stopwords = default_config().stopwords
    return {d.id: text_language(g, stopwords) or d.lang for d, g in zip(corpus.docs, golds)}


def other_languages(report: CorpusReport) -> dict[str, list[str]]:
    """Language -> ids of the documents whose gold is not in English, languages by page count."""
    groups: dict[str, list[str]] = {}
    for doc in report.corpus.docs:
        lang = report.languages.get(doc.id, doc.lang)
        if lang != ENGLISH:
            groups.setdefault(lang, []).append(doc.id)
    return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def language_summaries(report: CorpusReport) -> list[tuple[str, metrics.Summary, dict[str, float]]]:
    """Per tool: its figures on the pages not in English, and its F1 per such language."""
    groups = other_languages(report)
    if not groups:
        return []
    wanted = {i for ids in groups.values() for i in ids}
    out = []
    for t in report.tools:
        rows = {r.id: r for r in t.rows}
        per_lang = {lang: metrics.summarize([rows[i] for i in ids]).f1 for lang, ids in groups.items()}
        out.append((t.label, metrics.summarize([rows[i] for i in wanted if i in rows]), per_lang))
    return out


def write_predictions(reports: list[CorpusReport], out: Path) -> None:
    """DIR/<corpus>/<tool>/<id>.txt for every row, so ../shared/score.py can re-score them."""
    for report in reports:
        for tool in report.tools:
            folder = out / report.corpus.name / tool.tool
            folder.mkdir(parents=True, exist_ok=True)
            for doc_id, text in tool.outputs.items():
                (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- reporting

COLUMNS = ("F1", "precision", "recall", "exact", "bow_F1", "line_F1", "docs/s", "errors")
ENGLISH = "en"
MIN_LABEL_WIDTH = 24


def worst(report: CorpusReport, n: int) -> list[metrics.DocScore]:
    """Stripper's `n` lowest-F1 documents (ties by line F1, then id)."""
    rows = next((t.rows for t in report.tools if t.kind == STRIPPER), [])
    return sorted(rows, key=lambda r: (r.f1, r.line_f1, r.id))[:n]


def format_table(report: CorpusReport, n_worst: int) -> str:
    """One corpus: a row per tool, then stripper's worst documents."""
    c = report.corpus
    mode = "/".join(sorted({d.mode for d in c.docs})) or "empty"
    width = max([MIN_LABEL_WIDTH, *(len(t.label) + 2 for t in report.tools)])
    lines = [f"{c.name}  ({len(c.docs)} docs, {mode} mode)",
             f"{'tool':<{width}}" + "".join(f"{h:>10}" for h in COLUMNS)]
    for t in report.tools:
        s = t.summary
        figures = (s.f1, s.precision, s.recall, s.exact, s.bow_f1, s.line_f1)
        cached = " (cached)" if t.cached and t.cached == s.docs else ""
        lines.append(f"{t.label:<{width}}" + "".join(f"{v:>10.3f}" for v in figures)
                     + f"{t.docs_per_s:>10.1f}{len(t.errors):>10}{cached}")
    lines += format_languages(report, width)
    bad = worst(report, n_worst)
    if bad:
        lines.append(f"worst {len(bad)} stripper documents:")
        lines.append(f"  {'id':<24}{'f1':>8}{'precision':>11}{'recall':>8}{'line_f1':>9}")
        for r in bad:
            lines.append(f"  {r.id:<24}{r.f1:>8.3f}{_fmt(r.precision):>11}{_fmt(r.recall):>8}{r.line_f1:>9.3f}")
    return "\n".join(lines) + "\n"


def format_languages(report: CorpusReport, width: int) -> list[str]:
    """The pages not in English (by their gold's language): each tool's F1, P, R on them, F1 per language."""
    groups = other_languages(report)
    if not groups:
        return []
    counts = ", ".join(f"{lang} {len(ids)}" for lang, ids in groups.items())
    lines = [f"pages not in English ({sum(map(len, groups.values()))}: {counts}):",
             f"{'tool':<{width}}" + "".join(f"{h:>10}" for h in ("F1", "precision", "recall", *groups))]
    for label, s, per_lang in language_summaries(report):
        lines.append(f"{label:<{width}}" + "".join(f"{v:>10.3f}" for v in (s.f1, s.precision, s.recall))
                     + "".join(f"{per_lang[lang]:>10.3f}" for lang in groups))
    return lines


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def to_json(reports: list[CorpusReport], n_worst: int, out: Path | None) -> dict[str, Any]:
    """The machine-readable report: per corpus, per tool figures, errors and worst documents."""
    corpora = []
    for r in reports:
        tools = [{"tool": t.label, "name": t.tool, "kind": t.kind, **t.summary.to_dict(),
                  "docs_per_s": t.docs_per_s, "seconds": t.seconds, "errors": len(t.errors),
                  "error_docs": [{"id": i, "error": e} for i, e in t.errors[:ERRORS_LISTED]],
                  "cached": t.cached,
                  "pred_dir": str(out / r.corpus.name / t.tool) if out else None} for t in r.tools]
        languages = {"documents": other_languages(r),
                     "tools": [{"tool": label, **s.to_dict(), "f1_by_language": per_lang}
                               for label, s, per_lang in language_summaries(r)]}
        corpora.append({"corpus": r.corpus.name, "path": str(r.corpus.path), "docs": len(r.corpus.docs),
                        "tools": tools, "not_english": languages, "worst": [d.to_dict() for d in worst(r, n_worst)]})
    return {"corpora": corpora}


# ---------------------------------------------------------------- command line

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpora", nargs="+", type=Path, metavar="CORPUS", help="corpus folders (index.jsonl)")
    parser.add_argument("--peers", default=DEFAULT_PEERS,
                        help=f"comma list of {','.join(peers.PEERS)}, or all, or none (default: {DEFAULT_PEERS})")
    parser.add_argument("--worst", type=int, default=DEFAULT_WORST, metavar="N",
                        help=f"list stripper's N worst documents per corpus (default {DEFAULT_WORST})")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    parser.add_argument("--json", action="store_true", help="print a JSON report instead of tables")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, metavar="DIR",
                        help=f"peer output cache (default {DEFAULT_CACHE}/)")
    parser.add_argument("--no-cache", action="store_true", help="recompute peers, do not read or write the cache")
    parser.add_argument("--out", type=Path, metavar="DIR", help="write predictions as DIR/<corpus>/<tool>/<id>.txt")
    parser.add_argument("-v", "--verbose", action="store_true")


def run(args: argparse.Namespace) -> int:
    try:
        peer_names = peers.parse_peer_list(args.peers)
        reports = evaluate(args.corpora, peer_names, jobs=max(1, args.jobs),
                           cache=None if args.no_cache else args.cache)
    except (ValueError, FileNotFoundError) as err:
        print(f"stripper eval: {err}", file=sys.stderr)
        return 2
    if args.out:
        write_predictions(reports, args.out)
    if args.json:
        print(json.dumps(to_json(reports, args.worst, args.out), indent=1))
    else:
        print("\n".join(format_table(r, args.worst) for r in reports))
    return 0
