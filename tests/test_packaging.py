"""Packaging: the data packages of a wheel must not shadow the package's own modules."""
from __future__ import annotations

from pathlib import Path

import pytest

from stripper.config import rules_dir

ROOT = Path(__file__).resolve().parents[1]


def test_no_data_package_shares_a_module_name():
    """`rules/` installed as `stripper.rules` hid the module stripper/rules.py in a wheel."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    for package in config["packages"]:
        parts = package.split(".")
        if len(parts) > 1:
            module = ROOT.joinpath(*parts[:-1], parts[-1] + ".py")
            assert not module.exists(), f"package {package} would shadow {module.name}"


def test_packaged_rules_folder_holds_thresholds_and_rules():
    folder = rules_dir()
    assert (folder / "thresholds.yaml").is_file()
    assert list((folder / "common").glob("*.yaml")) and list((folder / "lists").glob("stopwords-*.txt"))
