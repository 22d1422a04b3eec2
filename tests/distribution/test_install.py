"""skillkit install: copy and link modes, scopes, idempotence, hand edits, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from skillkit.distribution.layout import SKILL_NAME
from skillkit.distribution.record import RECORD_NAME

Runner = Callable[..., Any]
Tree = Callable[[Path], dict[str, str]]


def test_copy_install_puts_only_runtime_files_in_the_user_skills_folder(
    skillkit: Runner, skill_source: Path, user_target: Path, skill_md: str, tree: Tree
) -> None:
    (skill_source / "README.md").write_text("not for run time\n", encoding="utf-8")
    (skill_source / "tests").mkdir()
    (skill_source / "tests" / "test_x.py").write_text("", encoding="utf-8")
    (skill_source / "resources" / "__pycache__").mkdir()
    (skill_source / "resources" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (skill_source / "resources" / ".env").write_text("TOKEN=secret\n", encoding="utf-8")

    result = skillkit("install", "--scope", "user", "--source", skill_source)

    assert result.code == 0, result.err
    assert "installed (copy, 3 files" in result.out
    installed = tree(user_target)
    record = json.loads(installed.pop(RECORD_NAME))
    assert installed == {
        "SKILL.md": skill_md,
        "resources/domain-layer.md": "# Domain\n\nEntities.\n",
        "resources/nested/notes.md": "# Notes\n",
    }
    assert record["mode"] == "copy"
    assert record["source"] is None  # no machine path in a folder that may be committed
    assert sorted(record["entries"]) == sorted(installed)
    assert all(value.startswith("sha256:") for value in record["entries"].values())
    assert oct(user_target.stat().st_mode & 0o777) == oct(0o755)


def test_project_scope_installs_under_the_project(
    skillkit: Runner, skill_source: Path, tmp_path: Path, home: Path, skill_md: str
) -> None:
    project = tmp_path / "project"
    project.mkdir()

    result = skillkit(
        "install", "--scope", "project", "--project", project, "--source", skill_source
    )

    assert result.code == 0, result.err
    target = project / ".claude" / "skills" / SKILL_NAME
    assert (target / "SKILL.md").read_text(encoding="utf-8") == skill_md
    assert not (home / ".claude").exists()


def test_project_scope_defaults_to_the_working_folder(
    skillkit: Runner, skill_source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "cwd-project"
    project.mkdir()
    monkeypatch.chdir(project)

    result = skillkit("install", "--scope", "project", "--source", skill_source)

    assert result.code == 0, result.err
    assert (project / ".claude" / "skills" / SKILL_NAME / "SKILL.md").is_file()


def test_link_install_links_each_runtime_path_and_sees_source_edits(
    skillkit: Runner, skill_source: Path, user_target: Path, tree: Tree
) -> None:
    result = skillkit("install", "--scope", "user", "--source", skill_source, "--link")

    assert result.code == 0, result.err
    installed = tree(user_target)
    installed.pop(RECORD_NAME)
    assert installed == {
        "SKILL.md": f"-> {skill_source.resolve() / 'SKILL.md'}",
        "resources": f"-> {skill_source.resolve() / 'resources'}",
    }
    assert not user_target.is_symlink()  # a real folder: the repository's plugin files stay out
    (skill_source / "resources" / "domain-layer.md").write_text("# Changed\n", encoding="utf-8")
    assert (user_target / "resources" / "domain-layer.md").read_text("utf-8") == "# Changed\n"
    again = skillkit("install", "--scope", "user", "--source", skill_source, "--link")
    assert again.code == 0
    assert "already up to date (link)" in again.out


def test_second_install_is_a_no_op_and_says_so(
    skillkit: Runner, skill_source: Path, user_target: Path
) -> None:
    assert skillkit("install", "--scope", "user", "--source", skill_source).code == 0
    before = {path: path.stat().st_mtime_ns for path in user_target.rglob("*")}
    inode = user_target.stat().st_ino

    result = skillkit("install", "--scope", "user", "--source", skill_source)

    assert result.code == 0
    assert "already up to date (copy); nothing to do" in result.out
    assert user_target.stat().st_ino == inode
    assert {path: path.stat().st_mtime_ns for path in user_target.rglob("*")} == before


def test_install_after_a_source_change_updates_and_lists_changes(
    skillkit: Runner, skill_source: Path, user_target: Path, tree: Tree
) -> None:
    assert skillkit("install", "--scope", "user", "--source", skill_source).code == 0
    (skill_source / "resources" / "domain-layer.md").write_text("# Domain v2\n", encoding="utf-8")
    (skill_source / "resources" / "nested" / "notes.md").unlink()
    (skill_source / "resources" / "testing-guide.md").write_text("# Tests\n", encoding="utf-8")

    result = skillkit("install", "--scope", "user", "--source", skill_source)

    assert result.code == 0, result.err
    assert "updated (copy" in result.out
    assert "M resources/domain-layer.md" in result.out
    assert "D resources/nested/notes.md" in result.out
    assert "A resources/testing-guide.md" in result.out
    installed = tree(user_target)
    assert installed["resources/domain-layer.md"] == "# Domain v2\n"
    assert "resources/nested/notes.md" not in installed
    assert installed["resources/testing-guide.md"] == "# Tests\n"


def test_switching_from_copy_to_link_replaces_the_copy(
    skillkit: Runner, skill_source: Path, user_target: Path
) -> None:
    assert skillkit("install", "--scope", "user", "--source", skill_source).code == 0

    result = skillkit("install", "--scope", "user", "--source", skill_source, "--link")

    assert result.code == 0, result.err
    assert "mode copy -> link" in result.out
    assert (user_target / "resources").is_symlink()


def test_hand_edited_install_is_refused_with_a_diff_and_replaced_with_force(
    skillkit: Runner, skill_source: Path, user_target: Path, skill_md: str
) -> None:
    assert skillkit("install", "--scope", "user", "--source", skill_source).code == 0
    edited = user_target / "resources" / "domain-layer.md"
    edited.write_text("# Domain\n\nEntities.\nMy local note.\n", encoding="utf-8")
    (skill_source / "SKILL.md").write_text(skill_md + "\nMore.\n", encoding="utf-8")

    refused = skillkit("install", "--scope", "user", "--source", skill_source)

    assert refused.code == 1
    assert "was edited by hand since skillkit installed it" in refused.err
    assert "--force" in refused.err
    assert "M resources/domain-layer.md (+1 -0 lines against the skill)" in refused.err
    assert "+My local note." in refused.err
    assert "My local note." in edited.read_text(encoding="utf-8")  # left as it is
    assert (user_target / "SKILL.md").read_text(encoding="utf-8") == skill_md

    forced = skillkit("install", "--scope", "user", "--source", skill_source, "--force")

    assert forced.code == 0, forced.err
    assert edited.read_text(encoding="utf-8") == "# Domain\n\nEntities.\n"
    assert (user_target / "SKILL.md").read_text(encoding="utf-8") == skill_md + "\nMore.\n"


def test_added_and_deleted_files_count_as_hand_edits(
    skillkit: Runner, skill_source: Path, user_target: Path
) -> None:
    assert skillkit("install", "--scope", "user", "--source", skill_source).code == 0
    (user_target / "resources" / "mine.md").write_text("mine\n", encoding="utf-8")
    (user_target / "resources" / "nested" / "notes.md").unlink()

    refused = skillkit("install", "--scope", "user", "--source", skill_source)

    assert refused.code == 1
    assert "A resources/mine.md (added to the install)" in refused.err
    assert "D resources/nested/notes.md (deleted from the install)" in refused.err
    assert (user_target / "resources" / "mine.md").exists()


def test_replaced_link_counts_as_a_hand_edit(
    skillkit: Runner, skill_source: Path, user_target: Path
) -> None:
    assert skillkit("install", "--scope", "user", "--source", skill_source, "--link").code == 0
    (user_target / "SKILL.md").unlink()
    (user_target / "SKILL.md").write_text("my own\n", encoding="utf-8")

    refused = skillkit("install", "--scope", "user", "--source", skill_source, "--link")

    assert refused.code == 1
    assert "M SKILL.md" in refused.err
    assert (user_target / "SKILL.md").read_text(encoding="utf-8") == "my own\n"


def test_folder_not_installed_by_skillkit_is_refused_then_replaced_with_force(
    skillkit: Runner, skill_source: Path, user_target: Path, skill_md: str
) -> None:
    user_target.mkdir(parents=True)
    (user_target / "SKILL.md").write_text("someone else's\n", encoding="utf-8")

    refused = skillkit("install", "--scope", "user", "--source", skill_source)

    assert refused.code == 1
    assert "was not installed by skillkit" in refused.err
    assert "A SKILL.md" in refused.err
    forced = skillkit("install", "--scope", "user", "--source", skill_source, "--force")
    assert forced.code == 0, forced.err
    assert (user_target / "SKILL.md").read_text(encoding="utf-8") == skill_md


def test_existing_symbolic_link_at_the_target_is_replaced_not_followed(
    skillkit: Runner, skill_source: Path, user_target: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.md").write_text("keep\n", encoding="utf-8")
    user_target.parent.mkdir(parents=True)
    user_target.symlink_to(elsewhere)

    refused = skillkit("install", "--scope", "user", "--source", skill_source)
    assert refused.code == 1
    assert f"is a symbolic link to {elsewhere}" in refused.err

    forced = skillkit("install", "--scope", "user", "--source", skill_source, "--force")

    assert forced.code == 0, forced.err
    assert not user_target.is_symlink()
    assert (elsewhere / "keep.md").read_text(encoding="utf-8") == "keep\n"


def test_bad_input_exits_2_with_a_message_and_no_traceback(
    skillkit: Runner, skill_source: Path, tmp_path: Path, home: Path, skill_md: str
) -> None:
    missing = skillkit("install", "--scope", "user", "--source", tmp_path / "nowhere")
    assert missing.code == 2
    assert "source folder does not exist" in missing.err

    empty = tmp_path / "empty"
    empty.mkdir()
    no_skill = skillkit("install", "--scope", "user", "--source", empty)
    assert no_skill.code == 2
    assert f"{empty / 'SKILL.md'}: missing" in no_skill.err

    (skill_source / "SKILL.md").write_text(
        skill_md.replace(f"name: {SKILL_NAME}", "name: other-skill"), encoding="utf-8"
    )
    wrong_name = skillkit("install", "--scope", "user", "--source", skill_source)
    assert wrong_name.code == 2
    assert f"{skill_source.resolve() / 'SKILL.md'}:2: front matter name is 'other-skill'" in (
        wrong_name.err
    )

    (skill_source / "SKILL.md").write_text("# no front matter\n", encoding="utf-8")
    no_front_matter = skillkit("install", "--scope", "user", "--source", skill_source)
    assert no_front_matter.code == 2
    assert "SKILL.md:1: SKILL.md must start with YAML frontmatter" in no_front_matter.err

    (skill_source / "SKILL.md").write_text(skill_md, encoding="utf-8")
    no_project = skillkit(
        "install", "--scope", "project", "--project", tmp_path / "gone", "--source", skill_source
    )
    assert no_project.code == 2
    assert "project folder does not exist" in no_project.err

    mixed = skillkit("install", "--scope", "user", "--project", tmp_path, "--source", skill_source)
    assert mixed.code == 2
    assert "--project applies only to --scope project" in mixed.err

    for result in (missing, no_skill, wrong_name, no_front_matter, no_project, mixed):
        assert "Traceback" not in result.err
    assert not (home / ".claude").exists()


def test_missing_scope_is_a_usage_error_from_the_installed_command(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "skillkit"
    result = subprocess.run(
        [command, "install"], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert result.returncode == 2
    assert "--scope" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_one_command_install_works_through_the_entry_point(
    skill_source: Path, tmp_path: Path
) -> None:
    home = tmp_path / "fresh-home"
    home.mkdir()
    command = Path(sys.executable).parent / "skillkit"
    env = {**os.environ, "HOME": str(home)}
    result = subprocess.run(
        [command, "install", "--scope", "user", "--source", skill_source],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert (home / ".claude" / "skills" / SKILL_NAME / "SKILL.md").is_file()
