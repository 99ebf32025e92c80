"""Configuration: named thresholds and declarative rule sets, loaded once, frozen.

Defaults ship in `rules/` (the top-level folder, packaged as data): `thresholds.yaml`,
`presets/*.yaml` (partial threshold files laid over the defaults, as trafilatura lays a
user settings file over its own), `common/*.yaml` and `sites/*.yaml` (rules),
`lists/stopwords-<lang>.txt` (stop words). Loading validates everything and raises
`RuleError` naming the file, the rule and the problem.
"""
from __future__ import annotations

import dataclasses
import re
import threading
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml
from lxml import etree

from .errors import RuleError

RULE_KINDS = ("text", "class_id", "tag", "xpath", "css")
RULE_FIELDS = {
    "id", "kind", "pattern", "tokens", "tags", "xpath", "css", "action", "reason", "lang", "site",
    "max_chars", "min_chars", "modes", "case_sensitive", "position", "note", "examples",
}
POSITIONS = ("any", "before_body", "after_body", "outside_body")
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
MAX_PATTERN_LENGTH = 2000
# Nested quantifiers such as (a+)+ or (\w*)* backtrack catastrophically; refuse them.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*{]")


def rules_dir() -> Path:
    """The packaged rules folder: `rules/` beside the package in a checkout (and an editable
    install), `stripper/rulesets/` in an installed wheel. (Not `stripper/rules/`: that name
    is the rules engine module.)"""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "rules", here / "rulesets"):
        if (candidate / "thresholds.yaml").is_file():
            return candidate
    from importlib.resources import files

    return Path(str(files("stripper.rulesets")))


@dataclass(frozen=True)
class Thresholds:
    """Every number the heuristics use, by name; values come from `rules/thresholds.yaml`."""

    model_keep_probability: float
    text_model_keep_probability: float
    max_link_density: float
    min_prose_words: int
    min_prose_stopword_share: float
    min_block_chars: int
    short_block_chars: int
    max_rule_container_share: float
    max_heading_gap_blocks: int
    max_caption_words: int
    pull_quote_min_words: int
    pull_quote_max_words: int
    pull_quote_window: int
    pull_quote_min_share: float
    prose_span_penalty: float
    max_input_bytes: int
    stream_html_min_chars: int
    empty_fallback_ratio: float
    min_fallback_probability: float
    min_tail_chrome_blocks: int
    min_tail_prose_run: int
    comment_zone_min_article_share: float
    comment_zone_min_article_words: int
    comment_zone_sure_article_words: int
    comment_zone_markup_blocks: int
    comment_zone_signature_window: int
    comment_zone_min_signatures: int
    comment_zone_min_prose_words: int
    comment_zone_korean_prose_min_words: int
    comment_toolbar_reach_blocks: int
    title_min_held_words: int
    title_suffix_max_words: int
    lead_in_headline_max_words: int
    lead_in_dek_min_words: int
    lead_in_min_probability: float
    lead_in_meta_max_lines: int
    lead_in_meta_max_words: int
    lead_in_max_gap_blocks: int
    lead_in_marked_dek_min_words: int
    dek_max_chrome_blocks: int
    ad_resume_min_probability: float
    related_resume_min_probability: float
    related_inline_max_items: int
    title_headline_max_gap_blocks: int
    title_headline_min_chars: int
    stray_link_min_density: float
    stray_line_max_probability: float
    stray_line_max_words: int
    stray_line_min_kept: int
    above_headline_min_gap: int
    above_headline_max_probability: float
    above_headline_body_min_words: int
    above_headline_body_min_lines: int
    above_headline_short_max_words: int
    above_headline_short_max_probability: float
    uncertain_keep_probability: float
    uncertain_max_run: int
    data_table_min_cells: int
    text_table_min_lines: int
    text_table_min_digit_share: float
    text_table_max_mean_words: float
    text_table_max_gap: int
    data_table_max_cell_words: int
    data_table_context_blocks: int
    br_run_min_blocks: int
    br_run_min_kept_share: float
    br_run_min_probability: float
    uncertain_close_min_words: int
    list_intro_min_words: int
    list_item_max_words: int
    list_max_items: int
    list_heading_reach_blocks: int
    review_list_min_probability: float
    recipe_steps_max_blocks: int
    recipe_step_min_words: int
    headline_run_min_probability: float
    headline_run_max_lines: int
    headline_run_max_kept_above: int
    main_prose_min_probability: float
    main_prose_min_kept_share: float
    contents_min_entries: int
    contents_entry_max_words: int
    contents_section_min_probability: float
    related_box_max_items: int
    inline_link_min_words: int
    site_name_max_lines_before_headline: int
    site_name_max_words: int
    live_min_entries: int
    live_entry_max_blocks: int
    live_entry_min_probability: float
    live_author_max_words: int

    @classmethod
    def from_mapping(cls, data: dict[str, Any], source: str) -> "Thresholds":
        names = {f.name for f in fields(cls)}
        unknown = set(data) - names
        missing = names - set(data)
        if unknown:
            raise RuleError(source, None, f"unknown thresholds: {', '.join(sorted(unknown))}")
        if missing:
            raise RuleError(source, None, f"missing thresholds: {', '.join(sorted(missing))}")
        for key, value in data.items():
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise RuleError(source, None, f"threshold {key} must be a number, got {value!r}")
        return cls(**data)


