"""Shared test helpers: where ../shared lives (the corpora and the reference scorer), and documents
with chosen model decisions for testing one revision pass on its own."""
from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import stripper
from stripper import api, rules
from stripper.classifier import Model, model_from_dict
from stripper.config import default_config
from stripper.model import Decision, Document, with_blocks, with_decision

SHARED = Path(__file__).resolve().parents[2] / "shared"
TEST_DATA = Path(__file__).resolve().parent / "data"


@functools.cache
def unseen_model(mode: str) -> Model:
    """The block model of session 12, trained on the development corpora alone.

    Why: the shipped models learn from corpus/'s pages too (session 23), so on those pages they
    seldom err the way they do on a site they never saw; the revision passes were written for
    such errors. Tests of a pass on a corpus/ page run it with this model, to which the page is
    as new as any other site's.
    """
    return model_from_dict(json.loads((TEST_DATA / f"model-{mode}-dev-only.json").read_text(encoding="utf-8")), mode)


def strip_unseen(data: bytes | str, mode: str, **kwargs) -> stripper.Result:
    """`stripper.strip` with `unseen_model(mode)`."""
    return stripper.strip(data, mode=mode, model=unseen_model(mode), **kwargs)


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


def model_decided(data: str, mode: str, *, dropped: str | None = None, ruled: bool = False,
                  scores: dict[str, float] | None = None, others: float = 0.9) -> Document:
    """`data` segmented and measured, as if a model gave every block `others` (kept from 0.5; 0.9
    unless told) but those starting with `dropped` (p 0.1). `ruled`: the rules decide first, the
    "model" only the blocks they left. `scores`: blocks starting with a key get that probability instead.

    Why: a pass acts on the model's decisions, which move with every retraining; a test of the
    pass sets them, so it fails when the pass breaks, not when the model shifts.
    """
    config = default_config()
    doc = api.annotate(api.segment(data, url=None, mode=mode, config=config), config)
    if ruled:
        doc = rules.apply(doc, config.rules, config.thresholds)
    keep = Decision("keep" if others >= 0.5 else "drop", "model", f"p={others:.2f}", "model", others)
    drop = Decision("drop", "model", "p=0.10", "model", 0.1)

    def decided(block):
        if block.decision is not None:
            return block
        p = next((p for start, p in (scores or {}).items() if block.text.startswith(start)), None)
        if p is not None:
            return with_decision(block, Decision("keep" if p >= 0.5 else "drop", "model", f"p={p:.2f}", "model", p), ())
        return with_decision(block, drop if dropped and block.text.startswith(dropped) else keep, ())
    return with_blocks(doc, tuple(map(decided, doc.blocks)))
