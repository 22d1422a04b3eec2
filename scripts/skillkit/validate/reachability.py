"""Every markdown file of the skill is linked straight from SKILL.md (references one level deep)."""

from __future__ import annotations

from pathlib import Path

from skillkit.validate.findings import Finding


def check(
    skill_md: Path, linked_from_skill_md: set[Path], markdown: list[Path], folder: Path
) -> list[Finding]:
    return [
        Finding(
            path,
            1,
            "reach/not-linked",
            "SKILL.md does not link this file; links from other guides do not count, because "
            "an assistant reads references only one level deep from SKILL.md",
            f"link {path.relative_to(folder).as_posix()} from SKILL.md, or remove the file",
        )
        for path in markdown
        if path != skill_md and path.resolve() not in linked_from_skill_md
    ]
