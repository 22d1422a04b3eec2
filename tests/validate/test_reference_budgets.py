"""Reference files: general budgets, per-file budgets, flags, the figures report, bad settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from skillkit.validate.tokens import TOKENIZER

if TYPE_CHECKING:  # conftest is not importable at run time under --import-mode=importlib
    from tests.validate.conftest import Outcome

Stage = Callable[[str], Path]
Validate = Callable[..., "Outcome"]
GUIDE = "resources/guide.md"


def write_settings(folder: Path, *lines: str) -> None:
    (folder / "pyproject.toml").write_text("\n".join(lines) + "\n")


def findings_of(outcome: Outcome) -> list[dict[str, str]]:
    findings: list[dict[str, str]] = outcome.report()["findings"]
    return findings


def test_no_reference_budget_by_default(stage: Stage, validate: Validate) -> None:
    outcome = validate(stage("budget-reference-lines"), "--isolated", "--json")
    assert outcome.code == 0
    (reference,) = outcome.report()["references"]
    assert reference == {
        "path": GUIDE,
        "lines": 16,
        "tokens": reference["tokens"],
        "max_lines": None,
        "max_tokens": None,
        "own_budget": False,
    }
    assert reference["tokens"] > 40


def test_line_finding_says_what_to_do(stage: Stage, validate: Validate) -> None:
    (finding,) = findings_of(validate(stage("budget-reference-lines"), "--json"))
    assert finding["message"] == (
        "this guide has 16 lines; the budget is 10 (reference-max-lines) "
        "and this is the first line past it"
    )
    assert finding["fix"].startswith("split the guide into smaller guides linked from SKILL.md")
    assert "complete-examples" in finding["fix"]


def test_token_finding_names_the_tokenizer(stage: Stage, validate: Validate) -> None:
    (finding,) = findings_of(validate(stage("budget-reference-tokens"), "--json"))
    assert finding["message"].startswith("this guide has ")
    assert (
        f"the budget of 40 (reference-max-tokens) runs out on this line ({TOKENIZER})"
        in (finding["message"])
    )


def test_own_budget_lifts_one_file(stage: Stage, validate: Validate) -> None:
    folder = stage("budget-reference-lines")  # reference-max-lines = 10, the guide has 16
    write_settings(
        folder,
        "[tool.skillkit.validate]",
        "reference-max-lines = 10",
        "reference-max-tokens = 5000",
        "[tool.skillkit.validate.budgets]",
        f'"{GUIDE}" = {{ lines = 20 }}  # a file that must stay whole',
    )
    outcome = validate(folder, "--json")
    assert outcome.code == 0, outcome.out
    (reference,) = outcome.report()["references"]
    assert (reference["max_lines"], reference["max_tokens"], reference["own_budget"]) == (
        20,
        5000,  # the figure the entry leaves out comes from the general setting
        True,
    )


def test_own_budget_can_be_tighter(stage: Stage, validate: Validate) -> None:
    folder = stage("valid-skill")
    write_settings(folder, "[tool.skillkit.validate.budgets]", f'"{GUIDE}" = {{ lines = 3 }}')
    outcome = validate(folder, "--json")
    assert outcome.places() == {("budget/reference-lines", GUIDE, 4)}
    (finding,) = findings_of(outcome)
    assert "(its own, from [tool.skillkit.validate.budgets])" in finding["message"]


def test_own_budget_tokens(stage: Stage, validate: Validate) -> None:
    folder = stage("budget-reference-tokens")  # reference-max-tokens = 40: the budget runs out
    write_settings(  # on line 8; its own 60 runs out on line 11 (66 tokens up to there)
        folder,
        "[tool.skillkit.validate]",
        "reference-max-tokens = 40",
        "[tool.skillkit.validate.budgets]",
        f'"{GUIDE}" = {{ tokens = 60 }}',
    )
    assert validate(folder, "--json").places() == {("budget/reference-tokens", GUIDE, 11)}


def test_flags_replace_the_general_budgets(stage: Stage, validate: Validate) -> None:
    folder = stage("budget-reference-lines")
    assert validate(folder, "--reference-max-lines", "16").code == 0
    outcome = validate(folder, "--json", "--isolated", "--reference-max-lines", "12")
    assert outcome.places() == {("budget/reference-lines", GUIDE, 13)}
    outcome = validate(folder, "--json", "--isolated", "--reference-max-tokens", "40")
    assert outcome.places() == {("budget/reference-tokens", GUIDE, 8)}


def test_own_budget_outlives_the_flag(stage: Stage, validate: Validate) -> None:
    folder = stage("budget-reference-lines")
    write_settings(folder, "[tool.skillkit.validate.budgets]", f'"{GUIDE}" = {{ lines = 20 }}')
    assert validate(folder, "--reference-max-lines", "5").code == 0
    assert validate(folder, "--isolated", "--reference-max-lines", "5").code == 1


def test_ignored_rules_still_report_the_figures(stage: Stage, validate: Validate) -> None:
    folder = stage("budget-reference-lines")
    outcome = validate(folder, "--ignore", "budget/reference-lines")
    assert outcome.code == 0
    assert f"{GUIDE}: 16 lines (budget 10), " in outcome.out


def test_text_report_lists_every_reference_against_its_budget(
    stage: Stage, validate: Validate
) -> None:
    folder = stage("toc-present")
    (folder / "resources" / "extra.md").write_text("# Extra\n\nOne line.\n")
    skill_md = folder / "SKILL.md"
    skill_md.write_text(skill_md.read_text() + "\nSee [extra](resources/extra.md).\n")
    write_settings(
        folder,
        "[tool.skillkit.validate]",
        "reference-max-tokens = 6500",
        "[tool.skillkit.validate.budgets]",
        '"resources/extra.md" = { lines = 10, tokens = 100 }',
    )
    outcome = validate(folder)
    assert outcome.code == 0, outcome.out
    lines = outcome.out.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("SKILL.md: "))
    extra, long = lines[start + 1 : start + 3]
    assert extra.startswith("resources/extra.md: 3 lines (own budget 10), ")
    assert extra.endswith(" tokens (own budget 100)")
    assert long.startswith("resources/long.md: ")
    assert " lines (no budget), " in long
    assert long.endswith(" tokens (budget 6,500)")


def test_excluded_files_are_not_references(stage: Stage, validate: Validate) -> None:
    folder = stage("reach-not-linked")
    write_settings(
        folder,
        "[tool.skillkit.validate]",
        'exclude = ["resources/details.md"]',
        "reference-max-lines = 3",
    )
    outcome = validate(folder, "--json")
    assert [item["path"] for item in outcome.report()["references"]] == [GUIDE]
    assert outcome.code == 0
    (folder / "resources" / "details.md").write_text("# Details\n\n" + "More.\n" * 5)
    assert validate(folder).code == 0


BAD_BUDGETS: dict[str, tuple[str, str, int | None]] = {
    "typo": ('"resources/gide.md" = { lines = 9 }', 'did you mean "resources/guide.md"?', 3),
    "skill-md": ('"SKILL.md" = { lines = 9 }', "set max-lines and max-tokens instead", 3),
    "elsewhere": ('"notes/todo.md" = { lines = 9 }', "such as resources/guide.md", 3),
    "unknown-key": (
        f'"{GUIDE}" = {{ lines = 9, words = 2 }}',
        "unknown key 'words'; known keys: lines, tokens",
        3,
    ),
    "unquoted": ("resources.guide = { lines = 9 }", "quote the path", None),
    "empty": (f'"{GUIDE}" = {{}}', "is empty; give lines, tokens or both", 3),
    "zero": (f'"{GUIDE}" = {{ tokens = 0 }}', "tokens must be a positive integer, not 0", 3),
    "not-a-table": (f'"{GUIDE}" = 300', "must be an inline table", 3),
}


@pytest.mark.parametrize("case", sorted(BAD_BUDGETS))
def test_bad_per_file_budget(case: str, stage: Stage, validate: Validate) -> None:
    entry, words, line = BAD_BUDGETS[case]
    folder = stage("valid-skill")
    write_settings(folder, "[tool.skillkit.validate]", "[tool.skillkit.validate.budgets]", entry)
    outcome = validate(folder)
    assert (outcome.code, outcome.out) == (2, "")
    where = f"{folder}/pyproject.toml" + ("" if line is None else f":{line}")
    assert outcome.err.startswith(f"{where}: [tool.skillkit.validate.budgets] ")
    assert words in outcome.err
    assert "Traceback" not in outcome.err


def test_per_file_budget_for_an_excluded_file(stage: Stage, validate: Validate) -> None:
    folder = stage("reach-not-linked")
    write_settings(
        folder,
        "[tool.skillkit.validate]",
        'exclude = ["resources/details.md"]',
        "[tool.skillkit.validate.budgets]",
        '"resources/details.md" = { lines = 9 }',
    )
    outcome = validate(folder, "--json")
    assert outcome.code == 2
    assert "the exclude setting leaves it out and SKILL.md does not link it" in outcome.err


def test_budgets_must_be_a_table(stage: Stage, validate: Validate) -> None:
    folder = stage("valid-skill")
    write_settings(folder, "[tool.skillkit.validate]", "budgets = 3")
    outcome = validate(folder)
    assert outcome.code == 2
    assert "[tool.skillkit.validate.budgets] must be a table" in outcome.err


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ("reference-max-lines = 0", "reference-max-lines must be a positive integer"),
        ('reference-max-tokens = "lots"', "reference-max-tokens must be a positive integer"),
        ("reference-max-words = 9", "unknown key 'reference-max-words'"),
    ],
)
def test_bad_general_reference_budget(
    setting: str, words: str, stage: Stage, validate: Validate
) -> None:
    folder = stage("valid-skill")
    write_settings(folder, "[tool.skillkit.validate]", setting)
    outcome = validate(folder)
    assert outcome.code == 2
    assert words in outcome.err


@pytest.mark.parametrize("flag", ["--reference-max-lines", "--reference-max-tokens"])
def test_bad_flag(flag: str, stage: Stage, validate: Validate) -> None:
    with pytest.raises(SystemExit) as exit_info:
        validate(stage("valid-skill"), flag, "0")
    assert exit_info.value.code == 2


def test_settings_of_an_enclosing_repository_name_the_skill_folder(
    stage: Stage, validate: Validate
) -> None:
    folder = stage("valid-skill")
    write_settings(
        folder.parent, "[tool.skillkit.validate.budgets]", '"resources/other.md" = { lines = 9 }'
    )
    outcome = validate(folder)
    assert outcome.code == 2
    assert f"paths are relative to the skill folder {folder}" in outcome.err
    assert "--isolated ignores them" in outcome.err
    assert validate(folder, "--isolated").code == 0
