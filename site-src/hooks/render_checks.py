"""Fail the build where the site would show a page differently from GitHub.

- A code fence rendered as paragraph text: pymdownx.superfences does that, silently, when a fence
  header carries an option it does not know (```` ```python foo="x" ````). Fence headers are
  checked in the markdown with superfences' own patterns, and the HTML is checked for paragraphs
  that still hold a fence marker or are one multi-line code span (what a rejected fence becomes).
- A heading whose id differs from GitHub's: a repeated heading (GitHub names the second anchor
  ``x-1``, the site ``x_1``) or a custom ``{#id}``; a link to it would work in one place only.

Each finding is a warning, which ``strict: true`` turns into a failed build.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from pymdownx.superfences import (
    RE_HL_LINES,
    RE_LINENUMS,
    RE_NESTED_FENCE_START,
    RE_OPTIONS,
)

log = get_plugin_logger("render_checks")

FENCE_MARKERS = ("```", "~~~")
# The options the highlight formatter accepts, with the pattern a value must match (None: any).
FENCE_OPTIONS: dict[str, re.Pattern[str] | None] = {
    "title": None,
    "title_mode": None,
    "hl_lines": RE_HL_LINES,
    "linenums": RE_LINENUMS,
}
QUOTE_PREFIX = re.compile(r"^[ \t>]*")
INLINE_MARKS = re.compile(r"[`*]")
NOT_IN_ANCHOR = re.compile(r"[^\w\- ]")
REPEAT_SUFFIX = re.compile(r"^(?P<base>.+)_(?P<n>\d+)$")


class _ParagraphText(HTMLParser):
    """Collects the text of every <p>, leaving out inline <code> (where ``` may be quoted)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        # Paragraphs whose only content is one code span running over several lines.
        self.code_paragraphs: list[str] = []
        self._in_p = 0
        self._in_code = 0
        self._whole: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self._in_p += 1
            self.paragraphs.append("")
            self._whole = []
        elif tag == "code":
            self._in_code += 1
            self._whole.append("<code>")
        elif self._in_p:
            self._whole.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._in_p:
            self._in_p -= 1
            parts = [part for part in self._whole if part.strip()]
            if len(parts) == 2 and parts[0] == "<code>" and "\n" in parts[1].strip():
                self.code_paragraphs.append(parts[1])
        elif tag == "code" and self._in_code:
            self._in_code -= 1

    def handle_data(self, data: str) -> None:
        if self._in_p:
            self._whole.append(data)
            if not self._in_code:
                self.paragraphs[-1] += data


def _source_line(page: Page, needle: str) -> int:
    """1-based line of the first source line that starts with ``needle`` (0 if none)."""
    source = page.file.content_string
    for number, line in enumerate(source.splitlines(), start=1):
        if needle and line.strip().startswith(needle):
            return number
    return 0


def _where(page: Page, line: int) -> str:
    return f"{page.file.src_uri}:{line}" if line else page.file.src_uri


def _unknown_options(header: re.Match[str]) -> list[str]:
    if header["unrecognized"]:
        return [header["unrecognized"].strip()]
    unknown = []
    for option in RE_OPTIONS.finditer(header["options"] or ""):
        key, value = option["key"], option["value"]
        if key not in FENCE_OPTIONS or value is None:
            unknown.append(option.group(0))  # superfences takes a bare key as key="key"
        elif (pattern := FENCE_OPTIONS[key]) is not None and not pattern.match(value):
            unknown.append(option.group(0))
    return unknown


def _fence_headers(page: Page) -> None:
    """Warn about fence headers that superfences would reject."""
    fence = ""
    for number, raw in enumerate(page.file.content_string.splitlines(), start=1):
        line = QUOTE_PREFIX.sub("", raw)
        if fence:
            if line.startswith(fence) and not line.strip(fence[0] + " \t"):
                fence = ""
            continue
        header = RE_NESTED_FENCE_START.match(line)
        if not header:
            continue
        fence = header["fence"]
        unknown = _unknown_options(header)
        if unknown:
            log.warning(
                "%s: the fence header %r has options superfences rejects (%s), so the "
                "block renders as paragraph text; keep only the language and title=, hl_lines=, "
                "linenums= (put annotations in an HTML comment on the line before)",
                _where(page, number),
                line.strip(),
                ", ".join(unknown),
            )


def _fences_as_text(output: str, page: Page) -> None:
    parser = _ParagraphText()
    parser.feed(output)
    shown = [text for text in parser.paragraphs if any(m in text for m in FENCE_MARKERS)]
    for text in shown + parser.code_paragraphs:
        first = text.strip().splitlines()[0]
        log.warning(
            "%s: a code block renders as paragraph text (%r); check its fence header and "
            "indentation",
            _where(page, _source_line(page, first)),
            first,
        )


def _walk(items: list[AnchorLink]) -> list[AnchorLink]:
    found: list[AnchorLink] = []
    for item in items:
        found.append(item)
        found.extend(_walk(item.children))
    return found


def github_anchor(title: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, each space a hyphen."""
    return NOT_IN_ANCHOR.sub("", html.unescape(title).strip().lower()).replace(" ", "-")


def _heading_anchors(page: Page) -> None:
    anchors = _walk(list(page.toc))
    ids = {anchor.id for anchor in anchors}
    for anchor in anchors:
        where = _where(page, _heading_line(page, html.unescape(anchor.title)))
        repeat = REPEAT_SUFFIX.match(anchor.id)
        if repeat and repeat["base"] in ids:
            log.warning(
                "%s: the heading %r repeats an earlier heading; GitHub and the site number "
                "repeated anchors differently (%s-%s vs %s), so make the heading unique",
                where,
                anchor.title,
                repeat["base"],
                repeat["n"],
                anchor.id,
            )
        elif anchor.id != github_anchor(anchor.title):
            log.warning(
                "%s: the heading %r has the id %r on the site but %r on GitHub; drop the "
                "custom {#id} so links to it work in both places",
                where,
                anchor.title,
                anchor.id,
                github_anchor(anchor.title),
            )


def _heading_line(page: Page, title: str) -> int:
    """Line of the last heading whose text is ``title`` (the repeat, not the original)."""
    last = 0
    for number, line in enumerate(page.file.content_string.splitlines(), start=1):
        if line.startswith("#") and INLINE_MARKS.sub("", line.lstrip("#")).strip() == title:
            last = number
    return last


def on_page_content(output: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    _fence_headers(page)
    _fences_as_text(output, page)
    _heading_anchors(page)
    return output
