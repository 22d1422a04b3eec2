"""The Claude Code plugin marketplace: manifests checked against the documented schema.

The expected schemas below are written from Claude Code's documentation:
- plugin.json: https://code.claude.com/docs/en/plugins-reference#plugin-manifest-schema
  (required fields, metadata fields, component path fields, "Path behavior rules")
- marketplace.json: https://code.claude.com/docs/en/plugin-marketplaces#marketplace-schema
  (required fields, owner fields, optional fields, plugin entries, plugin sources, reserved names)
Claude Code only warns about unknown keys (`claude plugin validate --strict` fails on them); these
schemas forbid them, as the strict validation does.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from skills_ref.parser import parse_frontmatter

from skillkit.distribution.layout import SKILL_NAME

REPO_ROOT = Path(__file__).resolve().parents[2]
PLUGIN_DIR = REPO_ROOT / ".claude-plugin"
KEBAB = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SEMVER = r"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$"
RELATIVE = r"^\./"
PATHS: dict[str, Any] = {
    "oneOf": [
        {"type": "string", "pattern": RELATIVE},
        {"type": "array", "items": {"type": "string", "pattern": RELATIVE}},
    ]
}
PATHS_OR_INLINE: dict[str, Any] = {"oneOf": [*PATHS["oneOf"], {"type": "object"}]}
AUTHOR = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "email": {"type": "string"},
        "url": {"type": "string"},
    },
    "additionalProperties": False,
}
# "Metadata fields" and "Component path fields" of the plugin manifest.
PLUGIN_FIELDS: dict[str, Any] = {
    "$schema": {"type": "string"},
    "name": {"type": "string", "pattern": KEBAB},
    "displayName": {"type": "string"},
    "version": {"type": "string", "pattern": SEMVER},
    "description": {"type": "string", "minLength": 1},
    "author": AUTHOR,
    "homepage": {"type": "string"},
    "repository": {"type": "string"},
    "license": {"type": "string"},
    "keywords": {"type": "array", "items": {"type": "string"}},
    "metadata": {"type": "object"},
    "defaultEnabled": {"type": "boolean"},
    # The one path field that also accepts "." for the plugin root.
    "skills": {
        "anyOf": [
            {"type": "string", "pattern": r"^(\.|\./.*)$"},
            {"type": "array", "items": {"type": "string", "pattern": r"^(\.|\./.*)$"}},
        ]
    },
    "commands": PATHS,
    "agents": PATHS,
    "workflows": PATHS,
    "hooks": PATHS_OR_INLINE,
    "mcpServers": PATHS_OR_INLINE,
    "outputStyles": PATHS,
    "lspServers": PATHS_OR_INLINE,
    "experimental": {"type": "object"},
    "userConfig": {"type": "object"},
    "channels": {"type": "array"},
    "dependencies": {"type": "array"},
}
PLUGIN_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["name"],
    "properties": PLUGIN_FIELDS,
    "additionalProperties": False,
}
SOURCE_OBJECT = {
    "type": "object",
    "required": ["source"],
    "properties": {
        "source": {"enum": ["github", "url", "git-subdir", "npm", "archive", "command"]}
    },
}
# A plugin entry: any plugin manifest field plus the marketplace-specific ones.
ENTRY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["name", "source"],
    "properties": {
        **PLUGIN_FIELDS,
        "source": {"oneOf": [{"type": "string", "pattern": RELATIVE}, SOURCE_OBJECT]},
        "category": {"type": "string"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "strict": {"type": "boolean"},
        "relevance": {"type": "object"},
        "headers": {"type": "object"},
        "headersHelper": {"type": "string"},
    },
    "additionalProperties": False,
}
RESERVED_MARKETPLACE_NAMES = [
    "claude-code-marketplace",
    "claude-code-plugins",
    "claude-plugins-official",
    "claude-plugins-community",
    "claude-community",
    "anthropic-marketplace",
    "anthropic-plugins",
    "agent-skills",
    "anthropic-agent-skills",
    "knowledge-work-plugins",
    "life-sciences",
    "claude-for-legal",
    "claude-for-financial-services",
    "financial-services-plugins",
    "first-party-plugins",
    "healthcare",
]
MARKETPLACE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["name", "owner", "plugins"],
    "properties": {
        "$schema": {"type": "string"},
        "name": {"type": "string", "pattern": KEBAB, "not": {"enum": RESERVED_MARKETPLACE_NAMES}},
        "owner": AUTHOR,
        "plugins": {"type": "array", "minItems": 1, "items": ENTRY_SCHEMA},
        "description": {"type": "string"},
        "version": {"type": "string"},
        "metadata": {
            "type": "object",
            "properties": {
                "pluginRoot": {"type": "string"},
                "description": {"type": "string"},
                "version": {"type": "string"},
            },
            "additionalProperties": False,
        },
        "allowCrossMarketplaceDependenciesOn": {"type": "array", "items": {"type": "string"}},
        "renames": {"type": "object"},
    },
    "additionalProperties": False,
}
# Folders (and files) Claude Code scans in a plugin root by default ("File locations reference").
# None may exist here: the plugin contributes the one skill at the root and nothing else.
DEFAULT_COMPONENTS = [
    "skills",
    "commands",
    "agents",
    "workflows",
    "output-styles",
    "themes",
    "monitors",
    "hooks",
    "bin",
    "settings.json",
    ".mcp.json",
    ".lsp.json",
]


def _load(name: str) -> dict[str, Any]:
    data = json.loads((PLUGIN_DIR / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _errors(schema: dict[str, Any], data: dict[str, Any]) -> list[str]:
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(data)
    ]


def _project_version() -> str:
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version = pyproject["project"]["version"]
    assert isinstance(version, str)
    return version


def test_plugin_manifest_matches_the_documented_schema() -> None:
    assert _errors(PLUGIN_SCHEMA, _load("plugin.json")) == []


def test_marketplace_matches_the_documented_schema() -> None:
    assert _errors(MARKETPLACE_SCHEMA, _load("marketplace.json")) == []


def test_the_schemas_accept_documented_examples() -> None:
    for skills in (".", "./", ["./skills/a", "./extra/"]):
        assert _errors(PLUGIN_SCHEMA, {"name": "x", "skills": skills}) == []
    entry = {"name": "p", "source": {"source": "github", "repo": "o/r"}, "category": "tools"}
    assert (
        _errors(MARKETPLACE_SCHEMA, {"name": "x", "owner": {"name": "o"}, "plugins": [entry]}) == []
    )


@pytest.mark.parametrize(
    ("schema", "bad"),
    [
        (PLUGIN_SCHEMA, {"name": "Not Kebab"}),
        (PLUGIN_SCHEMA, {"name": "x", "keywords": "python"}),
        (PLUGIN_SCHEMA, {"name": "x", "skils": ["./"]}),
        (PLUGIN_SCHEMA, {"name": "x", "commands": "/abs/path"}),
        (PLUGIN_SCHEMA, {"name": "x", "skills": "skills"}),
        (MARKETPLACE_SCHEMA, {"name": "x", "owner": {"name": "o"}, "plugins": []}),
        (MARKETPLACE_SCHEMA, {"name": "agent-skills", "owner": {"name": "o"}, "plugins": []}),
        (
            MARKETPLACE_SCHEMA,
            {"name": "x", "owner": "o", "plugins": [{"name": "p", "source": "./"}]},
        ),
        (
            MARKETPLACE_SCHEMA,
            {"name": "x", "owner": {"name": "o"}, "plugins": [{"name": "p", "source": "../p"}]},
        ),
    ],
)
def test_the_schemas_reject_documented_mistakes(
    schema: dict[str, Any], bad: dict[str, Any]
) -> None:
    assert _errors(schema, bad) != []


def test_plugin_version_is_the_project_version() -> None:
    version = _project_version()
    assert _load("plugin.json")["version"] == version
    for entry in _load("marketplace.json")["plugins"]:
        # plugin.json wins over an entry's version; a second, different one would only mislead.
        assert entry.get("version", version) == version


def test_changelog_has_an_entry_for_the_current_version() -> None:
    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    version = re.escape(_project_version())
    assert re.search(rf"^## \[{version}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.MULTILINE)


def test_the_marketplace_lists_this_repository_as_the_skill_plugin() -> None:
    marketplace = _load("marketplace.json")
    plugin = _load("plugin.json")
    [entry] = marketplace["plugins"]
    assert entry["name"] == plugin["name"] == SKILL_NAME
    # Relative sources resolve against the marketplace root, the folder holding .claude-plugin/.
    plugin_root = (REPO_ROOT / entry["source"]).resolve()
    assert plugin_root == REPO_ROOT
    assert (plugin_root / ".claude-plugin" / "plugin.json").is_file()


def test_the_plugin_uses_the_single_skill_layout() -> None:
    """A SKILL.md at the plugin root with no skills/ folder and no `skills` field loads as the
    plugin's one skill, named by its front matter: no copy of the markdown is needed."""
    plugin = _load("plugin.json")
    [entry] = _load("marketplace.json")["plugins"]
    assert "skills" not in plugin
    assert "skills" not in entry
    assert entry.get("strict", True) is True
    present = [name for name in DEFAULT_COMPONENTS if (REPO_ROOT / name).exists()]
    assert present == []


def test_the_root_skill_is_named_like_the_plugin() -> None:
    skill_md = REPO_ROOT / "SKILL.md"
    if not skill_md.is_file():
        pytest.skip(
            "no SKILL.md at the repository root, so there is no bundle to install or package"
        )
    front_matter, _body = parse_frontmatter(skill_md.read_text(encoding="utf-8"))
    assert front_matter["name"] == _load("plugin.json")["name"]
