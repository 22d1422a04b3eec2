"""Print a check's result: a per-file summary and every finding, as text or JSON."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from skillkit.snippets.engine import Report
from skillkit.snippets.model import Kind, Verdict

NOT_CHECKED = frozenset({Kind.SKIP, Kind.TEXT})


def _by_file(report: Report) -> dict[str, list[Verdict]]:
    grouped: dict[str, list[Verdict]] = {document.path: [] for document in report.documents}
    for verdict in report.verdicts:
        grouped.setdefault(verdict.block.path, []).append(verdict)
    return grouped


def file_summary(path: str, verdicts: list[Verdict], report: Report) -> dict[str, Any]:
    kinds = Counter(verdict.kind.value for verdict in verdicts)
    document_findings = [
        str(finding)
        for document in report.documents
        if document.path == path
        for finding in document.findings
    ]
    return {
        "path": path,
        "blocks": len(verdicts),
        "checked": sum(1 for verdict in verdicts if verdict.kind not in NOT_CHECKED),
        "cached": sum(1 for verdict in verdicts if verdict.cached),
        "kinds": dict(sorted(kinds.items())),
        "skipped": [
            {"line": verdict.block.fence_line, "reason": verdict.skip_reason}
            for verdict in verdicts
            if verdict.kind is Kind.SKIP
        ],
        "findings": document_findings
        + [str(finding) for verdict in verdicts for finding in verdict.findings],
    }


def as_json(report: Report) -> str:
    payload = {
        "files": [
            file_summary(path, verdicts, report) for path, verdicts in _by_file(report).items()
        ],
        "blocks": [
            {
                "path": verdict.block.path,
                "line": verdict.block.fence_line,
                "language": verdict.block.language,
                "title": verdict.block.title,
                "kind": verdict.kind.value,
                "checks": verdict.checks,
                "cached": verdict.cached,
                "ok": verdict.ok,
                "findings": [str(finding) for finding in verdict.findings],
            }
            for verdict in report.verdicts
        ],
        "project": [
            {
                "name": outcome.name,
                "command": list(outcome.argv),
                "ran": outcome.ran,
                "ok": not outcome.findings,
                "findings": [str(finding) for finding in outcome.findings],
            }
            for outcome in report.project
        ],
        "notes": report.notes,
        "findings": len(report.findings),
    }
    return json.dumps(payload, indent=2)


def as_text(report: Report) -> str:
    lines: list[str] = []
    for path, verdicts in _by_file(report).items():
        summary = file_summary(path, verdicts, report)
        kinds = ", ".join(f"{kind} {count}" for kind, count in summary["kinds"].items())
        lines.append(
            f"{path}: {summary['blocks']} blocks ({kinds or 'none'}), {summary['checked']} checked"
            f" ({summary['cached']} from cache), {len(summary['skipped'])} skipped, "
            f"{len(summary['findings'])} findings"
        )
        lines += [
            f"  skipped {path}:{item['line']}: {item['reason']}" for item in summary["skipped"]
        ]
    for outcome in report.project:
        state = "ok" if not outcome.findings else "FAILED"
        lines.append(f"project check {outcome.name} ({' '.join(outcome.argv)}): {state}")
    lines += [f"note: {note}" for note in report.notes]
    findings = report.findings
    if findings:
        lines.append("")
        lines += [str(finding) for finding in findings]
    total = len(report.verdicts)
    lines.append("")
    lines.append(
        f"{total} blocks in {len(report.documents)} files, {len(findings)} findings"
        + ("" if findings else ": every block is proven or accounted for")
    )
    return "\n".join(lines)
