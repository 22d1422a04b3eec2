"""What a check reports: a finding with a stable rule id, or bad input that stops the run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at `file:line`: what is wrong (`message`) and what to do (`fix`)."""

    file: Path
    line: int
    rule: str
    message: str
    fix: str


class BadInput(Exception):
    """The input cannot be checked at all (exit code 2); the message says why and what to do."""

    def __init__(self, message: str, file: Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
