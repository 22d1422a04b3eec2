"""GitHub-style heading anchors: the ids GitHub (and the site's slugify) give to headings."""

from __future__ import annotations

import re
import unicodedata

# Everything but word characters (letters, digits, `_` in any script), hyphens and spaces goes.
_NOT_IN_SLUG = re.compile(r"[^\w\- ]")


def slugify(text: str) -> str:
    """`Async & Errors: 2.x` -> `async--errors-2x`, as GitHub renders it."""
    plain = unicodedata.normalize("NFC", text).strip().lower()
    return _NOT_IN_SLUG.sub("", plain).replace(" ", "-")


class SlugCounter:
    """Repeated headings get `-1`, `-2`, ... appended, in document order."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def unique(self, text: str) -> str:
        slug = slugify(text)
        count = self._seen.get(slug, 0)
        self._seen[slug] = count + 1
        return slug if count == 0 else f"{slug}-{count}"
