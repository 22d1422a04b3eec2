"""Findings for people (`file:line: rule: what is wrong; what to do`) and as JSON."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from skillkit.validate.findings import BadInput, Finding
from skillkit.validate.reference_budgets import Reference
from skillkit.validate.runner import Result
from skillkit.validate.tokens import TOKENIZER


def shown(path: Path) -> str:
    """A path relative to the working folder when it lies below it, else absolute."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def finding_line(finding: Finding) -> str:
    where = f"{shown(finding.file)}:{finding.line}"
    return f"{where}: {finding.rule}: {finding.message}; {finding.fix}"


def text(result: Result) -> str:
    lines = [finding_line(finding) for finding in result.findings]
    size, settings = result.size, result.settings
    counts = Counter(finding.rule for finding in result.findings)
    verdict = (
        f"{len(result.findings)} finding(s): "
        + ", ".join(f"{count} {rule}" for rule, count in sorted(counts.items()))
        if result.findings
        else "no findings"
    )
    lines.append(f"{shown(result.folder)}: {verdict}")
    lines.append(
        f"SKILL.md: {size.lines} lines (budget {settings.max_lines}), {size.tokens:,} tokens "
        f"(budget {settings.max_tokens:,}; counted with {TOKENIZER})"
    )
    lines += [reference_line(reference) for reference in result.references]
    if settings.source is not None:
        lines.append(f"settings: [tool.skillkit.validate] in {shown(settings.source)}")
    return "\n".join(lines)


def _against(figure: int, unit: str, budget: int | None, own: bool) -> str:
    limit = "no budget" if budget is None else f"{'own budget' if own else 'budget'} {budget:,}"
    return f"{figure:,} {unit} ({limit})"


def reference_line(reference: Reference) -> str:
    """`resources/x.md: 491 lines (budget 500), 6,082 tokens (budget 6,500)`."""
    size, budget = reference.size, reference.budget
    lines = _against(size.lines, "lines", budget.lines, budget.own)
    tokens = _against(size.tokens, "tokens", budget.tokens, budget.own)
    return f"{reference.relative}: {lines}, {tokens}"


def as_json(result: Result) -> str:
    size, settings = result.size, result.settings
    document = {
        "skill": shown(result.folder),
        "ok": not result.findings,
        "findings": [
            {
                "rule": finding.rule,
                "file": shown(finding.file),
                "line": finding.line,
                "message": finding.message,
                "fix": finding.fix,
            }
            for finding in result.findings
        ],
        "skill_md": {
            "lines": size.lines,
            "tokens": size.tokens,
            "max_lines": settings.max_lines,
            "max_tokens": settings.max_tokens,
        },
        "references": [
            {
                "path": reference.relative,
                "lines": reference.size.lines,
                "tokens": reference.size.tokens,
                "max_lines": reference.budget.lines,
                "max_tokens": reference.budget.tokens,
                "own_budget": reference.budget.own,
            }
            for reference in result.references
        ],
        "tokenizer": TOKENIZER,
        "settings_file": None if settings.source is None else shown(settings.source),
    }
    return json.dumps(document, indent=2)


def bad_input(error: BadInput) -> str:
    where = "" if error.file is None else shown(error.file)
    if error.file is not None and error.line is not None:
        where += f":{error.line}"
    return f"{where}: {error.message}" if where else error.message


def bad_input_json(error: BadInput) -> str:
    file = None if error.file is None else shown(error.file)
    return json.dumps({"error": {"file": file, "line": error.line, "message": error.message}})
