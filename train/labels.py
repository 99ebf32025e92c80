"""Gold labels for blocks: does a block's text belong to the gold cleaned copy?

Long blocks are judged by their 4-token shingles (the unit of the benchmark metric);
short ones must match a gold line or, with two tokens or more, a contiguous run of gold
tokens: a lone word like "Share" occurs in many articles and proves nothing.
"""
from __future__ import annotations

import re

TOKEN = re.compile(r"\w+")
SHINGLE = 4
MIN_SHINGLE_SHARE = 0.5


def gold_index(gold: str) -> tuple[set, set, str]:
    tokens = TOKEN.findall(gold)
    shingles = {tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
    lines = {" ".join(line.split()) for line in gold.splitlines() if line.strip()}
    return shingles, lines, " " + " ".join(tokens) + " "


def label(text: str, index: tuple[set, set, str]) -> float:
    """1.0 when the block belongs to the gold, else 0.0."""
    shingles, lines, joined = index
    if text in lines:
        return 1.0
    tokens = TOKEN.findall(text)
    if len(tokens) >= SHINGLE:
        grams = [tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]
        share = sum(g in shingles for g in grams) / len(grams)
        return float(share >= MIN_SHINGLE_SHARE)
    if len(tokens) >= 2:
        return float(f" {' '.join(tokens)} " in joined)
    return 0.0
