"""Read a markdown file into blocks with markdown-it-py (CommonMark), in one parse.

Each fence becomes a :class:`Block` with its language, fence options and the annotation from an
``html_block`` directly above it. Problems that belong to the markdown itself (non-UTF-8 bytes, an
annotation with no fence under it, an unclosed fence, an unknown fence option) become findings.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from skillkit.snippets.annotation import AnnotationError, is_annotation, parse_annotation
from skillkit.snippets.model import Annotation, Block, Document, Finding

FENCE_OPTIONS = frozenset({"title", "hl_lines", "linenums"})
_OPTION = re.compile(r'(?P<key>[A-Za-z_][\w-]*)=(?:"(?P<quoted>[^"]*)"|(?P<bare>\S+))')
_PARSER = MarkdownIt("commonmark")


def read_document(source: Path, display: str) -> Document:
    """Parse ``source``; paths in findings are ``display`` (the path as the reader knows it)."""
    document = Document(path=display, source=source)
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        document.findings.append(
            Finding(
                document.path,
                line,
                f"the file is not valid UTF-8 (byte {raw[error.start]:#04x}); "
                "save it as UTF-8 so its code blocks can be checked",
            )
        )
        return document
    parse_text(document, text)
    return document


def parse_text(document: Document, text: str) -> None:
    lines = text.splitlines()
    tokens = _PARSER.parse(text)
    pending: tuple[Token, Annotation | None, str | None] | None = None
    for token in tokens:
        if token.type == "html_block" and token.map and is_annotation(token.content):
            _report_orphan(document, pending)
            line = token.map[0] + 1
            try:
                pending = (token, parse_annotation(token.content, line), None)
            except AnnotationError as error:
                pending = (token, None, str(error))
            continue
        if token.type == "fence" and token.map:
            annotation, problem = None, None
            if pending is not None and pending[0].map and pending[0].map[1] == token.map[0]:
                annotation, problem = pending[1], pending[2]
                pending_line = pending[0].map[0] + 1
                pending = None
            else:
                _report_orphan(document, pending)
                pending = None
                pending_line = 0
            block = _block(document, token, lines, annotation)
            document.blocks.append(block)
            if problem is not None:
                document.add_block_finding(block, problem, pending_line)
            _check_fence(document, block, token, lines)
            continue
        if token.type == "code_block" and token.map:
            document.findings.append(
                Finding(
                    document.path,
                    token.map[0] + 1,
                    "indented code block: it has no language and is never checked; make it a "
                    "fenced block (```python, ```text...)",
                )
            )
        if token.nesting != -1 and token.type not in {"inline"}:
            _report_orphan(document, pending)
            pending = None
    _report_orphan(document, pending)


def _report_orphan(
    document: Document, pending: tuple[Token, Annotation | None, str | None] | None
) -> None:
    if pending is None or not pending[0].map:
        return
    document.findings.append(
        Finding(
            document.path,
            pending[0].map[0] + 1,
            "annotation is not followed by a fence; put it on the line directly above the "
            "opening ``` of the block it describes (no blank line between)"
            + (f"; also: {pending[2]}" if pending[2] else ""),
        )
    )


def _block(
    document: Document, token: Token, lines: list[str], annotation: Annotation | None
) -> Block:
    start = token.map[0] if token.map else 0
    info = token.info.strip()
    language, _, rest = info.partition(" ")
    options = {
        match.group("key"): match.group("quoted")
        if match.group("quoted") is not None
        else match.group("bare")
        for match in _OPTION.finditer(rest)
    }
    return Block(
        path=document.path,
        fence_line=start + 1,
        code_line=start + 2,
        language=language,
        info=info,
        options=options,
        code=token.content,
        annotation=annotation,
        closed=_is_closed(token, lines),
    )


def _is_closed(token: Token, lines: list[str]) -> bool:
    if token.map is None:
        return False
    start, end = token.map
    if end - start < 2 or end > len(lines):
        return False
    closing = lines[end - 1].strip()
    # Inside a blockquote the closing line carries the quote marker.
    closing = closing.lstrip(">").strip()
    marker = token.markup[0]
    return len(closing) >= len(token.markup) and set(closing) == {marker}


def _check_fence(document: Document, block: Block, token: Token, lines: list[str]) -> None:
    if not block.closed:
        document.add_block_finding(
            block,
            f"this fence is never closed, so the rest of the file is read as code; "
            f"add a closing {token.markup} line after the block",
        )
    unknown = sorted(set(block.options) - FENCE_OPTIONS)
    if unknown:
        document.add_block_finding(
            block,
            f"unknown fence option {', '.join(unknown)}: the site renders such a block as text; "
            f"keep only {', '.join(sorted(FENCE_OPTIONS))} in the fence and move checks into an "
            "annotation",
        )
