"""Fuzz decode + parse + strip for a bounded time; save crashers under tests/regressions/.

    python bench/fuzz.py --seconds 300                # atheris (coverage-guided), seeded from the corpora
    python bench/fuzz.py --seconds 300 --engine mutate  # no atheris: random mutations of corpus pages

A crash is any exception other than a `StripperError`, an output with NUL, a block with no
reason, or one call taking longer than --max-call-seconds. With atheris the run stops at the
first crash and libFuzzer's final stats give the figures (stat::number_of_executed_units);
the mutation engine carries on and prints executions and crashes at the end. Each crasher is written to
tests/regressions/<sha1>.bin (with a .txt saying why); tests/regressions/test_replay.py
replays every file there.
The corpora are read from ../shared beside the checkout and never copied into the repo;
only the (small, mutated) crashing inputs are saved.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REGRESSIONS = REPO / "tests" / "regressions"
MAX_INPUT = 256 * 1024
SEED_PAGES = 60

ATHERIS_MAX_LEN = 8 * 1024  # coverage-guided runs are slow; smaller inputs explore more per second

sys.path.insert(0, str(REPO))
stripper = blocks = decode = None  # imported by load_stripper(), under atheris instrumentation if used


def load_stripper(instrument: bool) -> None:
    """Import stripper; with atheris, only stripper's own modules get coverage instrumentation."""
    global stripper, blocks, decode
    if instrument:
        import atheris

        with atheris.instrument_imports(include=["stripper"]):
            import stripper as package
            from stripper import api, assemble, blocks as b, classifier, config, decode as d, features  # noqa: F401
            from stripper import heuristics, model, rules  # noqa: F401
    else:
        import stripper as package
        from stripper import blocks as b, decode as d
    stripper, blocks, decode = package, b, d


class Crash(Exception):
    """A property broke on a fuzz input."""


def run_one(data: bytes, max_seconds: float) -> None:
    """Decode, parse and strip `data` in every mode; raise Crash on anything undefined."""
    start = time.perf_counter()
    try:
        text, _ = decode.to_text(data)
        blocks.parse_html(text)
        auto = stripper.strip(data)
        other = stripper.strip(data, mode="text" if auto.mode == "html" else "html")
        for mode, result in (("auto", auto), ("forced", other)):
            if "\x00" in result.text or not all(b.reason.strip() for b in result.blocks):
                raise Crash(f"bad result in mode {mode}")
    except stripper.StripperError:
        pass
    except Crash:
        raise
    except Exception as err:  # noqa: BLE001 - this is what the fuzzer looks for
        raise Crash(f"{type(err).__name__}: {err}") from err
    elapsed = time.perf_counter() - start
    if elapsed > max_seconds:
        raise Crash(f"took {elapsed:.1f} s")


def save_crasher(data: bytes, why: str) -> Path:
    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    path = REGRESSIONS / f"{hashlib.sha1(data).hexdigest()}.bin"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text(why + "\n", encoding="utf-8")
    return path


def seed_pages(limit: int) -> list[bytes]:
    """Small real pages (HTML and flattened text) from the shared corpora, if present."""
    files = sorted(SHARED.glob("corpora/*/*.html")) + sorted(SHARED.glob("corpora/*-text/*.in.txt"))
    files = [f for f in files if f.stat().st_size <= MAX_INPUT]
    random.Random(0).shuffle(files)
    return [f.read_bytes() for f in files[:limit]]


_TOKENS = [b"<div>", b"</div>", b"<p>", b"<script>", b"</script>", b"<!--", b"-->", b"<?xml encoding='utf-16'?>",
           b'<meta charset="base64">', b'<meta charset="utf-16">', b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"&#0;",
           b"&#xD800;", b"<![CDATA[", b"<table><tr><td>", b"<br>", b"\xe9", b"\xc3\xa9", b"\xed\xa0\x80", b"\n\n",
           b"<a href=x>", b"<b>" * 50, b"<div class='share'>", b"<svg><math>", b"\r", b"\x0c", b"\x1b"]


def mutate(page: bytes, rng: random.Random) -> bytes:
    """A few random edits: byte flips, cuts, splices of hostile tokens, duplications."""
    data = bytearray(page)
    for _ in range(rng.randint(1, 8)):
        pos = rng.randint(0, len(data))
        choice = rng.random()
        if choice < 0.3 and data:
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif choice < 0.6:
            data[pos:pos] = rng.choice(_TOKENS)
        elif choice < 0.8:
            del data[pos:pos + rng.randint(1, 64)]
        else:
            end = min(len(data), pos + rng.randint(1, 512))
            data[pos:pos] = data[pos:end] * rng.randint(1, 4)
    return bytes(data[:MAX_INPUT])


def fuzz_mutate(seconds: float, max_call: float, seeds: list[bytes]) -> dict[str, int]:
    rng = random.Random(int(time.time()))
    seeds = seeds or [b"<html><body><p>seed</p></body></html>"]
    stats = {"executions": 0, "crashes": 0}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        data = mutate(rng.choice(seeds), rng)
        stats["executions"] += 1
        try:
            run_one(data, max_call)
        except Crash as crash:
            stats["crashes"] += 1
            print(f"crash: {crash} -> {save_crasher(data, str(crash))}", flush=True)
    return stats


def fuzz_atheris(seconds: float, max_call: float, seeds: list[bytes]) -> dict[str, int]:
    import tempfile

    import atheris

    stats = {"executions": 0, "crashes": 0}

    def target(data: bytes) -> None:
        try:
            run_one(data, max_call)
        except Crash as crash:
            print(f"crash: {crash} -> {save_crasher(data, str(crash))}", flush=True)
            raise  # libFuzzer stops, prints the input and exits non-zero

    seed_dir = tempfile.mkdtemp(prefix="stripper-fuzz-")  # outside the repo: corpus text stays out of git
    for i, page in enumerate(seeds):
        Path(seed_dir, f"seed{i}").write_bytes(page[:ATHERIS_MAX_LEN])
    args = [sys.argv[0], f"-max_total_time={int(seconds)}", f"-max_len={ATHERIS_MAX_LEN}", "-rss_limit_mb=2048",
            "-print_final_stats=1", seed_dir]
    atheris.Setup(args, target)
    atheris.Fuzz()  # never returns: libFuzzer prints its final stats (executions) and exits the process
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--engine", choices=("auto", "atheris", "mutate"), default="auto")
    parser.add_argument("--max-call-seconds", type=float, default=10.0)
    parser.add_argument("--seeds", type=int, default=SEED_PAGES, help="corpus pages to start from")
    args = parser.parse_args()
    seeds = seed_pages(args.seeds)
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "mutate"
    load_stripper(instrument=engine == "atheris")
    print(f"engine={engine} seeds={len(seeds)} seconds={args.seconds}", flush=True)
    run = fuzz_atheris if engine == "atheris" else fuzz_mutate
    stats = run(args.seconds, args.max_call_seconds, seeds)
    print(f"engine={engine} executions={stats['executions']} crashes={stats['crashes']}", flush=True)
    return 1 if stats["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
