"""The strict build of the real bundle, its output, and the defects that must fail it."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Protocol

import pytest
from mkdocs.config import load_config

pytestmark = pytest.mark.site

REPO_ROOT = Path(__file__).resolve().parents[2]


class BuildResult(Protocol):
    returncode: int
    log: str
    site: Path


BuildSite = Callable[..., BuildResult]


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {key: value or "" for key, value in attrs}))


def tags(page: Path) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tags


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: its text lower-cased, punctuation dropped, spaces to -."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link counts by its text
    text = re.sub(r"[`*]", "", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def headings(source: str) -> list[str]:
    """ATX headings outside the front matter and code fences."""
    found, fence = [], ""
    for line in re.sub(r"\A---\n.*?\n---\n", "", source, flags=re.DOTALL).splitlines():
        marker = re.match(r"^ *(`{3,}|~{3,})", line)
        if marker and (not fence or marker[1].startswith(fence)):
            fence = "" if fence else marker[1]
        elif not fence and re.match(r"^#{1,6} ", line):
            found.append(line.lstrip("#").strip())
    return found


def nav_files(nav: object) -> list[str]:
    """The file of every nav entry, in order (titles and sections dropped)."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in nav_files(value)]
    if isinstance(nav, list):
        return [f for item in nav for f in nav_files(item)]
    return []


def test_nav_lists_exactly_skill_md_and_the_eleven_guides(guides: tuple[str, ...]) -> None:
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    assert nav_files(config.nav) == ["SKILL.md", *(f"resources/{name}.md" for name in guides)]


def test_config_fetches_nothing_at_build_or_view_time() -> None:
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    assert config.theme["font"] is False
    plugins = {name for name in config.plugins if not name.endswith(".py")}  # hooks are local
    assert plugins == {"material/search"}
    assert config.strict is True


def test_build_fetches_nothing(bundle_root: Path, build_site: BuildSite) -> None:
    """Every build in these tests runs with the network refused; this one also checks the log."""
    build = build_site(bundle_root)
    assert build.returncode == 0, build.log
    assert "network access attempted" not in build.log


def test_the_network_guard_catches_a_fetch(
    bundle_copy: Path, config_copy: Path, build_site: BuildSite
) -> None:
    """A hook that fetches a page makes the guarded build fail, so the guard is real."""
    hook = config_copy.parent / "site-src" / "hooks" / "fetch.py"
    hook.write_text(
        "import urllib.request\n\n\n"
        "def on_config(config):\n"
        "    urllib.request.urlopen('http://example.org/', timeout=5)\n",
        encoding="utf-8",
    )
    config = config_copy.read_text(encoding="utf-8")
    config_copy.write_text(config.replace("hooks:\n", "hooks:\n  - site-src/hooks/fetch.py\n"))
    build = build_site(bundle_copy, config_copy)
    assert build.returncode != 0
    assert "network access attempted" in build.log


def test_home_page_is_skill_md(built_site: Path, page_titles: dict[str, str]) -> None:
    page = (built_site / "index.html").read_text(encoding="utf-8")
    h1 = re.findall(r"<h1[^>]*>(.*?)</h1>", page, flags=re.DOTALL)
    assert len(h1) == 1
    text = html.unescape(re.sub(r"<[^>]+>", "", h1[0].split('<a class="headerlink"')[0]))
    assert text.strip() == page_titles["SKILL.md"]


def test_every_guide_becomes_a_page(built_site: Path, guides: tuple[str, ...]) -> None:
    for name in guides:
        assert (built_site / "resources" / name / "index.html").is_file(), name


def test_edit_and_view_links_point_at_the_real_files(built_site: Path) -> None:
    repo = str(load_config(str(REPO_ROOT / "mkdocs.yml")).repo_url).rstrip("/")
    for page, source in [
        ("index.html", "SKILL.md"),
        ("resources/api-layer/index.html", "resources/api-layer.md"),
    ]:
        hrefs = {a.get("href") for tag, a in tags(built_site / page) if tag == "a"}
        assert f"{repo}/edit/main/{source}" in hrefs
        assert f"{repo}/raw/main/{source}" in hrefs


def test_github_anchors_exist_on_the_site(built_site: Path, bundle_pages: dict[str, str]) -> None:
    for path, source in bundle_pages.items():
        page = "index.html" if path == "SKILL.md" else path.removesuffix(".md") + "/index.html"
        ids = {attrs.get("id") for _, attrs in tags(built_site / page)}
        for heading in headings(source):
            assert github_slug(heading) in ids, f"{path}: {heading!r}"


