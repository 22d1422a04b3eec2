"""Start the zygote (see zygote.py) for one batch of snippets and collect its results."""

from __future__ import annotations

import ast
import functools
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ZYGOTE = Path(__file__).with_name("zygote.py")


@dataclass(frozen=True)
class Job:
    ident: str
    code: str
    filename: str  # as shown in tracebacks: the markdown path
    first_line: int
    timeout: float


class SandboxError(RuntimeError):
    """The zygote itself failed (not a snippet); the message carries its stderr."""


@functools.cache
def network_isolation() -> tuple[str, ...]:
    """``unshare -n`` (an empty network namespace) when this machine allows it, else nothing."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        probe = subprocess.run(
            [unshare, "-n", "true"], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return (unshare, "-n", "--") if probe.returncode == 0 else ()


def scrubbed_environment(home: str, bytecode_dir: Path | None = None) -> dict[str, str]:
    """Only what Python needs: no tokens, proxies or service URLs reach a snippet.

    With ``bytecode_dir`` the zygote caches the bytecode of what it preloads there (outside the
    repository and the virtualenv); the children never write bytecode.
    """
    bin_dir = str(Path(sys.executable).parent)
    extra = {"PYTHONPYCACHEPREFIX": str(bytecode_dir)} if bytecode_dir is not None else {}
    return {
        **extra,
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "PYTHONUTF8": "1",
        "NO_COLOR": "1",
    }


def imported_roots(code: str) -> set[str]:
    """Top-level package names a snippet imports (empty if it does not parse)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def needed_preloads(jobs: list[Job], preload: tuple[str, ...]) -> list[str]:
    """The configured preloads some snippet of the batch imports: a small batch starts fast."""
    used: set[str] = set()
    for job in jobs:
        used |= imported_roots(job.code)
    return [module for module in preload if module.split(".")[0] in used]


def run_jobs(
    jobs: list[Job],
    preload: tuple[str, ...],
    parallel: int,
    bytecode_dir: Path | None = None,
    plain_imports: tuple[str, ...] = (),
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Run every job; return results by job ident and the modules that failed to preload.

    A job importing one of ``plain_imports`` (pytest, which warns about plugins imported before
    it) runs in a second worker that preloads nothing, so it behaves as under ``python file.py``.
    """
    plain = [job for job in jobs if imported_roots(job.code) & set(plain_imports)]
    shared = [job for job in jobs if job not in plain]
    results, problems = _run_batch(shared, preload, parallel, bytecode_dir)
    plain_results, _ = _run_batch(plain, (), parallel, bytecode_dir)
    return {**results, **plain_results}, problems


def _run_batch(
    jobs: list[Job], preload: tuple[str, ...], parallel: int, bytecode_dir: Path | None
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    if not jobs:
        return {}, []
    root = tempfile.mkdtemp(prefix="skillkit-run-")
    try:
        jobs_path = Path(root) / "jobs.json"
        results_path = Path(root) / "results.jsonl"
        work = Path(root) / "work"
        work.mkdir()
        with jobs_path.open("w", encoding="utf-8") as handle:
            json.dump(
                {
                    "root": str(work),
                    "parallel": parallel,
                    "preload": needed_preloads(jobs, preload),
                    "jobs": [
                        {
                            "id": str(index),
                            "code": job.code,
                            "filename": job.filename,
                            "first_line": job.first_line,
                            "timeout": job.timeout,
                        }
                        for index, job in enumerate(jobs)
                    ],
                },
                handle,
            )
        budget = 60.0 + sum(job.timeout for job in jobs) / max(parallel, 1) * 2
        command = [*network_isolation(), sys.executable, "-X", "utf8", str(ZYGOTE)]
        completed = subprocess.run(
            [*command, str(jobs_path), str(results_path)],
            cwd=work,
            env=scrubbed_environment(str(work), bytecode_dir),
            capture_output=True,
            text=True,
            timeout=budget,
            check=False,
        )
        if completed.returncode != 0:
            raise SandboxError(
                f"the snippet runner failed (exit {completed.returncode}): "
                f"{completed.stderr.strip()[-2000:]}"
            )
        results: dict[str, dict[str, Any]] = {}
        preload_errors: list[str] = []
        with results_path.open(encoding="utf-8") as handle:
            for raw in handle:
                record = json.loads(raw)
                if "preload_error" in record:
                    preload_errors.append(record["preload_error"])
                    continue
                results[jobs[int(record["id"])].ident] = record
        return results, preload_errors
    finally:
        shutil.rmtree(root, ignore_errors=True)
