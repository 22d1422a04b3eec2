"""Command line entry point: `skillkit COMMAND ...`.

Each command lives in its own module exposing ``add_arguments(parser)`` and ``run(args) -> int``.
Exit codes everywhere: 0 ok, 1 findings, 2 bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Protocol, cast

# command name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("skillkit.validate.command", "check a skill folder: front matter, links, budgets"),
    "snippets": ("skillkit.snippets.command", "extract and prove every code block"),
    "example": ("skillkit.example.command", "export the reference service as a starter project"),
    "install": (
        "skillkit.distribution.install_command",
        "install the skill where Claude Code finds it",
    ),
    "uninstall": (
        "skillkit.distribution.uninstall_command",
        "remove an installed copy of the skill",
    ),
    "package": ("skillkit.distribution.package_command", "write the upload zip to dist/"),
}


class CommandModule(Protocol):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def _load(module_name: str) -> CommandModule:
    return cast(CommandModule, importlib.import_module(module_name))


def _usage() -> str:
    lines = ["usage: skillkit COMMAND [ARGS]", "", "commands:"]
    lines += [f"  {name:<10} {help_text}" for name, (_, help_text) in COMMANDS.items()]
    lines += ["", "Run 'skillkit COMMAND --help' for a command's options."]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Import only the module of the command asked for: one command never pays for another."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(_usage())
        return 0 if args else 2
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"skillkit: unknown command {name!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    module_name, help_text = COMMANDS[name]
    module = _load(module_name)
    parser = argparse.ArgumentParser(prog=f"skillkit {name}", description=help_text)
    module.add_arguments(parser)
    return int(module.run(parser.parse_args(rest)))


if __name__ == "__main__":
    sys.exit(main())
