"""Shared test helpers: where ../shared lives (the corpora and the reference scorer)."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

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


def shared_module(filename: str) -> ModuleType:
    """Import a script of ../shared (score.py, flatten.py) as a module; skips when absent."""
    path = shared_dir() / filename
    spec = importlib.util.spec_from_file_location(f"shared_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
