"""``skillkit example export DIR [--force]``: the reference service as a starter project.

Exit codes: 0 written, 2 bad input (a broken or missing service in the markdown, a non-empty
folder without --force).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from skillkit.example.export import ExportError, export_service
from skillkit.snippets.config import find_root
from skillkit.snippets.sources import BadInputError, default_sources, load_documents


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser(
        "export", help="write the reference service to DIR as a starter project"
    )
    export.add_argument("target", type=Path, metavar="DIR", help="a new or empty folder")
    export.add_argument(
        "--force", action="store_true", help="write into a folder that already has files"
    )


def run(args: argparse.Namespace) -> int:
    root = find_root(Path.cwd())
    try:
        documents = load_documents(default_sources(root), root)
        exported = export_service(documents, args.target, force=args.force)
    except (BadInputError, ExportError, OSError) as error:
        print(f"skillkit example: {error}", file=sys.stderr)
        return 2
    print(
        f"wrote {exported.service_files} files of the reference service and "
        f"{', '.join(exported.starter_files)} to {exported.target}\n"
        f"start it: cd {exported.target} && uv run --env-file .env python -m convo"
    )
    return 0
