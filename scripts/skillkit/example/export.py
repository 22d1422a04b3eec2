"""Write the reference service's file blocks, plus the starter files, into a folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from skillkit.example.starter import starter_files
from skillkit.snippets.engine import project_files
from skillkit.snippets.model import Document


class ExportError(Exception):
    """The export cannot be written; the message says why and what to do."""


@dataclass(frozen=True)
class Exported:
    target: Path
    service_files: int
    starter_files: tuple[str, ...]


def export_service(documents: list[Document], target: Path, *, force: bool) -> Exported:
    """Write every file block at its title path below ``target``.

    Refuses, before writing anything, when the markdown has no file blocks or a broken one, when
    ``target`` is a file, or when it is a non-empty folder and ``force`` is false.
    """
    files, problems = project_files(documents)
    if problems:
        listed = "\n".join(str(problem) for problem in problems)
        raise ExportError(f"the service's file blocks have problems; fix them first:\n{listed}")
    if not files:
        raise ExportError("no file blocks (titled code blocks) found: nothing to export")
    extra = starter_files()
    clash = sorted(set(files) & set(extra))
    if clash:
        raise ExportError(f"file blocks claim paths the export writes itself: {', '.join(clash)}")
    if target.exists() and not target.is_dir():
        raise ExportError(f"{target}: exists and is not a folder; choose a new or empty folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise ExportError(
            f"{target}: folder is not empty; choose a new or empty folder, or pass --force "
            "to write over the files it has"
        )
    for path, block in sorted(files.items()):
        _write(target / path, block.code)
    for path, text in extra.items():
        _write(target / path, text)
    (target / ".env").chmod(0o600)
    return Exported(target=target, service_files=len(files), starter_files=tuple(extra))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
