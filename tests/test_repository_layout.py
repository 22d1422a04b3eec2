"""The repository keeps the shape its users rely on: eleven guides, one test command."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GUIDES = {
    "clean-architecture.md",
    "domain-layer.md",
    "application-layer.md",
    "api-layer.md",
    "repository-pattern.md",
    "validation-patterns.md",
    "observability.md",
    "configuration.md",
    "async-and-errors.md",
    "testing-guide.md",
    "complete-examples.md",
}


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Two commands", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.DOTALL)
    assert block, "README.md: the 'Two commands' section needs a bash block"
    return [line.split("#", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_resources_hold_exactly_the_eleven_guides() -> None:
    found = {path.name for path in (ROOT / "resources").iterdir()}
    assert found == GUIDES


def test_readme_gives_two_commands_one_serves_the_site_one_runs_every_check() -> None:
    commands = _readme_commands()
    assert commands == ["uv run mkdocs serve", "uv run pytest"]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci_lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert ci_lines[-1] == _readme_commands()[1]


def test_site_tools_are_pinned_below_mkdocs_2() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    site_group = pyproject["dependency-groups"]["site"]
    assert any(re.fullmatch(r"mkdocs>=[\d.]+,<2", spec) for spec in site_group), site_group
