"""Each failure mode of a block is reported at the exact ``file.md:line`` with a fix."""

from __future__ import annotations

import pytest

from skillkit.snippets.engine import Report

from .conftest import FIXTURES, findings_at, line_of

FAILURES = FIXTURES / "failures.md"


def _fence_after(annotation: str) -> int:
    return line_of(FAILURES, annotation) + 1


@pytest.mark.parametrize(
    ("line_text", "expected"),
    [
        ("sys.exit(2)", "called sys.exit(2)"),
        ("os._exit(3)", "exit code 3 (os._exit"),
        ('Path("/etc/skillkit-was-here")', "writes outside its temporary folder"),
        ("socket.create_connection", "uses the network (socket.connect"),
        ('subprocess.run(["true"]', "starts a process (subprocess.Popen)"),
        ("#> there", "standard output differs from the #> lines"),
        ("return sum(prices) * 2", "excerpt drifted from src/shop/pricing.py"),
        ('name = "shop', "toml does not parse: TOMLDecodeError"),
        ("db: [unclosed", "yaml does not parse: ParserError"),
        ('{"name": "shop",}', "json does not parse: JSONDecodeError"),
        ("no section header", "ini does not parse: MissingSectionHeaderError"),
        ("  echo yes", "bash syntax error"),
        ("import typing", "ruff I001"),
        ("import json", "ruff F401: `json` imported but unused"),
        ('count: int = "three"', "mypy assignment"),
        ("print(greet(nmae))", "mypy name-defined"),
        ("print(greet(nmae))", "ruff F821"),
        ("print(greet(nmae))", "raised NameError: name 'nmae' is not defined"),
        ('raise RuntimeError("the snippet is broken")', "raised RuntimeError"),
        ('warnings.warn("old API"', "raised DeprecationWarning: old API"),
        ('raise ValueError("open")', "does not match 'closed'"),
    ],
)
def test_failure_is_reported_on_its_line(
    fixtures_report: Report, line_text: str, expected: str
) -> None:
    messages = findings_at(fixtures_report, FAILURES, line_of(FAILURES, line_text))
    assert any(expected in message for message in messages), messages


def test_a_hanging_snippet_times_out_at_its_first_line(fixtures_report: Report) -> None:
    messages = findings_at(fixtures_report, FAILURES, line_of(FAILURES, "while True:"))
    assert messages == [
        "did not finish within 1.0 s (a loop or a wait that never ends?); make it finish, or "
        'allow more time with `<!-- check: run timeout="N" -->`'
    ]


def test_a_traceback_names_the_markdown_file_and_line(fixtures_report: Report) -> None:
    line = line_of(FAILURES, 'raise RuntimeError("the snippet is broken")')
    (message,) = findings_at(fixtures_report, FAILURES, line)
    assert f'File "tests/snippets/fixtures/failures.md", line {line}, in <module>' in message


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        ('bad raises="KeyError"', 'declared raises="KeyError" but it ran to its end'),
        ('bad ruff="ASYNC230"', 'declared ruff="ASYNC230" but ruff reports nothing'),
        ('bad mypy="arg-type"', 'declared mypy="arg-type" but mypy reports nothing'),
    ],
)
def test_a_bad_example_that_stops_failing_is_reported_at_its_fence(
    fixtures_report: Report, annotation: str, expected: str
) -> None:
    messages = findings_at(fixtures_report, FAILURES, line_of(FAILURES, annotation) + 1)
    assert any(expected in message for message in messages), messages


def test_every_failing_block_of_the_fixture_has_a_finding(fixtures_report: Report) -> None:
    path = "tests/snippets/fixtures/failures.md"
    verdicts = [v for v in fixtures_report.verdicts if v.block.path == path]
    passing = [(v.kind.value, v.block.title) for v in verdicts if v.ok]
    # Only the file block that the drifted excerpt quotes is correct.
    assert passing == [("file", "src/shop/pricing.py")]
