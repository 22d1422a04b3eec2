"""Printing for the distribution commands: results to stdout, problems to stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from skillkit.distribution.errors import BadInput


def say(*lines: str) -> None:
    for line in lines:
        print(line)


def complain(command: str, lines: Iterable[str]) -> None:
    for line in lines:
        print(f"skillkit {command}: {line}" if not line.startswith(" ") else line, file=sys.stderr)


def bad_input(command: str, error: BadInput) -> int:
    complain(command, [str(error)])
    return 2