@dataclass(frozen=True)
class Rule:
    """One declarative rule. Exactly one matcher (pattern, tokens, tags, xpath/css) per rule."""

    id: str
    kind: str
    action: str
    reason: str
    file: str
    site: str | None = None
    regex: re.Pattern | None = None
    tokens: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    xpath: Callable | None = None
    max_chars: int | None = None
    min_chars: int | None = None
    modes: frozenset[str] = frozenset({"html", "text"})
    position: str = "any"
    lang: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleSet:
    """All rules, grouped by kind; site rules come before common ones."""

    rules: tuple[Rule, ...] = ()

    def for_site(self, host: str | None) -> tuple[Rule, ...]:
        """Rules that apply on `host`: its site rules first, then the common ones."""
        site = tuple(r for r in self.rules if r.site and host and _host_matches(host, r.site))
        return site + tuple(r for r in self.rules if not r.site)


@dataclass(frozen=True)
class Config:
    thresholds: Thresholds
    rules: RuleSet
    stopwords: dict[str, frozenset[str]] = field(default_factory=dict)


def _host_matches(host: str, site: str) -> bool:
    return host == site or host.endswith("." + site)


def load_thresholds(paths: Iterable[Path]) -> Thresholds:
    """Lay each threshold file over the previous ones; the first must be complete."""
    merged: dict[str, Any] = {}
    source = "thresholds"
    for path in paths:
        data = _read_yaml(path)
        if not isinstance(data, dict):
            raise RuleError(str(path), None, "a thresholds file must be a mapping of name: number")
        merged.update(data)
        source = str(path)
    return Thresholds.from_mapping(merged, source)


