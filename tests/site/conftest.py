"""Fixtures for the site tests: the real bundle, strict builds of it (or of a damaged copy), and a
local server for the built site."""

from __future__ import annotations

import functools
import html
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
MKDOCS_YML = REPO_ROOT / "mkdocs.yml"
SITE_SOURCES = REPO_ROOT / "site-src"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# mkdocs with every way out to the network refused and reported: builds must not fetch.
NETWORK_ATTEMPT = "network access attempted"
OFFLINE_MKDOCS = f"""
import socket, sys

def refuse(*args, **kwargs):
    print("{NETWORK_ATTEMPT}:", args[:2], file=sys.stderr)
    raise OSError("network access is blocked during the site build")

socket.getaddrinfo = refuse
socket.create_connection = refuse
socket.socket.connect = refuse
socket.socket.connect_ex = refuse

from mkdocs.__main__ import cli
cli()
"""
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
GUIDES = (
    "clean-architecture",
    "domain-layer",
    "application-layer",
    "api-layer",
    "repository-pattern",
    "validation-patterns",
    "observability",
    "configuration",
    "async-and-errors",
    "testing-guide",
    "complete-examples",
)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    """Skip outside CI; in CI a missing prerequisite is a failure."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: this must run)")
    pytest.skip(reason)


@dataclass(frozen=True)
class Build:
    returncode: int
    log: str
    site: Path


def _build(config_file: Path, bundle: Path, site: Path, site_url: str | None = None) -> Build:
    env = {**os.environ, "SKILL_BUNDLE_ROOT": str(bundle), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    command = [sys.executable, "-c", OFFLINE_MKDOCS, "build", "--strict"]
    command += ["-f", str(config_file), "-d", str(site)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    return Build(done.returncode, done.stdout + done.stderr, site)


@pytest.fixture(scope="session")
def bundle_root() -> Path:
    """The real bundle at the repository root ($SKILL_BUNDLE_ROOT points the tests elsewhere)."""
    root = Path(os.environ.get("SKILL_BUNDLE_ROOT") or REPO_ROOT)
    missing = [p for p in ("SKILL.md", "resources") if not (root / p).exists()]
    if missing:
        skip_or_fail(f"no bundle at {root} ({', '.join(missing)} missing)")
    return root


@pytest.fixture(scope="session")
def built_site(bundle_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real bundle, built with the real mkdocs.yml in strict mode."""
    build = _build(MKDOCS_YML, bundle_root, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, f"strict build failed:\n{build.log}"
    return build.site


@pytest.fixture
def bundle_copy(bundle_root: Path, tmp_path: Path) -> Path:
    """A copy of the bundle (SKILL.md, resources/) a test may damage."""
    copy = tmp_path / "bundle"
    copy.mkdir()
    shutil.copy2(bundle_root / "SKILL.md", copy / "SKILL.md")
    shutil.copytree(bundle_root / "resources", copy / "resources")
    return copy


@pytest.fixture
def config_copy(tmp_path: Path) -> Path:
    """A copy of mkdocs.yml and site-src/ a test may change; returns the mkdocs.yml copy."""
    folder = tmp_path / "config"
    shutil.copytree(SITE_SOURCES, folder / SITE_SOURCES.name)
    shutil.copy2(MKDOCS_YML, folder / MKDOCS_YML.name)
    return folder / MKDOCS_YML.name


BuildFn = Callable[..., Build]


@pytest.fixture
def build_site(tmp_path: Path) -> BuildFn:
    """Build ``bundle`` in strict mode with ``config`` (the real mkdocs.yml by default)."""

    def build(bundle: Path, config: Path = MKDOCS_YML) -> Build:
        return _build(config, bundle, tmp_path / "out")

    return build


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def served_site(bundle_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where ``site_url`` serves from (built for that address: instant navigation needs it)."""
    return tmp_path_factory.mktemp("served") / "site"


@pytest.fixture(scope="session")
def site_url(bundle_root: Path, served_site: Path) -> Iterator[str]:
    """The real bundle, built for and served on 127.0.0.1 at an ephemeral port."""
    served_site.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(served_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build = _build(MKDOCS_YML, bundle_root, served_site, site_url=url)
    assert build.returncode == 0, f"strict build failed:\n{build.log}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def guides() -> tuple[str, ...]:
    """The eleven guides of the bundle, in reading order."""
    return GUIDES


@pytest.fixture(scope="session")
def bundle_pages(bundle_root: Path) -> dict[str, str]:
    """Source of every page, keyed by its path in the bundle, home page first."""
    paths = ["SKILL.md", *(f"resources/{name}.md" for name in GUIDES)]
    return {path: (bundle_root / path).read_text(encoding="utf-8") for path in paths}


@pytest.fixture(scope="session")
def page_titles(bundle_pages: dict[str, str]) -> dict[str, str]:
    """The H1 of every page as plain text (first line starting with '# ' after the front matter)."""
    titles = {}
    for path, source in bundle_pages.items():
        body = FRONT_MATTER.sub("", source)
        h1 = next(ln[2:].strip() for ln in body.splitlines() if ln.startswith("# "))
        plain = re.sub(r"[`*]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", h1))
        titles[path] = html.unescape(plain)
    return titles


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    executable = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    if not executable.is_file():
        skip_or_fail(
            f"no Chromium at {executable} (install Debian's chromium or set CHROMIUM_PATH)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser tests save screenshots: $SITE_SCREENSHOTS, else a temporary folder."""
    chosen = os.environ.get("SITE_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    _screenshot_dirs.append(folder)
    return folder


_screenshot_dirs: list[Path] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for folder in _screenshot_dirs:
        terminalreporter.write_line(f"site screenshots: {folder}")
