"""The real `agentskills validate` (skills-ref) and this validator judge front matter alike.

Where this validator is stricter, it is because of Anthropic's upload check (quick_validate.py):
those fixtures are listed apart, and the test proves agentskills accepts them while we refuse.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # conftest is not importable at run time under --import-mode=importlib
    from tests.validate.conftest import Outcome

AGENTSKILLS = Path(sys.executable).parent / "agentskills"

# Fixtures whose verdict both tools must share (None: accepted by both).
SHARED = {
    "valid-skill": None,
    "fm-missing-field": "frontmatter/missing-field",
    "fm-empty-field": "frontmatter/empty-field",
    "fm-unknown-key": "frontmatter/unknown-key",
    "fm-duplicate-key": "frontmatter/duplicate-key",
    "fm-yaml-strict": "frontmatter/yaml-strict",
    "fm-name-format": "frontmatter/name-format",
    "fm-name-length": "frontmatter/name-length",
    "fm-name-folder-mismatch": "frontmatter/name-folder-mismatch",
    "fm-description-length": "frontmatter/description-length",
    "fm-compatibility-length": "frontmatter/compatibility-length",
}
# Refused only by Anthropic's upload check, so only by us among the two.
UPLOAD_CHECK_ONLY = {
    "fm-description-angle-brackets": "frontmatter/description-angle-brackets",
    "fm-name-unicodé": "frontmatter/name-format",  # skills-ref allows any lowercase letter
    "fm-field-type": "frontmatter/field-type",  # strictyaml reads 2024 as the string "2024"
}


def agentskills_accepts(folder: Path) -> bool:
    assert AGENTSKILLS.exists(), "skills-ref is a dev dependency: run `uv sync`"
    done = subprocess.run(
        [str(AGENTSKILLS), "validate", str(folder)], capture_output=True, text=True, check=False
    )
    assert done.returncode in {0, 1}, done.stderr
    return done.returncode == 0


@pytest.mark.parametrize("case", sorted(SHARED))
def test_same_verdict_as_agentskills(
    case: str, stage: Callable[[str], Path], validate: Callable[..., Outcome]
) -> None:
    folder = stage(case)
    outcome = validate(folder, "--json")
    rule = SHARED[case]
    assert agentskills_accepts(folder) == (rule is None)
    assert (outcome.code == 0) == (rule is None)
    if rule is not None:
        assert rule in outcome.rules()


@pytest.mark.parametrize("case", sorted(UPLOAD_CHECK_ONLY))
def test_upload_check_rules_go_beyond_agentskills(
    case: str, stage: Callable[[str], Path], validate: Callable[..., Outcome]
) -> None:
    folder = stage(case)
    outcome = validate(folder, "--json")
    assert agentskills_accepts(folder)
    assert outcome.code == 1
    assert outcome.rules() == {UPLOAD_CHECK_ONLY[case]}
