"""Settings from the repository's pyproject.toml: ``[tool.skillkit.snippets]`` and
``[tool.skillkit.project]``. Defaults apply where a key is missing."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_RUFF_SELECT = (
    "E",
    "F",
    "W",
    "I",
    "B",
    "UP",
    "ASYNC",
    "FAST",
    "G",
    "DTZ",
    "S",
    "SIM",
    "RUF",
)


class ConfigError(ValueError):
    """pyproject.toml holds a setting the engine cannot use; the message says which and why."""


@dataclass(frozen=True)
class ProjectCheck:
    name: str
    argv: tuple[str, ...]


@dataclass(frozen=True)
class SnippetSettings:
    ruff_select: tuple[str, ...] = DEFAULT_RUFF_SELECT
    ruff_ignore: tuple[str, ...] = ("S101", "F704", "PLE1142")
    line_length: int = 100
    mypy_plugins: tuple[str, ...] = ()
    preload: tuple[str, ...] = ()
    plain_imports: tuple[str, ...] = ("pytest",)
    timeout: float = 10.0


@dataclass(frozen=True)
class ProjectSettings:
    setup: tuple[ProjectCheck, ...] = ()
    checks: tuple[ProjectCheck, ...] = ()
    timeout: float = 600.0
    env: dict[str, str] = field(default_factory=dict)
    workdir: str = "."
    imports: tuple[str, ...] = ("lint-imports", "--no-cache", "--no-logo")


@dataclass(frozen=True)
class Settings:
    root: Path
    snippets: SnippetSettings
    project: ProjectSettings


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds a pyproject.toml (else ``start``)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return start


def load_settings(root: Path) -> Settings:
    pyproject = root / "pyproject.toml"
    table: dict[str, Any] = {}
    if pyproject.is_file():
        with pyproject.open("rb") as handle:
            table = tomllib.load(handle).get("tool", {}).get("skillkit", {})
    return Settings(
        root=root,
        snippets=_snippets(table.get("snippets", {})),
        project=_project(table.get("project", {})),
    )


def _strings(table: dict[str, Any], key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = table.get(key)
    if value is None:
        return default
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"pyproject.toml: tool.skillkit.*.{key} must be a list of strings")
    return tuple(value)


def _snippets(table: dict[str, Any]) -> SnippetSettings:
    return SnippetSettings(
        ruff_select=_strings(table, "ruff-select", DEFAULT_RUFF_SELECT),
        ruff_ignore=_strings(table, "ruff-ignore", ("S101", "F704", "PLE1142")),
        line_length=int(table.get("line-length", 100)),
        mypy_plugins=_strings(table, "mypy-plugins", ()),
        preload=_strings(table, "preload", ()),
        plain_imports=_strings(table, "plain-imports", ("pytest",)),
        timeout=float(table.get("timeout", 10.0)),
    )


def _argv_name(argv: list[str]) -> str:
    """``ruff`` for ``["ruff", "check", "."]``, ``pytest`` for ``["python", "-m", "pytest"]``."""
    if len(argv) > 2 and argv[1] == "-m":
        return argv[2]
    return argv[0].rsplit("/", 1)[-1] if argv else "command"


def _checks(table: dict[str, Any], key: str) -> tuple[ProjectCheck, ...]:
    """Entries are ``{ name = "...", run = [argv...] }`` or a bare ``[argv...]`` (named by argv)."""
    checks: list[ProjectCheck] = []
    for entry in table.get(key, []):
        if isinstance(entry, list) and entry and all(isinstance(arg, str) for arg in entry):
            name, argv = _argv_name(entry), entry
        elif (
            isinstance(entry, dict)
            and isinstance(entry.get("name"), str)
            and isinstance(entry.get("run"), list)
            and entry["run"]
            and all(isinstance(arg, str) for arg in entry["run"])
        ):
            name, argv = entry["name"], entry["run"]
        else:
            raise ConfigError(
                f"pyproject.toml: each tool.skillkit.project.{key} entry is "
                '["argv", ...] or { name = "...", run = ["argv", ...] }'
            )
        taken = {check.name for check in checks}
        unique, number = name, 2
        while unique in taken:
            unique, number = f"{name}-{number}", number + 1
        checks.append(ProjectCheck(unique, tuple(argv)))
    return tuple(checks)


def _project(table: dict[str, Any]) -> ProjectSettings:
    env = table.get("env", {})
    if not isinstance(env, dict):
        raise ConfigError("pyproject.toml: tool.skillkit.project.env must be a table of strings")
    return ProjectSettings(
        setup=_checks(table, "setup"),
        checks=_checks(table, "checks"),
        timeout=float(table.get("timeout", 600.0)),
        env={str(key): os.path.expandvars(str(value)) for key, value in env.items()},
        workdir=str(table.get("workdir", ".")),
        imports=_strings(table, "imports", ("lint-imports", "--no-cache", "--no-logo")),
    )
