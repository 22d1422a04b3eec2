"""Turn a sandbox record (how a snippet's process ended) into findings at ``file.md:line``."""

from __future__ import annotations

import re
from typing import Any

from skillkit.snippets.expected import compare_output
from skillkit.snippets.model import Block, Finding


def _line(block: Block, record: dict[str, Any]) -> int:
    line = record.get("line")
    return int(line) if isinstance(line, int) else block.code_line


def _short_type(record: dict[str, Any]) -> str:
    types = record.get("types") or ["Exception"]
    return str(types[0])


def describe_failure(block: Block, record: dict[str, Any]) -> Finding | None:
    """What went wrong when a snippet that should run cleanly did not; None if it ran cleanly."""
    outcome = record["outcome"]
    where = _line(block, record)
    if outcome == "ok" or (outcome == "exit" and record.get("code") == 0):
        return None
    if outcome == "raised":
        name = _short_type(record)
        message = (
            f"raised {name}: {record.get('message', '')}; fix the code, or if the failure is the "
            f'point, annotate the block `<!-- check: bad raises="{name}" -->`\n'
            f"{record.get('traceback', '').rstrip()}"
        )
    elif outcome == "exit":
        message = (
            f"called sys.exit({record.get('code')}): a snippet must run to its end; "
            "remove the exit or make it succeed"
        )
    elif outcome == "died":
        message = (
            f"the process ended abruptly with exit code {record.get('code')} (os._exit or a crash) "
            "before the snippet finished; let it run to its end"
        )
    elif outcome == "signal":
        message = (
            f"the process was killed by {record.get('signal')} before the snippet finished; "
            "find what kills it (memory, a signal it sends itself)"
        )
    elif outcome == "timeout":
        message = (
            f"did not finish within {record.get('seconds')} s (a loop or a wait that never ends?); "
            'make it finish, or allow more time with `<!-- check: run timeout="N" -->`'
        )
    elif outcome == "blocked":
        message = (
            f"stopped: the snippet {record.get('detail')}; snippets run without network, child "
            "processes or writes outside their temporary folder: show such code as a file block "
            'of the reference service, or `<!-- check: skip reason="..." -->`'
        )
    elif outcome == "syntax":
        message = f"does not compile: {record.get('message')}; fix the syntax"
    else:
        message = f"ended in an unknown way ({outcome})"
    return Finding(block.path, where, message)


def check_run(block: Block, record: dict[str, Any]) -> list[Finding]:
    failure = describe_failure(block, record)
    if failure is not None:
        return [failure]
    return compare_output(block, record.get("stdout", ""))


def check_raises(
    block: Block, record: dict[str, Any], expected: str, pattern: str | None
) -> list[Finding]:
    """A ``bad raises=...`` example must raise that exception (matching ``pattern``)."""
    outcome = record["outcome"]
    declared = f'raises="{expected}"' + (f' match="{pattern}"' if pattern else "")
    if outcome == "raised":
        if expected not in record.get("types", []):
            return [
                Finding(
                    block.path,
                    _line(block, record),
                    f"the bad example raised {_short_type(record)}: {record.get('message')} "
                    f"instead of {expected}; fix the example or its annotation ({declared})",
                )
            ]
        if pattern and not re.search(pattern, record.get("message", "")):
            return [
                Finding(
                    block.path,
                    _line(block, record),
                    f"the bad example raised {expected} but its message {record.get('message')!r} "
                    f"does not match {pattern!r}; update match= or the example",
                )
            ]
        return []
    if outcome == "ok" or (outcome == "exit" and record.get("code") == 0):
        return [
            Finding(
                block.path,
                block.fence_line,
                f"the bad example no longer fails: declared {declared} but it ran to its end; "
                "make it show the failure again, or turn it into a normal example",
            )
        ]
    failure = describe_failure(block, record)
    return [failure] if failure is not None else []