def load_rules(paths: Iterable[Path]) -> RuleSet:
    """Load rule files (YAML lists of rules), validate them, refuse duplicate ids."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in paths:
        for raw in _rule_list(path):
            rule = parse_rule(raw, str(path))
            if path.parent.name == "sites" and not rule.site:
                raise RuleError(str(path), rule.id, "a rule in a sites/ file needs site: <domain>")
            if rule.id in seen:
                raise RuleError(str(path), rule.id, f"duplicate rule id (first defined in {seen[rule.id]})")
            seen[rule.id] = str(path)
            rules.append(rule)
    return RuleSet(tuple(rules))


def _rule_list(path: Path) -> list[dict[str, Any]]:
    data = _read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise RuleError(str(path), None, "a rule file must be a YAML list of mappings")
    return data


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise RuleError(str(path), None, f"invalid YAML: {err}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise RuleError(str(path), None, f"cannot read: {err}") from None


def parse_rule(raw: dict[str, Any], file: str) -> Rule:
    """Validate one rule mapping and compile its matcher."""
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        raise RuleError(file, str(rule_id), "id must be a lower-case string like 'share.buttons-en'")
    fail = lambda problem: RuleError(file, rule_id, problem)  # noqa: E731
    unknown = set(raw) - RULE_FIELDS
    if unknown:
        raise fail(f"unknown field(s): {', '.join(sorted(unknown))}")
    kind = raw.get("kind")
    if kind not in RULE_KINDS:
        raise fail(f"kind must be one of {', '.join(RULE_KINDS)}, got {kind!r}")
    action = raw.get("action", "drop")
    if action not in ("drop", "keep"):
        raise fail(f"action must be drop or keep, got {action!r}")
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise fail("reason (a short phrase) is required")
    position = raw.get("position", "any")
    if position not in POSITIONS:
        raise fail(f"position must be one of {', '.join(POSITIONS)}, got {position!r}")
    modes = raw.get("modes", ["html", "text"] if kind == "text" else ["html"])
    if not isinstance(modes, list) or not set(modes) <= {"html", "text"} or not modes:
        raise fail("modes must be a non-empty list of html, text")
    if kind != "text" and "text" in modes:
        raise fail(f"a {kind} rule needs the page's markup; it cannot apply in text mode")
    base = dict(
        id=rule_id, kind=kind, action=action, reason=reason.strip(), file=file, position=position,
        site=_optional_str(raw, "site", fail), modes=frozenset(modes),
        max_chars=_optional_int(raw, "max_chars", fail), min_chars=_optional_int(raw, "min_chars", fail),
        lang=tuple(_str_list(raw.get("lang", []), "lang", fail)),
        examples=tuple(_str_list(raw.get("examples", []), "examples", fail)),
    )
    return Rule(**base, **_matcher(kind, raw, fail))


def _matcher(kind: str, raw: dict[str, Any], fail: Callable[[str], RuleError]) -> dict[str, Any]:
    if kind == "text":
        return {"regex": _compile_pattern(raw.get("pattern"), bool(raw.get("case_sensitive")), fail)}
    if kind == "class_id":
        tokens = _str_list(raw.get("tokens"), "tokens", fail)
        if not tokens:
            raise fail("tokens: a non-empty list of class/id tokens is required")
        return {"tokens": frozenset(t.lower() for t in tokens)}
    if kind == "tag":
        tags = _str_list(raw.get("tags"), "tags", fail)
        if not tags:
            raise fail("tags: a non-empty list of tag names is required")
        return {"tags": frozenset(t.lower() for t in tags)}
    expression = raw.get(kind)
    if not isinstance(expression, str) or not expression.strip():
        raise fail(f"{kind}: an expression is required")
    if kind == "css":
        expression = _css_to_xpath(expression, fail)
    try:
        return {"xpath": etree.XPath(expression)}
    except etree.XPathError as err:
        raise fail(f"invalid xpath {expression!r}: {err}") from None


def _compile_pattern(pattern: Any, case_sensitive: bool, fail: Callable[[str], RuleError]) -> re.Pattern:
    if not isinstance(pattern, str) or not pattern:
        raise fail("pattern: a regular expression is required")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise fail(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    if _NESTED_QUANTIFIER.search(pattern):
        raise fail("pattern has a nested quantifier such as (a+)+, which can backtrack catastrophically")
    try:
        return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)
    except re.error as err:
        raise fail(f"invalid regular expression: {err}") from None


def _css_to_xpath(selector: str, fail: Callable[[str], RuleError]) -> str:
    try:
        from cssselect import GenericTranslator, SelectorError
    except ImportError:  # pragma: no cover - cssselect is a declared dependency
        raise fail("css rules need the cssselect package") from None
    try:
        return GenericTranslator().css_to_xpath(selector)
    except SelectorError as err:
        raise fail(f"invalid css selector {selector!r}: {err}") from None


def _str_list(value: Any, name: str, fail: Callable[[str], RuleError]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        hint = ""
        if isinstance(value, list) and any(isinstance(v, bool) for v in value):
            hint = " (YAML reads a bare no, yes, on or off as true/false: quote it, as in [sv, da, \"no\"])"
        raise fail(f"{name} must be a list of strings{hint}")
    return value


def _optional_str(raw: dict[str, Any], name: str, fail: Callable[[str], RuleError]) -> str | None:
    value = raw.get(name)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise fail(f"{name} must be a non-empty string")
    return value.strip().lower() if value else None


def _optional_int(raw: dict[str, Any], name: str, fail: Callable[[str], RuleError]) -> int | None:
    value = raw.get(name)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise fail(f"{name} must be a non-negative whole number")
    return value


def load_stopwords(folder: Path) -> dict[str, frozenset[str]]:
    """`lists/stopwords-<lang>.txt`, one word a line, `#` comments; numbers are left out.

    The stopwords-iso lists hold numbers ("0" to "9" for Spanish, "10" and "39" for English).
    A number is no word of any one language: with them, the scores and tables of English
    sports pages (dragnet T51, l3s-gn1 7143d9be) read as Spanish.
    """
    out: dict[str, frozenset[str]] = {}
    for path in sorted(folder.glob("stopwords-*.txt")):
        lang = path.stem.split("-", 1)[1]
        words = (w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines())
        out[lang] = frozenset(w for w in words if w and not w.startswith("#") and not w.isdigit())
    return out


def rule_files(folder: Path) -> list[Path]:
    """Site rules first (they are checked first), then common ones, each sorted by name."""
    return sorted((folder / "sites").glob("*.yaml")) + sorted((folder / "common").glob("*.yaml"))


def load_config(
    *, rules: Iterable[Path] = (), thresholds: Iterable[Path] = (), preset: str | None = None,
    defaults: bool = True,
) -> Config:
    """Build a `Config`: packaged defaults, then a preset, then the caller's files on top."""
    base = rules_dir()
    threshold_files = [base / "thresholds.yaml"]
    if preset:
        preset_file = base / "presets" / f"{preset}.yaml"
        if not preset_file.is_file():
            raise RuleError(str(preset_file), None, f"no such preset {preset!r}")
        threshold_files.append(preset_file)
    threshold_files += [Path(p) for p in thresholds]
    rule_paths = (rule_files(base) if defaults else []) + _expand(rules)
    return Config(
        thresholds=load_thresholds(threshold_files),
        rules=load_rules(rule_paths),
        stopwords=load_stopwords(base / "lists"),
    )


def _expand(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in map(Path, paths):
        out += rule_files(path) if path.is_dir() else [path]
    return out


_default: Config | None = None
_default_lock = threading.Lock()


def default_config() -> Config:
    """The packaged configuration, loaded once and shared read-only between threads."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = load_config()
    return _default


def with_thresholds(config: Config, **changes: Any) -> Config:
    """A copy of `config` with some thresholds changed (for experiments and tests)."""
    return dataclasses.replace(config, thresholds=dataclasses.replace(config.thresholds, **changes))
