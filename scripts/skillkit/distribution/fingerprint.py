"""Fingerprints of folder contents, comparable with an install record's entries."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from skillkit.distribution.record import RECORD_NAME


def file_fingerprint(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def link_fingerprint(target: Path | str) -> str:
    return f"link:{target}"


def observe(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (except the record), without following symbolic links."""
    seen: dict[str, str] = {}
    for current, dir_names, file_names in os.walk(folder):
        here = Path(current)
        for name in list(dir_names):
            path = here / name
            if path.is_symlink():
                seen[path.relative_to(folder).as_posix()] = link_fingerprint(path.readlink())
                dir_names.remove(name)
        for name in file_names:
            path = here / name
            relative = path.relative_to(folder).as_posix()
            if relative == RECORD_NAME:
                continue
            if path.is_symlink():
                seen[relative] = link_fingerprint(path.readlink())
            else:
                seen[relative] = file_fingerprint(path)
    return seen
