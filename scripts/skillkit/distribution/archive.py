"""A zip archive that is byte-identical for identical inputs.

Fixed timestamps (1980-01-01, the zip epoch), sorted entry order, fixed permissions (0644 files,
0755 folders), one compression method and level, no extra fields.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644
DIR_MODE = 0o040755
UNIX = 3  # "made by" system: makes the permission bits meaningful to unzip tools
MSDOS_DIRECTORY = 0x10


def _entry(name: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
    info.create_system = UNIX
    info.external_attr = mode << 16
    if name.endswith("/"):
        info.external_attr |= MSDOS_DIRECTORY
        info.compress_type = zipfile.ZIP_STORED
    else:
        info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _members(folder: Path, top: str) -> list[tuple[str, Path | None]]:
    members: list[tuple[str, Path | None]] = [(f"{top}/", None)]
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).as_posix()
        if path.is_dir():
            members.append((f"{top}/{relative}/", None))
        else:
            members.append((f"{top}/{relative}", path))
    return sorted(members)


def write_zip(folder: Path, output: Path, top: str) -> int:
    """Zip ``folder``'s contents under the top-level folder ``top``; returns the file count.

    Written to a temporary file beside ``output`` and renamed, so a reader never sees half a zip.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    os.close(handle)
    files = 0
    try:
        with zipfile.ZipFile(temporary, "w", compresslevel=9) as archive:
            for name, path in _members(folder, top):
                if path is None:
                    archive.writestr(_entry(name, DIR_MODE), b"")
                else:
                    archive.writestr(_entry(name, FILE_MODE), path.read_bytes())
                    files += 1
        Path(temporary).chmod(0o644)  # mkstemp makes it private; the zip is for sharing
        Path(temporary).replace(output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return files
