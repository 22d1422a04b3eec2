"""Find and check the skill root that install and package read from."""

from __future__ import annotations

from pathlib import Path

from skills_ref.errors import ParseError
from skills_ref.parser import parse_frontmatter

from skillkit.distribution.errors import BadInput
from skillkit.distribution.layout import ENTRY_FILE, SKILL_NAME


def default_root() -> Path:
    """The checkout this package runs from (an editable install), else the working folder."""
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "pyproject.toml").is_file() and (checkout / "scripts" / "skillkit").is_dir():
        return checkout
    return Path.cwd()


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def resolve_root(source: str | None) -> Path:
    """The skill root to read: ``--source DIR`` or the default; it must hold a SKILL.md
    whose front matter names this skill."""
    root = Path(source).expanduser() if source else default_root()
    if not root.exists():
        raise BadInput(f"{root}: source folder does not exist; pass --source DIR with the skill")
    if not root.is_dir():
        raise BadInput(f"{root}: source is not a folder; pass --source DIR with the skill")
    root = root.resolve()
    entry = root / ENTRY_FILE
    if not entry.is_file():
        raise BadInput(
            f"{entry}: missing; a skill root holds {ENTRY_FILE} (pass --source DIR to use another)"
        )
    text = entry.read_text(encoding="utf-8")
    try:
        front_matter, _body = parse_frontmatter(text)
    except ParseError as error:
        raise BadInput(f"{entry}:1: {error}; fix the front matter") from error
    name = front_matter.get("name")
    if name != SKILL_NAME:
        raise BadInput(
            f"{entry}:{_line_of(text, 'name')}: front matter name is {name!r}, "
            f"expected {SKILL_NAME!r}; this command ships only that skill"
        )
    return root
