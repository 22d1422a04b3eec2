"""Files that never ship, even when they sit inside a runtime folder.

Caches, version control, virtual environments, secrets, tests, build and site output: a stray
``resources/.env`` or ``resources/__pycache__/`` must not reach a user's machine or an upload.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

JUNK_DIR_NAMES = frozenset(
    {
        # version control
        ".git",
        ".hg",
        ".svn",
        # caches
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".ipynb_checkpoints",
        ".cache",
        # virtual environments and tool folders
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "node_modules",
        ".idea",
        ".vscode",
        # tests, build and site output
        "tests",
        "test",
        "site",
        "dist",
        "build",
        "htmlcov",
    }
)
JUNK_FILE_NAMES = frozenset({".DS_Store", "Thumbs.db", ".coverage", ".netrc", ".pypirc"})
JUNK_FILE_SUFFIXES = (".pyc", ".pyo", ".swp", ".swo", ".orig", ".rej", ".pem", ".key", "~")
SECRET_PREFIXES = (".env",)  # .env, .env.local, .envrc ...


def is_junk_dir(path: Path) -> bool:
    """A folder to skip whole: by name, or because it is a virtual environment."""
    return path.name in JUNK_DIR_NAMES or (path / "pyvenv.cfg").is_file()


def is_junk_file(relative: PurePosixPath) -> bool:
    name = relative.name
    return (
        name in JUNK_FILE_NAMES
        or name.endswith(JUNK_FILE_SUFFIXES)
        or name.startswith(SECRET_PREFIXES)
    )
