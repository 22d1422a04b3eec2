"""A checker that cannot run fails loudly; it never passes every snippet by saying nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillkit.snippets.config import SnippetSettings
from skillkit.snippets.lint import ToolError, run_ruff
from skillkit.snippets.typecheck import run_mypy


def test_mypy_that_cannot_start_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "snippet_a.py").write_text("x: int = 1\n", encoding="utf-8")
    settings = SnippetSettings(mypy_plugins=("no_such_plugin_module",))
    with pytest.raises(ToolError, match="no_such_plugin_module"):
        run_mypy(tmp_path, ["snippet_a.py"], settings, tmp_path / "cache")


def test_ruff_with_an_unknown_rule_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "snippet_a.py").write_text("x = 1\n", encoding="utf-8")
    settings = SnippetSettings(ruff_select=("NOSUCHRULE",))
    with pytest.raises(ToolError, match="ruff failed"):
        run_ruff(tmp_path, settings, tmp_path / "cache")


def test_both_tools_report_by_module_and_line(tmp_path: Path) -> None:
    (tmp_path / "snippet_a.py").write_text("import os\nx: int = 'one'\n", encoding="utf-8")
    settings = SnippetSettings()
    ruff = run_ruff(tmp_path, settings, tmp_path / "ruff")
    mypy = run_mypy(tmp_path, ["snippet_a.py"], settings, tmp_path / "mypy")
    # isort also wants a blank line after the imports
    assert sorted((d.module, d.line, d.code) for d in ruff) == [
        ("snippet_a.py", 1, "F401"),
        ("snippet_a.py", 1, "I001"),
    ]
    assert [(d.module, d.line, d.code) for d in mypy] == [("snippet_a.py", 2, "assignment")]
