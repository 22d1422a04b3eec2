"""Helpers for the validator tests: stage a fixture skill in a temporary folder and run it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from skillkit.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str

    def report(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.out)
        return data

    def places(self) -> set[tuple[str, str, int]]:
        """(rule, file relative to the skill folder, line) of every finding in a JSON report."""
        report = self.report()
        skill = report["skill"]
        return {
            (item["rule"], str(Path(item["file"]).relative_to(skill)), item["line"])
            for item in report["findings"]
        }

    def rules(self) -> set[str]:
        return {item["rule"] for item in self.report()["findings"]}


@pytest.fixture
def stage(tmp_path: Path) -> Callable[[str], Path]:
    """Copy fixtures/NAME to a temporary NAME folder (no pyproject.toml above it) and return it."""

    def copy(name: str) -> Path:
        return Path(shutil.copytree(FIXTURES / name, tmp_path / name))

    return copy


@pytest.fixture
def validate(capsys: pytest.CaptureFixture[str]) -> Callable[..., Outcome]:
    """Run `skillkit validate ARGS...` in this process and capture its exit code and output."""

    def run(*args: str | Path) -> Outcome:
        code = main(["validate", *(str(arg) for arg in args)])
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run
