"""Put the skill into a Claude Code skills folder, or take it out, without losing hand edits.

A folder is replaced only when it is absent, untouched since skillkit wrote it, or ``force`` is
set. New contents are built in a hidden sibling folder and swapped in, so a failure half way
never leaves a half-written skill where Claude Code reads it.
"""

from __future__ import annotations

import enum
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from skillkit.distribution.bundle import Bundle
from skillkit.distribution.drift import compare, describe
from skillkit.distribution.fingerprint import file_fingerprint, link_fingerprint, observe
from skillkit.distribution.layout import RUNTIME_PATHS, SKILL_NAME
from skillkit.distribution.record import InstallRecord, Mode, read_record, write_record


class Status(enum.Enum):
    INSTALLED = "installed"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REMOVED = "removed"
    ABSENT = "absent"
    REFUSED = "refused"


@dataclass(frozen=True)
class Outcome:
    status: Status
    target: Path
    details: list[str] = field(default_factory=list)
    reason: str = ""  # why a run was refused


def expected_entries(bundle: Bundle, mode: Mode) -> dict[str, str]:
    """What the installed folder must hold: copied files by hash, or one link per runtime path."""
    if mode == "copy":
        return {item.relative: file_fingerprint(item.path) for item in bundle.files}
    return {
        entry: link_fingerprint(bundle.root / entry)
        for entry in RUNTIME_PATHS
        if (bundle.root / entry).exists()
    }


def _build(bundle: Bundle, mode: Mode, record: InstallRecord, parent: Path) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=f".{SKILL_NAME}.", dir=parent))
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; a skill folder is an ordinary folder
        if mode == "copy":
            for item in bundle.files:
                destination = staging / item.relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(item.path, destination)
        else:
            # One link per runtime path, inside a real folder: linking the whole skill root would
            # also expose the repository's .claude-plugin/, which Claude Code would then load as
            # a skills-directory plugin instead of a plain skill.
            for entry in RUNTIME_PATHS:
                if (bundle.root / entry).exists():
                    (staging / entry).symlink_to(bundle.root / entry)
        write_record(staging, record)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _remove(path: Path) -> None:
    """Delete a folder, or only the link when ``path`` is a symbolic link (never its target)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    else:
        shutil.rmtree(path)


def _swap_in(staging: Path, target: Path) -> None:
    if not (target.exists() or target.is_symlink()):
        staging.rename(target)
        return
    retired = target.with_name(f"{staging.name}.old")
    target.rename(retired)
    try:
        staging.rename(target)
    except BaseException:
        retired.rename(target)  # put the previous install back
        raise
    _remove(retired)


def _not_ours(target: Path) -> list[str]:
    if target.is_symlink():
        return [f"  {target} is a symbolic link to {target.readlink()}"]
    if not target.is_dir():
        return [f"  {target} is a file, not a folder"]
    return [f"  A {relative}" for relative in sorted(observe(target))]


NOT_OURS = "exists and was not installed by skillkit (it has no readable install record)"
EDITED = "was edited by hand since skillkit installed it"


def _refusal(target: Path, record: InstallRecord | None, reference: Path | None) -> Outcome | None:
    """A refusal when ``target`` is not exactly what skillkit wrote there; None when it is."""
    if record is None or target.is_symlink() or not target.is_dir():
        return Outcome(Status.REFUSED, target, _not_ours(target), NOT_OURS)
    drift = compare(record.entries, observe(target))
    if drift:
        return Outcome(Status.REFUSED, target, describe(drift, target, reference), EDITED)
    return None


def install(bundle: Bundle, target: Path, mode: Mode, force: bool) -> Outcome:
    # A copy records no source path: a project install is committed, and a path from one machine
    # means nothing (and tells too much) on another.
    source = str(bundle.root) if mode == "link" else None
    record = InstallRecord(SKILL_NAME, mode, source, expected_entries(bundle, mode))
    present = target.exists() or target.is_symlink()
    ours = present and target.is_dir() and not target.is_symlink()
    previous = read_record(target) if ours else None
    if present:
        refusal = _refusal(target, previous, bundle.root)
        if refusal is not None and not force:
            return refusal
        if refusal is None and previous == record:
            return Outcome(Status.UNCHANGED, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = _build(bundle, mode, record, target.parent)
    try:
        _swap_in(staging, target)
    except BaseException:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        raise
    if not present:
        return Outcome(Status.INSTALLED, target)
    changes = compare(previous.entries if previous else {}, record.entries)
    details = [f"  M {relative}" for relative in changes.modified]
    details += [f"  D {relative}" for relative in changes.missing]
    details += [f"  A {relative}" for relative in changes.added]
    if previous is not None and previous.mode != mode:
        details.insert(0, f"  mode {previous.mode} -> {mode}")
    return Outcome(Status.UPDATED, target, details)


def uninstall(target: Path, force: bool) -> Outcome:
    if not (target.exists() or target.is_symlink()):
        return Outcome(Status.ABSENT, target)
    record = read_record(target) if target.is_dir() and not target.is_symlink() else None
    reference = Path(record.source) if record is not None and record.source else None
    refusal = _refusal(target, record, reference)
    if refusal is not None and not force:
        return refusal
    _remove(target)
    return Outcome(Status.REMOVED, target)
