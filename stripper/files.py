"""The `strip` command's file handling: one file or stdin to stdout, a folder to a folder.

Naming is fixed because evaluation scripts rely on it: `X.html`, `X.htm`, `X.in.txt` and
`X.txt` in the input folder become `DIR/X.txt` (or `.json` / `.md` by format).
"""
from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Iterator

from .api import strip
from .assemble import explain, to_markdown
from .config import Config
from .errors import StripperError
from .model import Result

log = logging.getLogger(__name__)
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".in.txt", ".txt")
EXTENSIONS = {"text": ".txt", "json": ".json", "markdown": ".md"}


def doc_name(path: Path) -> tuple[str, str] | None:
    """(stem, mode) of an input file by its name, or None when it is not a page."""
    name = path.name
    for suffix in HTML_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)], "html"
    for suffix in TEXT_SUFFIXES:
        if name.lower().endswith(suffix):
            if name.lower().endswith(".gold.txt"):
                return None
            return name[: -len(suffix)], "text"
    return None


def iter_folder(folder: Path) -> Iterator[tuple[Path, str, str]]:
    """(path, stem, mode) for every page file in `folder`, sorted, not recursive."""
    for path in sorted(folder.iterdir()):
        named = doc_name(path) if path.is_file() else None
        if named:
            yield path, named[0], named[1]


def render(result: Result, fmt: str, *, with_explain: bool = False) -> str:
    """The output for one document in the chosen format."""
    if with_explain:
        return explain(result) + "\n"
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return to_markdown(result)
    return result.text


def strip_one(data: bytes, *, url: str | None, mode: str, config: Config | None) -> Result:
    return strip(data, url=url, mode=mode, config=config)


def strip_folder(folder: Path, out: Path, *, mode: str, fmt: str, url: str | None, config: Config | None) -> int:
    """Write DIR/X.<ext> for every page in `folder`; failures are logged, counted, not fatal."""
    out.mkdir(parents=True, exist_ok=True)
    failures = 0
    for path, stem, guessed in iter_folder(folder):
        try:
            result = strip_one(path.read_bytes(), url=url, mode=guessed if mode == "auto" else mode, config=config)
            text = render(result, fmt)
        except (StripperError, OSError) as err:
            failures += 1
            log.error("%s: %s", path, err)
            text = ""
        _write_atomic(out / f"{stem}{EXTENSIONS[fmt]}", text)
    return failures


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def read_input(source: str) -> tuple[bytes, str]:
    """Bytes of a file or of stdin ('-'), and the mode its name suggests."""
    if source == "-":
        return sys.stdin.buffer.read(), "auto"
    path = Path(source)
    named = doc_name(path)
    return path.read_bytes(), named[1] if named else "auto"
