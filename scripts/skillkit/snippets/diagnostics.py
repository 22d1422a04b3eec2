"""A tool's complaint about one line of one snippet module."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Diagnostic:
    tool: str  # "ruff" or "mypy"
    module: str  # file name inside the modules folder
    line: int  # 1-based line of the module (= of the block's code)
    code: str  # rule (ruff) or error code (mypy); "syntax" when the tool could not parse
    message: str

    def describe(self) -> str:
        return f"{self.tool} {self.code}: {self.message}"
