"""The built site in a real Chromium: pages, navigation, code blocks, search, palette toggle,
no script errors and no request leaving 127.0.0.1."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, ViewportSize, expect

pytestmark = pytest.mark.browser

LOCAL_HOST = "127.0.0.1"
VIEWPORT: ViewportSize = {
    "width": 1280,
    "height": 800,
}  # wide enough for Material's navigation sidebar

# Paragraphs that hold a fence marker outside inline code, or are one multi-line code span:
# what a fence that the renderer rejected turns into.
FENCES_AS_TEXT_JS = """
() => [...document.querySelectorAll("article p")].filter((p) => {
  const text = p.cloneNode(true);
  text.querySelectorAll("code").forEach((code) => code.remove());
  const only = p.children.length === 1 ? p.firstElementChild : null;
  const oneCodeSpan = only !== null && only.tagName === "CODE"
    && p.textContent.trim() === only.textContent.trim() && only.textContent.includes("\\n");
  return /```|~~~/.test(text.textContent) || oneCodeSpan;
}).map((p) => p.textContent.slice(0, 80))
"""


@dataclass
class Watch:
    """What a page did that it must not: script errors and requests to other hosts."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.errors == [], "JavaScript errors"
        assert self.outside == [], "requests that left 127.0.0.1"


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(chromium: Browser, watch: Watch) -> Iterator[Page]:
    context = chromium.new_context(viewport=VIEWPORT, color_scheme="light")

    def keep_local(route: Route) -> None:
        if urlsplit(route.request.url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            watch.outside.append(route.request.url)
            route.abort()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watch.errors.append(message.text)

    context.route("**/*", keep_local)
    context.on(
        "request",
        lambda request: (
            None
            if urlsplit(request.url).scheme in ("data", "blob")
            or urlsplit(request.url).hostname == LOCAL_HOST
            else watch.outside.append(request.url)
        ),
    )
    tab = context.new_page()
    tab.on("console", on_console)
    tab.on("pageerror", lambda error: watch.errors.append(str(error)))
    try:
        yield tab
    finally:
        context.close()


def page_url(site_url: str, path: str) -> str:
    """The URL of the page built from bundle file ``path``."""
    return site_url if path == "SKILL.md" else site_url + path.removesuffix(".md") + "/"


def test_home_page_renders_skill_md(
    page: Page,
    site_url: str,
    watch: Watch,
    page_titles: dict[str, str],
    screenshot_dir: Path,
) -> None:
    page.goto(site_url)
    heading = page.locator("article h1")
    expect(heading).to_have_count(1)
    text = heading.evaluate(
        "h => { const c = h.cloneNode(true); c.querySelector('.headerlink')?.remove();"
        " return c.textContent.trim(); }"
    )
    assert text == page_titles["SKILL.md"]
    page.screenshot(path=screenshot_dir / "home.png")
    watch.assert_clean()


def test_navigation_lists_every_guide(
    page: Page, site_url: str, watch: Watch, page_titles: dict[str, str]
) -> None:
    page.goto(site_url)
    links = page.locator("nav.md-nav--primary a.md-nav__link[href]")
    found = {
        urlsplit(link.get_attribute("href") or "").path.strip("/").removeprefix("../")
        + "|"
        + (link.text_content() or "").strip()
        for link in links.all()
    }
    for path, title in page_titles.items():
        if path != "SKILL.md":
            assert f"{path.removesuffix('.md')}|{title}" in found, path
    watch.assert_clean()


def test_navigation_is_instant(
    page: Page, site_url: str, watch: Watch, guides: tuple[str, ...]
) -> None:
    page.goto(site_url, wait_until="networkidle")  # instant navigation starts with the sitemap
    page.evaluate("window.__notReloaded = true")
    page.locator(f'nav.md-nav--primary a[href$="resources/{guides[1]}/"]').first.click()
    page.wait_for_url(re.compile(f"resources/{guides[1]}/$"))
    assert page.evaluate("window.__notReloaded === true"), "the page was fully reloaded"
    watch.assert_clean()


def test_titled_code_block_has_title_bar_and_copy_button(
    page: Page, site_url: str, served_site: Path, watch: Watch, screenshot_dir: Path
) -> None:
    with_title = sorted(  # a guide rather than the home page, for the screenshot
        (p for p in served_site.rglob("index.html") if 'class="filename"' in p.read_text("utf-8")),
        key=lambda p: (p.parent == served_site, p),
    )
    assert with_title, "no page has a code block with title="
    relative = with_title[0].parent.relative_to(served_site).as_posix()
    page.goto(site_url + (f"{relative}/" if relative != "." else ""))
    block = page.locator("article .highlight:has(span.filename)").first
    block.scroll_into_view_if_needed()
    expect(block.locator("span.filename")).to_be_visible()
    assert block.locator("span.filename").inner_text().strip()
    block.locator("pre").hover()
    expect(block.locator("button[data-md-type=copy]")).to_be_visible()
    if relative != ".":
        page.screenshot(path=screenshot_dir / "guide-code-block.png")
    watch.assert_clean()


def test_no_fence_renders_as_text_on_any_page(
    page: Page, site_url: str, bundle_pages: dict[str, str], watch: Watch
) -> None:
    for path in bundle_pages:
        page.goto(page_url(site_url, path))
        assert page.evaluate(FENCES_AS_TEXT_JS) == [], path
    watch.assert_clean()


def test_the_fence_scan_finds_a_fence_shown_as_text(page: Page, site_url: str) -> None:
    """The scan above proves something only if it sees both shapes a rejected fence takes."""
    page.goto(site_url)
    page.evaluate(
        """() => {
          const article = document.querySelector("article");
          article.insertAdjacentHTML("beforeend", "<p>```python foo=1<br>x = 1</p>");
          const p = document.createElement("p");
          p.innerHTML = "<code>python foo=1\\nx = 1</code>";
          article.append(p);
        }"""
    )
    assert len(page.evaluate(FENCES_AS_TEXT_JS)) == 2


def searchable_text(source: str) -> str:
    """What the search index holds of a page: no front matter, comments, code or link targets."""
    text = re.sub(r"\A---\n.*?\n---\n", "", source, flags=re.DOTALL)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = re.sub(r"^ *(`{3,}|~{3,}).*?^ *\1", "", text, flags=re.DOTALL | re.MULTILINE)
    text = re.sub(r"`[^`]*`", "", text)
    return re.sub(r"\]\([^)]*\)", "]", text).lower()


def word_in_one_guide(bundle_pages: dict[str, str]) -> tuple[str, str]:
    """A word of a guide's prose that no other page holds, even as a stem, and that guide."""
    texts = {path: searchable_text(source) for path, source in bundle_pages.items()}
    everything = {path: source.lower() for path, source in bundle_pages.items()}
    for path, text in texts.items():
        if path == "SKILL.md":
            continue
        counts = Counter(re.findall(r"\b[a-z]{7,}\b", text))
        unique = [
            (-count, -len(word), word)
            for word, count in counts.items()
            if not any(
                word[: max(5, len(word) - 3)] in other
                for p, other in everything.items()
                if p != path
            )
        ]
        if unique:
            return min(unique)[2], path
    pytest.fail("no word of any guide's prose is absent from every other page")


def test_search_finds_the_only_guide_with_a_word(
    page: Page, site_url: str, bundle_pages: dict[str, str], watch: Watch, screenshot_dir: Path
) -> None:
    word, path = word_in_one_guide(bundle_pages)
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(word, delay=40)
    results = page.locator(".md-search-result__item a.md-search-result__link")
    expect(results.first).to_be_visible()
    pages = {urlsplit(href or "").path for href in results.evaluate_all("a => a.map(x => x.href)")}
    assert pages == {urlsplit(page_url(site_url, path)).path}, word
    page.screenshot(path=screenshot_dir / "search.png")
    # The section that holds the word links with ?h=<word>: the page then marks the word.
    page.locator(f'a.md-search-result__link[href*="h={word}"]').first.click()
    expect(page.locator(".md-content article mark").first).to_be_visible()  # highlight
    watch.assert_clean()


def test_dark_mode_toggle(
    page: Page, site_url: str, watch: Watch, guides: tuple[str, ...], screenshot_dir: Path
) -> None:
    page.goto(page_url(site_url, f"resources/{guides[0]}.md"))
    body = page.locator("body")
    light = body.evaluate("b => getComputedStyle(b).backgroundColor")
    for _ in range(3):  # the toggle cycles system preference -> light -> dark
        if body.get_attribute("data-md-color-scheme") == "slate":
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert body.evaluate("b => getComputedStyle(b).backgroundColor") != light
    page.screenshot(path=screenshot_dir / "guide-dark.png")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")  # the choice is kept
    watch.assert_clean()
