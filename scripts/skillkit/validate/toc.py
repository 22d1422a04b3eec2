"""Reference files over 100 lines open with a table of contents linking their `##` headings."""

from __future__ import annotations

from skillkit.validate.document import Document, LinkList
from skillkit.validate.findings import Finding

TOC_MIN_FILE_LINES = 100  # Anthropic's guidance for reference files
TOC_WINDOW = 50  # a table of contents must start within the first lines of the file
MIN_TOC_LINKS = 2


def check(document: Document) -> list[Finding]:
    if document.line_count <= TOC_MIN_FILE_LINES:
        return []
    toc = find_toc(document)
    if toc is None:
        return [
            Finding(
                document.path,
                1,
                "toc/missing",
                f"{document.line_count} lines and no table of contents in the first "
                f"{TOC_WINDOW} lines; a reader sees only the part it opens",
                "add a list of links to this file's `##` headings (e.g. `- [Setup](#setup)`) "
                "right after the title",
            )
        ]
    listed = {link.target[1:] for link in toc.links if link.target.startswith("#")}
    return [
        Finding(
            document.path,
            heading.line,
            "toc/incomplete",
            f"heading '{heading.text}' is missing from the table of contents",
            f"add `- [{heading.text}](#{heading.slug})` to the list at line {toc.first_line}",
        )
        for heading in document.headings
        if heading.level == 2 and heading.line > toc.last_line and heading.slug not in listed
    ]


def find_toc(document: Document) -> LinkList | None:
    """The first list near the top whose links are mostly to the file's own headings."""
    second_h2 = [heading.line for heading in document.headings if heading.level == 2][1:2]
    limit = min([TOC_WINDOW, *second_h2])
    for candidate in document.lists:
        if candidate.first_line > limit:
            break
        own = [link for link in candidate.links if link.target.startswith("#")]
        if len(own) >= MIN_TOC_LINKS and 2 * len(own) >= len(candidate.links):
            return candidate
    return None
