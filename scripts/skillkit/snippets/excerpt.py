"""Excerpts: the lines of an ``excerpt`` block appear, in order, in the ``file`` block of its title.

A line ``# ...`` or ``...`` is an elision: it splits the excerpt into chunks; each chunk must appear
contiguously, after the previous one, with the same indentation shift for all its lines.
"""

from __future__ import annotations

from skillkit.snippets.model import Block, Finding

ELISIONS = frozenset({"# ...", "...", "// ...", "<!-- ... -->"})


def _chunks(block: Block) -> list[list[tuple[int, str]]]:
    """Runs of (1-based code line, text) between elision lines; blank edges dropped."""
    chunks: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(block.code.splitlines(), start=1):
        if line.strip() in ELISIONS:
            chunks.append([])
        else:
            chunks[-1].append((number, line))
    trimmed = []
    for chunk in chunks:
        while chunk and not chunk[0][1].strip():
            chunk.pop(0)
        while chunk and not chunk[-1][1].strip():
            chunk.pop()
        if chunk:
            trimmed.append(chunk)
    return trimmed


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _matches_at(chunk: list[tuple[int, str]], lines: list[str], start: int) -> int:
    """How many lines of ``chunk`` match ``lines`` from ``start`` under one indentation shift."""
    shift: int | None = None
    for offset, (_, text) in enumerate(chunk):
        if start + offset >= len(lines):
            return offset
        have = lines[start + offset]
        if not text.strip():
            if have.strip():
                return offset
            continue
        if have.strip() != text.strip():
            return offset
        delta = _indent(have) - _indent(text)
        if shift is None:
            shift = delta
        elif delta != shift:
            return offset
    return len(chunk)


def check_excerpt(block: Block, source: Block) -> list[Finding]:
    lines = source.code.splitlines()
    position = 0
    for chunk in _chunks(block):
        best_length, best_start = -1, None
        for start in range(position, len(lines)):
            length = _matches_at(chunk, lines, start)
            if length > best_length:
                best_length, best_start = length, start
            if length == len(chunk):
                break
        if best_length == len(chunk) and best_start is not None:
            position = best_start + len(chunk)
            continue
        drifted_line, drifted_text = chunk[max(best_length, 0)]
        return [
            Finding(
                block.path,
                block.md_line(drifted_line),
                f"excerpt drifted from {source.title} ({source.path}:{source.fence_line}): "
                f"{drifted_text.strip()!r} is not where the excerpt expects it; copy the current "
                "lines from the file block, or mark left-out lines with '# ...'",
            )
        ]
    return []
