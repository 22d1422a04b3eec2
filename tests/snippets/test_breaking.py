"""Breaking a proven snippet makes it fail, at the line that was broken."""

from __future__ import annotations

from pathlib import Path

from .conftest import FIXTURES, check, line_of


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = (FIXTURES / "kinds.md").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "kinds.md"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_typo_in_a_name_fails_at_that_line(tmp_path: Path) -> None:
    path = _broken_copy(
        tmp_path, 'Decimal("0.1") + Decimal("0.2")', 'Decimal("0.1") + Decimel("0.2")'
    )
    line = line_of(path, "Decimel")
    report = check([path])
    messages = sorted(f.message.split(":")[0] for f in report.findings)
    locations = {f.line for f in report.findings}
    assert locations == {line}
    assert messages == ["mypy name-defined", "raised NameError", "ruff F821"]


def test_a_wrong_type_fails_at_that_line(tmp_path: Path) -> None:
    path = _broken_copy(tmp_path, "    return value * 2", '    return f"{value}"')
    report = check([path])
    line = line_of(path, 'return f"{value}"')
    # The function now returns "21", so the printed value no longer matches either.
    assert [(f.line, f.message.split(";")[0]) for f in report.findings] == [
        (line, 'mypy return-value: Incompatible return value type (got "str", expected "int")'),
        (line_of(path, "#> 42"), "standard output differs from the #> lines"),
    ]
