"""Rule fixtures: every text rule carries `examples` it must match; check them."""
from __future__ import annotations

from .config import RuleSet


def check_examples(rules: RuleSet) -> list[str]:
    """Problems found: text rules without examples, or examples their pattern misses."""
    problems = []
    for rule in rules.rules:
        if rule.regex is None:
            continue
        if not rule.examples:
            problems.append(f"{rule.file}: rule {rule.id!r}: a text rule needs at least one example")
        for example in rule.examples:
            if rule.regex.search(example) is None:
                problems.append(f"{rule.file}: rule {rule.id!r}: pattern does not match its example {example!r}")
            elif rule.max_chars is not None and len(example) > rule.max_chars:
                problems.append(f"{rule.file}: rule {rule.id!r}: example longer than max_chars {rule.max_chars}")
    return problems
