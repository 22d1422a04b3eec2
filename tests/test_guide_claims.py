"""Claims in the guides that a sandboxed snippet cannot show, proven by running the real tool.

configuration.md says the seed's broken pyproject still locks, and that `uv sync --group test`
then stops with a message it quotes. The pyproject comes from the guide's own counter-example, so
the block, the prose and uv's behaviour cannot drift apart.
"""

from __future__ import annotations

import ast
import os
import subprocess
from pathlib import Path

from skillkit.snippets.extract import read_document

ROOT = Path(__file__).resolve().parent.parent
CONFIGURATION = ROOT / "resources" / "configuration.md"


def _broken_pyproject() -> str:
    """The string assigned to ``broken`` in the guide's counter-example about lost groups."""
    document = read_document(CONFIGURATION, "resources/configuration.md")
    for block in document.blocks:
        if block.annotation is None or block.annotation.kind != "bad":
            continue
        for node in ast.walk(ast.parse(block.code)):
            if (
                isinstance(node, ast.Assign)
                and [getattr(target, "id", None) for target in node.targets] == ["broken"]
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                return node.value.value
    raise AssertionError("configuration.md has no bad example assigning `broken`")


def test_groups_lost_at_the_toml_root_fail_only_at_uv_sync(uv: str, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(_broken_pyproject(), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_PROJECT"))}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [uv, *args], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )

    locked = run("lock")
    assert locked.returncode == 0, locked.stderr
    synced = run("sync", "--group", "test")
    assert synced.returncode != 0
    message = "Group `test` is not defined in the project's `dependency-groups` table"
    assert message in synced.stderr
    assert message in " ".join(CONFIGURATION.read_text(encoding="utf-8").split())
