"""Size budgets of SKILL.md: lines and tokens (what stays in context), description length."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from skillkit.validate import tokens
from skillkit.validate.config import Settings
from skillkit.validate.findings import Finding
from skillkit.validate.frontmatter import MAX_DESCRIPTION, FrontMatter


@dataclass(frozen=True)
class Size:
    lines: int
    tokens: int


def measure(text: str) -> Size:
    return Size(lines=len(text.splitlines()), tokens=tokens.count(text))


def check(
    path: Path, text: str, size: Size, front: FrontMatter, settings: Settings
) -> list[Finding]:
    findings: list[Finding] = []
    move = "move detail into a reference file linked from SKILL.md"
    if size.lines > settings.max_lines:
        findings.append(
            Finding(
                path,
                settings.max_lines + 1,
                "budget/lines",
                f"SKILL.md has {size.lines} lines; the budget is {settings.max_lines} "
                "and this is the first line past it",
                move,
            )
        )
    if size.tokens > settings.max_tokens:
        line = tokens.line_where_budget_ends(text.splitlines(), settings.max_tokens)
        findings.append(
            Finding(
                path,
                line,
                "budget/tokens",
                f"SKILL.md has {size.tokens:,} tokens; the budget of {settings.max_tokens:,} "
                f"runs out on this line ({tokens.TOKENIZER})",
                move,
            )
        )
    description = front.data.get("description")
    if (
        isinstance(description, str)
        and settings.max_description_chars < len(description) <= MAX_DESCRIPTION
    ):
        findings.append(
            Finding(
                path,
                front.line_of("description"),
                "budget/description",
                f"description is {len(description)} characters; the budget is "
                f"{settings.max_description_chars}",
                "keep what it does and when to use it; cut the rest",
            )
        )
    return findings
