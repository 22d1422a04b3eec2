"""Find the skill folder, read its markdown as UTF-8, and list the markdown files it ships."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from skillkit.validate.findings import BadInput

SKILL_FILE = "SKILL.md"
# Folders that never belong to a skill: tool caches and dependencies.
_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})


def locate(path: Path) -> Path:
    """Return the absolute skill folder for PATH (a folder, or its SKILL.md)."""
    if not path.exists():
        raise BadInput(f"{path}: no such file or folder; give the path of a skill folder")
    if path.is_file():
        if path.name != SKILL_FILE:
            raise BadInput(f"{path}: is a file; give the skill folder (the one holding SKILL.md)")
        path = path.parent
    folder = path.resolve()
    try:
        names = {entry.name for entry in folder.iterdir()}
    except OSError as error:
        message = f"{path}: cannot list the folder ({error.strerror}); check its permissions"
        raise BadInput(message) from error
    if SKILL_FILE not in names:
        cased = sorted(name for name in names if name.lower() == SKILL_FILE.lower())
        if cased:
            raise BadInput(
                f"{path}: found {cased[0]} but not SKILL.md; rename it to SKILL.md "
                "(skills are loaded by that exact name)"
            )
        raise BadInput(f"{path}: no SKILL.md in this folder; give the path of a skill folder")
    return folder


def read_text(path: Path) -> str:
    """Read a file as strict UTF-8, keeping its line endings as they are."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(f"cannot read the file ({error.strerror}); check it", file=path) from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BadInput(
            f"byte 0x{data[error.start]:02x} is not UTF-8; save the file as UTF-8",
            file=path,
            line=line,
        ) from error


def is_excluded(relative: str, patterns: Iterable[str]) -> bool:
    """True when a posix path relative to the skill folder matches an exclude pattern.

    A pattern is an fnmatch glob (`*` crosses folders) or a folder name that excludes its content.
    """
    for pattern in patterns:
        if fnmatch.fnmatchcase(relative, pattern):
            return True
        folder = pattern.rstrip("/")
        if relative.startswith(folder + "/"):
            return True
    return False


def files(folder: Path) -> Iterator[Path]:
    """Every file under the folder in a stable order, skipping hidden entries and caches."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(root, name)


def markdown_files(folder: Path, exclude: Iterable[str]) -> list[Path]:
    """Every `.md` file under the skill folder, minus excluded paths."""
    patterns = tuple(exclude)
    return [
        path
        for path in files(folder)
        if path.suffix.lower() == ".md"
        and not is_excluded(path.relative_to(folder).as_posix(), patterns)
    ]
