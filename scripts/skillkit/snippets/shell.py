"""Check shell blocks with ``bash -n`` (syntax only; nothing is executed)."""

from __future__ import annotations

import re
import subprocess

from skillkit.snippets.model import Block, Finding

_BASH_LINE = re.compile(r"line (?P<line>\d+): (?P<message>.*)")
PROMPT = "$ "


def script_of(block: Block) -> str:
    """What ``bash -n`` reads: a console block keeps only its ``$ `` commands, line for line."""
    if block.language != "console":
        return block.code
    kept = []
    for line in block.code.splitlines():
        stripped = line.lstrip()
        kept.append(stripped[len(PROMPT) :] if stripped.startswith(PROMPT) else "")
    return "\n".join(kept) + "\n"


def check_shell(block: Block, timeout: float = 10.0) -> list[Finding]:
    completed = subprocess.run(
        ["bash", "-n"],
        input=script_of(block),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode == 0:
        return []
    findings = []
    for raw in completed.stderr.splitlines():
        found = _BASH_LINE.search(raw)
        if found:
            findings.append(
                Finding(
                    block.path,
                    block.md_line(int(found.group("line"))),
                    f"bash syntax error: {found.group('message')}; fix the command",
                )
            )
    if not findings:
        message = completed.stderr.strip() or f"bash -n exited {completed.returncode}"
        findings.append(Finding(block.path, block.code_line, f"bash syntax error: {message}"))
    return findings
