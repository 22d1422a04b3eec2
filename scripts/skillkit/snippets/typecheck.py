"""One ``mypy --strict`` process over every snippet module (pydantic plugin, persistent cache)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from skillkit.snippets.config import SnippetSettings
from skillkit.snippets.diagnostics import Diagnostic
from skillkit.snippets.lint import ToolError

MYPY_CONFIG = "snippets-mypy.ini"


def write_mypy_config(folder: Path, settings: SnippetSettings, cache_dir: Path) -> Path:
    lines = [
        "[mypy]",
        "python_version = 3.11",
        "strict = True",
        "disable_error_code = top-level-await",
        f"cache_dir = {cache_dir}",
        "show_error_codes = True",
    ]
    if settings.mypy_plugins:
        lines.append(f"plugins = {', '.join(settings.mypy_plugins)}")
    path = folder / MYPY_CONFIG
    text = "\n".join(lines) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def run_mypy(
    folder: Path, modules: list[str], settings: SnippetSettings, cache_dir: Path
) -> list[Diagnostic]:
    if not modules:
        return []
    config = write_mypy_config(folder, settings, cache_dir)
    completed = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(config), "-O", "json", *modules],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if completed.returncode not in {0, 1}:
        raise ToolError(
            f"mypy failed (exit {completed.returncode}): "
            f"{(completed.stderr or completed.stdout).strip()[-2000:]}"
        )
    diagnostics = _parse(completed.stdout)
    if completed.returncode == 1 and not diagnostics:
        # Exit 1 without a single error line: mypy itself failed (not installed, bad config).
        raise ToolError(f"mypy failed: {(completed.stderr or completed.stdout).strip()[-2000:]}")
    return diagnostics


def _parse(output: str) -> list[Diagnostic]:
    diagnostics = []
    for raw in output.splitlines():
        if not raw.startswith("{"):
            continue
        item = json.loads(raw)
        if item.get("severity") != "error":
            continue
        message = item["message"] + (f" ({item['hint']})" if item.get("hint") else "")
        diagnostics.append(
            Diagnostic(
                tool="mypy",
                module=Path(item["file"]).name,
                line=int(item["line"]),
                code=item.get("code") or "error",
                message=message,
            )
        )
    return diagnostics
