"""Tie the pipeline together: documents -> verdicts for every block, plus the project checks.

Python snippets are proven in three batches that run at the same time: one ruff process, one mypy
process and one sandbox (zygote) that runs them. Everything else is checked block by block.
"""

from __future__ import annotations

import ast
import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from skillkit.snippets import data, excerpt, outcomes, shell
from skillkit.snippets.cache import VerdictCache
from skillkit.snippets.classify import DATA_LANGUAGES, PYTHON, SHELL_LANGUAGES, classify
from skillkit.snippets.config import ProjectCheck, Settings
from skillkit.snippets.diagnostics import Diagnostic
from skillkit.snippets.lint import run_ruff
from skillkit.snippets.model import Block, Document, Finding, Kind, Verdict
from skillkit.snippets.modules import module_name, write_modules
from skillkit.snippets.project import CheckOutcome, Tree, check_imports, collect_files, run_project
from skillkit.snippets.sandbox import Job, network_isolation, run_jobs
from skillkit.snippets.typecheck import run_mypy

CACHEABLE = frozenset({Kind.RUN, Kind.BAD, Kind.DATA, Kind.SHELL})


@dataclass(frozen=True)
class Options:
    parallel: int = os.cpu_count() or 1
    use_cache: bool = True
    cache_dir: Path | None = None
    tool_cache_dir: Path | None = None  # mypy's and ruff's caches; default: inside cache_dir
    selected: frozenset[str] | None = None  # block idents to check; None: all
    project_checks: frozenset[str] | None = None  # project check names to run; None: all
    run_project: bool = True


