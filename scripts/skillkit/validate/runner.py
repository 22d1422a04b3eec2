"""Run every check over one skill folder and collect the findings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from skillkit.validate import (
    budgets,
    document,
    frontmatter,
    line_endings,
    links,
    reachability,
    reference_budgets,
    skill_folder,
    toc,
)
from skillkit.validate.config import Settings
from skillkit.validate.findings import Finding


@dataclass(frozen=True)
class Result:
    folder: Path
    settings: Settings
    size: budgets.Size
    findings: list[Finding]
    references: list[reference_budgets.Reference]


class _Documents:
    """Each markdown file is read and parsed once, whichever check asks first."""

    def __init__(self) -> None:
        self._cache: dict[Path, document.Document] = {}

    def __call__(self, path: Path) -> document.Document:
        path = path.resolve()
        if path not in self._cache:
            self._cache[path] = document.parse(path, skill_folder.read_text(path))
        return self._cache[path]


def validate(folder: Path, settings: Settings) -> Result:
    """Check the skill folder (already located); raises BadInput when it cannot be read."""
    skill_md = folder / skill_folder.SKILL_FILE
    documents = _Documents()
    text = skill_folder.read_text(skill_md)
    front, findings = frontmatter.parse(text, skill_md)
    findings += frontmatter.check(front, folder)

    linked = links.local_targets(documents(skill_md), folder)
    shipped = [path.resolve() for path in skill_folder.markdown_files(folder, settings.exclude)]
    linked_markdown = sorted(
        path for path in linked if path.suffix.lower() == ".md" and path.is_file()
    )
    name = front.data.get("name")
    skill_name = name.strip() if isinstance(name, str) else ""
    checked = list(dict.fromkeys([skill_md, *shipped, *linked_markdown]))
    named = {
        path: reference_budgets.relative_name(path, folder) for path in checked if path != skill_md
    }
    reference_budgets.check_overrides(settings, folder, named.values())
    references: list[reference_budgets.Reference] = []
    for path in checked:
        parsed = documents(path)
        findings += links.check(parsed, folder, documents, skill_name)
        findings += line_endings.check(path, parsed.text)
        if path != skill_md:
            findings += toc.check(parsed)
            reference = reference_budgets.measure_reference(
                path, named[path], parsed.text, settings
            )
            findings += reference_budgets.check(reference, parsed.text)
            references.append(reference)
    findings += reachability.check(skill_md, linked, shipped, folder)

    size = budgets.measure(text)
    findings += budgets.check(skill_md, text, size, front, settings)
    kept = sorted(finding for finding in findings if finding.rule not in settings.ignore)
    references.sort(key=lambda reference: reference.relative)
    return Result(folder=folder, settings=settings, size=size, findings=kept, references=references)
