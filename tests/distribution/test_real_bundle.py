"""The repository's own skill: installs and packages cleanly (runs once SKILL.md exists)."""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from skillkit.distribution.layout import SKILL_NAME
from skillkit.distribution.record import RECORD_NAME

Runner = Callable[..., Any]
REPO_ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not (REPO_ROOT / "SKILL.md").is_file(),
    reason="no SKILL.md at the repository root, so there is no bundle to install or package",
)


def _guides() -> set[str]:
    return {
        path.relative_to(REPO_ROOT).as_posix()
        for path in (REPO_ROOT / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_default_source_installs_the_repository_skill(skillkit: Runner, user_target: Path) -> None:
    result = skillkit("install", "--scope", "user")

    assert result.code == 0, result.err
    installed = {
        path.relative_to(user_target).as_posix()
        for path in user_target.rglob("*")
        if path.is_file()
    }
    assert installed == {"SKILL.md", RECORD_NAME} | _guides()
    assert skillkit("uninstall", "--scope", "user").code == 0


def test_the_repository_skill_packages_and_validates(
    skillkit: Runner, tmp_path: Path, agentskills: str
) -> None:
    output = tmp_path / f"{SKILL_NAME}.zip"

    result = skillkit("package", "--output", output)

    assert result.code == 0, result.err
    with zipfile.ZipFile(output) as archive:
        names = {name for name in archive.namelist() if not name.endswith("/")}
        archive.extractall(tmp_path / "unpacked")
    assert names == {f"{SKILL_NAME}/{name}" for name in {"SKILL.md"} | _guides()}
    check = subprocess.run(
        [agentskills, "validate", tmp_path / "unpacked" / SKILL_NAME],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
