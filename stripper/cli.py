"""Command line: argparse only. Every command delegates to the module that does the work."""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path

from . import __version__

# subcommand -> module exposing add_arguments(parser) and run(args) -> exit code
DELEGATES = {
    "eval": ("stripper.evaluate", "score stripper and peer tools against gold copies"),
    "batch": ("stripper.batch", "preprocess files, folders, JSONL and WARC on every core"),
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING if not getattr(args, "verbose", False) else logging.INFO,
                        format="stripper: %(levelname)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stripper", description="Keep the article's text, drop the page chrome.")
    parser.add_argument("--version", action="version", version=f"stripper {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_strip(sub)
    _add_rules(sub)
    for name, (module_name, help_text) in DELEGATES.items():
        p = sub.add_parser(name, help=help_text)
        try:
            module = importlib.import_module(module_name)
        except ImportError as err:
            p.set_defaults(func=lambda args, err=err: _missing(err))
            continue
        module.add_arguments(p)
        p.set_defaults(func=module.run)
    return parser


def _missing(err: ImportError) -> int:
    print(f"stripper: this command is unavailable: {err}", file=sys.stderr)
    return 2


def _config_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", action="append", default=[], type=Path, help="extra rule file or folder (repeatable)")
    p.add_argument("--preset", choices=["precision", "recall"], help="threshold preset laid over the defaults")
    p.add_argument("--thresholds", action="append", default=[], type=Path, help="thresholds YAML laid on top")


def config_from(args: argparse.Namespace):
    """The Config the arguments ask for (the shared default when they ask for nothing)."""
    from .config import default_config, load_config

    if not (args.rules or args.preset or args.thresholds):
        return default_config()
    return load_config(rules=args.rules, thresholds=args.thresholds, preset=args.preset)


def _add_strip(sub) -> None:
    p = sub.add_parser("strip", help="strip one file, stdin, or every page of a folder")
    p.add_argument("path", help="a file, a folder, or - for stdin")
    p.add_argument("--out", type=Path, help="output folder (required for a folder input)")
    p.add_argument("--mode", choices=["auto", "html", "text"], default="auto")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    p.add_argument("--explain", action="store_true", help="show every block with its decision and reason")
    p.add_argument("--url", help="the page's URL (selects site rules)")
    p.add_argument("--stream", action="store_true",
                   help="text mode over many flattened documents split by --separator lines, read line by "
                        "line (one document in memory); writes them in the same form, or JSONL with --format json")
    p.add_argument("--separator", default="\\f",
                   help="line that ends a document in --stream input (backslash escapes allowed; default \\f)")
    p.add_argument("-v", "--verbose", action="store_true")
    _config_arguments(p)
    p.set_defaults(func=_run_strip)


def _run_strip(args: argparse.Namespace) -> int:
    from .errors import StripperError
    from .files import read_input, render, strip_folder, strip_one

    try:
        config = config_from(args)
    except StripperError as err:
        print(f"stripper: {err}", file=sys.stderr)
        return 2
    if args.stream:
        return _run_stream(args, config)
    source = Path(args.path)
    if args.path != "-" and source.is_dir():
        if args.out is None:
            print("stripper: a folder input needs --out DIR", file=sys.stderr)
            return 2
        failures = strip_folder(source, args.out, mode=args.mode, fmt=args.format, url=args.url, config=config)
        return 1 if failures else 0
    try:
        data, guessed = read_input(args.path)
        result = strip_one(data, url=args.url, mode=guessed if args.mode == "auto" else args.mode, config=config)
    except (StripperError, OSError) as err:
        print(f"stripper: {args.path}: {err}", file=sys.stderr)
        return 1
    sys.stdout.write(render(result, args.format, with_explain=args.explain))
    return 0


def _run_stream(args: argparse.Namespace, config) -> int:
    """`strip --stream`: exit 0 when every document was stripped, 1 when any failed."""
    import codecs
    import io

    from .streaming import strip_stream

    separator = codecs.decode(args.separator, "unicode_escape")
    try:
        stream = (io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace") if args.path == "-"
                  else open(args.path, encoding="utf-8", errors="replace"))
    except OSError as err:
        print(f"stripper: {args.path}: {err}", file=sys.stderr)
        return 1
    failed = 0
    with stream:
        for item in strip_stream(stream, separator=separator, url=args.url, config=config):
            if args.format == "json":
                sys.stdout.write(item.to_json() + "\n")
            elif item.result is not None:
                text = item.result.text
                sys.stdout.write(text + ("" if text.endswith("\n") or not text else "\n") + separator + "\n")
            else:
                sys.stdout.write(separator + "\n")  # the record stays, empty: documents keep their places
            if item.error:
                failed += 1
                print(f"stripper: document {item.index}: {item.error}", file=sys.stderr)
    return 1 if failed else 0


def _add_rules(sub) -> None:
    p = sub.add_parser("rules", help="work with rule files")
    rsub = p.add_subparsers(dest="rules_command", required=True)
    check = rsub.add_parser("check", help="validate rule files (the packaged ones by default)")
    check.add_argument("paths", nargs="*", type=Path, help="rule files or folders")
    check.set_defaults(func=_run_rules_check)


def _run_rules_check(args: argparse.Namespace) -> int:
    from .config import load_config
    from .errors import StripperError
    from .rulecheck import check_examples

    try:
        config = load_config(rules=args.paths, defaults=not args.paths)
    except StripperError as err:
        print(f"stripper: {err}", file=sys.stderr)
        return 1
    problems = check_examples(config.rules)
    for problem in problems:
        print(f"stripper: {problem}", file=sys.stderr)
    count = len(config.rules.rules)
    print(f"{count} rules OK" if not problems else f"{len(problems)} problem(s) in {count} rules")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
