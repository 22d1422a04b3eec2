"""One ruff process over every snippet module."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from skillkit.snippets.config import SnippetSettings
from skillkit.snippets.diagnostics import Diagnostic


class ToolError(RuntimeError):
    """A checker crashed instead of reporting; the message carries its output."""


def ruff_binary() -> str:
    """The ruff installed beside this Python (the locked version), else the one on PATH."""
    beside = Path(sys.executable).with_name("ruff")
    if beside.is_file():
        return str(beside)
    found = shutil.which("ruff")
    if found is None:
        raise ToolError("ruff is not installed; run `uv sync`")
    return found


def ruff_command(settings: SnippetSettings, cache_dir: Path) -> list[str]:
    return [
        ruff_binary(),
        "check",
        "--isolated",
        "--output-format",
        "json",
        "--target-version",
        "py311",
        "--line-length",
        str(settings.line_length),
        "--select",
        ",".join(settings.ruff_select),
        "--ignore",
        ",".join(settings.ruff_ignore) or "E999",
        "--cache-dir",
        str(cache_dir),
        "--exit-zero",
        ".",
    ]


def run_ruff(folder: Path, settings: SnippetSettings, cache_dir: Path) -> list[Diagnostic]:
    completed = subprocess.run(
        ruff_command(settings, cache_dir),
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if completed.returncode != 0:
        raise ToolError(f"ruff failed (exit {completed.returncode}): {completed.stderr.strip()}")
    diagnostics = []
    for item in json.loads(completed.stdout or "[]"):
        diagnostics.append(
            Diagnostic(
                tool="ruff",
                module=Path(item["filename"]).name,
                line=int(item["location"]["row"]),
                code=item.get("code") or "syntax",
                message=item["message"],
            )
        )
    return diagnostics
