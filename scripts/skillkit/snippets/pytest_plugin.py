"""pytest integration: every code block of ``SKILL.md`` and ``resources/*.md`` is a test item.

Enabled with ``-p skillkit.snippets.pytest_plugin``. Items are named by the fence line
(``resources/domain-layer.md::line-42``, titled blocks ``line-42-src/app/x.py``) so ``-k`` selects
them; the reference service's checks are items too (``...::project-pytest``) in the file that holds
most of its file blocks. The checks run once per session, only for the selected items, when the
first item runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from skillkit.snippets.cache import cache_enabled_by_default, cache_root
from skillkit.snippets.classify import classify
from skillkit.snippets.config import Settings, load_settings
from skillkit.snippets.engine import Options, Report, check_documents
from skillkit.snippets.model import Block, Document, Finding, Kind
from skillkit.snippets.sources import default_sources, load_documents


class SnippetFailure(Exception):
    """Raised by an item whose block has findings; carries their text."""


@dataclass
class _Session:
    settings: Settings
    documents: dict[Path, Document]
    project_home: Path | None
    report: Report | None = None
    error: str | None = None
    ran_checks: set[str] = field(default_factory=set)


_STATE = pytest.StashKey[_Session]()


def _state(config: pytest.Config) -> _Session:
    state = config.stash.get(_STATE, None)
    if state is None:
        root = config.rootpath
        settings = load_settings(root)
        documents = {
            doc.source.resolve(): doc for doc in load_documents(default_sources(root), root)
        }
        state = _Session(settings, documents, _project_home(documents))
        config.stash[_STATE] = state
    return state


def _project_home(documents: dict[Path, Document]) -> Path | None:
    """The document holding the most file blocks: the project check items live there."""
    counts = {
        source: sum(1 for block in document.blocks if classify(block).kind is Kind.FILE)
        for source, document in sorted(documents.items())
    }
    best = max(counts.items(), key=lambda item: item[1], default=(None, 0))
    return best[0] if best[1] else None


def _is_guide(path: Path, root: Path) -> bool:
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    parts = relative.parts
    return relative.suffix == ".md" and (
        parts == ("SKILL.md",) or (len(parts) == 2 and parts[0] == "resources")
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if _is_guide(file_path, parent.config.rootpath):
        return MarkdownFile.from_parent(parent, path=file_path)
    return None


def block_name(block: Block) -> str:
    return f"line-{block.fence_line}" + (f"-{block.title}" if block.title else "")


class MarkdownFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        state = _state(self.config)
        document = state.documents.get(self.path.resolve())
        if document is None:
            return
        for finding in document.findings:
            yield DocumentItem.from_parent(self, name=f"line-{finding.line}", finding=finding)
        for block in document.blocks:
            yield BlockItem.from_parent(self, name=block_name(block), block=block)
        if state.project_home == self.path.resolve():
            for check in (*state.settings.project.setup, *state.settings.project.checks):
                yield ProjectItem.from_parent(self, name=f"project-{check.name}", check=check.name)


class _SnippetItem(pytest.Item):
    def _report(self) -> Report:
        state = _state(self.config)
        if state.report is None and state.error is None:
            try:
                state.report = _run_selected(self.session, state)
            except (OSError, RuntimeError, ValueError) as error:
                state.error = f"the snippet checks could not run: {type(error).__name__}: {error}"
        if state.report is None:
            raise SnippetFailure(state.error or "the snippet checks did not run")
        return state.report

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: str | None = None,
    ) -> str:
        if isinstance(excinfo.value, SnippetFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.nodeid


def _run_selected(session: pytest.Session, state: _Session) -> Report:
    blocks = {item.block.ident for item in session.items if isinstance(item, BlockItem)}
    checks = {item.check for item in session.items if isinstance(item, ProjectItem)}
    options = Options(
        parallel=os.cpu_count() or 1,
        use_cache=cache_enabled_by_default(),
        cache_dir=cache_root(),
        selected=frozenset(blocks),
        project_checks=frozenset(checks),
        run_project=True,
    )
    return check_documents(list(state.documents.values()), state.settings, options)


def _fail(findings: list[Finding]) -> None:
    if findings:
        raise SnippetFailure("\n".join(str(finding) for finding in findings))


class DocumentItem(_SnippetItem):
    """A problem of the markdown itself (not of one block), e.g. an annotation with no fence."""

    def __init__(self, *, finding: Finding, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.finding = finding

    def runtest(self) -> None:
        _fail([self.finding])


class BlockItem(_SnippetItem):
    def __init__(self, *, block: Block, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.block = block

    def runtest(self) -> None:
        report = self._report()
        verdict = next(v for v in report.verdicts if v.block.ident == self.block.ident)
        _fail(verdict.findings)
        if verdict.kind is Kind.SKIP:
            pytest.skip(f"{self.block.ident}: {verdict.skip_reason}")


class ProjectItem(_SnippetItem):
    def __init__(self, *, check: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.check = check

    def runtest(self) -> None:
        report = self._report()
        outcomes = [outcome for outcome in report.project if outcome.name == self.check]
        if not outcomes:
            raise SnippetFailure(f"project check {self.check!r} did not run: {report.notes}")
        _fail([finding for outcome in outcomes for finding in outcome.findings])


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Markdown files with no blocks give no items: that is not "no tests collected" (exit 5)."""
    if exitstatus != pytest.ExitCode.NO_TESTS_COLLECTED:
        return
    arguments = [Path(str(arg).split("::", 1)[0]) for arg in session.config.args]
    if arguments and all(
        _is_guide(session.config.invocation_params.dir / arg, session.config.rootpath)
        or (arg.name == "resources" and arg.is_dir())
        for arg in arguments
    ):
        session.exitstatus = pytest.ExitCode.OK
