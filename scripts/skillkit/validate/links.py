"""Every relative link and anchor resolves inside the skill folder; no machine-local URLs."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from skillkit.validate import skill_folder
from skillkit.validate.document import Document, Link
from skillkit.validate.findings import Finding

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
_EDITOR_HOSTS = ("vscode-resource", "vscode-cdn", "vscode-webview")

# Loads (and caches) the parsed markdown file at a path inside the skill folder.
DocumentLoader = Callable[[Path], Document]


def check(
    document: Document, folder: Path, load: DocumentLoader, skill_name: str = ""
) -> list[Finding]:
    """Findings for the document's links; `skill_name` helps turn editor URLs into fixes."""
    checker = _LinkChecker(document, folder, load, skill_name)
    findings = [finding for link in document.links if (finding := checker.check(link)) is not None]
    return findings + [
        checker.finding(
            reference,
            "links/undefined-reference",
            f"reference [{reference.target}] has no definition, so it renders as plain text",
            f"add a line `[{reference.target}]: path/to/file.md` or write an inline link",
        )
        for reference in document.undefined_references
    ]


def local_targets(document: Document, folder: Path) -> set[Path]:
    """The files inside the skill folder that a document links to, resolved."""
    targets: set[Path] = set()
    for link in document.links:
        target = _Target.of(link.target.strip())
        if target.scheme or target.host or not target.path or target.is_absolute_path:
            continue
        path = (document.path.parent / target.path).resolve()
        if "\\" not in target.path and path.is_relative_to(folder):
            targets.add(path)
    return targets


@dataclass(frozen=True)
class _Target:
    """A link split into what the rules look at."""

    scheme: str
    host: str
    path: str  # percent-decoded
    fragment: str  # percent-decoded

    @classmethod
    def of(cls, raw: str) -> _Target:
        if _WINDOWS_DRIVE.match(unquote(raw)):
            return cls("", "", unquote(raw), "")
        try:
            parts = urlsplit(raw)
        except ValueError:  # e.g. an unclosed `[` in a host: not a URL, so a path that won't exist
            return cls("", "", unquote(raw), "")
        return cls(parts.scheme.lower(), parts.netloc, unquote(parts.path), unquote(parts.fragment))

    @property
    def is_machine_local(self) -> bool:
        editor_host = any(host in self.host for host in _EDITOR_HOSTS)
        web = self.scheme in {"http", "https"}
        return self.scheme == "file" or self.scheme.startswith("vscode") or (web and editor_host)

    @property
    def is_absolute_path(self) -> bool:
        return self.path.startswith(("/", "~")) or bool(_WINDOWS_DRIVE.match(self.path))


@dataclass(frozen=True)
class _LinkChecker:
    document: Document
    folder: Path
    load: DocumentLoader
    skill_name: str

    def finding(self, link: Link, rule: str, message: str, fix: str) -> Finding:
        return Finding(self.document.path, link.line, rule, message, fix)

    def check(self, link: Link) -> Finding | None:
        if not link.target.strip():
            return self.finding(link, "links/empty", "link has an empty target", "add the path")
        target = _Target.of(link.target.strip())
        if target.is_machine_local:
            message = f"{_short(unquote(link.target))} is an editor or file URL of one machine"
            return self.finding(link, "links/local-url", message, self.suggest_for(target.path))
        if target.scheme or target.host:
            return None  # web and mail links are not followed
        if target.is_absolute_path:
            message = f"{target.path} is an absolute local path"
            return self.finding(link, "links/absolute-path", message, self.suggest_for(target.path))
        if "\\" in target.path:
            message = f"{target.path} uses backslashes, which only Windows reads as separators"
            fixed = target.path.replace("\\", "/")
            return self.finding(link, "links/backslash", message, f"write {fixed}")
        return self.check_relative(link, target)

    def check_relative(self, link: Link, target: _Target) -> Finding | None:
        here = self.document.path
        path = (here.parent / target.path).resolve() if target.path else here
        if not path.is_relative_to(self.folder):
            return self.finding(
                link,
                "links/outside-skill",
                f"{target.path} leaves the skill folder, so it is missing wherever the skill "
                "is installed",
                "copy what it needs into the skill folder and link that, or link a web URL",
            )
        if not path.exists():
            fix = self.same_name(path) or "fix the path (relative to this file) or add the file"
            return self.finding(link, "links/broken-file", f"{target.path} does not exist", fix)
        if not target.fragment or path.suffix.lower() != ".md" or path.is_dir():
            return None
        anchors = self.load(path).anchors
        if target.fragment in anchors:
            return None
        where = "this file" if path == here else self.relative(path)
        close = sorted(a for a in anchors if target.fragment in a or a in target.fragment)
        known = ", ".join(f"#{anchor}" for anchor in sorted(anchors)[:6]) or "none"
        fix = f"did you mean #{close[0]}?" if close else f"link one of its anchors ({known})"
        message = f"#{target.fragment} matches no heading in {where}"
        return self.finding(link, "links/broken-anchor", message, fix)

    def suggest_for(self, local_path: str) -> str:
        """The relative link an absolute or editor path most likely meant."""
        segments = list(PurePosixPath(local_path.replace("\\", "/")).parts[1:])
        for start in range(len(segments)):
            candidate = self.folder.joinpath(*segments[start:])
            if candidate.exists():
                return f"link it relative to this file: {self.relative(candidate)}"
        for name in (self.folder.name, self.skill_name):
            tail = segments[segments.index(name) + 1 :] if name in segments else []
            if tail:
                meant = self.relative(self.folder.joinpath(*tail))
                return f"link it relative to this file: {meant} (that file does not exist yet)"
        return "link a path relative to this file inside the skill folder"

    def same_name(self, missing: Path) -> str | None:
        """A file of the same name elsewhere in the skill folder, if there is exactly one."""
        matches = [p for p in skill_folder.files(self.folder) if p.name == missing.name]
        return f"did you mean {self.relative(matches[0])}?" if len(matches) == 1 else None

    def relative(self, path: Path) -> str:
        return Path(os.path.relpath(path, self.document.path.parent)).as_posix()


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:40] + "..." + url[-30:]