@dataclass
class Report:
    documents: list[Document]
    verdicts: list[Verdict]
    project: list[CheckOutcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        found = [finding for document in self.documents for finding in document.findings]
        found += [finding for verdict in self.verdicts for finding in verdict.findings]
        found += [finding for outcome in self.project for finding in outcome.findings]
        return found


@dataclass
class _Work:
    """Verdicts still to be decided by a batch, by what each batch must do."""

    lint: list[Verdict] = field(default_factory=list)
    types: list[Verdict] = field(default_factory=list)
    run: list[Verdict] = field(default_factory=list)


def normal_title(title: str) -> str:
    return str(PurePosixPath(os.path.normpath(title)))


def check_documents(documents: list[Document], settings: Settings, options: Options) -> Report:
    verdicts = [
        _initial_verdict(document, block) for document in documents for block in document.blocks
    ]
    _claim_titles(verdicts)
    report = Report(documents=documents, verdicts=[])
    selected = [
        verdict
        for verdict in verdicts
        if options.selected is None or verdict.block.ident in options.selected
    ]
    report.verdicts = selected
    cache = (
        VerdictCache(options.cache_dir, settings.root, settings.snippets)
        if options.use_cache and options.cache_dir is not None
        else None
    )
    work = _Work()
    files = {
        normal_title(v.block.title or ""): v.block
        for v in verdicts
        if v.kind is Kind.FILE and not v.findings and v.block.title
    }
    imports_examples: list[Verdict] = []
    for verdict in selected:
        if verdict.findings or verdict.kind in {Kind.ERROR, Kind.SKIP, Kind.TEXT}:
            continue
        if cache is not None and _cacheable(verdict):
            hit = cache.get(verdict.block, verdict.kind)
            if hit is not None:
                verdict.findings, verdict.checks = hit
                verdict.cached = True
                continue
        _plan(verdict, work, files, imports_examples, settings)
    # The reference service's checks run while the snippet batches do.
    with ThreadPoolExecutor(max_workers=1) as background:
        project = (
            background.submit(_project, files, imports_examples, settings, options)
            if _wants_project(selected, imports_examples, options)
            else None
        )
        report.notes += _run_batches(work, settings, options)
        if project is not None:
            report.project, notes = project.result()
            report.notes += notes
        elif options.run_project and options.project_checks is None:
            report.notes.append(
                "the reference service checks did not run: no file block among the given files"
            )
    if cache is not None:
        for verdict in selected:
            if _cacheable(verdict) and not verdict.cached and verdict.ok and verdict.checks:
                cache.put(verdict.block, verdict.kind, verdict.findings, verdict.checks)
    return report


def project_files(documents: list[Document]) -> tuple[dict[str, Block], list[Finding]]:
    """The reference service's files by path, and what keeps any file block from being used.

    Only the shape is checked here (titles, fences, classification); `check_documents` proves the
    code.
    """
    verdicts = [
        _initial_verdict(document, block) for document in documents for block in document.blocks
    ]
    _claim_titles(verdicts)
    problems = [finding for document in documents for finding in document.findings]
    files: dict[str, Block] = {}
    for verdict in verdicts:
        if verdict.kind is not Kind.FILE:
            continue
        if verdict.findings:
            problems += verdict.findings
        elif verdict.block.title:
            files.setdefault(normal_title(verdict.block.title), verdict.block)
    return files, problems


def _wants_project(selected: list[Verdict], imports: list[Verdict], options: Options) -> bool:
    """All blocks, named project checks (pytest items), a file block or an imports= example."""
    return options.run_project and (
        options.selected is None
        or options.project_checks is not None
        or bool(imports)
        or any(verdict.kind is Kind.FILE for verdict in selected)
    )


def _cacheable(verdict: Verdict) -> bool:
    """Self-contained blocks only: an imports= example depends on the whole service."""
    annotation = verdict.block.annotation
    depends_on_service = annotation is not None and "imports" in annotation.options
    return verdict.kind in CACHEABLE and not depends_on_service


def _initial_verdict(document: Document, block: Block) -> Verdict:
    classification = classify(block)
    verdict = Verdict(block=block, kind=classification.kind)
    verdict.findings += document.block_findings.get(block.fence_line, [])
    if classification.problem:
        verdict.findings.append(Finding(block.path, block.fence_line, classification.problem))
    if verdict.kind is Kind.SKIP and block.annotation is not None:
        verdict.skip_reason = block.annotation.options.get("reason")
    return verdict


def _unsafe_title(title: str) -> bool:
    normal = normal_title(title)
    return title.startswith("/") or normal == ".." or normal.startswith("../")


def _claim_titles(verdicts: list[Verdict]) -> None:
    owners: dict[str, Block] = {}
    for verdict in verdicts:
        title = verdict.block.title
        if title is not None and _unsafe_title(title) and verdict.kind is not Kind.ERROR:
            verdict.findings.append(
                Finding(
                    verdict.block.path,
                    verdict.block.fence_line,
                    f"title {title!r} leaves the service's folder; use a relative path inside "
                    "it, such as src/package/module.py",
                )
            )
            continue
        if verdict.kind is not Kind.FILE or verdict.block.title is None:
            continue
        title = normal_title(verdict.block.title)
        owner = owners.setdefault(title, verdict.block)
        if owner is not verdict.block:
            verdict.findings.append(
                Finding(
                    verdict.block.path,
                    verdict.block.fence_line,
                    f"title {verdict.block.title!r} is already claimed by the file block at "
                    f"{owner.path}:{owner.fence_line}; a file has one source: annotate this one "
                    "`<!-- check: excerpt -->` or give it another title",
                )
            )


def _syntax_error(block: Block) -> Finding | None:
    try:
        compile(
            block.code,
            block.path,
            "exec",
            flags=ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
            dont_inherit=True,
        )
    except SyntaxError as error:
        return Finding(
            block.path,
            block.md_line(error.lineno or 1),
            f"Python does not compile this: {error.msg}; fix the syntax",
        )
    return None


def _plan(
    verdict: Verdict,
    work: _Work,
    files: dict[str, Block],
    imports_examples: list[Verdict],
    settings: Settings,
) -> None:
    block, kind = verdict.block, verdict.kind
    language = block.language
    if kind in {Kind.RUN, Kind.BAD} and language == PYTHON:
        verdict.checks.append("compile")
        problem = _syntax_error(block)
        if problem is not None:
            verdict.findings.append(problem)
            return
    if kind is Kind.RUN:
        work.lint.append(verdict)
        work.types.append(verdict)
        work.run.append(verdict)
    elif kind is Kind.BAD:
        _plan_bad(verdict, work, imports_examples)
    elif kind is Kind.DATA:
        verdict.checks.append("parse")
        verdict.findings += data.check_data(block)
    elif kind is Kind.SHELL:
        verdict.checks.append("bash -n")
        verdict.findings += shell.check_shell(block)
    elif kind is Kind.FILE:
        _check_file_syntax(verdict)
    elif kind is Kind.EXCERPT:
        verdict.checks.append("excerpt")
        source = files.get(normal_title(block.title or ""))
        if source is None:
            verdict.findings.append(
                Finding(
                    block.path,
                    block.fence_line,
                    f"no file block is titled {block.title!r}, so this excerpt quotes nothing; "
                    "fix the title or add the file block",
                )
            )
        else:
            verdict.findings += excerpt.check_excerpt(block, source)


def _plan_bad(verdict: Verdict, work: _Work, imports_examples: list[Verdict]) -> None:
    options = verdict.block.annotation.options if verdict.block.annotation else {}
    if verdict.block.language != PYTHON:
        verdict.checks.append("parse")
        _expect_parse_error(verdict, options.get("raises", ""))
    elif "ruff" in options:
        work.lint.append(verdict)
    elif "mypy" in options:
        work.types.append(verdict)
    elif "raises" in options:
        work.run.append(verdict)
    elif "imports" in options:
        imports_examples.append(verdict)


def _check_file_syntax(verdict: Verdict) -> None:
    block = verdict.block
    if block.language == PYTHON:
        verdict.checks.append("compile")
        problem = _syntax_error(block)
        if problem is not None:
            verdict.findings.append(problem)
    elif block.language in DATA_LANGUAGES:
        verdict.checks.append("parse")
        verdict.findings += data.check_data(block)
    elif block.language in SHELL_LANGUAGES:
        verdict.checks.append("bash -n")
        verdict.findings += shell.check_shell(block)


def _expect_parse_error(verdict: Verdict, expected: str) -> None:
    block = verdict.block
    problem = data.parse_error(block.language, block.code)
    if problem is None:
        verdict.findings.append(
            Finding(
                block.path,
                block.fence_line,
                f'the bad example no longer fails: declared raises="{expected}" but it parses; '
                "make it show the mistake again",
            )
        )
    elif problem[1] != expected:
        verdict.findings.append(
            Finding(
                block.path,
                block.md_line(problem[0]),
                f"the bad example fails with {problem[1]}, not {expected}; fix the annotation",
            )
        )


@contextlib.contextmanager
def _modules_folder(options: Options) -> Iterator[tuple[Path, Path]]:
    """(modules folder, tool cache folder), persistent and locked for one batch at a time.

    mypy's and ruff's own caches are sound (they re-check what changed), so they stay on even
    when the verdict cache is off; a cold mypy run over snippets importing pydantic takes seconds.
    Without a cache folder everything lives in a temporary folder.
    """
    cache_dir = options.tool_cache_dir or options.cache_dir
    if cache_dir is not None:
        base = cache_dir / "batch"
        base.mkdir(parents=True, exist_ok=True)
        with (base / "lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield base / "modules", base / "tools"
        return
    with tempfile.TemporaryDirectory(prefix="skillkit-modules-") as temporary:
        yield Path(temporary) / "modules", Path(temporary) / "tools"


def _run_batches(work: _Work, settings: Settings, options: Options) -> list[str]:
    if not (work.lint or work.types or work.run):
        return []
    jobs = [
        Job(
            ident=verdict.block.ident,
            code=verdict.block.code,
            filename=verdict.block.path,
            first_line=verdict.block.code_line,
            timeout=float(
                (
                    verdict.block.annotation.options.get("timeout")
                    if verdict.block.annotation
                    else None
                )
                or settings.snippets.timeout
            ),
        )
        for verdict in work.run
    ]
    with _modules_folder(options) as (folder, tools), ThreadPoolExecutor(max_workers=3) as pool:
        write_modules([v.block for v in work.lint + work.types], folder)
        lint_names = sorted({f"{module_name(v.block)}.py" for v in work.lint})
        type_names = sorted({f"{module_name(v.block)}.py" for v in work.types})
        ruff_future = pool.submit(_ruff_subset, folder, lint_names, settings, tools)
        mypy_future = pool.submit(run_mypy, folder, type_names, settings.snippets, tools / "mypy")
        run_future = pool.submit(
            run_jobs,
            jobs,
            settings.snippets.preload,
            options.parallel,
            tools / "bytecode",
            settings.snippets.plain_imports,
        )
        lint_found = ruff_future.result()
        type_found = mypy_future.result()
        run_results, preload_errors = run_future.result()
    _apply_tool(work.lint, lint_found, "ruff")
    _apply_tool(work.types, type_found, "mypy")
    for verdict in work.run:
        record = run_results[verdict.block.ident]
        verdict.checks.append("run")
        annotation = verdict.block.annotation
        if verdict.kind is Kind.BAD and annotation is not None:
            verdict.findings += outcomes.check_raises(
                verdict.block, record, annotation.options["raises"], annotation.options.get("match")
            )
        else:
            verdict.checks.append("output")
            verdict.findings += outcomes.check_run(verdict.block, record)
    notes = [f"preloading {problem} (snippets import it themselves)" for problem in preload_errors]
    if jobs and not network_isolation():
        notes.append(
            "no network namespace here (unshare -n failed): the audit hook alone blocks network use"
        )
    return notes


def _ruff_subset(
    folder: Path, names: list[str], settings: Settings, tools: Path
) -> list[Diagnostic]:
    if not names:
        return []
    wanted = set(names)
    return [d for d in run_ruff(folder, settings.snippets, tools / "ruff") if d.module in wanted]


def _apply_tool(verdicts: list[Verdict], diagnostics: list[Diagnostic], tool: str) -> None:
    by_module: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        by_module.setdefault(diagnostic.module, []).append(diagnostic)
    for verdict in verdicts:
        block = verdict.block
        verdict.checks.append(tool)
        found = by_module.get(f"{module_name(block)}.py", [])
        declared = block.annotation.options.get(tool) if block.annotation else None
        if verdict.kind is Kind.BAD and declared is not None:
            if not any(d.code == declared for d in found):
                seen = ", ".join(sorted({d.code for d in found})) or "nothing"
                verdict.findings.append(
                    Finding(
                        block.path,
                        block.fence_line,
                        f'the bad example no longer fails: declared {tool}="{declared}" but '
                        f"{tool} reports {seen}; make it show the mistake again or fix the code",
                    )
                )
            continue
        for diagnostic in found:
            verdict.findings.append(
                Finding(
                    block.path,
                    block.md_line(diagnostic.line),
                    f"{diagnostic.describe()}; fix the code (a counter-example is annotated "
                    f'`<!-- check: bad {tool}="{diagnostic.code}" -->`)',
                )
            )


def _project(
    files: dict[str, Block],
    imports_examples: list[Verdict],
    settings: Settings,
    options: Options,
) -> tuple[list[CheckOutcome], list[str]]:
    if not files:
        for verdict in imports_examples:
            verdict.checks.append("imports")
            verdict.findings.append(
                Finding(
                    verdict.block.path,
                    verdict.block.fence_line,
                    "an imports= bad example needs the reference service, but no file blocks "
                    "exist; add them or drop the example",
                )
            )
        return [], ["no file blocks: the reference service checks did not run"]
    wanted = options.project_checks
    if not imports_examples and wanted is not None and not wanted:
        return [], []
    tree = Tree(collect_files(list(files.values())), settings.project)
    try:
        results = run_project(tree, None if wanted is None else set(wanted))
        if imports_examples:
            _, base_output = tree.run(ProjectCheck("imports", settings.project.imports))
            for verdict in imports_examples:
                verdict.checks.append("imports")
                contract = (
                    verdict.block.annotation.options["imports"] if verdict.block.annotation else ""
                )
                verdict.findings += check_imports(tree, verdict.block, contract, base_output)
    finally:
        tree.remove()
    notes = []
    if not settings.project.checks:
        notes.append("no project checks configured in [tool.skillkit.project]")
    return results, notes
