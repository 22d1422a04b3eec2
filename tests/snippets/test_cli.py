"""``skillkit snippets check``: exit codes, text and JSON reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillkit.cli import main
from skillkit.snippets.config import load_settings


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_exit_0_when_every_block_is_proven(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, '# Ok\n\n```python\nprint("ok")\n#> ok\n```\n\n```text\nx\n```\n')
    assert main(["snippets", "check", str(path), "--no-cache", "-j", "1"]) == 0
    out = capsys.readouterr().out
    assert "2 blocks (run 1, text 1), 1 checked" in out
    assert "0 findings: every block is proven or accounted for" in out


def test_exit_1_with_findings_as_file_line_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "# Broken\n\n```python\nvalue: int = 'x'\n```\n")
    assert main(["snippets", "check", str(path), "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert f"{path}:4: mypy assignment: Incompatible types in assignment" in out


def test_json_report_lists_files_blocks_and_skips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path,
        '# Doc\n\n<!-- check: skip reason="needs a broker" -->\n```python\nimport kafka\n```\n\n'
        '<!-- check: bad raises="ZeroDivisionError" -->\n```python\n1 / 0\n```\n',
    )
    assert main(["snippets", "check", str(path), "--json", "--no-cache"]) == 0
    payload = json.loads(capsys.readouterr().out)
    (summary,) = payload["files"]
    assert summary == {
        "path": str(path),
        "blocks": 2,
        "checked": 1,
        "cached": 0,
        "kinds": {"bad": 1, "skip": 1},
        "skipped": [{"line": 4, "reason": "needs a broker"}],
        "findings": [],
    }
    assert [(b["line"], b["kind"], b["checks"], b["ok"]) for b in payload["blocks"]] == [
        (4, "skip", [], True),
        (9, "bad", ["compile", "run"], True),
    ]
    assert payload["project"] == []
    # Which note depends on whether the repository around the file has file blocks of its own.
    (note,) = payload["notes"]
    assert "the reference service checks did not run" in note


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.md"], "missing.md: no such file or folder"),
        (["pyproject.toml"], "pyproject.toml: not a markdown file (.md)"),
        (["-j", "0", "x.md"], "-j must be at least 1"),
    ],
)
def test_exit_2_for_bad_input(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["snippets", "check", *arguments]) == 2
    assert message in capsys.readouterr().err


def test_a_folder_is_searched_for_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "a.md").write_text("```json\n{}\n```\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("```json\n{,}\n```\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not markdown", encoding="utf-8")
    assert main(["snippets", "check", str(tmp_path), "--no-cache", "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert sorted(summary["path"] for summary in payload["files"]) == [
        str(tmp_path / "b.md"),
        str(tmp_path / "nested" / "a.md"),
    ]


def test_project_checks_may_be_tables_or_bare_argv_lists(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.skillkit.project]\n"
        'checks = [["ruff", "check", "."], ["python", "-m", "pytest", "-q"], ["ruff", "format"],\n'
        '  { name = "imports", run = ["lint-imports"] }]\n',
        encoding="utf-8",
    )
    checks = load_settings(tmp_path).project.checks
    assert [(check.name, check.argv[0]) for check in checks] == [
        ("ruff", "ruff"),
        ("pytest", "python"),
        ("ruff-2", "ruff"),
        ("imports", "lint-imports"),
    ]


def test_a_malformed_project_check_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.skillkit.project]\nchecks = ["ruff check ."]\n', encoding="utf-8"
    )
    (tmp_path / "doc.md").write_text("# Doc\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["snippets", "check", "doc.md"]) == 2
    assert "each tool.skillkit.project.checks entry is" in capsys.readouterr().err


def test_exit_2_when_there_is_nothing_to_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["snippets", "check"]) == 2
    assert "no SKILL.md or resources/*.md here" in capsys.readouterr().err


def _skill(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.skillkit.project]\nchecks = [["python", "-c", "raise SystemExit(3)"]]\n',
        encoding="utf-8",
    )
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "quotes.md").write_text(
        '<!-- check: excerpt -->\n```python title="src/app/main.py"\nVALUE = 1\n```\n',
        encoding="utf-8",
    )
    (tmp_path / "resources" / "service.md").write_text(
        '```python title="src/app/main.py"\nimport os\n\nVALUE = 1\n```\n', encoding="utf-8"
    )


def test_one_guide_is_checked_against_the_file_blocks_of_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _skill(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["snippets", "check", "resources/quotes.md", "--no-cache", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [summary["path"] for summary in payload["files"]] == ["resources/quotes.md"]
    assert [(block["kind"], block["ok"]) for block in payload["blocks"]] == [("excerpt", True)]
    assert payload["project"] == []
    assert payload["notes"] == [
        "the reference service checks did not run: no file block among the given files"
    ]


def test_a_guide_with_file_blocks_runs_the_service_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _skill(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["snippets", "check", "resources/service.md", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert "project check python (python -c raise SystemExit(3)): FAILED" in out
    assert "resources/service.md:1: project check 'python'" in out
