"""Fixtures shared by the top-level test suites."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest


@pytest.fixture
def uv() -> str:
    """The uv executable: required in CI, a stated skip elsewhere when it is missing."""
    found = shutil.which("uv") or shutil.which("uv", path=str(Path(sys.executable).parent))
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("uv is not on PATH; CI installs it before running the tests")
        pytest.skip("uv is not on PATH (python3 -m pip install uv)")
    return found
