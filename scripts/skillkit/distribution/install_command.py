"""``skillkit install``: put the skill where Claude Code finds it.

Copies (default) or links SKILL.md and resources/ into ``~/.claude/skills/NAME/`` or
``DIR/.claude/skills/NAME/``. A second run with the same sources changes nothing; a run after the
sources changed updates the install; an install edited by hand is left alone unless ``--force``.
"""

from __future__ import annotations

import argparse

from skillkit.distribution.bundle import read_bundle
from skillkit.distribution.errors import BadInput
from skillkit.distribution.installer import Status, install
from skillkit.distribution.record import Mode
from skillkit.distribution.report import bad_input, complain, say
from skillkit.distribution.source import resolve_root
from skillkit.distribution.targets import add_scope_arguments, skill_target

NAME = "install"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_scope_arguments(parser)
    parser.add_argument(
        "--source", metavar="DIR", help="the skill root to install (default: this repository)"
    )
    parser.add_argument(
        "--link",
        action="store_true",
        help="link to the source files instead of copying them (edits show up at once)",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace an install that was edited by hand"
    )


def run(args: argparse.Namespace) -> int:
    try:
        root = resolve_root(args.source)
        target = skill_target(args)
        if target == root or root in target.parents:
            raise BadInput(
                f"{target}: the install folder lies in the source; pick another --source"
            )
        bundle = read_bundle(root)
    except BadInput as error:
        return bad_input(NAME, error)
    if bundle.skipped:
        complain(NAME, [f"{root / item}: symbolic link left out" for item in bundle.skipped])
    mode: Mode = "link" if args.link else "copy"
    outcome = install(bundle, target, mode, args.force)
    if outcome.status is Status.REFUSED:
        complain(
            NAME,
            [
                f"{target}: {outcome.reason}; left as it is."
                " Keep your edits elsewhere, then re-run with --force to replace it:",
                *outcome.details,
            ],
        )
        return 1
    if outcome.status is Status.UNCHANGED:
        say(f"{target}: already up to date ({mode}); nothing to do")
        return 0
    files = len(bundle.files)
    say(f"{target}: {outcome.status.value} ({mode}, {files} files from {root})", *outcome.details)
    return 0
