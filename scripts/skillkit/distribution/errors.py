"""The one error type the distribution commands turn into exit code 2."""

from __future__ import annotations


class BadInput(Exception):
    """Input the command cannot work with. The message says what is wrong and what to do."""
