"""Unchanged passing blocks are not re-checked; the cache lives outside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillkit.snippets.cache import cache_enabled_by_default, cache_root
from skillkit.snippets.engine import Report

from .conftest import ROOT, check

GOOD = '```python\nprint("cached")\n#> cached\n```\n'
DATA = '```json\n{"a": 1}\n```\n'
BROKEN = "```python\nprint(undefined_name)\n```\n"


def _run(path: Path, cache: Path) -> Report:
    return check([path], use_cache=True, cache_dir=cache, tool_cache_dir=cache_root())


def _cached(report: Report) -> list[tuple[int, bool]]:
    return [(v.block.fence_line, v.cached) for v in report.verdicts]


def test_second_run_reuses_passing_verdicts_and_rechecks_failures(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text(f"# Doc\n\n{GOOD}\n{DATA}\n{BROKEN}", encoding="utf-8")
    cache = tmp_path / "cache"
    first = _run(path, cache)
    assert _cached(first) == [(3, False), (8, False), (12, False)]
    second = _run(path, cache)
    assert _cached(second) == [(3, True), (8, True), (12, False)]
    assert [f.line for f in second.findings] == [f.line for f in first.findings]
    assert list((cache / "verdicts").rglob("*.json"))


def test_a_changed_or_moved_block(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text(f"# Doc\n\n{GOOD}", encoding="utf-8")
    cache = tmp_path / "cache"
    _run(path, cache)
    path.write_text(f"# Doc\n\nMoved down.\n\n{GOOD}\n{GOOD.replace('cached', 'changed')}")
    report = _run(path, cache)
    assert _cached(report) == [(5, True), (10, False)]
    assert report.findings == []


def test_no_cache_rechecks_everything(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text(f"# Doc\n\n{GOOD}", encoding="utf-8")
    cache = tmp_path / "cache"
    _run(path, cache)
    report = check([path], use_cache=False, cache_dir=cache, tool_cache_dir=cache_root())
    assert _cached(report) == [(3, False)]


def test_cache_location_and_ci_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SKILLKIT_CACHE_DIR", str(tmp_path))
    assert cache_root() == tmp_path
    monkeypatch.delenv("SKILLKIT_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache_root() == tmp_path / ".cache" / "skillkit"
    assert ROOT not in cache_root().parents
    monkeypatch.setenv("CI", "true")
    assert not cache_enabled_by_default()
    monkeypatch.setenv("CI", "false")
    assert cache_enabled_by_default()
