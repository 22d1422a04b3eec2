"""The check a folder must pass before it is zipped for upload.

``check_before_upload`` is the one function to swap when the checks change. It runs:
- the Agent Skills reference validator (skills-ref: front matter keys, name = folder name,
  description length), which is what ``agentskills validate`` runs;
- the upload rule Anthropic's own packager adds: no ``<`` or ``>`` in the description;
- this repository's bundle validator (``skillkit validate``), when that command is present.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from skills_ref.errors import ParseError
from skills_ref.parser import parse_frontmatter
from skills_ref.validator import validate

from skillkit.distribution.layout import ENTRY_FILE

PROJECT_VALIDATOR = "skillkit.validate.command"


def _spec_problems(skill_dir: Path) -> list[str]:
    entry = skill_dir / ENTRY_FILE
    return [
        f"{entry}:1: {message} (Agent Skills spec); fix the front matter"
        for message in validate(skill_dir)
    ]


def _upload_problems(skill_dir: Path) -> list[str]:
    entry = skill_dir / ENTRY_FILE
    try:
        front_matter, _body = parse_frontmatter(entry.read_text(encoding="utf-8"))
    except (OSError, ParseError):
        return []  # already reported by the spec check
    description = front_matter.get("description")
    if isinstance(description, str) and ("<" in description or ">" in description):
        return [f"{entry}:1: description contains '<' or '>', which uploads reject; reword it"]
    return []


def _project_problems(skill_dir: Path) -> list[str]:
    """Run ``skillkit validate DIR`` when this checkout has it; its findings print themselves."""
    try:
        present = importlib.util.find_spec(PROJECT_VALIDATOR) is not None
    except ModuleNotFoundError:
        present = False
    if not present:
        return []
    from skillkit.cli import main  # noqa: PLC0415 - only when the validator exists

    try:
        code = main(["validate", str(skill_dir)])
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 2
    if code != 0:
        return [f"{skill_dir}: 'skillkit validate' found problems (exit {code}); fix them first"]
    return []


def check_before_upload(skill_dir: Path) -> list[str]:
    """Problems that must be fixed before ``skill_dir`` may be packaged; empty when ready."""
    problems = _spec_problems(skill_dir)
    if not problems:
        problems += _upload_problems(skill_dir)
    return problems + _project_problems(skill_dir)
