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
    assert (settings.reference_max_lines, settings.reference_max_tokens) == (500, 6500)
    assert settings.file_budgets == {
        "resources/complete-examples.md": config.FileBudget(lines=3600, tokens=37000)
    }


def test_every_guide_is_measured_against_a_budget(validate: Callable[..., Outcome]) -> None:
    needs_skill_md()
    references = validate(REPO, "--json").report()["references"]
    guides = sorted(path.relative_to(REPO).as_posix() for path in REPO.glob("resources/*.md"))
    assert [reference["path"] for reference in references] == guides
    for reference in references:
        assert reference["lines"] <= reference["max_lines"], reference
        assert reference["tokens"] <= reference["max_tokens"], reference


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
