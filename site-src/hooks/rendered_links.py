"""Check every internal link and anchor in the rendered HTML, after the build.

mkdocs validates the links written in markdown; this also covers raw HTML in the pages and the
theme's own links. A link to a missing file or a missing id is a warning, which ``strict: true``
turns into a failed build. Links with a scheme (https:, mailto:, ...) are not followed: the check
runs offline.
"""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("rendered_links")

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}


class _PageLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(str(values[key]))
        target = values.get(LINK_ATTRIBUTES.get(tag, ""))
        if target is not None:
            self.links.append((self.getpos()[0], target))


@cache
def _parse(page: Path) -> _PageLinks:
    parser = _PageLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _target_file(site: Path, page: Path, path: str, base_path: str) -> Path:
    if path.startswith(base_path):
        # Root-relative, as in 404.html: the site is served at the path of site_url.
        target = (site / unquote(path[len(base_path) :])).resolve()
    else:
        target = (page.parent / unquote(path)).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """One message per broken internal link or anchor under ``site``, served at ``base_path``."""
    _parse.cache_clear()
    site = site.resolve()
    problems: list[str] = []
    for page in sorted(site.rglob("*.html")):
        where = page.relative_to(site)
        for line, link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            target = _target_file(site, page, parts.path, base_path)
            if not target.is_file() or not target.is_relative_to(site):
                problems.append(f"{where}:{line}: link {link!r} leads to no file in the site")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in _parse(target).ids
            ):
                problems.append(f"{where}:{line}: link {link!r} leads to a missing anchor")
    return problems


def on_post_build(*, config: MkDocsConfig) -> None:
    base_path = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    for problem in broken_links(Path(config.site_dir), base_path):
        log.warning("%s; fix the link in the page's markdown source", problem)
