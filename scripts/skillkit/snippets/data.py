"""Parse toml, yaml, json and ini blocks; map a parse error to its markdown line."""

from __future__ import annotations

import configparser
import json
import re
import tomllib

import yaml

from skillkit.snippets.model import Block, Finding

_TOML_LINE = re.compile(r"\(at line (?P<line>\d+), column \d+\)")


def data_language(language: str) -> str | None:
    """The parser family of a language, or None if it is no data language."""
    return {
        "toml": "toml",
        "yaml": "yaml",
        "yml": "yaml",
        "json": "json",
        "ini": "ini",
        "cfg": "ini",
    }.get(language)


def parse_error(language: str, code: str) -> tuple[int, str, str] | None:
    """Parse ``code``; return (1-based code line, exception type name, message) or None if valid."""
    family = data_language(language)
    try:
        if family == "toml":
            tomllib.loads(code)
        elif family == "yaml":
            for _ in yaml.safe_load_all(code):
                pass
        elif family == "json":
            json.loads(code)
        elif family == "ini":
            configparser.ConfigParser().read_string(code)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = int(found.group("line")) if found else max(len(code.splitlines()), 1)
        message = _TOML_LINE.sub("", str(error)).replace("(at end of document)", "").strip()
        return line, type(error).__name__, message
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        parts = [getattr(error, "context", None), getattr(error, "problem", None)]
        message = ", ".join(str(part) for part in parts if part) or " ".join(str(error).split())
        return line, type(error).__name__, message
    except json.JSONDecodeError as error:
        return error.lineno, type(error).__name__, error.msg
    except configparser.Error as error:
        return _ini_line(error), type(error).__name__, str(error).splitlines()[0]
    return None


def _ini_line(error: configparser.Error) -> int:
    lineno = getattr(error, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    errors = getattr(error, "errors", None)
    if errors:
        first = errors[0]
        if isinstance(first, tuple) and isinstance(first[0], int):
            return first[0]
    return 1


def check_data(block: Block) -> list[Finding]:
    problem = parse_error(block.language, block.code)
    if problem is None:
        return []
    line, name, message = problem
    return [
        Finding(
            block.path,
            block.md_line(line),
            f"{block.language} does not parse: {name}: {message}; fix the syntax",
        )
    ]
