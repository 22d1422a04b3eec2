"""Fixtures for the distribution tests: small skill folders, a private HOME, a CLI runner."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from skillkit.cli import main
from skillkit.distribution.layout import SKILL_NAME

REPO_ROOT = Path(__file__).resolve().parents[2]
SKILL_MD = f"""---
name: {SKILL_NAME}
description: Build Python backends in layers. Use when writing FastAPI services.
license: MIT
---

# Backend guidelines

Read [the domain guide](resources/domain-layer.md), then [notes](resources/nested/notes.md).
"""


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


Runner = Callable[..., Result]


def _tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: file contents, or ``-> target`` for a symbolic link."""
    found: dict[str, str] = {}
    for current, dir_names, file_names in os.walk(folder):
        here = Path(current)
        for name in list(dir_names):
            if (here / name).is_symlink():
                found[(here / name).relative_to(folder).as_posix()] = (
                    f"-> {(here / name).readlink()}"
                )
                dir_names.remove(name)
        for name in file_names:
            path = here / name
            relative = path.relative_to(folder).as_posix()
            found[relative] = (
                f"-> {path.readlink()}" if path.is_symlink() else path.read_text(encoding="utf-8")
            )
    return found


@pytest.fixture
def tree() -> Callable[[Path], dict[str, str]]:
    """Read a folder as {relative path: file text, or "-> target" for a symbolic link}."""
    return _tree


@pytest.fixture
def skill_md() -> str:
    """The text of the fixture skill's SKILL.md."""
    return SKILL_MD


@pytest.fixture
def skill_source(tmp_path: Path) -> Path:
    """A minimal valid skill root: SKILL.md and two guides."""
    root = tmp_path / "source"
    (root / "resources" / "nested").mkdir(parents=True)
    (root / "SKILL.md").write_text(SKILL_MD, encoding="utf-8")
    (root / "resources" / "domain-layer.md").write_text("# Domain\n\nEntities.\n", "utf-8")
    (root / "resources" / "nested" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    return root


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private HOME, so user-scope installs never touch the real one."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def user_target(home: Path) -> Path:
    return home / ".claude" / "skills" / SKILL_NAME


@pytest.fixture
def skillkit(capsys: pytest.CaptureFixture[str]) -> Iterator[Runner]:
    """Run ``skillkit ARGS...`` in this process and capture its exit code and output."""

    def run(*argv: str | Path) -> Result:
        capsys.readouterr()
        code = main([str(arg) for arg in argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    yield run


@pytest.fixture
def agentskills() -> str:
    """The real ``agentskills`` command of skills-ref, next to this interpreter."""
    found = shutil.which("agentskills", path=str(Path(sys.executable).parent))
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("agentskills (PyPI skills-ref) is not installed; run 'uv sync'")
        pytest.skip("agentskills (PyPI skills-ref) is not installed; run 'uv sync'")
    return found
