"""Size budgets of reference files: every markdown file of the skill other than SKILL.md."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from skillkit.validate import tokens
from skillkit.validate.budgets import Size, measure
from skillkit.validate.config import BUDGETS_TABLE, Settings, budget_line
from skillkit.validate.findings import BadInput, Finding

FIX = (
    "split the guide into smaller guides linked from SKILL.md, or move detail into a "
    "complete-examples file the guide links to (a file that must stay whole can get its own "
    f"budget in {BUDGETS_TABLE})"
)


@dataclass(frozen=True)
class Budget:
    """A reference file's limits (None: no limit) and whether they are its own."""

    lines: int | None
    tokens: int | None
    own: bool

    def origin(self, general_key: str) -> str:
        return f"its own, from {BUDGETS_TABLE}" if self.own else general_key


@dataclass(frozen=True)
class Reference:
    """One reference file measured against its budget."""

    path: Path
    relative: str  # posix path relative to the skill folder
    size: Size
    budget: Budget


def relative_name(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else path.as_posix()


def budget_of(relative: str, settings: Settings) -> Budget:
    own = settings.file_budgets.get(relative)
    if own is None:
        return Budget(settings.reference_max_lines, settings.reference_max_tokens, own=False)
    return Budget(
        lines=settings.reference_max_lines if own.lines is None else own.lines,
        tokens=settings.reference_max_tokens if own.tokens is None else own.tokens,
        own=True,
    )


def check_overrides(settings: Settings, folder: Path, references: Iterable[str]) -> None:
    """Refuse a per-file budget that names no reference file (a typo would budget nothing)."""
    known = sorted(references)
    for path in settings.file_budgets:
        if path in known:
            continue
        where = f'{BUDGETS_TABLE} "{path}"'
        if path == "SKILL.md":
            advice = "SKILL.md has its own budgets: set max-lines and max-tokens instead"
        elif (folder / path).is_file() and path.lower().endswith(".md"):
            advice = "the exclude setting leaves it out and SKILL.md does not link it; drop it"
        else:
            close = difflib.get_close_matches(path, known, n=1)
            advice = (
                f'did you mean "{close[0]}"?'
                if close
                else "name a markdown file other than SKILL.md by its path from the skill folder, "
                "such as resources/guide.md"
            )
        if settings.source is not None and settings.source.parent != folder:
            advice += (
                f" (paths are relative to the skill folder {folder}; if these settings belong "
                "to another skill, --isolated ignores them)"
            )
        raise BadInput(
            f"{where} is not a reference file of this skill; {advice}",
            file=settings.source,
            line=None if settings.source is None else budget_line(settings.source, path),
        )


def measure_reference(path: Path, relative: str, text: str, settings: Settings) -> Reference:
    return Reference(path, relative, measure(text), budget_of(relative, settings))


def check(reference: Reference, text: str) -> list[Finding]:
    findings: list[Finding] = []
    size, budget = reference.size, reference.budget
    if budget.lines is not None and size.lines > budget.lines:
        findings.append(
            Finding(
                reference.path,
                budget.lines + 1,
                "budget/reference-lines",
                f"this guide has {size.lines:,} lines; the budget is {budget.lines:,} "
                f"({budget.origin('reference-max-lines')}) and this is the first line past it",
                FIX,
            )
        )
    if budget.tokens is not None and size.tokens > budget.tokens:
        line = tokens.line_where_budget_ends(text.splitlines(), budget.tokens)
        findings.append(
            Finding(
                reference.path,
                line,
                "budget/reference-tokens",
                f"this guide has {size.tokens:,} tokens; the budget of {budget.tokens:,} "
                f"({budget.origin('reference-max-tokens')}) runs out on this line "
                f"({tokens.TOKENIZER})",
                FIX,
            )
        )
    return findings
