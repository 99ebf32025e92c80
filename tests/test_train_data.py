"""What train.train learns from: the development corpora and corpus/'s handmade pages, weighed."""
from __future__ import annotations

import json

import numpy as np
import pytest

from train import train


def _empty_shared(tmp_path):
    """A ../shared with the three development corpora present and empty."""
    for name in train.CORPORA:
        for suffix in ("", "-text"):
            folder = tmp_path / "corpora" / f"{name}{suffix}"
            folder.mkdir(parents=True)
            (folder / "index.jsonl").write_text("", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("mode", ["html", "text"])
def test_corpus_jobs_take_every_handmade_page_with_its_gold(tmp_path, mode):
    shared = _empty_shared(tmp_path)
    assert train.corpus_jobs(shared, mode) == []
    jobs = train.corpus_jobs(shared, mode, own=True)
    index = train.OWN_CORPUS / f"handmade-{mode}" / "index.jsonl"
    ids = [json.loads(line)["id"] for line in index.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert sorted(key for key, _ in jobs) == sorted(f"handmade/{i}" for i in ids)
    for key, (page, gold, url, job_mode) in jobs:
        assert job_mode == mode and url.startswith("http")
        assert page.endswith(".html" if mode == "html" else ".in.txt")
        assert (train.OWN_CORPUS / f"handmade-{mode}" / f"{key.split('/', 1)[1]}.gold.txt").as_posix() == gold


def test_handmade_pages_weigh_own_weight_times_a_development_page():
    def rows(key):
        return train.Rows(key, "example.com", np.zeros((2, 1)), np.zeros(2), np.array([0.5, 1.5]), np.zeros(2), np.zeros(2))
    dev, own = rows("dragnet/1"), rows("handmade/en-news-01")
    train._weighed([dev, own])
    assert np.allclose(dev.w, [0.5, 1.5])
    assert np.allclose(own.w, np.array([0.5, 1.5]) * train.OWN_WEIGHT)
    assert 0 < train.OWN_WEIGHT <= 1
