"""LF line endings only: CRLF breaks front matter parsers that look for `---\\n`."""

from __future__ import annotations

from pathlib import Path

from skillkit.validate.findings import Finding


def check(path: Path, text: str) -> list[Finding]:
    count = text.count("\r\n")
    if not count:
        return []
    first = text[: text.index("\r\n")].count("\n") + 1
    return [
        Finding(
            path,
            first,
            "format/crlf",
            f"{count} line(s) end with CRLF, starting here",
            "convert the file to LF line endings (e.g. `git add --renormalize` with "
            "`* text=auto eol=lf` in .gitattributes, or your editor's line-ending setting)",
        )
    ]
