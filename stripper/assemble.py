"""Kept blocks to output: the clean text and the public per-block report."""
from __future__ import annotations

from dataclasses import fields
from operator import attrgetter

from .model import BlockReport, Decision, Document, Result, new_report


def render(doc: Document, *, encoding: str | None = None) -> Result:
    """Join kept blocks in page order: one per line, or blank-line separated when the input was."""
    reports = tuple(map(_report, doc.blocks))
    kept = [r.text for r in reports if r.kept]  # a field of the report, a property of the block
    separator = "\n\n" if doc.paragraph_gaps else "\n"
    text = separator.join(kept) + "\n" if kept else ""
    return Result(
        text=text,
        title=doc.title,
        mode=doc.mode,
        url=doc.url,
        lang=doc.lang,
        encoding=encoding,
        blocks=reports,
    )


def _report(block) -> BlockReport:
    d = block.decision
    if d is None:
        return new_report(block.index, block.text, False, "none", "no decision", "default", None, block.tag,
                          block.path, tuple(map(_as_dict, block.history)) if block.history else ())
    # positional: this runs for every block, and keywords cost a fifth more
    return new_report(block.index, block.text, d.label == "keep", d.source, d.reason, d.stage, d.score, block.tag,
                      block.path, tuple(map(_as_dict, block.history)) if block.history else ())


def _as_dict(decision: Decision) -> dict:
    """`dataclasses.asdict(decision)` without its recursion and `deepcopy` of each field (a
    Decision's fields are strings and a number, which `deepcopy` returns as they are): 8x faster."""
    return dict(zip(_DECISION_FIELDS, _decision_values(decision)))


_DECISION_FIELDS = tuple(f.name for f in fields(Decision))
_decision_values = attrgetter(*_DECISION_FIELDS)


def explain(result: Result, *, width: int = 70) -> str:
    """One line per block: KEEP/DROP, the deciding source, the reason and the text."""
    lines = []
    for b in result.blocks:
        mark = "KEEP" if b.kept else "drop"
        text = b.text if len(b.text) <= width else b.text[: width - 1] + "…"
        chain = " <- ".join(h["source"] for h in reversed(b.history))
        via = f" (overrode {chain})" if chain else ""
        lines.append(f"{b.index:4d} {mark} {b.source:<28} {b.reason}{via}\n       {text}")
    return "\n".join(lines)


_MARKDOWN_PREFIX = {"h1": "# ", "h2": "## ", "h3": "### ", "h4": "#### ", "h5": "##### ", "h6": "###### ",
                    "li": "- ", "blockquote": "> "}


def to_markdown(result: Result) -> str:
    """Kept blocks as Markdown: headings, list items and quotes marked, paragraphs apart."""
    parts = []
    for b in result.blocks:
        if b.kept:
            text = f"```\n{b.text}\n```" if b.tag == "pre" else _MARKDOWN_PREFIX.get(b.tag, "") + b.text
            parts.append(text)
    return "\n\n".join(parts) + "\n" if parts else ""
