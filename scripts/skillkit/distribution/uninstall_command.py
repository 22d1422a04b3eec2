"""``skillkit uninstall``: remove the installed skill from a Claude Code skills folder.

Takes the same ``--scope``/``--project`` options as install. Removes only what skillkit installed
and nobody changed since; ``--force`` removes an edited install too. A linked install loses its
links only: the source files stay.
"""

from __future__ import annotations

import argparse

from skillkit.distribution.errors import BadInput
from skillkit.distribution.installer import Status, uninstall
from skillkit.distribution.report import bad_input, complain, say
from skillkit.distribution.targets import add_scope_arguments, skill_target

NAME = "uninstall"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_scope_arguments(parser)
    parser.add_argument(
        "--force", action="store_true", help="remove the install even if it was edited by hand"
    )


def run(args: argparse.Namespace) -> int:
    try:
        target = skill_target(args)
    except BadInput as error:
        return bad_input(NAME, error)
    outcome = uninstall(target, args.force)
    if outcome.status is Status.REFUSED:
        complain(
            NAME,
            [
                f"{target}: {outcome.reason}; left as it is."
                " Re-run with --force to remove it anyway:",
                *outcome.details,
            ],
        )
        return 1
    if outcome.status is Status.ABSENT:
        say(f"{target}: not installed; nothing to do")
        return 0
    say(f"{target}: removed")
    return 0
