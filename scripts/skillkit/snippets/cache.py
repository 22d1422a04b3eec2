"""A content-hash cache of block verdicts, kept outside the repository.

The key covers the code, language, annotation, kind, the engine version, the snippet settings and
the hash of uv.lock, so any change that could alter a verdict misses the cache. Findings are stored
relative to the block's fence so a block that only moved still hits.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from skillkit.snippets import ENGINE_VERSION
from skillkit.snippets.config import SnippetSettings
from skillkit.snippets.model import Block, Finding, Kind


def cache_root() -> Path:
    configured = os.environ.get("SKILLKIT_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "skillkit"


def cache_enabled_by_default() -> bool:
    return os.environ.get("CI", "").lower() != "true"


class VerdictCache:
    def __init__(self, folder: Path, repo_root: Path, settings: SnippetSettings) -> None:
        self.folder = folder / "verdicts"
        lock = repo_root / "uv.lock"
        lock_hash = hashlib.sha256(lock.read_bytes()).hexdigest() if lock.is_file() else "none"
        self.salt = json.dumps([ENGINE_VERSION, lock_hash, asdict(settings)], sort_keys=True)

    def key(self, block: Block, kind: Kind) -> str:
        annotation = (
            [block.annotation.kind, sorted(block.annotation.options.items())]
            if block.annotation
            else None
        )
        material = json.dumps(
            [self.salt, kind.value, block.language, block.info, annotation, block.code]
        )
        return hashlib.sha256(material.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, block: Block, kind: Kind) -> tuple[list[Finding], list[str]] | None:
        path = self._path(self.key(block, kind))
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        findings = [
            Finding(block.path, block.fence_line + item["offset"], item["message"])
            for item in stored["findings"]
        ]
        return findings, list(stored["checks"])

    def put(self, block: Block, kind: Kind, findings: list[Finding], checks: list[str]) -> None:
        path = self._path(self.key(block, kind))
        payload = {
            "findings": [
                {"offset": finding.line - block.fence_line, "message": finding.message}
                for finding in findings
            ],
            "checks": checks,
        }
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(payload, out)
            Path(temporary).replace(path)
