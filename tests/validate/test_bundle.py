"""This repository's own skill passes its validator, at the root and as installed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from skillkit.validate import config
from skillkit.validate.rules import RULES

if TYPE_CHECKING:  # conftest is not importable at run time under --import-mode=importlib
    from tests.validate.conftest import Outcome

REPO = Path(__file__).resolve().parents[2]
SKILL_NAME = "backend-python-dev-guidelines"
# What an installed copy holds (README: `cp -r SKILL.md resources ...`).
SHIPPED = ("SKILL.md", "resources")


def needs_skill_md() -> None:
    if not (REPO / "SKILL.md").exists():
        pytest.skip("the repository has no SKILL.md yet")


def test_repository_settings() -> None:
    settings = config.load(REPO)
    assert settings.source == REPO / "pyproject.toml"
    assert settings.max_lines == 200
    assert settings.max_tokens == config.DEFAULT_MAX_TOKENS


def test_repository_root_passes(validate: Callable[..., Outcome]) -> None:
    needs_skill_md()
    outcome = validate(REPO)
    assert outcome.code == 0, outcome.out


def test_installed_layout_passes_every_rule(
    tmp_path: Path, validate: Callable[..., Outcome]
) -> None:
    """Copied as Claude Code installs it, even the folder-name rule applies."""
    needs_skill_md()
    installed = tmp_path / SKILL_NAME
    installed.mkdir()
    for name in SHIPPED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, installed / name)
        elif source.exists():
            shutil.copy2(source, installed / name)
    outcome = validate(installed, "--max-lines", "200")
    assert outcome.code == 0, outcome.out


def test_readme_documents_every_rule() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("### The bundle validator")
    section = readme[start : readme.index("\n### ", start + 1)]
    documented = set(re.findall(r"^\| `([a-z]+/[a-z-]+)` \|", section, flags=re.MULTILINE))
    assert documented == set(RULES)
