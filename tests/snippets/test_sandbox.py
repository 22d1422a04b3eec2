"""Hostile snippets are stopped at their line, and the repository is unchanged afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillkit.snippets.engine import Report

from .conftest import ROOT, check

IGNORED = {".git", ".venv", ".pytest_cache", ".mypy_cache", ".ruff_cache", "__pycache__"}

HOSTILE = {
    "append": f'open("{ROOT}/pyproject.toml", "a").write("# hostile")',
    "create": f'Path("{ROOT}/HOSTILE.txt").write_text("x")',
    "remove": f'os.remove("{ROOT}/README.md")',
    "rmtree": f'shutil.rmtree("{ROOT}/scripts")',
    "rename": f'os.rename("{ROOT}/README.md", "stolen.md")',
    "chmod": f'os.chmod("{ROOT}/README.md", 0)',
    "escape": 'open("../../../../../../tmp/escaped.txt", "w").write("x")',
    "symlink": 'os.symlink("/tmp", "door")\nopen("door/through.txt", "w").write("x")',
    "system": f'os.system("touch {ROOT}/HOSTILE.txt")',
    "signal": "os.kill(os.getppid(), 9)",
    "connect": 'socket.create_connection(("127.0.0.1", 5432))',
    "listen": 'socket.socket().bind(("0.0.0.0", 0))',
    "sqlite": f'sqlite3.connect("{ROOT}/hostile.db")',
    "sqlite_uri": f'sqlite3.connect("file:{ROOT}/hostile.db?mode=rwc", uri=True)',
}
EXPECTED = {
    "append": "writes outside its temporary folder",
    "create": "writes outside its temporary folder",
    "remove": "changes a path outside its temporary folder (os.remove",
    "rmtree": "changes a path outside its temporary folder (shutil.rmtree",
    "rename": "changes a path outside its temporary folder (os.rename",
    "chmod": "changes a path outside its temporary folder (os.chmod",
    "escape": "writes outside its temporary folder",
    "symlink": "writes outside its temporary folder",
    "system": "starts a process (os.system)",
    "signal": "sends a signal to another process (os.kill)",
    "connect": "uses the network (socket.connect",
    "listen": "uses the network (socket.bind ('0.0.0.0', 0)",
    "sqlite": "opens a database outside its temporary folder",
    "sqlite_uri": "opens a database outside its temporary folder",
}
PRELUDE = "import os\nimport shutil\nimport socket\nimport sqlite3\nfrom pathlib import Path\n\n"


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file of the repository outside tool caches and the virtualenv."""
    found = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if IGNORED & set(relative.parts) or not path.is_file():
            continue
        stat = path.stat()
        found[relative.as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return found


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report, dict[str, object]]:
    folder = tmp_path_factory.mktemp("hostile")
    markdown = ["# Hostile snippets\n"]
    for name, code in HOSTILE.items():
        markdown.append(f'<!-- check: skip reason="marker {name}" -->\n```text\n```\n')
        markdown.append(f"```python\n{PRELUDE}{code}\n```\n")
    markdown.append(
        "```python\nimport contextlib\nimport os\nimport socket\nimport sqlite3\n"
        "from pathlib import Path\n\n"
        'sqlite3.connect("mine.db").close()\nsqlite3.connect(":memory:").close()\n'
        'Path("mine.txt").write_text("ok")\n'
        "# binding to loopback is allowed (urllib3 probes IPv6 this way at import); inside the\n"
        "# runner's network namespace the system may still refuse it\n"
        "with contextlib.suppress(OSError):\n"
        '    socket.socket(socket.AF_INET6).bind(("::1", 0))\n'
        'print(Path("mine.txt").read_text(), os.getcwd().startswith(os.environ["HOME"]))\n'
        "#> ok True\n```\n"
    )
    path = folder / "hostile.md"
    path.write_text("\n".join(markdown), encoding="utf-8")
    before = snapshot(ROOT)
    report = check([path])
    return path, report, {"before": before, "after": snapshot(ROOT)}


def _line_of_last(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return max(number for number, line in enumerate(lines, start=1) if text in line)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_operation_is_stopped_at_its_line(
    hostile: tuple[Path, Report, dict[str, object]], name: str
) -> None:
    path, report, _ = hostile
    marker = _line_of_last(path, f"marker {name}")
    # marker, ```text, ```, blank, ```python, then the prelude and the code (last line acts)
    code_line = marker + 5 + PRELUDE.count("\n") + HOSTILE[name].count("\n")
    at_line = [f.message for f in report.findings if f.line == code_line]
    assert any(EXPECTED[name] in message for message in at_line), (code_line, at_line)


def test_a_snippet_may_write_in_its_own_temporary_folder(
    hostile: tuple[Path, Report, dict[str, object]],
) -> None:
    _, report, _ = hostile
    (verdict,) = [v for v in report.verdicts if "mine.txt" in v.block.code]
    assert verdict.ok, verdict.findings
    assert "output" in verdict.checks


def test_the_repository_is_unchanged_after_a_hostile_run(
    hostile: tuple[Path, Report, dict[str, object]],
) -> None:
    _, _, snapshots = hostile
    assert snapshots["before"] == snapshots["after"]
    assert not (ROOT / "HOSTILE.txt").exists()
    assert not (ROOT / "hostile.db").exists()
    assert not Path("/tmp/escaped.txt").exists()
