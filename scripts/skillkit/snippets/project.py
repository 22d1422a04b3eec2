"""File blocks: assemble them into the reference service's tree and run its own checks there.

Diagnostics in a check's output that name an assembled file (``path:LINE`` or
``File "path", line N``) are rewritten to the markdown line the code came from.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from skillkit.snippets.config import ProjectCheck, ProjectSettings
from skillkit.snippets.model import Block, Finding

OUTPUT_TAIL = 6000
CHECKS_AT_ONCE = 2
_COLON_STYLE = re.compile(r"(?P<path>[\w./\-]+\.\w+):(?P<line>\d+)")
_TRACEBACK_STYLE = re.compile(r'File "(?P<path>[^"]+)", line (?P<line>\d+)')


@dataclass
class CheckOutcome:
    """The result of one project command (a setup step or a check)."""

    name: str
    argv: tuple[str, ...]
    findings: list[Finding] = field(default_factory=list)
    ran: bool = True


class Tree:
    """An assembled project: a temporary folder holding every file block at its title path."""

    def __init__(self, files: dict[str, Block], settings: ProjectSettings) -> None:
        self.files = files
        self.settings = settings
        self.root = Path(tempfile.mkdtemp(prefix="skillkit-project-"))
        for title, block in files.items():
            target = self.root / title
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.code, encoding="utf-8")

    @property
    def workdir(self) -> Path:
        return self.root / self.settings.workdir

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def copy_with(self, title: str, code: str) -> Path:
        """A copy of the tree with ``code`` written at ``title``; the caller removes it."""
        copy = Path(tempfile.mkdtemp(prefix="skillkit-variant-"))
        shutil.copytree(self.root, copy, dirs_exist_ok=True)
        target = copy / title
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(code, encoding="utf-8")
        return copy

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        env.update(self.settings.env)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        return env

    def locate(self, raw_path: str, root: Path, line: int) -> tuple[Block, int] | None:
        """The block and markdown line of ``raw_path:line`` if it names an assembled file."""
        path = raw_path
        for base in (root / self.settings.workdir, root):
            prefix = f"{base.resolve()}{os.sep}"
            if path.startswith(prefix):
                path = path[len(prefix) :]
                break
        candidates = [path, str(PurePosixPath(self.settings.workdir) / path)]
        for candidate in candidates:
            normal = str(PurePosixPath(os.path.normpath(candidate)))
            block = self.files.get(normal)
            if block is not None:
                return block, block.md_line(line)
        return None

    def rewrite(self, output: str, root: Path) -> tuple[str, Finding | None]:
        """Output with assembled-file locations replaced by markdown ones; the first such place."""
        first: list[Finding] = []

        def replacer(template: str) -> Callable[[re.Match[str]], str]:
            def replace(match: re.Match[str]) -> str:
                found = self.locate(match.group("path"), root, int(match.group("line")))
                if found is None:
                    return match.group(0)
                block, line = found
                if not first:
                    first.append(Finding(block.path, line, ""))
                return template.format(path=block.path, line=line)

            return replace

        text = _TRACEBACK_STYLE.sub(replacer('File "{path}", line {line}'), output)
        text = _COLON_STYLE.sub(replacer("{path}:{line}"), text)
        # Other mentions of the temporary tree read as paths inside the service.
        text = text.replace(f"{root.resolve()}{os.sep}", "").replace(f"{root}{os.sep}", "")
        return text, (first[0] if first else None)

    def run(self, check: ProjectCheck, root: Path | None = None) -> tuple[int, str]:
        base = root or self.root
        try:
            completed = subprocess.run(
                list(check.argv),
                cwd=base / self.settings.workdir,
                env=self.environment(),
                capture_output=True,
                text=True,
                timeout=self.settings.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as expired:
            output = (expired.stdout or b"").decode() if isinstance(expired.stdout, bytes) else ""
            return -1, output + f"\n[timed out after {self.settings.timeout} s]"
        except OSError as error:
            return -2, f"cannot start {check.argv[0]!r}: {error}"
        return completed.returncode, completed.stdout + completed.stderr


def collect_files(blocks: list[Block]) -> dict[str, Block]:
    """File blocks by normalised title (the first claim wins; duplicates are reported elsewhere)."""
    files: dict[str, Block] = {}
    for block in blocks:
        if block.title is not None:
            files.setdefault(str(PurePosixPath(os.path.normpath(block.title))), block)
    return files


def _anchor(files: dict[str, Block]) -> Block:
    return sorted(files.values(), key=lambda block: (block.path, block.fence_line))[0]


def run_project(tree: Tree, selected: set[str] | None = None) -> list[CheckOutcome]:
    """Run setup steps, then each check (or only ``selected`` names); one outcome per command."""
    outcomes: list[CheckOutcome] = []
    anchor = _anchor(tree.files)
    for step in tree.settings.setup:
        code, output = tree.run(step)
        outcome = CheckOutcome(step.name, step.argv)
        if code != 0:
            outcome.findings.append(_failure(tree, step, (code, output), anchor, "setup step"))
        outcomes.append(outcome)
        if code != 0:
            for check in tree.settings.checks:
                skipped = CheckOutcome(check.name, check.argv, ran=False)
                skipped.findings.append(
                    Finding(
                        anchor.path,
                        anchor.fence_line,
                        f"project check {check.name!r} did not run: "
                        f"setup step {step.name!r} failed",
                    )
                )
                outcomes.append(skipped)
            return outcomes
    chosen = [c for c in tree.settings.checks if selected is None or c.name in selected]

    def run_check(check: ProjectCheck) -> CheckOutcome:
        code, output = tree.run(check)
        outcome = CheckOutcome(check.name, check.argv)
        if code != 0:
            outcome.findings.append(_failure(tree, check, (code, output), anchor, "project check"))
        return outcome

    # The checks only read the tree: two at a time keep both CPUs busy (outcomes keep their order).
    with ThreadPoolExecutor(max_workers=CHECKS_AT_ONCE) as pool:
        outcomes += pool.map(run_check, chosen)
    return outcomes


def _failure(
    tree: Tree, check: ProjectCheck, result: tuple[int, str], anchor: Block, what: str
) -> Finding:
    code, output = result
    text, first = tree.rewrite(output, tree.root)
    where = first or Finding(anchor.path, anchor.fence_line, "")
    tail = text.strip()[-OUTPUT_TAIL:]
    return Finding(
        where.path,
        where.line,
        f"{what} {check.name!r} ({' '.join(check.argv)}) failed with exit {code} in the tree "
        f"assembled from the file blocks; fix the code at the places below:\n{tail}",
    )


def broken_contract(output: str, contract: str) -> bool:
    return any(line.strip() == f"{contract} BROKEN" for line in output.splitlines())


def check_imports(tree: Tree, block: Block, contract: str, base_output: str) -> list[Finding]:
    """The bad block, added at its title, must break ``contract`` (kept without it)."""
    if broken_contract(base_output, contract):
        return [
            Finding(
                block.path,
                block.fence_line,
                f"contract {contract!r} is already broken without this bad example; fix the "
                "file blocks first",
            )
        ]
    if f"{contract} KEPT" not in base_output:
        return [
            Finding(
                block.path,
                block.fence_line,
                f"no import-linter contract named {contract!r} in the reference service; "
                "use the exact name of a contract from its configuration",
            )
        ]
    variant = tree.copy_with(block.title or "", block.code)
    try:
        imports = ProjectCheck("imports", tree.settings.imports)
        _, output = tree.run(imports, variant)
    finally:
        shutil.rmtree(variant, ignore_errors=True)
    if broken_contract(output, contract):
        return []
    return [
        Finding(
            block.path,
            block.fence_line,
            f"the bad example no longer breaks contract {contract!r} when added as "
            f"{block.title}; make it show the forbidden import again",
        )
    ]
