"""Markdown mistakes are findings at their line; the other blocks of the file are still checked."""

from __future__ import annotations

import pytest

from skillkit.snippets.engine import Report
from skillkit.snippets.model import Kind

from .conftest import FIXTURES, findings_at, line_of, relative

BAD = FIXTURES / "bad_input.md"


@pytest.mark.parametrize(
    ("line_text", "expected"),
    [
        ('colour="red"', "unknown key 'colour' for kind 'bad'"),
        ("check: explode", "unknown annotation kind 'explode'"),
        ("<!-- check: skip -->", "a skip needs a reason"),
        ("<!-- check: run -->", "annotation is not followed by a fence"),
        ("```py", "info string 'py' is not checked as Python; write ```python"),
        ("```python3", "info string 'python3'"),
        ("```Python", "info string 'Python'"),
        ("```pycon", "info string 'pycon'"),
        ('check="run"', "unknown fence option check"),
        ("never closed", "this fence is never closed"),
        ('    indented = "code block"', "indented code block: it has no language"),
        ('title="../outside.py"', "title '../outside.py' leaves the service's folder"),
    ],
)
def test_bad_input_is_reported_on_its_line(
    fixtures_report: Report, line_text: str, expected: str
) -> None:
    line = line_of(BAD, line_text, whole=line_text.startswith("```"))
    if line_text == "never closed":
        line -= 1  # the finding points at the opening fence
    messages = findings_at(fixtures_report, BAD, line)
    assert any(expected in message for message in messages), messages


def test_a_block_without_language_is_reported(fixtures_report: Report) -> None:
    line = line_of(BAD, "no language") - 1
    (message,) = findings_at(fixtures_report, BAD, line)
    assert message.startswith("the block has no language; add one")


def test_two_file_blocks_cannot_claim_one_title(fixtures_report: Report) -> None:
    second = line_of(BAD, "x = 2") - 1
    (message,) = findings_at(fixtures_report, BAD, second)
    first = second - 4
    assert message.startswith(
        f"title 'app/main.py' is already claimed by the file block at {relative(BAD)}:{first}"
    )


def test_an_excerpt_needs_a_title(fixtures_report: Report) -> None:
    line = line_of(BAD, "<!-- check: excerpt -->") + 1
    (message,) = findings_at(fixtures_report, BAD, line)
    assert message.startswith("a excerpt block needs the path it belongs to")


def test_blocks_after_the_mistakes_are_still_checked(fixtures_report: Report) -> None:
    line = line_of(BAD, 'print("still checked")') - 1
    (verdict,) = [
        v
        for v in fixtures_report.verdicts
        if v.block.path == relative(BAD) and v.block.fence_line == line
    ]
    assert verdict.kind is Kind.RUN
    assert verdict.ok
    assert "run" in verdict.checks


def test_a_non_utf8_file_is_one_finding_at_the_bad_byte(fixtures_report: Report) -> None:
    path = relative(FIXTURES / "latin1.md")
    messages = [str(f) for f in fixtures_report.findings if f.path == path]
    assert messages == [
        f"{path}:1: the file is not valid UTF-8 (byte 0xe9); save it as UTF-8 so its code "
        "blocks can be checked"
    ]
