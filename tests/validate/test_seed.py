"""A real SKILL.md that `agentskills validate` accepts: editor links, too long, wrong folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # conftest is not importable at run time under --import-mode=importlib
    from tests.validate.conftest import Outcome

# The user's original SKILL.md lives in the read-only shared/ folder beside the checkout.
SEED = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "seed"
    / "backend-python-dev-guidelines.seed.md"
)


@pytest.fixture
def seed_skill(tmp_path: Path) -> Path:
    if not SEED.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the seed is missing at {SEED}: CI lays shared/ beside the checkout")
        pytest.skip(f"the seed is not on this machine ({SEED})")
    folder = tmp_path / "seed"
    folder.mkdir()
    shutil.copyfile(SEED, folder / "SKILL.md")
    return folder


def test_seed_findings(seed_skill: Path, validate: Callable[..., Outcome]) -> None:
    outcome = validate(seed_skill, "--max-lines", "200", "--json")
    assert outcome.code == 1
    report = outcome.report()
    rules = Counter(item["rule"] for item in report["findings"])
    assert rules == {
        "links/local-url": 24,
        "frontmatter/name-folder-mismatch": 1,
        "budget/lines": 1,
        "budget/tokens": 1,
    }
    assert report["skill_md"]["lines"] > 500
    assert report["skill_md"]["tokens"] > 5000
    fixes = {item["fix"] for item in report["findings"] if item["rule"] == "links/local-url"}
    assert "link it relative to this file: resources/domain-layer.md" in " ".join(fixes)
    assert ("budget/lines", "SKILL.md", 201) in outcome.places()


def test_agentskills_accepts_what_we_refuse(
    seed_skill: Path, validate: Callable[..., Outcome]
) -> None:
    folder = seed_skill.rename(seed_skill.parent / "backend-python-dev-guidelines")
    agentskills = Path(sys.executable).parent / "agentskills"
    done = subprocess.run([agentskills, "validate", folder], capture_output=True, check=False)
    assert done.returncode == 0
    outcome = validate(folder, "--json")
    assert outcome.rules() == {"links/local-url", "budget/lines", "budget/tokens"}
