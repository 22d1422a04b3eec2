"""Where Claude Code looks for skills: the ``--scope`` options shared by install and uninstall."""

from __future__ import annotations

import argparse
from pathlib import Path

from skillkit.distribution.errors import BadInput
from skillkit.distribution.layout import SKILL_NAME


def add_scope_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scope",
        choices=("user", "project"),
        required=True,
        help="user: ~/.claude/skills/ (every project); project: DIR/.claude/skills/ (one project)",
    )
    parser.add_argument(
        "--project",
        metavar="DIR",
        help="the project folder for --scope project (default: the working folder)",
    )


def skill_target(args: argparse.Namespace) -> Path:
    """The folder the skill lives in for the chosen scope: ``.../.claude/skills/NAME``."""
    if args.scope == "user":
        if args.project is not None:
            raise BadInput("--project applies only to --scope project; drop it or change scope")
        try:
            base = Path.home()
        except RuntimeError as error:
            raise BadInput(f"cannot find the home folder ({error}); set HOME") from error
    else:
        base = Path(args.project).expanduser() if args.project else Path.cwd()
        if not base.is_dir():
            raise BadInput(f"{base}: project folder does not exist; pass an existing --project DIR")
    return base.resolve() / ".claude" / "skills" / SKILL_NAME
