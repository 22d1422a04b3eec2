"""skillkit package: a checked, reproducible upload zip with nothing but the runtime files."""

from __future__ import annotations

import argparse
import importlib.machinery
import os
import subprocess
import sys
import types
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from skillkit import cli
from skillkit.distribution import upload_check
from skillkit.distribution.layout import SKILL_NAME

Runner = Callable[..., Any]
TOP = f"{SKILL_NAME}/"
FIXTURE_ENTRIES = [
    TOP,
    f"{TOP}SKILL.md",
    f"{TOP}resources/",
    f"{TOP}resources/domain-layer.md",
    f"{TOP}resources/nested/",
    f"{TOP}resources/nested/notes.md",
]


def _plant_junk(root: Path) -> None:
    """Everything a working copy accumulates that must never ship."""
    for folder in (root, root / "resources", root / "resources" / "nested"):
        (folder / ".git").mkdir(exist_ok=True)
        (folder / ".git" / "config").write_text("[core]\n", encoding="utf-8")
        (folder / "__pycache__").mkdir(exist_ok=True)
        (folder / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"\0\1")
        (folder / ".env").write_text("API_KEY=secret\n", encoding="utf-8")
        (folder / ".env.local").write_text("API_KEY=secret\n", encoding="utf-8")
        (folder / ".DS_Store").write_bytes(b"\0")
        (folder / "tests").mkdir(exist_ok=True)
        (folder / "tests" / "test_guide.py").write_text("def test(): ...\n", encoding="utf-8")
        (folder / "site").mkdir(exist_ok=True)
        (folder / "site" / "index.html").write_text("<html></html>\n", encoding="utf-8")
        (folder / ".venv" / "lib").mkdir(parents=True, exist_ok=True)
        (folder / ".venv" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
        (folder / "my-env").mkdir(exist_ok=True)  # a virtual environment under any name
        (folder / "my-env" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
        (folder / ".mypy_cache").mkdir(exist_ok=True)
        (folder / ".mypy_cache" / "x.json").write_text("{}\n", encoding="utf-8")
        (folder / "node_modules").mkdir(exist_ok=True)
        (folder / "node_modules" / "x.js").write_text("\n", encoding="utf-8")
        (folder / "notes.md~").write_text("backup\n", encoding="utf-8")
    (root / "README.md").write_text("# not shipped\n", encoding="utf-8")
    (root / "pyproject.toml").write_text("[project]\n", encoding="utf-8")


def test_package_writes_the_zip_with_one_top_level_folder(
    skillkit: Runner, skill_source: Path
) -> None:
    result = skillkit("package", "--source", skill_source)

    assert result.code == 0, result.err
    output = skill_source.resolve() / "dist" / f"{SKILL_NAME}.zip"
    assert f"{output}: 3 files" in result.out
    assert oct(output.stat().st_mode & 0o777) == oct(0o644)
    with zipfile.ZipFile(output) as archive:
        assert archive.namelist() == FIXTURE_ENTRIES
        assert archive.read(f"{TOP}resources/domain-layer.md") == b"# Domain\n\nEntities.\n"
        for info in archive.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            expected_mode = 0o40755 if info.is_dir() else 0o100644
            assert info.external_attr >> 16 == expected_mode


def test_planted_junk_is_left_out(skillkit: Runner, skill_source: Path, tmp_path: Path) -> None:
    _plant_junk(skill_source)
    output = tmp_path / "out" / "skill.zip"

    result = skillkit("package", "--source", skill_source, "--output", output)

    assert result.code == 0, result.err
    with zipfile.ZipFile(output) as archive:
        assert archive.namelist() == FIXTURE_ENTRIES


def test_identical_sources_give_identical_bytes(
    skillkit: Runner, skill_source: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first.zip"
    second = tmp_path / "second.zip"
    assert skillkit("package", "--source", skill_source, "--output", first).code == 0
    # Same contents, different metadata: times, permissions, a fresh copy of the tree.
    for path in skill_source.rglob("*"):
        os.utime(path, (1_900_000_000, 1_900_000_000))
        if path.is_file():
            path.chmod(0o600)
    assert skillkit("package", "--source", skill_source, "--output", second).code == 0

    assert first.read_bytes() == second.read_bytes()
    (skill_source / "resources" / "domain-layer.md").write_text("# Changed\n", encoding="utf-8")
    third = tmp_path / "third.zip"
    assert skillkit("package", "--source", skill_source, "--output", third).code == 0
    assert third.read_bytes() != first.read_bytes()


def test_the_real_agentskills_validator_accepts_the_unpacked_zip(
    skillkit: Runner, skill_source: Path, tmp_path: Path, agentskills: str
) -> None:
    output = tmp_path / "skill.zip"
    assert skillkit("package", "--source", skill_source, "--output", output).code == 0
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(output) as archive:
        archive.extractall(unpacked)

    result = subprocess.run(
        [agentskills, "validate", unpacked / SKILL_NAME],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Valid skill" in result.stdout


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("version: 1.0\n", "Unexpected fields in frontmatter: version"),
        ("compatibility: " + "x" * 501 + "\n", "Compatibility exceeds 500 character limit"),
    ],
)
def test_front_matter_outside_the_spec_stops_the_package(
    skillkit: Runner, skill_source: Path, skill_md: str, front_matter: str, message: str
) -> None:
    (skill_source / "SKILL.md").write_text(
        skill_md.replace("license: MIT\n", f"license: MIT\n{front_matter}"), encoding="utf-8"
    )

    result = skillkit("package", "--source", skill_source)

    assert result.code == 1
    assert f"{skill_source.resolve() / 'SKILL.md'}:1: {message}" in result.err
    assert "no zip written" in result.err
    assert not (skill_source / "dist").exists()


def test_angle_brackets_in_the_description_stop_the_package(
    skillkit: Runner, skill_source: Path, skill_md: str
) -> None:
    (skill_source / "SKILL.md").write_text(
        skill_md.replace("in layers.", "in <layers>."), encoding="utf-8"
    )

    result = skillkit("package", "--source", skill_source)

    assert result.code == 1
    assert "description contains '<' or '>'" in result.err
    assert not (skill_source / "dist").exists()


def test_a_failed_check_keeps_the_previous_zip(
    skillkit: Runner, skill_source: Path, skill_md: str, tmp_path: Path
) -> None:
    output = tmp_path / "skill.zip"
    assert skillkit("package", "--source", skill_source, "--output", output).code == 0
    good = output.read_bytes()
    (skill_source / "SKILL.md").write_text(skill_md.replace("license", "licence"), "utf-8")

    assert skillkit("package", "--source", skill_source, "--output", output).code == 1
    assert output.read_bytes() == good


def test_bad_output_and_source_exit_2(skillkit: Runner, skill_source: Path, tmp_path: Path) -> None:
    folder = skillkit("package", "--source", skill_source, "--output", tmp_path)
    assert folder.code == 2
    assert "is a folder" in folder.err

    suffix = skillkit("package", "--source", skill_source, "--output", tmp_path / "x.tar")
    assert suffix.code == 2
    assert "must end in .zip" in suffix.err

    missing = skillkit("package", "--source", tmp_path / "nowhere")
    assert missing.code == 2
    assert "source folder does not exist" in missing.err
    assert "Traceback" not in folder.err + suffix.err + missing.err


def test_links_inside_the_root_ship_as_files_and_others_are_reported(
    skillkit: Runner, skill_source: Path, tmp_path: Path
) -> None:
    (skill_source / "shared.md").write_text("# Shared\n", encoding="utf-8")
    (skill_source / "resources" / "shared.md").symlink_to(skill_source / "shared.md")
    outside = tmp_path / "outside.md"
    outside.write_text("# Outside\n", encoding="utf-8")
    (skill_source / "resources" / "outside.md").symlink_to(outside)
    with (skill_source / "SKILL.md").open("a", encoding="utf-8") as skill_md:
        skill_md.write("\nShared notes: [shared](resources/shared.md).\n")
    output = tmp_path / "skill.zip"

    result = skillkit("package", "--source", skill_source, "--output", output)

    assert result.code == 0, result.err
    assert f"{skill_source.resolve() / 'resources/outside.md'}: symbolic link left out" in (
        result.err
    )
    with zipfile.ZipFile(output) as archive:
        assert archive.read(f"{TOP}resources/shared.md") == b"# Shared\n"
        assert f"{TOP}resources/outside.md" not in archive.namelist()


class _FakeValidator:
    """Stands in for skillkit.validate.command: records the folder it was given."""

    def __init__(self, code: int) -> None:
        self.code = code
        self.seen: list[Path] = []

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("path")

    def run(self, args: argparse.Namespace) -> int:
        folder = Path(args.path)
        self.seen.append(folder)
        assert (folder / "SKILL.md").is_file()
        return self.code


@pytest.mark.parametrize("code", [0, 1])
def test_the_project_validator_runs_on_the_staged_folder_when_present(
    skillkit: Runner, skill_source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    fake = _FakeValidator(code)
    module = types.ModuleType("fake_project_validator")
    module.__spec__ = importlib.machinery.ModuleSpec("fake_project_validator", None)
    module.add_arguments = fake.add_arguments  # type: ignore[attr-defined]
    module.run = fake.run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_project_validator", module)
    monkeypatch.setattr(upload_check, "PROJECT_VALIDATOR", "fake_project_validator")
    monkeypatch.setitem(cli.COMMANDS, "validate", ("fake_project_validator", "fake"))
    output = tmp_path / "skill.zip"

    result = skillkit("package", "--source", skill_source, "--output", output)

    assert result.code == code
    assert [folder.name for folder in fake.seen] == [SKILL_NAME]
    assert output.exists() == (code == 0)
    if code:
        assert "'skillkit validate' found problems (exit 1)" in result.err
