"""skillkit uninstall: removes what install wrote, refuses hand edits, never touches sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from skillkit.distribution.layout import SKILL_NAME

Runner = Callable[..., Any]


def test_uninstall_removes_the_install_and_a_second_run_says_nothing_is_there(
    skillkit: Runner, skill_source: Path, user_target: Path
) -> None:
    assert skillkit("install", "--scope", "user", "--source", skill_source).code == 0

    removed = skillkit("uninstall", "--scope", "user")

    assert removed.code == 0, removed.err
    assert f"{user_target}: removed" in removed.out
    assert not user_target.exists()
    assert user_target.parent.is_dir()  # other skills' folder stays
    again = skillkit("uninstall", "--scope", "user")
    assert again.code == 0
    assert "not installed; nothing to do" in again.out


def test_uninstall_of_a_project_install(
    skillkit: Runner, skill_source: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    args = ("--scope", "project", "--project", project)
    assert skillkit("install", *args, "--source", skill_source).code == 0

    result = skillkit("uninstall", *args)

    assert result.code == 0, result.err
    assert not (project / ".claude" / "skills" / SKILL_NAME).exists()


def test_uninstall_of_a_link_install_keeps_the_source(
    skillkit: Runner, skill_source: Path, user_target: Path, tree: Callable[[Path], Any]
) -> None:
    before = tree(skill_source)
    assert skillkit("install", "--scope", "user", "--source", skill_source, "--link").code == 0

    result = skillkit("uninstall", "--scope", "user")

    assert result.code == 0, result.err
    assert not user_target.exists()
    assert tree(skill_source) == before


def test_hand_edited_install_is_kept_unless_forced(
    skillkit: Runner, skill_source: Path, user_target: Path
) -> None:
    assert skillkit("install", "--scope", "user", "--source", skill_source).code == 0
    (user_target / "SKILL.md").write_text("edited\n", encoding="utf-8")

    refused = skillkit("uninstall", "--scope", "user")

    assert refused.code == 1
    assert "was edited by hand since skillkit installed it" in refused.err
    assert "M SKILL.md (changed since it was installed)" in refused.err
    assert (user_target / "SKILL.md").read_text(encoding="utf-8") == "edited\n"

    forced = skillkit("uninstall", "--scope", "user", "--force")

    assert forced.code == 0, forced.err
    assert not user_target.exists()


def test_folder_not_installed_by_skillkit_is_kept_unless_forced(
    skillkit: Runner, user_target: Path
) -> None:
    user_target.mkdir(parents=True)
    (user_target / "SKILL.md").write_text("hand made\n", encoding="utf-8")

    refused = skillkit("uninstall", "--scope", "user")

    assert refused.code == 1
    assert "was not installed by skillkit" in refused.err
    assert (user_target / "SKILL.md").exists()
    assert skillkit("uninstall", "--scope", "user", "--force").code == 0
    assert not user_target.exists()


def test_bad_scope_input_exits_2(skillkit: Runner, tmp_path: Path) -> None:
    result = skillkit("uninstall", "--scope", "project", "--project", tmp_path / "gone")

    assert result.code == 2
    assert "project folder does not exist" in result.err
    assert "Traceback" not in result.err
