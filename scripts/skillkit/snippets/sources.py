"""Which markdown files to check, and reading them into documents."""

from __future__ import annotations

import os
from pathlib import Path

from skillkit.snippets.extract import read_document
from skillkit.snippets.model import Document


class BadInputError(ValueError):
    """A path the user gave cannot be checked; the message says why."""


def default_sources(root: Path) -> list[Path]:
    """``SKILL.md`` and ``resources/*.md`` of the repository, those that exist."""
    found = [root / "SKILL.md"] if (root / "SKILL.md").is_file() else []
    resources = root / "resources"
    if resources.is_dir():
        found += sorted(resources.glob("*.md"))
    return found


def resolve_paths(paths: list[Path], root: Path) -> list[Path]:
    resolved: list[Path] = []
    for path in paths:
        if path.is_dir():
            resolved += sorted(path.rglob("*.md"))
        elif not path.exists():
            raise BadInputError(f"{path}: no such file or folder; give a markdown file or folder")
        elif path.suffix.lower() not in {".md", ".markdown"}:
            raise BadInputError(
                f"{path}: not a markdown file (.md); give a markdown file or folder"
            )
        else:
            resolved.append(path)
    return resolved


def unique_paths(paths: list[Path]) -> list[Path]:
    """``paths`` without repeats of one file, in their first order."""
    seen: set[Path] = set()
    kept = []
    for path in paths:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            kept.append(path)
    return kept


def display_path(path: Path, root: Path) -> str:
    """The path as findings show it: relative to the repository when inside it."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return os.path.relpath(absolute) if not path.is_absolute() else absolute.as_posix()


def load_documents(paths: list[Path], root: Path) -> list[Document]:
    documents = []
    for path in paths:
        try:
            documents.append(read_document(path, display_path(path, root)))
        except OSError as error:
            raise BadInputError(f"{path}: cannot be read ({error.strerror})") from None
    return documents
