"""Publish the guide for assistants, following https://llmstxt.org/.

After the build, the site holds:
- a markdown copy of every page at its source path (``SKILL.md``, ``resources/<guide>.md``), so
  the relative links inside the copies lead to the other copies;
- ``llms.txt``: the title, the skill's description and one link per page, in nav order;
- ``llms-full.txt``: every page's markdown in nav order, in one file.
All of it comes from the same source files as the HTML pages.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

_pages: list[Page] = []

PROSE_SKIP = ("#", ">", "-", "*", "|", "<", "```", "~~~", "===", "1.")
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    _pages.clear()
    _pages.extend(nav.pages)
    return nav


def _front_matter(source: str) -> dict[str, object]:
    if not source.startswith("---\n"):
        return {}
    end = source.find("\n---", 4)
    loaded = yaml.safe_load(source[4:end]) if end > 0 else None
    return loaded if isinstance(loaded, dict) else {}


def _body(source: str) -> str:
    """The page without its YAML front matter."""
    if source.startswith("---\n") and (end := source.find("\n---", 4)) > 0:
        return source[end + 4 :]
    return source


def _title(source: str) -> str:
    """The page's H1 as plain text."""
    h1 = next((ln[2:].strip() for ln in _body(source).splitlines() if ln.startswith("# ")), "")
    return html.unescape(_plain(h1))


def _plain(text: str) -> str:
    """Markdown inline text as plain text: links by their text, no * or ` marks."""
    return re.sub(r"[*`]", "", MARKDOWN_LINK.sub(r"\1", text))


def _summary(source: str) -> str:
    """The first sentence of the first paragraph of prose after the title."""
    paragraph: list[str] = []
    for line in _body(source).splitlines():
        text = line.strip()
        if paragraph and not text:
            break
        if text and (paragraph or not text.startswith(PROSE_SKIP)):
            paragraph.append(text)
    first = SENTENCE_END.split(_plain(" ".join(paragraph)), maxsplit=1)[0]
    return first if len(first) <= 200 else first[:197].rstrip() + "..."


def _index(config: MkDocsConfig, sources: list[tuple[Page, str]]) -> str:
    home_page, home_source = sources[0]
    description = str(_front_matter(home_source).get("description", config.site_description))
    lines = [f"# {config.site_name}", "", f"> {' '.join(description.split())}", ""]
    lines += [
        "Every page below is the markdown source of the skill; llms-full.txt holds all of them.",
        "",
        "## Skill",
        "",
        f"- [{_title(home_source)}]({home_page.file.src_uri}): {_summary(home_source)}",
        "",
        "## Guides",
        "",
    ]
    for page, source in sources[1:]:
        lines.append(f"- [{_title(source)}]({page.file.src_uri}): {_summary(source)}")
    return "\n".join(lines) + "\n"


def _full(sources: list[tuple[Page, str]]) -> str:
    parts = [f"<!-- {page.file.src_uri} -->\n{source.rstrip()}\n" for page, source in sources]
    return "\n".join(parts)


def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    sources = [(page, page.file.content_string) for page in _pages]
    for page, source in sources:
        copy = site / page.file.src_uri
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(source, encoding="utf-8")
    (site / "llms.txt").write_text(_index(config, sources), encoding="utf-8")
    (site / "llms-full.txt").write_text(_full(sources), encoding="utf-8")
