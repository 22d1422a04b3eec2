"""The list of files that make up the skill, read from a skill root."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from skillkit.distribution.junk import is_junk_dir, is_junk_file
from skillkit.distribution.layout import RUNTIME_PATHS


@dataclass(frozen=True)
class BundleFile:
    relative: str  # POSIX path under the skill root, e.g. "resources/domain-layer.md"
    path: Path  # where it is on disk


@dataclass(frozen=True)
class Bundle:
    root: Path
    files: tuple[BundleFile, ...]  # sorted by relative path
    skipped: tuple[str, ...]  # symbolic links left out, relative paths


def _shippable_link(root: Path, path: Path) -> bool:
    """A link to a regular file inside the skill root ships as that file's content."""
    target = path.resolve()
    return target.is_file() and target.is_relative_to(root.resolve())


def _walk(root: Path, top: Path) -> tuple[list[BundleFile], list[str]]:
    files: list[BundleFile] = []
    skipped: list[str] = []
    for folder, dir_names, file_names in os.walk(top):
        here = Path(folder)
        kept = []
        for name in sorted(dir_names):
            sub = here / name
            if sub.is_symlink():
                skipped.append(sub.relative_to(root).as_posix())
            elif not is_junk_dir(sub):
                kept.append(name)
        dir_names[:] = kept
        for name in sorted(file_names):
            path = here / name
            relative = PurePosixPath(path.relative_to(root).as_posix())
            if is_junk_file(relative):
                continue
            if path.is_symlink() and not _shippable_link(root, path):
                skipped.append(relative.as_posix())
                continue
            files.append(BundleFile(relative.as_posix(), path))
    return files, skipped


def read_bundle(root: Path) -> Bundle:
    """Every file under the runtime paths, minus junk. Links to files inside the root ship as
    copies; other links (folders, or anything outside the root) are left out and reported."""
    files: list[BundleFile] = []
    skipped: list[str] = []
    for entry in RUNTIME_PATHS:
        path = root / entry
        if path.is_symlink() and not _shippable_link(root, path):
            skipped.append(entry)
        elif path.is_file():
            files.append(BundleFile(entry, path))
        elif path.is_dir():
            found, left_out = _walk(root, path)
            files += found
            skipped += left_out
    files.sort(key=lambda item: item.relative)
    return Bundle(root=root, files=tuple(files), skipped=tuple(sorted(skipped)))
