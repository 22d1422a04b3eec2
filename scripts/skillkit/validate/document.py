"""A markdown file read through markdown-it-py: its links, headings, anchors and lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from skillkit.validate.slugs import SlugCounter

_HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
# `[text][label]` or `[text][]` left as text: markdown-it found no `[label]: target` for it.
_UNRESOLVED_REFERENCE = re.compile(r"(?<![\w\]])\[([^\[\]]+)\]\[([^\[\]]*)\]")
_HTML_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    target: str
    line: int


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    slug: str
    line: int


@dataclass(frozen=True)
class LinkList:
    """A top-level list: where it starts and ends, and the links inside it."""

    first_line: int
    last_line: int
    links: tuple[Link, ...]


@dataclass
class Document:
    path: Path
    text: str
    links: list[Link] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    lists: list[LinkList] = field(default_factory=list)
    html_ids: set[str] = field(default_factory=set)
    # Reference-style links whose label has no definition; `target` holds the label.
    undefined_references: list[Link] = field(default_factory=list)

    @property
    def line_count(self) -> int:
        return len(self.text.splitlines())

    @property
    def anchors(self) -> set[str]:
        return {heading.slug for heading in self.headings} | self.html_ids


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Keep `file:` and similar links as links: they are exactly what the link rules report.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


_MARKDOWN = _parser()


def _without_front_matter(text: str) -> str:
    """Blank out a leading `---` YAML block (keeping line numbers) so it is not read as markdown."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return text
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return "\n" * (index + 1) + "".join(lines[index + 1 :])
    return text


def parse(path: Path, text: str) -> Document:
    document = Document(path=path, text=text)
    source_lines = text.splitlines(keepends=True)
    tokens = _MARKDOWN.parse(_without_front_matter(text))
    slugs = SlugCounter()
    list_depth = 0
    list_start = 0
    list_links: list[Link] = []
    for index, token in enumerate(tokens):
        if token.type in {"bullet_list_open", "ordered_list_open"}:
            if list_depth == 0 and token.map is not None:
                list_start, list_links = token.map[0] + 1, []
            list_depth += 1
        elif token.type in {"bullet_list_close", "ordered_list_close"}:
            list_depth -= 1
            if list_depth == 0:
                last = list_links[-1].line if list_links else list_start
                document.lists.append(LinkList(list_start, last, tuple(list_links)))
        elif token.type == "inline":
            links = _inline_links(token, source_lines, document)
            document.links += links
            if list_depth:
                list_links += links
            if index and tokens[index - 1].type == "heading_open":
                text_of = _plain_text(token)
                heading = Heading(
                    level=int(tokens[index - 1].tag[1]),
                    text=text_of,
                    slug=slugs.unique(text_of),
                    line=_first_line(token),
                )
                document.headings.append(heading)
        elif token.type == "html_block":
            document.links += _html_links(token.content, _first_line(token), document)
    return document


def _first_line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


def _inline_links(token: Token, source_lines: list[str], document: Document) -> list[Link]:
    """Links of one inline run, each with its source line.

    Line breaks are found by walking the block's source: soft and hard breaks move to the next
    line, and a code span moves past its closing backticks (its own line breaks are not tokens).
    """
    first = _first_line(token)
    source = "".join(source_lines[first - 1 : token.map[1]] if token.map else source_lines)
    cursor = 0
    links: list[Link] = []
    for child in token.children or []:
        line = first + source.count("\n", 0, cursor)
        if child.type in {"softbreak", "hardbreak"}:
            cursor = source.find("\n", cursor) + 1 or cursor
        elif child.type == "code_inline":
            cursor = _after_code_span(source, cursor, child.markup)
        elif child.type == "link_open":
            links.append(Link(str(child.attrs.get("href", "")), line))
        elif child.type == "image":
            links.append(Link(str(child.attrs.get("src", "")), line))
        elif child.type == "html_inline":
            links += _html_links(child.content, line, document)
        elif child.type == "text":
            document.undefined_references += [
                Link(match.group(2) or match.group(1), line)
                for match in _UNRESOLVED_REFERENCE.finditer(child.content)
            ]
    return links


def _after_code_span(source: str, cursor: int, fence: str) -> int:
    opening = source.find(fence, cursor)
    closing = source.find(fence, opening + len(fence)) if opening >= 0 else -1
    return closing + len(fence) if closing >= 0 else cursor


def _html_links(html: str, line: int, document: Document) -> list[Link]:
    """Links written as HTML (`<a href>`, `<img src>`); their `id`/`name` are anchors too."""
    document.html_ids.update(_HTML_ID.findall(html))
    return [
        Link(match.group(1), line + html.count("\n", 0, match.start()))
        for match in _HTML_LINK.finditer(html)
    ]


def _plain_text(token: Token) -> str:
    """A heading's text as rendered: markup dropped, code spans kept."""
    return "".join(
        child.content for child in token.children or [] if child.type in {"text", "code_inline"}
    )
