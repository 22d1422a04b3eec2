"""The pytest plugin: one item per block, selectable with -k, failing with the finding text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PYPROJECT = """\
[tool.pytest]
testpaths = ["SKILL.md", "resources"]
addopts = ["-p", "skillkit.snippets.pytest_plugin", "-p", "no:cacheprovider"]
strict = true
filterwarnings = ["error"]
asyncio_default_fixture_loop_scope = "function"

[tool.skillkit.project]
checks = [
    { name = "present", run = ["python", "-c", "import app.main"] },
    { name = "script", run = ["python", "src/app/main.py"] },
]
env = { PYTHONPATH = "src" }
"""
SKILL = """\
# Skill

```python
print("proven")
#> proven
```

```python
total: int = "many"
```

<!-- check: skip reason="shown, not run" -->
```python
import kafka
```
"""
GUIDE = """\
# Guide

```toml
[tool]
ok = true
```

```python title="src/app/main.py"
VALUE = 1
if __name__ == "__main__":
    raise ValueError(VALUE)
```
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("skill")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "SKILL.md").write_text(SKILL, encoding="utf-8")
    (root / "resources").mkdir()
    (root / "resources" / "guide.md").write_text(GUIDE, encoding="utf-8")
    (root / "resources" / "empty.md").write_text("# Nothing\n\nProse only.\n", encoding="utf-8")
    return root


def _pytest(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--no-header", *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_each_block_is_an_item_named_by_line_or_title(project: Path) -> None:
    result = _pytest(project, "--collect-only")
    assert result.returncode == 0, result.stdout + result.stderr
    items = [line for line in result.stdout.splitlines() if "::" in line]
    assert items == [
        "SKILL.md::line-3",
        "SKILL.md::line-8",
        "SKILL.md::line-13",
        "resources/guide.md::line-3",
        "resources/guide.md::line-8-src/app/main.py",
        "resources/guide.md::project-present",
        "resources/guide.md::project-script",
    ]


def test_a_failing_block_fails_its_item_with_the_finding(project: Path) -> None:
    result = _pytest(project, "-rs")
    assert result.returncode == 1, result.stdout
    assert "SKILL.md:9: mypy assignment: Incompatible types in assignment" in result.stdout
    assert "2 failed, 4 passed, 1 skipped" in result.stdout
    assert "SKILL.md:13: shown, not run" in result.stdout


def test_k_selects_blocks_and_only_they_are_checked(project: Path) -> None:
    result = _pytest(project, "-k", "line-3", "-rA")
    assert result.returncode == 0, result.stdout
    assert "2 passed, 5 deselected" in result.stdout


def test_a_markdown_file_without_blocks_does_not_exit_5(project: Path) -> None:
    result = _pytest(project, "resources/empty.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no tests ran" in result.stdout


def test_project_checks_are_items_failing_at_the_markdown_line(project: Path) -> None:
    result = _pytest(project, "-k", "project")
    assert result.returncode == 1, result.stdout
    assert "1 failed, 1 passed, 5 deselected" in result.stdout
    raise_line = GUIDE.splitlines().index("    raise ValueError(VALUE)") + 1
    assert f"resources/guide.md:{raise_line}: project check 'script'" in result.stdout
    assert f'File "resources/guide.md", line {raise_line}, in <module>' in result.stdout
