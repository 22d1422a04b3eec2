"""Breaking a real block of the guides is caught at its `file.md:line`.

A copy of SKILL.md and resources/ gets one mutation per guide (a misspelled name, a wrong type,
changed expected output, a bad example that stops failing, a drifted excerpt, broken TOML); one
engine run must report each mutation where it was made, and nothing in the untouched guides.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from skillkit.snippets.classify import classify
from skillkit.snippets.engine import Report
from skillkit.snippets.extract import read_document
from skillkit.snippets.model import Block, Kind

from .conftest import ROOT, check


@dataclass(frozen=True)
class Mutation:
    """Rewrites the lines of one block; returns the markdown line the finding must name."""

    name: str
    wants: Callable[[Block, Kind], bool]
    apply: Callable[[Block, list[str]], int]
    message: str


def _code_index(block: Block, lines: list[str], pattern: str) -> int:
    """0-based index, in the file's lines, of the block's first code line matching ``pattern``."""
    for offset, line in enumerate(block.code.splitlines()):
        if re.search(pattern, line):
            return block.code_line - 1 + offset
    raise AssertionError(f"{block.ident}: no line matches {pattern!r}")


def _misspell_print(block: Block, lines: list[str]) -> int:
    index = _code_index(block, lines, r"^print\(")
    lines[index] = lines[index].replace("print(", "pirnt(", 1)
    return index + 1


def _wrong_type(block: Block, lines: list[str]) -> int:
    end = block.code_line - 1 + len(block.code.splitlines())
    lines.insert(end, 'wrong_type: int = "not a number"')
    return end + 1


def _change_output(block: Block, lines: list[str]) -> int:
    index = _code_index(block, lines, r"^\s*#>")
    lines[index] = lines[index] + " (changed)"
    return index + 1


def _stop_failing(block: Block, lines: list[str]) -> int:
    first = block.code_line - 1
    lines[first : first + len(block.code.splitlines())] = ["harmless = 1"]
    return block.fence_line


def _drift(block: Block, lines: list[str]) -> int:
    index = _code_index(block, lines, r"^\s*[A-Za-z_]")
    lines[index] = lines[index] + "  # drifted"
    return index + 1


def _break_toml(block: Block, lines: list[str]) -> int:
    end = block.code_line - 1 + len(block.code.splitlines())
    lines.insert(end, "broken = [unclosed")
    return end + 1


def _runs_and_prints(block: Block, kind: Kind) -> bool:
    code = block.code.splitlines()
    return kind is Kind.RUN and any(line.startswith("print(") for line in code)


MUTATIONS = [
    Mutation("misspelled name", _runs_and_prints, _misspell_print, "pirnt"),
    Mutation("wrong type", lambda b, k: k is Kind.RUN, _wrong_type, "assignment"),
    Mutation(
        "changed output",
        lambda b, k: k is Kind.RUN and "#>" in b.code,
        _change_output,
        "standard output differs",
    ),
    Mutation(
        "bad example that stops failing",
        lambda b, k: k is Kind.BAD and "raises" in (b.annotation.options if b.annotation else {}),
        _stop_failing,
        "no longer fails",
    ),
    Mutation("drifted excerpt", lambda b, k: k is Kind.EXCERPT, _drift, "excerpt drifted"),
    Mutation(
        "broken TOML",
        lambda b, k: k is Kind.DATA and b.language == "toml",
        _break_toml,
        "TOML",
    ),
]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, dict[str, tuple[str, int]]]:
    """One mutated copy of the bundle, checked once: mutation name -> (display path, line)."""
    copy = tmp_path_factory.mktemp("bundle")
    shutil.copy(ROOT / "SKILL.md", copy / "SKILL.md")
    shutil.copytree(ROOT / "resources", copy / "resources")
    guides = sorted(
        path
        for path in (copy / "resources").glob("*.md")
        if path.name != "complete-examples.md"  # the excerpts' source stays intact
    )
    documents = {guide: read_document(guide, guide.as_posix()) for guide in guides}

    def candidates(mutation: Mutation) -> dict[Path, Block]:
        found = {}
        for guide, document in documents.items():
            hit = next((b for b in document.blocks if mutation.wants(b, classify(b).kind)), None)
            if hit is not None:
                found[guide] = hit
        return found

    expected: dict[str, tuple[str, int]] = {}
    used: set[Path] = set()
    # The rarest kind of target picks its guide first, so every mutation finds a guide of its own.
    for mutation in sorted(MUTATIONS, key=lambda m: len(candidates(m))):
        free = {g: b for g, b in candidates(mutation).items() if g not in used}
        if not free:
            pytest.fail(f"no guide left with a block to try {mutation.name!r} on")
        guide, target = sorted(free.items())[0]
        lines = guide.read_text(encoding="utf-8").splitlines()
        line = mutation.apply(target, lines)
        guide.write_text("\n".join(lines) + "\n", encoding="utf-8")
        expected[mutation.name] = (guide.resolve().as_posix(), line)
        used.add(guide)
    report = check([copy / "SKILL.md", *sorted((copy / "resources").glob("*.md"))])
    return report, expected


@pytest.mark.slow
@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
def test_the_break_is_reported_at_its_line(
    broken: tuple[Report, dict[str, tuple[str, int]]], mutation: Mutation
) -> None:
    report, expected = broken
    path, line = expected[mutation.name]
    here = [f.message for f in report.findings if (f.path, f.line) == (path, line)]
    assert any(mutation.message in message for message in here), (
        f"{path}:{line}",
        [f"{f.path}:{f.line}: {f.message[:120]}" for f in report.findings],
    )


@pytest.mark.slow
def test_untouched_guides_stay_clean(broken: tuple[Report, dict[str, tuple[str, int]]]) -> None:
    report, expected = broken
    mutated = {path for path, _ in expected.values()}
    elsewhere = [f"{f.path}:{f.line}" for f in report.findings if f.path not in mutated]
    assert elsewhere == []
