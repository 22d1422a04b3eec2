"""Every rule the validator knows: a stable id and what it guards against (README's table)."""

from __future__ import annotations

RULES: dict[str, str] = {
    "frontmatter/missing-field": "`name` or `description` is missing",
    "frontmatter/empty-field": "`name`, `description` or `compatibility` is empty",
    "frontmatter/field-type": (
        "a field is not a string (`metadata`: not a mapping of strings to strings)"
    ),
    "frontmatter/unknown-key": (
        "a key outside the spec (name, description, license, compatibility, metadata, "
        "allowed-tools): Claude.ai and the Skills API refuse the upload"
    ),
    "frontmatter/duplicate-key": "a key appears twice (YAML loaders silently keep the last one)",
    "frontmatter/yaml-strict": (
        "YAML that `agentskills validate` (strictyaml) refuses: flow style, tags, anchors, "
        "aliases, or `---` inside the front matter"
    ),
    "frontmatter/name-format": (
        "`name` is not lowercase `a-z0-9-` or has a leading, trailing or double hyphen"
    ),
    "frontmatter/name-length": "`name` is longer than 64 characters",
    "frontmatter/name-folder-mismatch": "`name` differs from the skill folder's name",
    "frontmatter/description-length": "`description` is longer than 1,024 characters",
    "frontmatter/description-angle-brackets": (
        "`description` contains `<` or `>` (Anthropic's upload check refuses it)"
    ),
    "frontmatter/compatibility-length": "`compatibility` is longer than 500 characters",
    "links/empty": "a link with an empty target",
    "links/local-url": (
        "a `file:` or editor (`vscode-resource`) URL that exists only on the author's machine"
    ),
    "links/absolute-path": "an absolute local path (`/...`, `~/...`, `C:\\...`)",
    "links/backslash": "a backslash in a link path (use forward slashes)",
    "links/outside-skill": "a relative link that leaves the skill folder (not shipped with it)",
    "links/broken-file": "a relative link to a file or folder that does not exist",
    "links/undefined-reference": (
        "a reference-style link `[text][label]` whose label is never defined"
    ),
    "links/broken-anchor": "a `#fragment` that matches no heading (GitHub-style slug) or HTML id",
    "reach/not-linked": "a markdown file that SKILL.md does not link directly (one level deep)",
    "toc/missing": "a reference file over 100 lines without a table of contents near the top",
    "toc/incomplete": "a `##` heading that the file's table of contents does not link",
    "budget/lines": "SKILL.md has more lines than the budget",
    "budget/tokens": "SKILL.md has more tokens than the budget",
    "budget/reference-lines": (
        "a reference file has more lines than its budget (`reference-max-lines` or its own)"
    ),
    "budget/reference-tokens": (
        "a reference file has more tokens than its budget (`reference-max-tokens` or its own)"
    ),
    "budget/description": "`description` is longer than the configured character budget",
    "format/crlf": "CRLF line endings (use LF)",
}
