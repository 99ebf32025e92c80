"""The packaged rule files: they load, their ids are unique and well formed, their text
rules carry examples that match, and malformed files are refused with a `RuleError`
that names the file and the rule."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from stripper.config import load_config, load_rules, rule_files, rules_dir
from stripper.errors import RuleError
from stripper.rulecheck import check_examples

RULES = rules_dir()
PACKAGED = rule_files(RULES)
CONCEPT_ID = re.compile(r"^[a-z]+\.[a-z0-9][a-z0-9_.\-]*$")


def _raw_rules(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def test_packaged_rule_files_exist_in_both_folders():
    names = {p.parent.name for p in PACKAGED}
    assert names == {"common", "sites"}
    assert len(PACKAGED) >= 8


@pytest.mark.parametrize("path", PACKAGED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_rule_file_loads_on_its_own(path):
    rules = load_rules([path])
    assert rules.rules, f"{path} holds no rules"
    assert all(r.reason for r in rules.rules)


def test_all_packaged_rules_load_together_with_unique_ids():
    config = load_config()
    ids = [r.id for r in config.rules.rules]
    assert len(ids) == len(set(ids))
    assert all(CONCEPT_ID.match(i) for i in ids), [i for i in ids if not CONCEPT_ID.match(i)]


def test_common_rule_ids_start_with_their_file_concept():
    for path in sorted((RULES / "common").glob("*.yaml")):
        for raw in _raw_rules(path):
            assert raw["id"].split(".")[0] == path.stem, f"{path.name}: {raw['id']}"
            assert "site" not in raw, f"{path.name}: {raw['id']} is a site rule in common/"


def test_site_rules_name_their_domain_in_id_and_site_field():
    for path in sorted((RULES / "sites").glob("*.yaml")):
        for raw in _raw_rules(path):
            site = raw.get("site")
            assert site, f"{path.name}: {raw['id']} needs a site"
            assert raw["id"].startswith(f"site.{site}."), f"{path.name}: {raw['id']} vs site {site}"


def test_every_text_rule_has_examples_that_match():
    config = load_config()
    assert check_examples(config.rules) == []
    text_rules = [r for r in config.rules.rules if r.regex is not None]
    assert text_rules and all(r.examples for r in text_rules)


def test_text_rules_are_anchored_and_bounded():
    """Rules must only fire on short chrome lines, never on a paragraph that mentions a word."""
    for rule in load_config().rules.rules:
        if rule.regex is None:
            continue
        assert rule.regex.pattern.startswith("^"), rule.id
        assert rule.max_chars is not None and rule.max_chars <= 500, rule.id


def test_rule_sets_cover_several_languages():
    langs = {lang for r in load_config().rules.rules for lang in r.lang}
    assert {"en", "de", "fr", "es", "it", "pt", "nl", "ru", "zh", "ja", "ar", "he"} <= langs


# --- malformed files ------------------------------------------------------------------

GOOD = {"id": "test.fine", "kind": "text", "pattern": "^fine$", "reason": "a test", "examples": ["fine"]}


def _write(tmp_path: Path, rules: list[dict], name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    return path


BAD_RULES = {
    "bad regex": ({**GOOD, "id": "test.bad-regex", "pattern": "^(unclosed$"}, "regular expression"),
    "unknown field": ({**GOOD, "id": "test.unknown-field", "colour": "red"}, "unknown field"),
    "missing reason": ({k: v for k, v in {**GOOD, "id": "test.no-reason"}.items() if k != "reason"}, "reason"),
    "nested quantifier": ({**GOOD, "id": "test.nested", "pattern": "^(a+)+$"}, "nested quantifier"),
    "wrong kind": ({**GOOD, "id": "test.wrong-kind", "kind": "regex"}, "kind must be one of"),
    "text mode on markup rule": (
        {"id": "test.markup-text", "kind": "class_id", "tokens": ["share"], "reason": "x", "modes": ["text"]},
        "text mode"),
    "class_id without tokens": ({"id": "test.no-tokens", "kind": "class_id", "reason": "x"}, "tokens"),
    "bad position": ({**GOOD, "id": "test.position", "position": "middle"}, "position"),
}


@pytest.mark.parametrize("name", sorted(BAD_RULES))
def test_malformed_rule_is_refused_naming_file_and_rule(tmp_path, name):
    rule, problem = BAD_RULES[name]
    path = _write(tmp_path, [GOOD, rule])
    with pytest.raises(RuleError) as info:
        load_rules([path])
    message = str(info.value)
    assert str(path) in message
    assert rule["id"] in message
    assert problem in message
    assert info.value.rule == rule["id"]


def test_duplicate_id_across_files_is_refused(tmp_path):
    first = _write(tmp_path, [GOOD], "first.yaml")
    second = _write(tmp_path, [{**GOOD, "pattern": "^other$", "examples": ["other"]}], "second.yaml")
    with pytest.raises(RuleError, match="duplicate rule id") as info:
        load_rules([first, second])
    assert str(second) in str(info.value) and GOOD["id"] in str(info.value)


def test_file_that_is_not_a_list_is_refused(tmp_path):
    path = tmp_path / "mapping.yaml"
    path.write_text("id: test.x\nkind: text\n", encoding="utf-8")
    with pytest.raises(RuleError, match="YAML list") as info:
        load_rules([path])
    assert str(path) in str(info.value)


def test_a_bare_no_in_a_lang_list_is_refused_with_a_hint(tmp_path):
    # YAML 1.1 reads `no` (Norwegian) as false: the rule would never apply to Norwegian pages
    path = tmp_path / "nordic.yaml"
    path.write_text("- id: test.nordic\n  kind: text\n  pattern: '^dela$'\n  reason: a test\n"
                    "  lang: [sv, da, no]\n  examples: [dela]\n", encoding="utf-8")
    with pytest.raises(RuleError, match='quote it') as info:
        load_rules([path])
    assert "test.nordic" in str(info.value)
    path.write_text(path.read_text(encoding="utf-8").replace("da, no]", 'da, "no"]'), encoding="utf-8")
    assert load_rules([path]).rules[0].lang == ("sv", "da", "no")


def test_example_that_does_not_match_is_reported(tmp_path):
    path = _write(tmp_path, [{**GOOD, "id": "test.miss", "examples": ["something else"]}])
    problems = check_examples(load_rules([path]))
    assert len(problems) == 1 and "test.miss" in problems[0] and str(path) in problems[0]


def test_text_rule_without_examples_is_reported(tmp_path):
    path = _write(tmp_path, [{k: v for k, v in GOOD.items() if k != "examples"}])
    problems = check_examples(load_rules([path]))
    assert len(problems) == 1 and "needs at least one example" in problems[0]


# --- the CLI --------------------------------------------------------------------------

def _rules_check(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "stripper.cli", "rules", "check", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def test_cli_rules_check_passes_on_packaged_rules():
    done = _rules_check()
    assert done.returncode == 0, done.stderr
    count = len(load_config().rules.rules)
    assert f"{count} rules OK" in done.stdout


def test_cli_rules_check_fails_on_a_bad_file(tmp_path):
    path = _write(tmp_path, [GOOD, {**GOOD, "id": "test.broken", "pattern": "^(a+)+$"}])
    done = _rules_check(path)
    assert done.returncode != 0
    assert "test.broken" in done.stderr and str(path) in done.stderr


def test_cli_rules_check_fails_on_an_example_mismatch(tmp_path):
    path = _write(tmp_path, [{**GOOD, "id": "test.miss", "examples": ["nope"]}])
    done = _rules_check(path)
    assert done.returncode != 0
    assert "test.miss" in done.stderr
