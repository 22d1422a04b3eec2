"""Shared helpers; the markdown fixtures are checked once per session and tests read the report."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from skillkit.snippets.cache import cache_root
from skillkit.snippets.config import Settings, find_root, load_settings
from skillkit.snippets.engine import Options, Report, check_documents
from skillkit.snippets.model import Finding
from skillkit.snippets.sources import load_documents

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = find_root(Path(__file__).parent)


def relative(path: Path) -> str:
    return path.resolve().relative_to(ROOT).as_posix()


def line_of(path: Path, text: str, *, whole: bool = False) -> int:
    """The 1-based line of ``path`` that contains ``text`` (or is it, with ``whole``).

    ``text`` must occur exactly once, so a fixture edit cannot silently move an assertion.
    """
    hits = [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if (line == text if whole else text in line)
    ]
    assert len(hits) == 1, f"{text!r} occurs {len(hits)} times in {path.name}"
    return hits[0]


def findings_at(report: Report, path: Path, line: int) -> list[str]:
    """The messages of every finding at ``path:line``."""
    where = relative(path)
    return [f.message for f in report.findings if f.path == where and f.line == line]


def location(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}"


def settings_without_project() -> Settings:
    settings = load_settings(ROOT)
    return replace(settings, project=replace(settings.project, setup=(), checks=()))


def check(paths: list[Path], **options: object) -> Report:
    documents = load_documents(paths, ROOT)
    chosen = Options(parallel=2, use_cache=False, cache_dir=cache_root(), run_project=False)
    chosen = replace(chosen, **options)  # type: ignore[arg-type]
    return check_documents(documents, settings_without_project(), chosen)


@pytest.fixture(scope="session")
def fixtures_report() -> Report:
    """Every fixture file except the project ones, checked in one batch (no cache, no project)."""
    paths = [FIXTURES / name for name in ("kinds.md", "failures.md", "bad_input.md", "latin1.md")]
    return check([*paths, FIXTURES / "no_blocks.md"])
