"""Decide each block's kind from its language, annotation and title (rules in CONTRIBUTING.md)."""

from __future__ import annotations

from dataclasses import dataclass

from skillkit.snippets.model import Block, Kind

PYTHON = "python"
PYTHON_LOOKALIKES = frozenset({"py", "python3", "py3", "pycon", "python2", "py2", "ipython", "pyi"})
DATA_LANGUAGES = frozenset({"toml", "yaml", "yml", "json", "ini", "cfg"})
SHELL_LANGUAGES = frozenset({"bash", "sh", "shell", "console"})
TEXT_LANGUAGES = frozenset({"text", "txt", "plain"})
BAD_LANGUAGES = frozenset({PYTHON, "toml"})


@dataclass(frozen=True)
class Classification:
    kind: Kind
    problem: str | None = None  # set when kind is ERROR: what is wrong, and what to do


def is_python_lookalike(language: str) -> bool:
    return language != PYTHON and (
        language.lower() in PYTHON_LOOKALIKES or language.lower() == PYTHON
    )


def classify(block: Block) -> Classification:
    language = block.language
    annotation = block.annotation
    declared = annotation.kind if annotation else None
    if is_python_lookalike(language):
        return Classification(
            Kind.ERROR,
            f"info string {language!r} is not checked as Python; write ```python so every "
            "renderer highlights it the same way and the block is proven",
        )
    if declared == "skip":
        return Classification(Kind.SKIP)
    if declared == "text" or (declared is None and language in TEXT_LANGUAGES):
        return Classification(Kind.TEXT)
    if declared in {"file", "excerpt"}:
        if not block.title:
            return Classification(
                Kind.ERROR,
                f'a {declared} block needs the path it belongs to: add title="path/to/file" '
                "to the fence",
            )
        return Classification(Kind(declared))
    if declared == "bad":
        if language not in BAD_LANGUAGES:
            return Classification(
                Kind.ERROR,
                f"a bad example must be python or toml, not {language or 'unlabelled'!r}; "
                "mark other counter-examples text",
            )
        assert annotation is not None
        if "imports" in annotation.options and not block.title:
            return Classification(
                Kind.ERROR,
                'an imports= bad example needs title="path/in/the/service.py": '
                "the file it would be",
            )
        if language == "toml" and "raises" not in annotation.options:
            return Classification(
                Kind.ERROR, 'a bad toml example can only declare raises="TOMLDecodeError"'
            )
        return Classification(Kind.BAD)
    if declared == "run":
        if language != PYTHON:
            return Classification(
                Kind.ERROR, f"only python blocks can run, this one is {language or 'unlabelled'!r}"
            )
        return Classification(Kind.RUN)
    # No annotation: the language and title decide.
    if not language:
        return Classification(
            Kind.ERROR,
            "the block has no language; add one (```python, ```toml, ```text...) or annotate it "
            '`<!-- check: text -->` / `<!-- check: skip reason="..." -->`',
        )
    if block.title:
        return Classification(Kind.FILE)
    if language == PYTHON:
        return Classification(Kind.RUN)
    if language in DATA_LANGUAGES:
        return Classification(Kind.DATA)
    if language in SHELL_LANGUAGES:
        return Classification(Kind.SHELL)
    return Classification(
        Kind.ERROR,
        f"language {language!r} has no check; use python, toml, yaml, json, ini, bash or text, "
        'or annotate the block `<!-- check: skip reason="..." -->`',
    )
