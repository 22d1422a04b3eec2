"""Serve the skill bundle's own markdown files as the site's pages, in place.

mkdocs refuses the repository root as ``docs_dir``, so this hook adds ``SKILL.md`` (as the home
page) and every ``resources/*.md`` straight from the bundle root. Links between them resolve as
they do on GitHub, and edit links point at the real files.

The bundle root is ``$SKILL_BUNDLE_ROOT`` when set (tests build copies of the bundle that way),
else the folder that holds mkdocs.yml.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

BUNDLE_ROOT_ENV = "SKILL_BUNDLE_ROOT"
HOME_PAGE = "SKILL.md"
GUIDES_DIR = "resources"


def bundle_root(config: MkDocsConfig) -> Path:
    """The folder that holds SKILL.md and resources/."""
    override = os.environ.get(BUNDLE_ROOT_ENV)
    if override:
        return Path(override).resolve()
    return Path(config.config_file_path).resolve().parent


def _bundle_file(root: Path, src_uri: str, config: MkDocsConfig) -> File:
    return File(
        src_uri,
        src_dir=str(root),
        dest_dir=config.site_dir,
        use_directory_urls=config.use_directory_urls,
    )


@event_priority(100)  # before any plugin, so search and link validation see the guides
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    root = bundle_root(config)
    if not (root / HOME_PAGE).is_file():
        raise PluginError(
            f"{root / HOME_PAGE}: not found; build from the bundle root "
            f"or set {BUNDLE_ROOT_ENV} to the folder that holds {HOME_PAGE}"
        )
    home = _bundle_file(root, HOME_PAGE, config)
    # Named "index", SKILL.md becomes the home page (index.html) while links to it still resolve.
    home.name = "index"
    home.dest_uri = "index.html"
    home.url = "./" if config.use_directory_urls else "index.html"
    files.append(home)
    for guide in sorted((root / GUIDES_DIR).glob("*.md")):
        files.append(_bundle_file(root, f"{GUIDES_DIR}/{guide.name}", config))
    return files


def on_serve(server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> None:
    """`mkdocs serve` watches docs_dir only: also rebuild when a page of the bundle changes."""
    root = bundle_root(config)
    server.watch(str(root / HOME_PAGE))
    server.watch(str(root / GUIDES_DIR))
