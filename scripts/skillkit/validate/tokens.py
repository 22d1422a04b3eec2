"""Offline token counts with the `anthropic-tokenizer` package (Claude's BPE, embedded)."""

from __future__ import annotations

from importlib.metadata import version

import anthropic_tokenizer  # type: ignore[import-untyped]

TOKENIZER = f"anthropic-tokenizer {version('anthropic-tokenizer')} (Claude BPE, offline)"


def count(text: str) -> int:
    # The package's local counter only: its API class would call the network.
    return int(anthropic_tokenizer.count_tokens(text))


def line_where_budget_ends(lines: list[str], budget: int) -> int:
    """The 1-based line holding the first token past the budget (binary search on prefixes)."""
    low, high = 1, len(lines)
    while low < high:
        middle = (low + high) // 2
        if count("\n".join(lines[:middle])) > budget:
            high = middle
        else:
            low = middle + 1
    return low
