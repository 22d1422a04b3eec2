"""The plugin as the real Claude Code CLI sees it: validation, marketplace install, discovery.

Runs when a ``claude`` binary is found (``CLAUDE_CODE_PATH``, else ``PATH``): for example after
``npm install -g @anthropic-ai/claude-code``. When ``CLAUDE_CODE_PATH`` is set, a missing binary
fails the test instead of skipping it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from skillkit.distribution.layout import SKILL_NAME

REPO_ROOT = Path(__file__).resolve().parents[2]
PLUGIN_ID = f"{SKILL_NAME}@{SKILL_NAME}"  # plugin name @ marketplace name

pytestmark = pytest.mark.claude_code


@pytest.fixture
def claude() -> str:
    configured = os.environ.get("CLAUDE_CODE_PATH")
    if configured:
        if not Path(configured).is_file():
            pytest.fail(f"CLAUDE_CODE_PATH={configured} is not a file; install Claude Code there")
        return configured
    found = shutil.which("claude")
    if found is None:
        pytest.skip("Claude Code CLI not found: npm install -g @anthropic-ai/claude-code")
    return found


def _run(claude: str, home: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "DISABLE_AUTOUPDATER": "1",
        "DISABLE_TELEMETRY": "1",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
    }
    return subprocess.run(
        [claude, *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )


def test_claude_validates_the_manifests_strictly(claude: str, tmp_path: Path) -> None:
    result = _run(claude, tmp_path, "plugin", "validate", REPO_ROOT, "--strict")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation passed" in result.stdout


def test_claude_installs_the_plugin_and_finds_its_one_skill(
    claude: str, tmp_path: Path, skill_source: Path
) -> None:
    marketplace = tmp_path / "marketplace"
    shutil.copytree(skill_source, marketplace)
    shutil.copytree(REPO_ROOT / ".claude-plugin", marketplace / ".claude-plugin")
    home = tmp_path / "home"
    home.mkdir()

    added = _run(claude, home, "plugin", "marketplace", "add", marketplace)
    assert added.returncode == 0, added.stdout + added.stderr
    installed = _run(claude, home, "plugin", "install", PLUGIN_ID)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    details = _run(claude, home, "plugin", "details", SKILL_NAME)
    listing = _run(claude, home, "plugin", "list", "--json")

    assert details.returncode == 0, details.stdout + details.stderr
    assert f"Skills (1)  {SKILL_NAME}" in details.stdout
    for kind in ("Agents", "Hooks", "MCP servers", "LSP servers"):
        assert f"{kind} (0)" in details.stdout
    [plugin] = [item for item in json.loads(listing.stdout) if item["id"] == PLUGIN_ID]
    assert plugin["enabled"] is True
    cached = Path(plugin["installPath"])
    assert (cached / "SKILL.md").read_text(encoding="utf-8") == (
        skill_source / "SKILL.md"
    ).read_text(encoding="utf-8")
    assert (cached / "resources" / "domain-layer.md").is_file()
