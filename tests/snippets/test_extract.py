"""Blocks, lines and annotations read from markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from skillkit.snippets.annotation import AnnotationError, parse_annotation
from skillkit.snippets.extract import read_document


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_block_knows_its_fence_line_code_line_language_and_title(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '# T\n\n<!-- check: bad raises="X" match="a \\"b\\"" -->\n'
        '```python title="src/a.py" hl_lines="2"\nx = 1\ny = 2\n```\n',
    )
    (block,) = read_document(path, "doc.md").blocks
    assert (block.fence_line, block.code_line) == (4, 5)
    assert block.language == "python"
    assert block.options == {"title": "src/a.py", "hl_lines": "2"}
    assert block.code == "x = 1\ny = 2\n"
    assert block.annotation is not None
    assert block.annotation.options == {"raises": "X", "match": 'a "b"'}
    assert block.closed


def test_fences_inside_lists_and_tildes_are_blocks(tmp_path: Path) -> None:
    path = _write(tmp_path, "- item\n\n  ```toml\n  a = 1\n  ```\n\n~~~bash\necho\n~~~\n")
    blocks = read_document(path, "doc.md").blocks
    assert [(b.language, b.fence_line, b.code, b.closed) for b in blocks] == [
        ("toml", 3, "a = 1\n", True),
        ("bash", 7, "echo\n", True),
    ]


def test_an_unclosed_fence_is_found(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "```python\nx = 1\n"), "doc.md")
    (block,) = document.blocks
    assert not block.closed
    (finding,) = document.block_findings[1]
    assert str(finding).startswith("doc.md:1: this fence is never closed")


@pytest.mark.parametrize(
    ("comment", "error"),
    [
        ('<!-- check: run colour="red" -->', "unknown key 'colour' for kind 'run'"),
        ("<!-- check: runn -->", "unknown annotation kind 'runn'"),
        ("<!-- check: skip -->", "a skip needs a reason"),
        ('<!-- check: skip reason="" -->', "a skip needs a reason"),
        ("<!-- check: bad -->", "a bad example declares exactly one way it fails"),
        ('<!-- check: bad raises="A" ruff="B" -->', "exactly one way"),
        ('<!-- check: bad ruff="B" match="x" -->', 'match="regex" goes only with raises'),
        ('<!-- check: bad raises="A" match="(" -->', "not a valid regular expression"),
        ('<!-- check: run timeout="soon" -->', "timeout must be a positive number"),
        ("<!-- check: run timeout=10 -->", "cannot read 'timeout=10'"),
        ('<!-- check: run timeout="1" timeout="2" -->', "given twice"),
    ],
)
def test_invalid_annotations_say_what_to_fix(comment: str, error: str) -> None:
    with pytest.raises(AnnotationError, match=re.escape(error)):
        parse_annotation(comment, 1)


def test_a_valid_annotation_is_parsed() -> None:
    annotation = parse_annotation('<!-- check: bad imports="Domain is pure" -->', 7)
    assert (annotation.kind, annotation.options, annotation.line) == (
        "bad",
        {"imports": "Domain is pure"},
        7,
    )


def test_an_orphan_annotation_keeps_its_own_problem(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "# T\n\n<!-- check: runn -->\n\nText.\n"), "doc.md")
    assert [str(finding) for finding in document.findings] == [
        "doc.md:3: annotation is not followed by a fence; put it on the line directly above the "
        "opening ``` of the block it describes (no blank line between); also: unknown "
        "annotation kind 'runn'; use one of: run, file, excerpt, bad, text, skip"
    ]


def test_an_indented_code_block_is_a_finding(tmp_path: Path) -> None:
    document = read_document(_write(tmp_path, "# T\n\n    x = 1\n"), "doc.md")
    assert document.blocks == []
    assert [finding.line for finding in document.findings] == [3]
