"""Budgets and scope come from flags, then `[tool.skillkit.validate]`, then the defaults."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # conftest is not importable at run time under --import-mode=importlib
    from tests.validate.conftest import Outcome

Stage = Callable[[str], Path]
Validate = Callable[..., "Outcome"]


def test_defaults_are_anthropic_guidance(stage: Stage, validate: Validate) -> None:
    report = validate(stage("valid-skill"), "--json").report()
    assert (report["skill_md"]["max_lines"], report["skill_md"]["max_tokens"]) == (500, 5000)
    assert report["settings_file"] is None
    assert report["tokenizer"].startswith("anthropic-tokenizer ")


def test_flag_overrides_pyproject(stage: Stage, validate: Validate) -> None:
    folder = stage("budget-lines")  # its pyproject.toml sets max-lines = 8
    assert validate(folder, "--max-lines", "100").code == 0
    assert validate(folder, "--isolated").code == 0
    outcome = validate(folder, "--json")
    assert outcome.report()["settings_file"] == str(folder / "pyproject.toml")


def test_pyproject_of_the_enclosing_repository(stage: Stage, validate: Validate) -> None:
    folder = stage("valid-skill")
    (folder.parent / "pyproject.toml").write_text("[tool.skillkit.validate]\nmax-tokens = 10\n")
    assert validate(folder, "--json").rules() == {"budget/tokens"}


def test_lookup_stops_at_the_repository_root(stage: Stage, validate: Validate) -> None:
    folder = stage("valid-skill")
    (folder / ".git").mkdir()
    (folder.parent / "pyproject.toml").write_text("[tool.skillkit.validate]\nmax-tokens = 10\n")
    assert validate(folder).code == 0


def test_ignore_from_flag_and_pyproject(stage: Stage, validate: Validate) -> None:
    folder = stage("links-local-url")
    assert validate(folder, "--json").rules() == {"links/local-url", "reach/not-linked"}
    assert validate(folder, "--json", "--ignore", "links/local-url").rules() == {"reach/not-linked"}
    (folder / "pyproject.toml").write_text(
        '[tool.skillkit.validate]\nignore = ["reach/not-linked"]\n'
    )
    assert validate(folder, "--json").rules() == {"links/local-url"}


def test_exclude_takes_files_out_of_the_skill(stage: Stage, validate: Validate) -> None:
    folder = stage("reach-not-linked")
    (folder / "notes").mkdir()
    (folder / "notes" / "draft.md").write_text("# Draft\n\n[gone](missing.md)\n")
    assert validate(folder, "--json").rules() == {"reach/not-linked", "links/broken-file"}
    (folder / "pyproject.toml").write_text(
        '[tool.skillkit.validate]\nexclude = ["notes", "resources/details.md"]\n'
    )
    assert validate(folder).code == 0


def test_hidden_folders_are_not_part_of_the_skill(stage: Stage, validate: Validate) -> None:
    folder = stage("valid-skill")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "stray.md").write_text("# Stray\n\n[x](nowhere.md)\n")
    assert validate(folder).code == 0


def test_guides_linked_from_skill_md_are_checked_even_when_excluded(
    stage: Stage, validate: Validate
) -> None:
    folder = stage("valid-skill")
    guide = folder / "resources" / "guide.md"
    guide.write_text(guide.read_text() + "\n[broken](nope.md)\n")
    (folder / "pyproject.toml").write_text('[tool.skillkit.validate]\nexclude = ["resources"]\n')
    assert validate(folder, "--json").places() == {("links/broken-file", "resources/guide.md", 7)}


def test_description_budget_flag(stage: Stage, validate: Validate) -> None:
    folder = stage("valid-skill")
    outcome = validate(folder, "--json", "--max-description-chars", "30")
    assert outcome.places() == {("budget/description", "SKILL.md", 3)}


def test_json_report_shape(stage: Stage, validate: Validate) -> None:
    report = validate(stage("links-broken-file"), "--json").report()
    assert report["ok"] is False
    (finding,) = report["findings"]
    assert set(finding) == {"rule", "file", "line", "message", "fix"}
    assert report["skill_md"]["lines"] == 8
