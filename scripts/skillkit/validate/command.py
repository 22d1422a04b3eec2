"""`skillkit validate PATH`: exit 0 when the skill is clean, 1 with findings, 2 on bad input."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from skillkit.validate import config, report, runner, skill_folder
from skillkit.validate.findings import BadInput
from skillkit.validate.tokens import TOKENIZER


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help="the skill folder (or its SKILL.md)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--max-lines",
        type=_positive,
        help=f"SKILL.md line budget (default {config.DEFAULT_MAX_LINES})",
    )
    parser.add_argument(
        "--max-tokens",
        type=_positive,
        help=f"SKILL.md token budget (default {config.DEFAULT_MAX_TOKENS}; {TOKENIZER})",
    )
    parser.add_argument(
        "--reference-max-lines",
        type=_positive,
        help="line budget of each other markdown file (default: none; per-file budgets in "
        "[tool.skillkit.validate.budgets] still apply)",
    )
    parser.add_argument(
        "--reference-max-tokens",
        type=_positive,
        help=f"token budget of each other markdown file (default: none; {TOKENIZER})",
    )
    parser.add_argument(
        "--max-description-chars",
        type=_positive,
        help=f"description budget in characters (default {config.SPEC_MAX_DESCRIPTION})",
    )
    parser.add_argument(
        "--ignore", action="append", default=[], metavar="RULE", help="skip a rule (repeatable)"
    )
    parser.add_argument(
        "--isolated", action="store_true", help="ignore [tool.skillkit.validate] in pyproject.toml"
    )


def _settings(args: argparse.Namespace, folder: Path) -> config.Settings:
    settings = config.Settings() if args.isolated else config.load(folder)
    if args.max_lines is not None:
        settings = replace(settings, max_lines=args.max_lines)
    if args.max_tokens is not None:
        settings = replace(settings, max_tokens=args.max_tokens)
    if args.reference_max_lines is not None:
        settings = replace(settings, reference_max_lines=args.reference_max_lines)
    if args.reference_max_tokens is not None:
        settings = replace(settings, reference_max_tokens=args.reference_max_tokens)
    if args.max_description_chars is not None:
        if args.max_description_chars > config.SPEC_MAX_DESCRIPTION:
            raise BadInput(f"--max-description-chars cannot exceed {config.SPEC_MAX_DESCRIPTION}")
        settings = replace(settings, max_description_chars=args.max_description_chars)
    ignored = settings.ignore | config.known_rules(list(args.ignore))
    return replace(settings, ignore=ignored)


def run(args: argparse.Namespace) -> int:
    try:
        folder = skill_folder.locate(args.path)
        result = runner.validate(folder, _settings(args, folder))
    except BadInput as error:
        if args.json:
            print(report.bad_input_json(error))
        print(report.bad_input(error), file=sys.stderr)
        return 2
    print(report.as_json(result) if args.json else report.text(result))
    return 1 if result.findings else 0
