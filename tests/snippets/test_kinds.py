"""Each kind of block, written correctly, passes, and every block gets a verdict."""

from __future__ import annotations

from skillkit.snippets.engine import Report
from skillkit.snippets.model import Kind

from .conftest import FIXTURES, line_of, relative

KINDS = FIXTURES / "kinds.md"


def _verdicts(report: Report) -> dict[int, object]:
    return {v.block.fence_line: v for v in report.verdicts if v.block.path == relative(KINDS)}


def test_every_block_of_the_kinds_fixture_passes(fixtures_report: Report) -> None:
    verdicts = [v for v in fixtures_report.verdicts if v.block.path == relative(KINDS)]
    assert len(verdicts) == 19
    assert [str(f) for v in verdicts for f in v.findings] == []


def test_each_kind_is_recognised(fixtures_report: Report) -> None:
    kinds = {v.kind for v in fixtures_report.verdicts if v.block.path == relative(KINDS)}
    assert kinds == {
        Kind.RUN,
        Kind.BAD,
        Kind.FILE,
        Kind.EXCERPT,
        Kind.TEXT,
        Kind.SKIP,
        Kind.DATA,
        Kind.SHELL,
    }


def test_run_blocks_are_linted_type_checked_run_and_compared(fixtures_report: Report) -> None:
    verdicts = _verdicts(fixtures_report)
    fence = line_of(KINDS, 'print(Decimal("0.1") + Decimal("0.2"))') - 3
    verdict = verdicts[fence]
    assert verdict.kind is Kind.RUN  # type: ignore[attr-defined]
    assert set(verdict.checks) == {"compile", "ruff", "mypy", "run", "output"}  # type: ignore[attr-defined]


def test_bad_examples_are_checked_only_the_declared_way(fixtures_report: Report) -> None:
    verdicts = _verdicts(fixtures_report)
    ruff_fence = line_of(KINDS, 'bad ruff="ASYNC230"') + 1
    mypy_fence = line_of(KINDS, 'bad mypy="arg-type"') + 1
    toml_fence = line_of(KINDS, 'bad raises="TOMLDecodeError"') + 1
    assert verdicts[ruff_fence].checks == ["compile", "ruff"]  # type: ignore[attr-defined]
    assert verdicts[mypy_fence].checks == ["compile", "mypy"]  # type: ignore[attr-defined]
    assert verdicts[toml_fence].checks == ["parse"]  # type: ignore[attr-defined]


def test_skip_keeps_its_reason_and_is_not_checked(fixtures_report: Report) -> None:
    fence = line_of(KINDS, 'check: skip reason="needs a running broker"') + 1
    verdict = _verdicts(fixtures_report)[fence]
    assert verdict.kind is Kind.SKIP  # type: ignore[attr-defined]
    assert verdict.skip_reason == "needs a running broker"  # type: ignore[attr-defined]
    assert verdict.checks == []  # type: ignore[attr-defined]


def test_a_file_without_blocks_gives_no_verdicts_and_no_findings(fixtures_report: Report) -> None:
    path = relative(FIXTURES / "no_blocks.md")
    assert [v for v in fixtures_report.verdicts if v.block.path == path] == []
    assert [f for f in fixtures_report.findings if f.path == path] == []
