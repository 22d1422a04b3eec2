"""Input that cannot be checked: a clear `file:line: message` on stderr, exit 2, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # conftest is not importable at run time under --import-mode=importlib
    from tests.validate.conftest import Outcome

Validate = Callable[..., "Outcome"]
GOOD_FRONT = "---\nname: {name}\ndescription: Does a thing. Use when testing.\n---\n\n# Title\n"


def make_skill(tmp_path: Path, content: bytes, name: str = "bad-skill") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "SKILL.md").write_bytes(content)
    return folder


# name -> (SKILL.md bytes, expected stderr start after the folder path, part of the message)
BROKEN_SKILL_MD: dict[str, tuple[str | bytes, str, str]] = {
    "no-front-matter": (b"# Title\n\nNo front matter.\n", "/SKILL.md:1: ", "no front matter"),
    "byte-order-mark": (
        "\ufeff" + GOOD_FRONT.format(name="bad-skill"),
        "/SKILL.md:1: ",
        "byte order mark",
    ),
    "unclosed": (b"---\nname: bad-skill\ndescription: x\n", "/SKILL.md:1: ", "not closed"),
    "invalid-yaml": (
        b"---\nname: bad-skill\ndescription: [unclosed\n---\n",
        "/SKILL.md:3: ",
        "invalid YAML",
    ),
    "not-a-mapping": (b"---\n- a list\n---\n", "/SKILL.md:2: ", "must be a YAML mapping"),
    "empty-front-matter": (b"---\n---\n# Title\n", "/SKILL.md:2: ", "must be a YAML mapping"),
    "not-utf8": (
        b"---\nname: bad-skill\ndescription: caf\xe9\n---\n",
        "/SKILL.md:3: ",
        "not UTF-8",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN_SKILL_MD))
def test_unreadable_skill_md(case: str, tmp_path: Path, validate: Validate) -> None:
    content, where, words = BROKEN_SKILL_MD[case]
    raw = content.encode() if isinstance(content, str) else content
    folder = make_skill(tmp_path, raw)
    outcome = validate(folder)
    assert outcome.code == 2
    assert outcome.out == ""
    assert outcome.err.startswith(f"{folder}{where}")
    assert words in outcome.err


@pytest.mark.parametrize("case", ["no-front-matter", "unclosed", "invalid-yaml", "not-a-mapping"])
def test_agentskills_refuses_them_too(case: str, tmp_path: Path) -> None:
    content = BROKEN_SKILL_MD[case][0]
    folder = make_skill(tmp_path, content if isinstance(content, bytes) else content.encode())
    agentskills = Path(sys.executable).parent / "agentskills"
    done = subprocess.run([agentskills, "validate", folder], capture_output=True, check=False)
    assert done.returncode == 1


def test_missing_folder(tmp_path: Path, validate: Validate) -> None:
    outcome = validate(tmp_path / "nowhere")
    assert outcome.code == 2
    assert "no such file or folder" in outcome.err


def test_folder_without_skill_md(tmp_path: Path, validate: Validate) -> None:
    outcome = validate(tmp_path)
    assert outcome.code == 2
    assert "no SKILL.md in this folder" in outcome.err


def test_lowercase_skill_md_is_named(tmp_path: Path, validate: Validate) -> None:
    (tmp_path / "skill.md").write_text(GOOD_FRONT.format(name=tmp_path.name))
    outcome = validate(tmp_path)
    assert outcome.code == 2
    assert "found skill.md but not SKILL.md; rename it to SKILL.md" in outcome.err


def test_a_file_other_than_skill_md(tmp_path: Path, validate: Validate) -> None:
    other = tmp_path / "notes.md"
    other.write_text("# Notes\n")
    outcome = validate(other)
    assert outcome.code == 2
    assert "is a file; give the skill folder" in outcome.err


def test_skill_md_path_means_its_folder(tmp_path: Path, validate: Validate) -> None:
    folder = make_skill(tmp_path, GOOD_FRONT.format(name="bad-skill").encode())
    assert validate(folder / "SKILL.md").code == 0


def test_non_utf8_guide(tmp_path: Path, validate: Validate) -> None:
    text = GOOD_FRONT.format(name="bad-skill") + "\nRead [the guide](guide.md).\n"
    folder = make_skill(tmp_path, text.encode())
    (folder / "guide.md").write_bytes(b"# Guide\n\nna\xefve\n")
    outcome = validate(folder)
    assert outcome.code == 2
    assert outcome.err.startswith(f"{folder}/guide.md:3: byte 0xef is not UTF-8")


def test_json_bad_input(tmp_path: Path, validate: Validate) -> None:
    folder = make_skill(tmp_path, b"# no front matter\n")
    outcome = validate(folder, "--json")
    assert outcome.code == 2
    error = json.loads(outcome.out)["error"]
    assert (error["file"], error["line"]) == (str(folder / "SKILL.md"), 1)


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ("max-lines = 0", "max-lines must be a positive integer"),
        ('max-tokens = "many"', "max-tokens must be a positive integer"),
        ("max-description-chars = 2000", "cannot exceed 1024"),
        ("colour = 1", "unknown key 'colour'"),
        ('ignore = ["links/nope"]', "unknown rule 'links/nope'"),
        ('exclude = "README.md"', "exclude must be a list of strings"),
    ],
)
def test_bad_settings(tmp_path: Path, validate: Validate, table: str, words: str) -> None:
    folder = make_skill(tmp_path, GOOD_FRONT.format(name="bad-skill").encode())
    (folder / "pyproject.toml").write_text(f"[tool.skillkit.validate]\n{table}\n")
    outcome = validate(folder)
    assert outcome.code == 2
    assert words in outcome.err


def test_unparsable_pyproject(tmp_path: Path, validate: Validate) -> None:
    folder = make_skill(tmp_path, GOOD_FRONT.format(name="bad-skill").encode())
    (folder / "pyproject.toml").write_text("[tool.skillkit.validate\n")
    outcome = validate(folder)
    assert outcome.code == 2
    assert outcome.err.startswith(f"{folder}/pyproject.toml: cannot read it as TOML")


@pytest.mark.parametrize("flags", [["--ignore", "links/nope"], ["--max-description-chars", "1025"]])
def test_bad_flags(tmp_path: Path, validate: Validate, flags: list[str]) -> None:
    folder = make_skill(tmp_path, GOOD_FRONT.format(name="bad-skill").encode())
    assert validate(folder, *flags).code == 2


def test_command_line_exit_codes_without_traceback(tmp_path: Path) -> None:
    """The installed `skillkit` script itself: 2 and one line for bad input, never a traceback."""
    skillkit = Path(sys.executable).parent / "skillkit"
    folder = make_skill(tmp_path, b"---\nname: [\n---\n")
    done = subprocess.run(
        [skillkit, "validate", folder], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{folder}/SKILL.md:")
    bad_flag = subprocess.run(
        [skillkit, "validate", folder, "--max-lines", "-3"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad_flag.returncode == 2
    assert "not a positive whole number" in bad_flag.stderr
