"""Settings: defaults, then `[tool.skillkit.validate]` of the repository's pyproject.toml."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from skillkit.validate.findings import BadInput
from skillkit.validate.rules import RULES

# Anthropic's guidance: SKILL.md under 500 lines and 5,000 tokens; the spec caps descriptions.
DEFAULT_MAX_LINES = 500
DEFAULT_MAX_TOKENS = 5000
SPEC_MAX_DESCRIPTION = 1024
# Neither the spec nor Anthropic's guidance sets a size for reference files: no limit by default.
BUDGETS_TABLE = "[tool.skillkit.validate.budgets]"


@dataclass(frozen=True)
class FileBudget:
    """One reference file's own budget; a missing figure falls back to the general one."""

    lines: int | None = None
    tokens: int | None = None


@dataclass(frozen=True)
class Settings:
    max_lines: int = DEFAULT_MAX_LINES
    max_tokens: int = DEFAULT_MAX_TOKENS
    max_description_chars: int = SPEC_MAX_DESCRIPTION
    reference_max_lines: int | None = None
    reference_max_tokens: int | None = None
    # path relative to the skill folder (posix) -> its own budget
    file_budgets: Mapping[str, FileBudget] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    ignore: frozenset[str] = field(default_factory=frozenset)
    source: Path | None = None


def find_pyproject(skill_folder: Path) -> Path | None:
    """The nearest pyproject.toml from the skill folder up to the repository root (`.git`)."""
    for folder in (skill_folder, *skill_folder.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def load(skill_folder: Path) -> Settings:
    """Settings from the nearest pyproject.toml, or the defaults if it has no table."""
    pyproject = find_pyproject(skill_folder)
    if pyproject is None:
        return Settings()
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        raise BadInput(f"cannot read it as TOML ({error}); fix the file", file=pyproject) from error
    tool = document.get("tool")
    skillkit = tool.get("skillkit") if isinstance(tool, dict) else None
    table = skillkit.get("validate") if isinstance(skillkit, dict) else None
    if table is None:
        return Settings()
    return _from_table(table, pyproject)


def _from_table(table: Any, pyproject: Path) -> Settings:
    where = "[tool.skillkit.validate]"
    if not isinstance(table, dict):
        raise BadInput(f"{where} must be a table", file=pyproject)
    known = {
        "max-lines",
        "max-tokens",
        "max-description-chars",
        "reference-max-lines",
        "reference-max-tokens",
        "budgets",
        "exclude",
        "ignore",
    }
    unknown = sorted(set(table) - known)
    if unknown:
        raise BadInput(
            f"{where}: unknown key {unknown[0]!r}; known keys: {', '.join(sorted(known))}",
            file=pyproject,
        )
    settings = Settings(source=pyproject)
    if "max-lines" in table:
        settings = replace(settings, max_lines=_count(table, "max-lines", None, pyproject))
    if "max-tokens" in table:
        settings = replace(settings, max_tokens=_count(table, "max-tokens", None, pyproject))
    if "max-description-chars" in table:
        value = _count(table, "max-description-chars", SPEC_MAX_DESCRIPTION, pyproject)
        settings = replace(settings, max_description_chars=value)
    if "reference-max-lines" in table:
        value = _count(table, "reference-max-lines", None, pyproject)
        settings = replace(settings, reference_max_lines=value)
    if "reference-max-tokens" in table:
        value = _count(table, "reference-max-tokens", None, pyproject)
        settings = replace(settings, reference_max_tokens=value)
    if "budgets" in table:
        settings = replace(settings, file_budgets=_file_budgets(table["budgets"], pyproject))
    if "exclude" in table:
        settings = replace(settings, exclude=tuple(_strings(table, "exclude", pyproject)))
    if "ignore" in table:
        settings = replace(settings, ignore=known_rules(_strings(table, "ignore", pyproject)))
    return settings


def _file_budgets(table: Any, pyproject: Path) -> dict[str, FileBudget]:
    if not isinstance(table, dict):
        raise BadInput(f"{BUDGETS_TABLE} must be a table", file=pyproject)
    budgets: dict[str, FileBudget] = {}
    for path, entry in table.items():
        where = f'{BUDGETS_TABLE} "{path}"'
        line = budget_line(pyproject, path)
        if not isinstance(entry, dict):
            raise BadInput(
                f"{where} must be an inline table such as {{ lines = 600, tokens = 8000 }}",
                file=pyproject,
                line=line,
            )
        unknown = sorted(set(entry) - {"lines", "tokens"})
        if unknown:
            hint = (
                '; quote the path, as in "resources/guide.md" = { lines = 600 }'
                if any(isinstance(value, dict) for value in entry.values())
                else ""
            )
            raise BadInput(
                f"{where}: unknown key {unknown[0]!r}; known keys: lines, tokens{hint}",
                file=pyproject,
                line=line,
            )
        if not entry:
            raise BadInput(
                f"{where} is empty; give lines, tokens or both", file=pyproject, line=line
            )
        figures = {
            key: _count(entry, key, None, pyproject, within=where, line=line) for key in entry
        }
        budgets[path] = FileBudget(lines=figures.get("lines"), tokens=figures.get("tokens"))
    return budgets


def budget_line(pyproject: Path, path: str) -> int | None:
    """The line of pyproject.toml that names `path` as a quoted key, if one does."""
    try:
        lines = pyproject.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    quoted = (f'"{path}"', f"'{path}'")
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith(quoted):
            return number
    return None


def _count(
    table: dict[str, Any],
    key: str,
    limit: int | None,
    pyproject: Path,
    *,
    within: str = "[tool.skillkit.validate]",
    line: int | None = None,
) -> int:
    value = table[key]
    where = f"{within} {key}"
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BadInput(
            f"{where} must be a positive integer, not {value!r}", file=pyproject, line=line
        )
    if limit is not None and value > limit:
        raise BadInput(f"{where} cannot exceed {limit} (the spec's limit)", file=pyproject)
    return value


def _strings(table: dict[str, Any], key: str, pyproject: Path) -> list[str]:
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BadInput(f"[tool.skillkit.validate] {key} must be a list of strings", file=pyproject)
    return value


def known_rules(rules: list[str]) -> frozenset[str]:
    """The given rule ids, refusing any id the validator does not know (a typo ignores nothing)."""
    for rule in rules:
        if rule not in RULES:
            raise BadInput(f"unknown rule {rule!r}; the rules are listed in README.md")
    return frozenset(rules)
