"""Write Python snippets as separate modules of one folder, for the ruff and mypy batches.

A module's name comes from its code's hash, so an unchanged snippet keeps its name (mypy's cache
stays warm) and module line ``n`` is code line ``n`` of the block.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from skillkit.snippets.model import Block


def module_name(block: Block) -> str:
    digest = hashlib.sha256(block.code.encode()).hexdigest()[:16]
    return f"snippet_{digest}"


def write_modules(blocks: list[Block], folder: Path) -> dict[str, list[Block]]:
    """Write each block as ``folder/<module>.py`` (old modules removed); blocks by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    by_file: dict[str, list[Block]] = {}
    for block in blocks:
        by_file.setdefault(f"{module_name(block)}.py", []).append(block)
    for stale in folder.glob("snippet_*.py"):
        if stale.name not in by_file:
            stale.unlink()
    for name, same in by_file.items():
        target = folder / name
        if not target.exists() or target.read_text(encoding="utf-8") != same[0].code:
            target.write_text(same[0].code, encoding="utf-8")
    return by_file