def test_pages_load_nothing_from_other_hosts(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        for tag, attrs in tags(page):
            url = attrs.get("src") if tag in ("script", "img", "iframe") else None
            if tag == "link" and attrs.get("rel") in ("stylesheet", "preconnect", "preload"):
                url = attrs.get("href")
            assert not url or "//" not in url, f"{page}: <{tag}> loads {url}"


def test_llms_txt_lists_every_page(built_site: Path, page_titles: dict[str, str]) -> None:
    index = (built_site / "llms.txt").read_text(encoding="utf-8")
    assert index.startswith("# ")
    links = re.findall(r"^- \[([^\]]+)\]\(([^)]+)\): \S", index, flags=re.MULTILINE)
    assert [(path, title) for title, path in links] == list(page_titles.items())


def test_markdown_copies_equal_their_sources(
    built_site: Path, bundle_pages: dict[str, str]
) -> None:
    full = (built_site / "llms-full.txt").read_text(encoding="utf-8")
    for path, source in bundle_pages.items():
        assert (built_site / path).read_text(encoding="utf-8") == source
        assert source.rstrip() in full


def test_github_alerts_render_as_admonitions(bundle_copy: Path, build_site: BuildSite) -> None:
    guide = bundle_copy / "resources" / "api-layer.md"
    guide.write_text(
        guide.read_text(encoding="utf-8")
        + "\n> [!NOTE]\n> Noted.\n\n> [!IMPORTANT]\n> Key.\n\n> [!CAUTION]\n> Careful.\n",
        encoding="utf-8",
    )
    build = build_site(bundle_copy)
    assert build.returncode == 0, build.log
    page = build.site / "resources/api-layer/index.html"
    classes = [a.get("class") for tag, a in tags(page) if tag == "div"]
    assert {"admonition note", "admonition important", "admonition danger"} <= set(classes)


def append(path: Path, text: str) -> None:
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(before + text, encoding="utf-8")


DEFECTS: dict[str, tuple[Callable[[Path], None], str]] = {
    "broken link": (
        lambda b: append(b / "resources/api-layer.md", "\nSee [the missing guide](nowhere.md).\n"),
        "'resources/nowhere.md' is not found",
    ),
    "broken anchor": (
        lambda b: append(
            b / "resources/api-layer.md", "\nSee [x](domain-layer.md#no-such-part).\n"
        ),
        "does not contain an anchor '#no-such-part'",
    ),
    "broken anchor on the same page": (
        lambda b: append(b / "SKILL.md", "\nSee [x](#no-such-part).\n"),
        "there is no such anchor on this page",
    ),
    "broken link in raw HTML": (
        lambda b: append(b / "resources/api-layer.md", '\n<a href="#no-such-part">x</a>\n'),
        "link '#no-such-part' leads to a missing anchor",
    ),
    "link out of the bundle": (
        lambda b: append(b / "SKILL.md", "\nSee [the readme](README.md).\n"),
        "contains a link 'README.md', but the target is not found",
    ),
    "absolute link": (
        lambda b: append(b / "SKILL.md", "\nSee [x](/resources/api-layer.md).\n"),
        "contains an absolute link",
    ),
    "guide missing from the nav": (
        lambda b: append(b / "resources/extra-guide.md", "# Extra\n"),
        "resources/extra-guide.md",
    ),
    "guide in the nav but missing": (
        lambda b: (b / "resources/observability.md").unlink(),
        "'resources/observability.md' is included in the 'nav' configuration, which is not found",
    ),
    "unknown fence option": (
        lambda b: append(b / "resources/api-layer.md", '\n```python check="run"\nx = 1\n```\n'),
        'options superfences rejects (check="run")',
    ),
    "custom heading id": (
        lambda b: append(b / "resources/api-layer.md", "\n## Custom part {#mine}\n\nText.\n"),
        "has the id 'mine' on the site but 'custom-part' on GitHub",
    ),
    "repeated heading": (
        lambda b: append(b / "resources/api-layer.md", "\n## Again\n\nOne.\n\n## Again\n\nTwo.\n"),
        "the heading 'Again' repeats an earlier heading",
    ),
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_defect_fails_the_strict_build(
    defect: str, bundle_copy: Path, build_site: BuildSite
) -> None:
    damage, message = DEFECTS[defect]
    damage(bundle_copy)
    build = build_site(bundle_copy)
    assert build.returncode != 0
    assert message in build.log


def test_undamaged_copy_builds(bundle_copy: Path, build_site: BuildSite) -> None:
    """The defect tests prove something only if the copy builds before it is damaged."""
    assert build_site(bundle_copy).returncode == 0


def test_guide_dropped_from_the_nav_fails_the_build(
    bundle_copy: Path, config_copy: Path, build_site: BuildSite
) -> None:
    config = config_copy.read_text(encoding="utf-8")
    config_copy.write_text(config.replace("      - resources/observability.md\n", ""))
    build = build_site(bundle_copy, config_copy)
    assert build.returncode != 0
    assert 'not included in the "nav" configuration' in build.log
    assert "resources/observability.md" in build.log
