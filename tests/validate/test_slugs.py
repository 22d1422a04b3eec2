"""Anchors: GitHub-style slugs, the same ids the site's `pymdownx.slugs` slugify gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from pymdownx.slugs import slugify as site_slugify

from skillkit.validate.document import parse
from skillkit.validate.slugs import slugify

HEADINGS = [
    "Quick Start",
    "Async & Errors: 2.x",
    "`Depends` with `Annotated`",
    "What's new in SQLAlchemy 2.1?",
    "Unit of Work (UoW) / transactions",
    "snake_case_names",
    "Ünïcode Überschrift",
    "  Padded heading  ",
    "409, 429 and 503",
]


@pytest.mark.parametrize("heading", HEADINGS)
def test_same_slug_as_the_site(heading: str) -> None:
    assert slugify(heading) == site_slugify(case="lower")(heading, "-")


def test_known_github_slugs() -> None:
    assert slugify("Async & Errors: 2.x") == "async--errors-2x"
    assert slugify("What's new in SQLAlchemy 2.1?") == "whats-new-in-sqlalchemy-21"


def test_repeated_headings_and_markup() -> None:
    text = "# **Bold** title\n\n## Setup\n\n## Setup\n\n## `code` and [link](x.md)\n"
    document = parse(Path("guide.md"), text)
    assert [h.slug for h in document.headings] == [
        "bold-title",
        "setup",
        "setup-1",
        "code-and-link",
    ]


def test_html_ids_are_anchors() -> None:
    document = parse(Path("guide.md"), '# T\n\n<a id="custom-spot"></a>\n\nText.\n')
    assert "custom-spot" in document.anchors


def test_front_matter_is_not_markdown() -> None:
    document = parse(Path("SKILL.md"), "---\nname: x\ndescription: y\n---\n\n# Title\n")
    assert [h.slug for h in document.headings] == ["title"]
