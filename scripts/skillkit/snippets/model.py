"""The data that flows through the pipeline: blocks, their kinds, findings and verdicts."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path


class Kind(enum.StrEnum):
    """What a block is, and so how it is proven."""

    RUN = "run"
    FILE = "file"
    EXCERPT = "excerpt"
    BAD = "bad"
    TEXT = "text"
    SKIP = "skip"
    DATA = "data"
    SHELL = "shell"
    ERROR = "error"  # the block cannot be classified; its findings say why


@dataclass(frozen=True)
class Annotation:
    """``<!-- check: KIND key="value" -->`` on the line before a fence."""

    kind: str
    options: dict[str, str]
    line: int


@dataclass(frozen=True)
class Block:
    """One fenced code block of a markdown file.

    ``fence_line`` is the 1-based line of the opening fence; ``code_line`` the line of the first
    code line, so line ``n`` of ``code`` (1-based) is line ``code_line + n - 1`` of the file.
    """

    path: str
    fence_line: int
    code_line: int
    language: str
    info: str
    options: dict[str, str]
    code: str
    annotation: Annotation | None
    closed: bool = True

    @property
    def title(self) -> str | None:
        return self.options.get("title")

    @property
    def ident(self) -> str:
        return f"{self.path}:{self.fence_line}"

    def md_line(self, code_lineno: int) -> int:
        """The markdown line of a 1-based line of the code (clamped into the block)."""
        last = self.code_line + max(len(self.code.splitlines()), 1) - 1
        return min(max(self.code_line + code_lineno - 1, self.code_line), last)


@dataclass(frozen=True)
class Finding:
    """``path:line: message``: what is wrong, and what to do."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Verdict:
    """Everything known about one block after the checks."""

    block: Block
    kind: Kind
    findings: list[Finding] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)  # names of the checks that ran on it
    skip_reason: str | None = None
    cached: bool = False

    @property
    def ok(self) -> bool:
        return not self.findings


@dataclass
class Document:
    """A markdown file: its blocks and the findings that belong to no block."""

    path: str
    source: Path
    blocks: list[Block] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # findings outside any block
    block_findings: dict[int, list[Finding]] = field(default_factory=dict)  # by fence line

    def add_block_finding(self, block: Block, message: str, line: int | None = None) -> None:
        finding = Finding(self.path, block.fence_line if line is None else line, message)
        self.block_findings.setdefault(block.fence_line, []).append(finding)
