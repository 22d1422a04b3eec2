"""How an installed folder differs from its record, told as a unified diff summary."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MAX_DIFF_LINES = 40  # per file; the rest is counted, not shown


@dataclass(frozen=True)
class Drift:
    modified: tuple[str, ...]
    missing: tuple[str, ...]
    added: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.modified or self.missing or self.added)


def compare(expected: Mapping[str, str], observed: Mapping[str, str]) -> Drift:
    return Drift(
        modified=tuple(
            sorted(k for k in expected.keys() & observed.keys() if expected[k] != observed[k])
        ),
        missing=tuple(sorted(expected.keys() - observed.keys())),
        added=tuple(sorted(observed.keys() - expected.keys())),
    )


def _text(path: Path) -> list[str] | None:
    """The file's lines, or None when it is missing, a link, or not UTF-8 text."""
    if path.is_symlink() or not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return None


def _file_diff(relative: str, installed: Path, reference: Path | None) -> list[str]:
    if reference is None:
        return [f"  M {relative} (changed since it was installed)"]
    ours = _text(reference)
    theirs = _text(installed)
    if ours is None or theirs is None:
        return [f"  M {relative} (not comparable as text)"]
    diff = list(
        difflib.unified_diff(ours, theirs, f"skill/{relative}", f"installed/{relative}", n=1)
    )
    added = sum(1 for line in diff if line.startswith("+") and not line.startswith("+++"))
    removed = sum(1 for line in diff if line.startswith("-") and not line.startswith("---"))
    lines = [f"  M {relative} (+{added} -{removed} lines against the skill)"]
    shown = [f"    {line.rstrip()}" for line in diff[:MAX_DIFF_LINES]]
    lines += shown
    if len(diff) > MAX_DIFF_LINES:
        lines.append(f"    ... {len(diff) - MAX_DIFF_LINES} more diff lines")
    return lines


def describe(drift: Drift, installed: Path, reference: Path | None) -> list[str]:
    """One line per changed entry (M modified, D deleted, A added by hand), with the diff of each
    modified text file against ``reference`` (the skill root), when there is one."""
    lines: list[str] = []
    for relative in drift.modified:
        source = reference / relative if reference is not None else None
        lines += _file_diff(relative, installed / relative, source)
    lines += [f"  D {relative} (deleted from the install)" for relative in drift.missing]
    lines += [f"  A {relative} (added to the install)" for relative in drift.added]
    return lines
