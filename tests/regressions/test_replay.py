"""Replay every saved crasher (`*.bin`, written by bench/fuzz.py or by hand) through strip.

Each file once raised an undefined exception, hung, or lost text; its `.txt` says which.
Now each must end in a defined outcome: a Result (no NUL, a reason for every block) or a
documented `StripperError`, in every mode, and the same outcome twice.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import stripper

HERE = Path(__file__).resolve().parent
CRASHERS = sorted(HERE.glob("*.bin"))


def _outcome(data: bytes, mode: str) -> dict | str:
    try:
        result = stripper.strip(data, mode=mode)
    except stripper.StripperError as err:
        return type(err).__name__
    assert "\x00" not in result.text
    assert all(b.reason.strip() for b in result.blocks)
    return result.to_dict()


def test_there_are_saved_crashers() -> None:
    assert CRASHERS, f"no *.bin files in {HERE}"


@pytest.mark.parametrize("path", CRASHERS, ids=[p.stem[:12] for p in CRASHERS])
@pytest.mark.parametrize("mode", ["auto", "html", "text"])
def test_saved_crasher_has_a_defined_outcome(path: Path, mode: str) -> None:
    data = path.read_bytes()
    assert _outcome(data, mode) == _outcome(data, mode)
