"""SKILL.md front matter: strict YAML and the union of the spec's and Anthropic's field rules.

Mirrors `agentskills validate` (skills-ref: strictyaml, keys, name, folder, lengths) and
Anthropic's upload check (PyYAML, `a-z0-9-` names, no `<` or `>` in the description).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from skillkit.validate.findings import BadInput, Finding

SPEC_KEYS = ("name", "description", "license", "compatibility", "metadata", "allowed-tools")
MAX_NAME = 64
MAX_DESCRIPTION = 1024
MAX_COMPATIBILITY = 500
_NAME_CHARS = re.compile(r"[a-z0-9-]+")
_FIRST_YAML_LINE = 2  # line 1 is the opening `---`


@dataclass(frozen=True)
class FrontMatter:
    """The parsed mapping and the file line of each top-level key."""

    file: Path
    data: dict[Any, Any]
    key_lines: dict[str, int]
    end_line: int

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def split(text: str, file: Path) -> tuple[str, int]:
    """The YAML between the opening and closing `---` lines, and the closing line's number."""
    lines = text.splitlines()
    first = lines[0] if lines else ""
    if first.rstrip() != "---":
        hint = " (the file starts with a byte order mark: save it as UTF-8 without BOM)"
        raise BadInput(
            "no front matter: the file must start with a line `---`, then YAML with `name` and "
            "`description`, then a closing `---`" + (hint if first.startswith("\ufeff") else ""),
            file=file,
            line=1,
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return "\n".join(lines[1:index]), index + 1
    raise BadInput("front matter is not closed: add a line `---` after the YAML", file=file, line=1)


def parse(text: str, file: Path) -> tuple[FrontMatter, list[Finding]]:
    """Load the front matter; report YAML that strict loaders refuse or that loses data."""
    source, end_line = split(text, file)
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
        events = list(yaml.parse(source, Loader=yaml.SafeLoader))
    except yaml.YAMLError as error:
        line, problem = 1, str(error)
        if isinstance(error, yaml.MarkedYAMLError):
            if error.problem_mark is not None:
                line = _FIRST_YAML_LINE + error.problem_mark.line
            problem = error.problem or problem
        raise BadInput(
            f"invalid YAML in front matter: {problem}; fix the YAML", file, line
        ) from error
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise BadInput(
            "front matter must be a YAML mapping of keys (name: ..., description: ...)", file, 2
        )
    key_lines = {
        str(key.value): _FIRST_YAML_LINE + key.start_mark.line
        for key, _ in root.value
        if isinstance(key, yaml.ScalarNode)
    }
    front = FrontMatter(file=file, data=data, key_lines=key_lines, end_line=end_line)
    findings = _duplicate_keys(root, file) + _strict_yaml(events, source, file)
    return front, findings


def _duplicate_keys(node: yaml.Node, file: Path) -> list[Finding]:
    findings: list[Finding] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                findings.append(
                    Finding(
                        file,
                        _FIRST_YAML_LINE + key.start_mark.line,
                        "frontmatter/duplicate-key",
                        f"key {name!r} appears twice; YAML loaders keep only the last value",
                        "keep one of the two entries",
                    )
                )
            seen.add(name)
            findings += _duplicate_keys(value, file)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            findings += _duplicate_keys(item, file)
    return findings


def _strict_yaml(events: list[yaml.Event], source: str, file: Path) -> list[Finding]:
    """What strictyaml (and so `agentskills validate`) refuses: tags, anchors, aliases, flow."""
    rule, fix = "frontmatter/yaml-strict", "write plain block-style YAML"
    findings: list[Finding] = []
    for event in events:
        line = _FIRST_YAML_LINE + (event.start_mark.line if event.start_mark else 0)
        if isinstance(event, yaml.AliasEvent):
            findings.append(Finding(file, line, rule, f"alias *{event.anchor}", fix))
            continue
        anchor, tag = getattr(event, "anchor", None), getattr(event, "tag", None)
        if anchor is not None:
            findings.append(Finding(file, line, rule, f"anchor &{anchor}", fix))
        if tag is not None:
            findings.append(Finding(file, line, rule, f"explicit tag {tag}", fix))
        if getattr(event, "flow_style", None) is True:
            message = "flow style ([...] or {...}) is refused by strictyaml"
            findings.append(Finding(file, line, rule, message, fix))
    for offset, text in enumerate(source.splitlines()):
        if "---" in text:
            findings.append(
                Finding(
                    file,
                    _FIRST_YAML_LINE + offset,
                    rule,
                    "`---` inside the front matter: agentskills ends the front matter there",
                    "reword the value without `---`",
                )
            )
    return findings


def check(front: FrontMatter, folder: Path) -> list[Finding]:
    """Field rules of the spec and of Anthropic's upload check."""
    findings = _keys(front)
    for key in ("name", "description"):
        if key not in front.data:
            findings.append(
                Finding(
                    front.file,
                    1,
                    "frontmatter/missing-field",
                    f"required field {key!r} is missing",
                    f"add `{key}: ...` to the front matter",
                )
            )
    findings += _types(front)
    name = front.data.get("name")
    if isinstance(name, str):
        findings += _name(front, name, folder)
    description = front.data.get("description")
    if isinstance(description, str):
        findings += _description(front, description)
    compatibility = front.data.get("compatibility")
    if isinstance(compatibility, str):
        findings += _compatibility(front, compatibility)
    return findings


def _keys(front: FrontMatter) -> list[Finding]:
    return [
        Finding(
            front.file,
            front.line_of(str(key)),
            "frontmatter/unknown-key",
            f"key {key!r} is not in the Agent Skills spec; uploads with it are refused",
            f"remove it or move it under `metadata:`; allowed keys: {', '.join(SPEC_KEYS)}",
        )
        for key in front.data
        if key not in SPEC_KEYS
    ]


def _types(front: FrontMatter) -> list[Finding]:
    findings: list[Finding] = []
    for key in ("name", "description", "license", "compatibility", "allowed-tools"):
        if key not in front.data:
            continue
        value = front.data[key]
        if value is None:
            findings.append(_empty(front, key))
        elif not isinstance(value, str):
            findings.append(
                Finding(
                    front.file,
                    front.line_of(key),
                    "frontmatter/field-type",
                    f"{key!r} must be a string, YAML reads {value!r} as {type(value).__name__}",
                    "quote the value",
                )
            )
    metadata = front.data.get("metadata", {})
    if "metadata" in front.data and not (
        isinstance(metadata, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items())
    ):
        findings.append(
            Finding(
                front.file,
                front.line_of("metadata"),
                "frontmatter/field-type",
                "'metadata' must map string keys to string values",
                'write it as indented `key: "value"` lines and quote numbers and booleans',
            )
        )
    return findings


def _empty(front: FrontMatter, key: str) -> Finding:
    return Finding(
        front.file,
        front.line_of(key),
        "frontmatter/empty-field",
        f"{key!r} is empty",
        "give it a value or remove the key if it is optional",
    )


def _name(front: FrontMatter, raw: str, folder: Path) -> list[Finding]:
    line, file = front.line_of("name"), front.file
    name = unicodedata.normalize("NFKC", raw.strip())
    if not name:
        return [_empty(front, "name")]
    findings: list[Finding] = []
    if len(name) > MAX_NAME:
        message = f"name is {len(name)} characters long; the limit is {MAX_NAME}"
        findings.append(Finding(file, line, "frontmatter/name-length", message, "shorten it"))
    fix = "use lowercase letters, digits and single hyphens, e.g. `my-skill`"
    if not _NAME_CHARS.fullmatch(name):
        message = f"name {name!r} has characters outside a-z, 0-9 and '-'"
        findings.append(Finding(file, line, "frontmatter/name-format", message, fix))
    if name.startswith("-") or name.endswith("-") or "--" in name:
        message = f"name {name!r} starts or ends with a hyphen or has two in a row"
        findings.append(Finding(file, line, "frontmatter/name-format", message, fix))
    folder_name = unicodedata.normalize("NFKC", folder.name)
    if folder_name != name:
        findings.append(
            Finding(
                file,
                line,
                "frontmatter/name-folder-mismatch",
                f"name {name!r} differs from the folder name {folder_name!r}",
                f"rename the folder to {name!r} or set name to {folder_name!r}",
            )
        )
    return findings


def _description(front: FrontMatter, description: str) -> list[Finding]:
    line, file = front.line_of("description"), front.file
    if not description.strip():
        return [_empty(front, "description")]
    findings: list[Finding] = []
    if len(description) > MAX_DESCRIPTION:
        findings.append(
            Finding(
                file,
                line,
                "frontmatter/description-length",
                f"description is {len(description)} characters; the limit is {MAX_DESCRIPTION}",
                "say what the skill does and when to use it in fewer words",
            )
        )
    if "<" in description or ">" in description:
        findings.append(
            Finding(
                file,
                line,
                "frontmatter/description-angle-brackets",
                "description contains '<' or '>'; Anthropic's upload check refuses it",
                "write the words out (e.g. 'less than') or drop the brackets",
            )
        )
    return findings


def _compatibility(front: FrontMatter, compatibility: str) -> list[Finding]:
    if not compatibility:
        return [_empty(front, "compatibility")]
    if len(compatibility) <= MAX_COMPATIBILITY:
        return []
    message = f"compatibility is {len(compatibility)} characters; the limit is {MAX_COMPATIBILITY}"
    fix = "keep only the environment requirements"
    return [
        Finding(
            front.file,
            front.line_of("compatibility"),
            "frontmatter/compatibility-length",
            message,
            fix,
        )
    ]
