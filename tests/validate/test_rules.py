"""One minimal bad fixture per rule: the rule fires at the expected file:line, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from skillkit.validate.rules import RULES

FIXTURES = Path(__file__).parent / "fixtures"

if TYPE_CHECKING:  # conftest is not importable at run time under --import-mode=importlib
    from tests.validate.conftest import Outcome

# fixture -> (expected findings as (rule, file, line), rules that may also fire by construction)
CASES: dict[str, tuple[set[tuple[str, str, int]], set[str]]] = {
    "fm-missing-field": ({("frontmatter/missing-field", "SKILL.md", 1)}, set()),
    "fm-empty-field": ({("frontmatter/empty-field", "SKILL.md", 3)}, set()),
    "fm-field-type": ({("frontmatter/field-type", "SKILL.md", 4)}, set()),
    "fm-unknown-key": ({("frontmatter/unknown-key", "SKILL.md", 4)}, set()),
    "fm-duplicate-key": ({("frontmatter/duplicate-key", "SKILL.md", 4)}, set()),
    "fm-yaml-strict": ({("frontmatter/yaml-strict", "SKILL.md", 4)}, set()),
    "fm-name-format": (
        {("frontmatter/name-format", "SKILL.md", 2)},
        {"frontmatter/name-folder-mismatch"},
    ),
    "fm-name-unicodé": ({("frontmatter/name-format", "SKILL.md", 2)}, set()),
    "fm-name-length": (
        {("frontmatter/name-length", "SKILL.md", 2)},
        {"frontmatter/name-folder-mismatch"},
    ),
    "fm-name-folder-mismatch": ({("frontmatter/name-folder-mismatch", "SKILL.md", 2)}, set()),
    "fm-description-length": ({("frontmatter/description-length", "SKILL.md", 3)}, set()),
    "fm-description-angle-brackets": (
        {("frontmatter/description-angle-brackets", "SKILL.md", 3)},
        set(),
    ),
    "fm-compatibility-length": ({("frontmatter/compatibility-length", "SKILL.md", 4)}, set()),
    "links-empty": ({("links/empty", "SKILL.md", 8)}, set()),
    "links-local-url": ({("links/local-url", "SKILL.md", 9)}, {"reach/not-linked"}),
    "links-absolute-path": ({("links/absolute-path", "SKILL.md", 10)}, {"reach/not-linked"}),
    "links-backslash": ({("links/backslash", "SKILL.md", 8)}, {"reach/not-linked"}),
    "links-outside-skill": ({("links/outside-skill", "SKILL.md", 8)}, set()),
    "links-broken-file": ({("links/broken-file", "SKILL.md", 8)}, set()),
    "links-broken-anchor": (
        {
            ("links/broken-anchor", "SKILL.md", 8),
            ("links/broken-anchor", "resources/guide.md", 6),
        },
        set(),
    ),
    "links-undefined-reference": ({("links/undefined-reference", "SKILL.md", 9)}, set()),
    "reach-not-linked": ({("reach/not-linked", "resources/details.md", 1)}, set()),
    "toc-missing": ({("toc/missing", "resources/long.md", 1)}, set()),
    "toc-incomplete": ({("toc/incomplete", "resources/long.md", 82)}, set()),
    "budget-lines": ({("budget/lines", "SKILL.md", 9)}, set()),
    "budget-tokens": ({("budget/tokens", "SKILL.md", 9)}, set()),
    "budget-description": ({("budget/description", "SKILL.md", 3)}, set()),
    "budget-reference-lines": (
        {("budget/reference-lines", "resources/guide.md", 11)},
        set(),
    ),
    "budget-reference-tokens": (
        {("budget/reference-tokens", "resources/guide.md", 8)},
        set(),
    ),
    "format-crlf": ({("format/crlf", "SKILL.md", 1)}, set()),
}

Stage = Callable[[str], Path]
Validate = Callable[..., "Outcome"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_fires_at_its_line(case: str, stage: Stage, validate: Validate) -> None:
    expected, incidental = CASES[case]
    outcome = validate(stage(case), "--json")
    assert outcome.code == 1, outcome.err
    assert expected <= outcome.places()
    assert outcome.rules() <= {rule for rule, _, _ in expected} | incidental


@pytest.mark.parametrize("case", ["valid-skill", "toc-present"])
def test_clean_skill_passes(case: str, stage: Stage, validate: Validate) -> None:
    outcome = validate(stage(case))
    assert (outcome.code, outcome.err) == (0, "")
    assert "no findings" in outcome.out


def test_crlf_in_a_guide_is_reported_at_its_first_line(stage: Stage, validate: Validate) -> None:
    folder = stage("valid-skill")
    guide = folder / "resources" / "guide.md"
    guide.write_bytes(guide.read_bytes().replace(b"ps.\n", b"ps.\r\n"))
    outcome = validate(folder, "--json")
    assert outcome.places() == {("format/crlf", "resources/guide.md", 5)}


def test_the_crlf_fixture_kept_its_line_endings() -> None:
    assert b"\r\n" in (FIXTURES / "format-crlf" / "SKILL.md").read_bytes()


def test_every_rule_has_a_fixture_that_trips_it() -> None:
    tripped = {rule for expected, _ in CASES.values() for rule, _, _ in expected}
    assert tripped == set(RULES)


def test_text_output_names_file_line_rule_and_fix(stage: Stage, validate: Validate) -> None:
    folder = stage("links-broken-file")
    outcome = validate(folder)
    first = outcome.out.splitlines()[0]
    assert first == (
        f"{folder / 'SKILL.md'}:8: links/broken-file: resources/missing.md does not exist; "
        "fix the path (relative to this file) or add the file"
    )
    assert "anthropic-tokenizer" in outcome.out


# target -> the rule it trips (None: a fine link); each is appended as line 22 of valid-skill.
ODD_TARGETS: dict[str, str | None] = {
    "http://[unclosed/x": None,  # not a valid URL, and web links are not followed anyway
    "<C:\\Users\\me\\guide.md>": "links/absolute-path",
    "~/notes.md": "links/absolute-path",
    "vscode-resource:/x/y.md": "links/local-url",
    "mailto:someone@example.com": None,
    "#": None,
    "resources/guide.md#": None,
    "resources/": None,
    "%zz.md": "links/broken-file",
    "resources/guide.md?plain=1#setup-and-run": None,
    "resources/guide.md?plain=1#nope": "links/broken-anchor",
}


@pytest.mark.parametrize("target", sorted(ODD_TARGETS))
def test_odd_link_targets(target: str, stage: Stage, validate: Validate) -> None:
    folder = stage("valid-skill")
    skill_md = folder / "SKILL.md"
    skill_md.write_text(skill_md.read_text() + f"\n[odd]({target})\n")
    outcome = validate(folder, "--json")
    rule = ODD_TARGETS[target]
    assert outcome.places() == (set() if rule is None else {(rule, "SKILL.md", 22)})
