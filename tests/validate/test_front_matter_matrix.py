"""Many front-matter variants: whatever skills-ref refuses, we refuse; we refuse more only by the
rules of Anthropic's upload check.

This calls `skills_ref.validator.validate`, the function behind `agentskills validate`, in process
(the CLI itself is exercised in test_agentskills_agreement.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from skills_ref.validator import validate as skills_ref_validate

if TYPE_CHECKING:  # conftest is not importable at run time under --import-mode=importlib
    from tests.validate.conftest import Outcome

DESCRIPTION = "description: Does one thing. Use when testing."
# (folder name, front matter lines)
VARIANTS: list[tuple[str, str]] = [
    ("plain", f"name: plain\n{DESCRIPTION}"),
    ("Upper", f"name: Upper\n{DESCRIPTION}"),
    ("-lead", f"name: -lead\n{DESCRIPTION}"),
    ("trail-", f"name: trail-\n{DESCRIPTION}"),
    ("dou--ble", f"name: dou--ble\n{DESCRIPTION}"),
    ("under_score", f"name: under_score\n{DESCRIPTION}"),
    ("with space", f"name: with space\n{DESCRIPTION}"),
    ("a" * 64, f"name: {'a' * 64}\n{DESCRIPTION}"),
    ("a" * 65, f"name: {'a' * 65}\n{DESCRIPTION}"),
    ("ünï", f"name: ünï\n{DESCRIPTION}"),
    ("123", f"name: 123\n{DESCRIPTION}"),
    ("quoted", f'name: "quoted"\n{DESCRIPTION}'),
    ("empty-name", f'name: ""\n{DESCRIPTION}'),
    ("no-name", DESCRIPTION),
    ("no-description", "name: no-description"),
    ("blank-description", 'name: blank-description\ndescription: "   "'),
    ("long-description", f"name: long-description\ndescription: {'d' * 1025}"),
    ("max-description", f"name: max-description\ndescription: {'d' * 1024}"),
    ("angle", "name: angle\ndescription: Renders <b>bold</b> text."),
    ("block-description", "name: block-description\ndescription: |\n  Two lines\n  of text."),
    ("numeric-description", "name: numeric-description\ndescription: 2024"),
    ("license", f"name: license\n{DESCRIPTION}\nlicense: Apache-2.0"),
    ("compat-ok", f"name: compat-ok\n{DESCRIPTION}\ncompatibility: {'c' * 500}"),
    ("compat-long", f"name: compat-long\n{DESCRIPTION}\ncompatibility: {'c' * 501}"),
    ("metadata", f'name: metadata\n{DESCRIPTION}\nmetadata:\n  author: me\n  version: "2"'),
    ("metadata-flow", f"name: metadata-flow\n{DESCRIPTION}\nmetadata: {{author: me}}"),
    ("tools", f"name: tools\n{DESCRIPTION}\nallowed-tools: Bash(git:*) Read"),
    ("tools-list", f"name: tools-list\n{DESCRIPTION}\nallowed-tools: [Read, Grep]"),
    ("extra-key", f"name: extra-key\n{DESCRIPTION}\nwhen_to_use: often"),
    ("two-extra", f"name: two-extra\n{DESCRIPTION}\nauthor: me\nversion: 1"),
    ("dup-name", f"name: dup-name\nname: dup-name\n{DESCRIPTION}"),
    ("anchor", f"name: &n anchor\n{DESCRIPTION}"),
    ("tagged", f"name: !!str tagged\n{DESCRIPTION}"),
    ("comment", f"# a comment\nname: comment\n{DESCRIPTION}"),
]
# Rules that only Anthropic's upload check (quick_validate.py) has, not skills-ref.
UPLOAD_CHECK_RULES = {
    "frontmatter/description-angle-brackets",
    "frontmatter/field-type",  # PyYAML types: 123, 2024, 1 are not strings
    "frontmatter/name-format",  # a-z only; skills-ref allows any lowercase letter
    "frontmatter/empty-field",  # an empty compatibility
}


@pytest.mark.parametrize(
    ("folder_name", "front"), VARIANTS, ids=[f"{v[0][:20]}-{len(v[0])}" for v in VARIANTS]
)
def test_union_of_both_official_checks(
    folder_name: str, front: str, tmp_path: Path, validate: Callable[..., Outcome]
) -> None:
    folder = tmp_path / folder_name
    folder.mkdir()
    (folder / "SKILL.md").write_text(f"---\n{front}\n---\n\n# Title\n", encoding="utf-8")
    theirs = skills_ref_validate(folder)
    outcome = validate(folder, "--json")
    assert outcome.code in {0, 1}, outcome.err
    ours = outcome.rules()
    if theirs:
        assert ours, f"skills-ref refuses ({theirs}) but we accept"
    else:
        assert ours <= UPLOAD_CHECK_RULES, f"skills-ref accepts, we report {ours}"


def test_the_matrix_has_both_verdicts(tmp_path: Path) -> None:
    refused = 0
    for folder_name, front in VARIANTS:
        folder = tmp_path / folder_name
        folder.mkdir()
        (folder / "SKILL.md").write_text(f"---\n{front}\n---\n", encoding="utf-8")
        refused += bool(skills_ref_validate(folder))
    assert 15 <= refused <= len(VARIANTS) - 10
