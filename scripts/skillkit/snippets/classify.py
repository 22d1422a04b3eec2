"""Decide each block's kind from its language, annotation and title (rules in CONTRIBUTING.md)."""

from __future__ import annotations

from dataclasses import dataclass

from skillkit.snippets.model import Annotation, Block, Kind

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


def _error(problem: str) -> Classification:
    return Classification(Kind.ERROR, problem)


def is_python_lookalike(language: str) -> bool:
    return language != PYTHON and (
        language.lower() in PYTHON_LOOKALIKES or language.lower() == PYTHON
    )


def classify(block: Block) -> Classification:
    language = block.language
    annotation = block.annotation
    if is_python_lookalike(language):
        return _error(
            f"info string {language!r} is not checked as Python; write ```python so every "
            "renderer highlights it the same way and the block is proven"
        )
    if annotation is None:
        return _by_language(block)
    if annotation.kind in {"skip", "text"}:
        return Classification(Kind(annotation.kind))
    if annotation.kind in {"file", "excerpt"}:
        return _titled(block, annotation.kind)
    if annotation.kind == "bad":
        return _bad(block, annotation)
    return _run(block)


def _run(block: Block) -> Classification:
    if block.language != PYTHON:
        return _error(f"only python blocks can run, this one is {block.language or 'unlabelled'!r}")
    return Classification(Kind.RUN)


def _titled(block: Block, kind: str) -> Classification:
    if not block.title:
        return _error(
            f'a {kind} block needs the path it belongs to: add title="path/to/file" to the fence'
        )
    return Classification(Kind(kind))


def _bad(block: Block, annotation: Annotation) -> Classification:
    if block.language not in BAD_LANGUAGES:
        return _error(
            f"a bad example must be python or toml, not {block.language or 'unlabelled'!r}; "
            "mark other counter-examples text"
        )
    if "imports" in annotation.options and not block.title:
        return _error(
            'an imports= bad example needs title="path/in/the/service.py": the file it would be'
        )
    if block.language == "toml" and "raises" not in annotation.options:
        return _error('a bad toml example can only declare raises="TOMLDecodeError"')
    return Classification(Kind.BAD)


_DEFAULT_KINDS: dict[str, Kind] = {
    PYTHON: Kind.RUN,
    **dict.fromkeys(DATA_LANGUAGES, Kind.DATA),
    **dict.fromkeys(SHELL_LANGUAGES, Kind.SHELL),
    **dict.fromkeys(TEXT_LANGUAGES, Kind.TEXT),
}


def _by_language(block: Block) -> Classification:
    language = block.language
    if not language:
        return _error(
            "the block has no language; add one (```python, ```toml, ```text...) or annotate it "
            '`<!-- check: text -->` / `<!-- check: skip reason="..." -->`'
        )
    if block.title:
        return Classification(Kind.FILE)
    kind = _DEFAULT_KINDS.get(language)
    if kind is not None:
        return Classification(kind)
    return _error(
        f"language {language!r} has no check; use python, toml, yaml, json, ini, bash or text, "
        'or annotate the block `<!-- check: skip reason="..." -->`'
    )
