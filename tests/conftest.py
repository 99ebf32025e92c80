"""Shared test helpers: where ../shared lives (the corpora and the reference scorer)."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_dir() -> Path:
    """The ../shared folder beside the checkout; skips the calling test when it is absent."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"{SHARED} (shared corpora) not available")
    return SHARED


@pytest.fixture
def shared() -> Path:
    """Fixture form of `shared_dir()`."""
    return shared_dir()
