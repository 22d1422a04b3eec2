"""``skillkit snippets check [PATHS] [--json] [--no-cache] [-j N]``: prove the guide's code blocks.

Exit codes: 0 every block proven, 1 findings, 2 bad input (no such path, not markdown, bad config).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from skillkit.snippets.cache import cache_enabled_by_default, cache_root
from skillkit.snippets.config import ConfigError, find_root, load_settings
from skillkit.snippets.engine import Options, check_documents
from skillkit.snippets.lint import ToolError
from skillkit.snippets.report import as_json, as_text
from skillkit.snippets.sandbox import SandboxError
from skillkit.snippets.sources import (
    BadInputError,
    default_sources,
    load_documents,
    resolve_paths,
    unique_paths,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="check every code block of the given markdown files")
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="markdown files or folders (default: SKILL.md and resources/*.md)",
    )
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="re-check every block (the cache is off by default when CI=true)",
    )
    check.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="snippets run at once (default: the number of CPUs)",
    )


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        print("skillkit snippets: -j must be at least 1", file=sys.stderr)
        return 2
    root = find_root(Path.cwd())
    try:
        settings = load_settings(root)
        paths = resolve_paths(args.paths, root) if args.paths else default_sources(root)
        if not paths:
            raise BadInputError(
                f"{root}: no SKILL.md or resources/*.md here; run from the skill's folder "
                "or give markdown files or folders"
            )
        # The whole guide is read so excerpts and the service see every file block; only the
        # blocks of the given files are checked and reported.
        everything = unique_paths([*default_sources(root), *paths])
        documents = load_documents(everything, root)
    except (BadInputError, ConfigError) as error:
        print(f"skillkit snippets: {error}", file=sys.stderr)
        return 2
    asked = {path.resolve() for path in paths}
    shown = [document for document in documents if document.source.resolve() in asked]
    selected = (
        frozenset(block.ident for document in shown for block in document.blocks)
        if len(shown) < len(documents)
        else None
    )
    use_cache = not args.no_cache and cache_enabled_by_default()
    options = Options(
        parallel=args.jobs, use_cache=use_cache, cache_dir=cache_root(), selected=selected
    )
    try:
        report = check_documents(documents, settings, options)
    except (SandboxError, ToolError) as error:
        print(f"skillkit snippets: the checks could not complete: {error}", file=sys.stderr)
        return 1
    report.documents = shown
    print(as_json(report) if args.json else as_text(report))
    return 1 if report.findings else 0
