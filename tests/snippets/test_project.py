"""File blocks become a project tree whose own checks run; failures point into the markdown."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from skillkit.snippets.config import ProjectCheck, ProjectSettings
from skillkit.snippets.engine import Options, Report, check_documents
from skillkit.snippets.sources import load_documents

from .conftest import FIXTURES, ROOT, check, line_of, relative, settings_without_project

SERVICE = FIXTURES / "project" / "service.md"
BROKEN = FIXTURES / "project" / "broken_service.md"
PROJECT = ProjectSettings(
    checks=(
        ProjectCheck("pytest", ("python", "-m", "pytest", "-q", "-p", "no:cacheprovider")),
        ProjectCheck("imports", ("lint-imports", "--no-cache", "--no-logo")),
    ),
    timeout=300,
    env={"PYTHONPATH": "src"},
)


def _check_project(path: Path) -> Report:
    settings = replace(settings_without_project(), project=PROJECT)
    options = Options(parallel=2, use_cache=False, run_project=True)
    return check_documents(load_documents([path], ROOT), settings, options)


@pytest.fixture(scope="module")
def service() -> Report:
    return _check_project(SERVICE)


@pytest.fixture(scope="module")
def broken() -> Report:
    return _check_project(BROKEN)


def test_the_assembled_service_passes_its_own_checks(service: Report) -> None:
    assert [(o.name, o.findings) for o in service.project] == [("pytest", []), ("imports", [])]


def test_an_excerpt_of_an_assembled_file_passes(service: Report) -> None:
    excerpts = [v for v in service.verdicts if v.kind.value == "excerpt"]
    assert len(excerpts) == 1
    assert excerpts[0].ok


def test_an_imports_bad_example_must_break_its_contract(service: Report) -> None:
    leak = line_of(SERVICE, "src/shop/domain/leak.py")
    clean = line_of(SERVICE, "src/shop/domain/clean.py")
    by_line = {v.block.fence_line: v for v in service.verdicts}
    assert by_line[leak].ok, by_line[leak].findings
    assert [str(f) for f in by_line[clean].findings] == [
        f"{relative(SERVICE)}:{clean}: the bad example no longer breaks contract "
        "'Domain stays pure' when added as src/shop/domain/clean.py; make it show the "
        "forbidden import again"
    ]


def test_a_failing_project_test_points_at_the_markdown_line(broken: Report) -> None:
    (pytest_outcome, imports_outcome) = broken.project
    assert imports_outcome.findings == []
    (finding,) = pytest_outcome.findings
    assertion = line_of(BROKEN, "assert Order([1, 2]).total() == 3")
    assert (finding.path, finding.line) == (relative(BROKEN), assertion)
    assert "project check 'pytest'" in finding.message
    assert f"{relative(BROKEN)}:{assertion}" in finding.message


def test_without_file_blocks_nothing_runs_and_the_report_says_so() -> None:
    report = check([FIXTURES / "no_blocks.md"], run_project=True)
    assert report.project == []
    assert "no file blocks: the reference service checks did not run" in report.notes
