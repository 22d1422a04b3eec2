"""Expected output: ``#> text`` lines in a block, compared whole with its standard output."""

from __future__ import annotations

import difflib
import re

from skillkit.snippets.model import Block, Finding

# ``#> text``; ruff format rewrites it as ``# > text``, which is read the same way.
_MARK = re.compile(r"^\s*# ?>(?: (?P<text>.*)|(?P<empty>))$")


def expected_lines(code: str) -> list[tuple[int, str]]:
    """(1-based code line, expected text) for every ``#>`` line, in order."""
    found = []
    for number, line in enumerate(code.splitlines(), start=1):
        match = _MARK.match(line)
        if match:
            found.append((number, match.group("text") or ""))
    return found


def compare_output(block: Block, stdout: str) -> list[Finding]:
    expected = expected_lines(block.code)
    if not expected:
        return []
    wanted = [text for _, text in expected]
    actual = stdout.splitlines()
    if [line.rstrip() for line in actual] == [line.rstrip() for line in wanted]:
        return []
    first_bad = next(
        (
            index
            for index, (want, got) in enumerate(zip(wanted, actual, strict=False))
            if want.rstrip() != got.rstrip()
        ),
        min(len(wanted), len(actual)),
    )
    line = block.md_line(expected[min(first_bad, len(expected) - 1)][0])
    diff = "\n".join(
        difflib.unified_diff(wanted, actual, "expected (#> lines)", "actual stdout", lineterm="")
    )
    return [
        Finding(
            block.path,
            line,
            "standard output differs from the #> lines; update them to what the code prints "
            f"(or fix the code):\n{diff}",
        )
    ]
