#!/usr/bin/env python3
"""Speed bench: stripper against the peer extractors on the same pages, one process per tool.

    python bench/bench.py [--docs 300] [--tools stripper,trafilatura,...] [--batch] [--big-page 20] [--json]

Each tool runs in its own child process (this script re-invoked with --child), so imports,
caches and memory of one tool cannot help or hurt another. The child reads every sampled
page into memory, warms the tool up on the first page (not timed), then times each
extraction call alone with perf_counter; docs/s and MB/s are over the summed call time.
Memory is the child's peak resident set size (getrusage ru_maxrss), reported both as the
peak and as the growth over the level reached after imports, loading and warm-up, which is
the extraction's own working memory. See bench/README.md for how to read the output.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
HTML_CORPORA = ("dragnet", "l3s-gn1", "cleaneval")
DEFAULT_DOCS = 300
# name -> (mode of the input it reads, how to describe it)
TOOLS = {
    "lxml-parse": ("html", "lxml.html.document_fromstring alone: the floor for any lxml-based tool"),
    "stripper": ("html", "stripper.strip(bytes, mode='html')"),
    "stripper-text": ("text", "stripper.strip(bytes, mode='text') on the -text twins"),
    "trafilatura": ("html", "trafilatura.extract(html)"),
    "justext": ("html", "justext.justext(html, English stoplist)"),
    "readability": ("html", "readability-lxml Document(html).summary() to text"),
    "boilerpipe": ("html", "boilerpy3 ArticleExtractor"),
    "resiliparse": ("html", "resiliparse extract_plain_text(main_content=True)"),
}
REFERENCE_TOOL = "trafilatura"
TIMEOUT_SECONDS = 1800


def sample(corpora_dir: Path, n_docs: int) -> list[str]:
    """Ids spread evenly over each HTML corpus, n_docs in all, as "<corpus>/<id>"."""
    per_corpus = max(1, n_docs // len(HTML_CORPORA))
    picked = []
    for name in HTML_CORPORA:
        lines = (corpora_dir / name / "index.jsonl").read_text(encoding="utf-8").splitlines()
        ids = [json.loads(line)["id"] for line in lines if line.strip()]
        step = max(1, len(ids) // per_corpus)
        picked += [f"{name}/{doc_id}" for doc_id in ids[::step][:per_corpus]]
    return picked


def input_paths(corpora_dir: Path, docs: list[str], mode: str) -> list[Path]:
    """The HTML page of each sampled doc, or its flattened twin (<corpus>-text/<id>.in.txt)."""
    if mode == "html":
        return [corpora_dir / f"{d}.html" for d in docs]
    return [corpora_dir / f"{d.split('/')[0]}-text" / f"{d.split('/')[1]}.in.txt" for d in docs]


# ---------------------------------------------------------------- child side

def _extractor(tool: str):
    """tool -> (callable taking the raw bytes, whether it wants str rather than bytes)."""
    sys.path.insert(0, str(REPO))
    if tool == "lxml-parse":
        import lxml.html
        return lxml.html.document_fromstring, False
    if tool in ("stripper", "stripper-text"):
        import stripper
        mode = "html" if tool == "stripper" else "text"
        return (lambda data: stripper.strip(data, mode=mode).text), False
    from stripper import peers
    peer = peers.get_peer(tool)
    return (lambda html: peer.extract(html, "en")), True


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(tool: str, paths: list[Path], warm: Path | None = None) -> dict:
    """Time `tool` on every page (in memory), after one untimed warm-up call (on `warm`, else the first page)."""
    extract, wants_str = _extractor(tool)
    pages = [p.read_bytes() for p in paths]
    inputs = [p.decode("utf-8", errors="replace") for p in pages] if wants_str else pages
    warm_up = inputs[0] if warm is None else warm.read_bytes()
    if warm is not None and wants_str:
        warm_up = warm_up.decode("utf-8", errors="replace")
    try:
        extract(warm_up)
    except Exception:  # noqa: BLE001 - the warm-up page may be one the tool fails on
        pass
    before = _maxrss_mb()
    seconds, errors = 0.0, 0
    for page in inputs:
        start = time.perf_counter()
        try:
            extract(page)
        except Exception:  # noqa: BLE001 - counted, the bench goes on
            errors += 1
        seconds += time.perf_counter() - start
    return {"tool": tool, "docs": len(pages), "bytes": sum(map(len, pages)), "seconds": seconds,
            "errors": errors, "peak_rss_mb": _maxrss_mb(), "rss_growth_mb": _maxrss_mb() - before}


# ---------------------------------------------------------------- parent side

def measure(tool: str, paths: list[Path], warm: Path | None = None) -> dict:
    """Run one tool in a fresh child process and return its figures (or the error it died with)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump([str(p) for p in paths], fh)
    extra = ["--warm", str(warm)] if warm is not None else []
    proc = subprocess.run([sys.executable, __file__, "--child", tool, "--list", fh.name, *extra],
                          capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    Path(fh.name).unlink()
    if proc.returncode != 0:
        return {"tool": tool, "failed": proc.stderr.strip().splitlines()[-1:] or ["exit %d" % proc.returncode]}
    return json.loads(proc.stdout)


def big_page(corpora_dir: Path, megabytes: float, out: Path) -> Path:
    """One page of `megabytes` MB: the <body> contents of corpus pages, each in its own <div>, in a row.

    Like the longest real pages (a forum thread, a long archive), it holds tens of thousands
    of blocks of varied markup; built from the corpora, so nothing is committed.
    """
    parts, size = [], 0
    for name in HTML_CORPORA:
        for path in sorted((corpora_dir / name).glob("*.html")):
            html = path.read_bytes()
            start, end = html.lower().find(b"<body"), html.lower().rfind(b"</body>")
            if start < 0 or end < 0:
                continue
            body = html[html.find(b">", start) + 1:end]
            parts.append(b'<div class="page">' + body + b"</div>\n")
            size += len(parts[-1])
            if size >= megabytes * 1e6:
                break
        if size >= megabytes * 1e6:
            break
    page = b'<html><head><meta charset="utf-8"><title>big page</title></head><body>' + b"".join(parts)
    out.write_bytes(page + b"</body></html>")
    return out


def bench_big_page(corpora_dir: Path, megabytes: float, tools: list[str], warm: Path) -> list[dict]:
    """Each HTML tool on one page of `megabytes` MB: seconds and peak memory (after warming up on `warm`)."""
    with tempfile.TemporaryDirectory() as tmp:
        page = big_page(corpora_dir, megabytes, Path(tmp) / "big.html")
        return [measure(t, [page], warm=warm) for t in tools if TOOLS[t][0] == "html"]


def bench_batch(paths: list[Path], jobs_list: tuple[int, ...] = (1, 2)) -> list[dict]:
    """Wall time of `stripper batch` on `paths` with 1 and 2 workers (start-up included; mode by file)."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for jobs in jobs_list:
            out = Path(tmp) / f"out-{jobs}.jsonl"
            cmd = [sys.executable, "-m", "stripper.cli", "batch", *map(str, paths), "--out", str(out),
                   "--jobs", str(jobs), "--quiet", "--force"]
            start = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, cwd=REPO)
            wall = time.perf_counter() - start
            rows.append({"jobs": jobs, "docs": len(paths), "wall_seconds": wall, "exit": proc.returncode,
                         "docs_per_s": len(paths) / wall, "stderr": proc.stderr.strip().splitlines()[-1:]})
    return rows


def format_rows(rows: list[dict]) -> str:
    ref = next((r for r in rows if r["tool"] == REFERENCE_TOOL and "seconds" in r), None)
    ref_rate = ref["docs"] / ref["seconds"] if ref and ref["seconds"] else None
    lines = [f"{'tool':<16}{'docs':>6}{'docs/s':>10}{'MB/s':>9}{'peak MB':>10}{'+MB':>8}{'errors':>8}"
             f"{'x ' + REFERENCE_TOOL:>16}"]
    for r in rows:
        if "failed" in r:
            lines.append(f"{r['tool']:<16}  failed: {r['failed']}")
            continue
        rate = r["docs"] / r["seconds"] if r["seconds"] else float("inf")
        ratio = f"{rate / ref_rate:.2f}" if ref_rate else "-"
        lines.append(f"{r['tool']:<16}{r['docs']:>6}{rate:>10.1f}{r['bytes'] / 1e6 / r['seconds']:>9.2f}"
                     f"{r['peak_rss_mb']:>10.0f}{r['rss_growth_mb']:>8.0f}{r['errors']:>8}{ratio:>16}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS, help=f"pages sampled (default {DEFAULT_DOCS})")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma list of " + ",".join(TOOLS))
    parser.add_argument("--corpora", type=Path, default=SHARED / "corpora", help="folder of the shared corpora")
    parser.add_argument("--batch", action="store_true", help="also time `stripper batch` with 1 and 2 workers")
    parser.add_argument("--big-page", type=float, metavar="MB",
                        help="also run each HTML tool on one page of this many MB (built from the corpora)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--list", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--warm", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, [Path(p) for p in json.loads(args.list.read_text())], args.warm)))
        return 0
    if not (args.corpora / HTML_CORPORA[0] / "index.jsonl").is_file():
        sys.exit(f"bench: no corpora under {args.corpora} (use --corpora)")
    docs = sample(args.corpora, args.docs)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown:
        sys.exit(f"bench: unknown tool(s) {unknown}; known: {', '.join(TOOLS)}")
    rows = [measure(t, input_paths(args.corpora, docs, TOOLS[t][0])) for t in tools]
    report = {"docs": len(docs), "corpora": list(HTML_CORPORA), "tools": rows}
    if args.batch:
        if (REPO / "stripper" / "batch.py").is_file():
            # the HTML pages and their flattened twins: both modes, twice the documents
            report["batch"] = bench_batch(input_paths(args.corpora, docs, "html") + input_paths(args.corpora, docs, "text"))
        else:
            report["batch"] = "skipped: stripper/batch.py not present"
    if args.big_page:
        warm = input_paths(args.corpora, docs[:1], "html")[0]
        report["big_page"] = bench_big_page(args.corpora, args.big_page, tools, warm)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(f"{len(docs)} pages sampled evenly from {', '.join(HTML_CORPORA)}; single process per tool\n")
    print(format_rows(rows))
    if args.big_page:
        print(f"\none page of {args.big_page:g} MB (corpus bodies in a row), after a warm-up on a normal page:")
        print(format_rows(report["big_page"]))
    if args.batch:
        print()
        if isinstance(report["batch"], str):
            print(f"stripper batch: {report['batch']}")
        for b in report["batch"] if isinstance(report["batch"], list) else []:
            print(f"stripper batch --jobs {b['jobs']}: {b['docs']} docs in {b['wall_seconds']:.1f} s wall "
                  f"= {b['docs_per_s']:.1f} docs/s (exit {b['exit']}{', ' + b['stderr'][0] if b['exit'] else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
