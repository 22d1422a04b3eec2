"""``skillkit package``: write the upload zip for Claude apps and the API.

Stages exactly what install ships (SKILL.md and resources/, minus junk) in a folder named after
the skill, checks it, then zips it: ``dist/backend-python-dev-guidelines.zip`` under the skill
root unless ``--output PATH``.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import tempfile
from pathlib import Path

from skillkit.distribution.archive import write_zip
from skillkit.distribution.bundle import Bundle, read_bundle
from skillkit.distribution.errors import BadInput
from skillkit.distribution.layout import SKILL_NAME
from skillkit.distribution.report import bad_input, complain, say
from skillkit.distribution.source import resolve_root
from skillkit.distribution.upload_check import check_before_upload

NAME = "package"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source", metavar="DIR", help="the skill root to package (default: this repository)"
    )
    parser.add_argument(
        "--output",
        metavar="PATH",
        help=f"the zip to write (default: dist/{SKILL_NAME}.zip under the skill root)",
    )


def _output_path(root: Path, output: str | None) -> Path:
    path = Path(output).expanduser() if output else root / "dist" / f"{SKILL_NAME}.zip"
    if path.is_dir():
        raise BadInput(f"{path}: is a folder; give --output a file path ending in .zip")
    if path.suffix != ".zip":
        raise BadInput(f"{path}: --output must end in .zip")
    return path.resolve()


def _stage(bundle: Bundle, staging_root: Path) -> Path:
    staged = staging_root / SKILL_NAME
    for item in bundle.files:
        destination = staged / item.relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(item.path, destination)
    return staged


def run(args: argparse.Namespace) -> int:
    try:
        root = resolve_root(args.source)
        output = _output_path(root, args.output)
        bundle = read_bundle(root)
    except BadInput as error:
        return bad_input(NAME, error)
    if bundle.skipped:
        complain(NAME, [f"{root / item}: symbolic link left out" for item in bundle.skipped])
    with tempfile.TemporaryDirectory(prefix="skillkit-package-") as staging_root:
        staged = _stage(bundle, Path(staging_root))
        problems = check_before_upload(staged)
        if problems:
            shown = [problem.replace(str(staged), str(root)) for problem in problems]
            complain(NAME, [*shown, "no zip written"])
            return 1
        files = write_zip(staged, output, SKILL_NAME)
    digest = hashlib.sha256(output.read_bytes()).hexdigest()
    say(f"{output}: {files} files, {output.stat().st_size} bytes, sha256 {digest}")
    return 0
