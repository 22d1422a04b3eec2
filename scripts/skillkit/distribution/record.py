"""The install record: ``.skillkit-install.json`` inside an installed skill folder.

It lists every entry the install wrote with a fingerprint (``sha256:...`` for a copied file,
``link:...`` for a symbolic link), so a later run can tell an untouched install from one edited
by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

RECORD_NAME = ".skillkit-install.json"
FORMAT = 1

Mode = Literal["copy", "link"]


@dataclass(frozen=True)
class InstallRecord:
    skill: str
    mode: Mode
    source: str | None  # the linked skill root; None for a copy, which may be committed and shared
    entries: dict[str, str]  # relative path -> fingerprint

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "skill": self.skill,
            "mode": self.mode,
            "source": self.source,
            "entries": dict(sorted(self.entries.items())),
        }
        return json.dumps(data, indent=2) + "\n"


def read_record(folder: Path) -> InstallRecord | None:
    """The record in ``folder``, or None when it is missing or unreadable (not ours)."""
    path = folder / RECORD_NAME
    if not path.is_file() or path.is_symlink():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    entries = data.get("entries")
    source = data.get("source")
    if (
        not isinstance(data.get("skill"), str)
        or not (source is None or isinstance(source, str))
        or data.get("mode") not in ("copy", "link")
        or not isinstance(entries, dict)
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in entries.items())
    ):
        return None
    return InstallRecord(
        skill=cast(str, data["skill"]),
        mode=cast(Mode, data["mode"]),
        source=source,
        entries=cast(dict[str, str], entries),
    )


def write_record(folder: Path, record: InstallRecord) -> None:
    (folder / RECORD_NAME).write_text(record.to_json(), encoding="utf-8")
