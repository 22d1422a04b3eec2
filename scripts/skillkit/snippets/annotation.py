"""Parse ``<!-- check: KIND key="value" ... -->`` annotations (grammar: CONTRIBUTING.md)."""

from __future__ import annotations

import re

from skillkit.snippets.model import Annotation

ANNOTATION_START = re.compile(r"^<!--\s*check:")
_WHOLE = re.compile(r"^<!--\s*check:\s*(?P<body>.*?)\s*-->\s*$", re.DOTALL)
_KIND = re.compile(r"(?P<kind>[A-Za-z_-]+)")
_PAIR = re.compile(r'\s+(?P<key>[A-Za-z_-]+)="(?P<value>(?:[^"\\]|\\.)*)"')

# kind -> the keys it accepts
KEYS: dict[str, frozenset[str]] = {
    "run": frozenset({"timeout"}),
    "file": frozenset(),
    "excerpt": frozenset(),
    "bad": frozenset({"raises", "match", "ruff", "mypy", "imports", "timeout"}),
    "text": frozenset(),
    "skip": frozenset({"reason"}),
}
BAD_EXPECTATIONS = ("raises", "ruff", "mypy", "imports")


class AnnotationError(ValueError):
    """The comment looks like an annotation but breaks the grammar; the message says the fix."""


def is_annotation(html: str) -> bool:
    return bool(ANNOTATION_START.match(html.strip()))


def parse_annotation(html: str, line: int) -> Annotation:
    """Parse one annotation comment found at 1-based ``line``; raise AnnotationError if invalid."""
    text = html.strip()
    whole = _WHOLE.match(text)
    if whole is None or "\n" in text:
        raise AnnotationError(
            'an annotation is one line `<!-- check: KIND key="value" -->`; join it onto one line'
        )
    body = whole.group("body")
    kind_match = _KIND.match(body)
    if kind_match is None:
        raise AnnotationError(f"annotation has no kind; start it with one of: {', '.join(KEYS)}")
    kind = kind_match.group("kind")
    if kind not in KEYS:
        raise AnnotationError(f"unknown annotation kind {kind!r}; use one of: {', '.join(KEYS)}")
    options: dict[str, str] = {}
    rest = body[kind_match.end() :]
    position = 0
    while position < len(rest):
        pair = _PAIR.match(rest, position)
        if pair is None:
            raise AnnotationError(
                f"cannot read {rest[position:].strip()!r} in the annotation; "
                'write key="value" pairs'
            )
        key, value = pair.group("key"), pair.group("value").replace('\\"', '"')
        if key not in KEYS[kind]:
            allowed = ", ".join(sorted(KEYS[kind])) or "none"
            raise AnnotationError(f"unknown key {key!r} for kind {kind!r}; allowed keys: {allowed}")
        if key in options:
            raise AnnotationError(f"key {key!r} is given twice; keep one")
        options[key] = value
        position = pair.end()
    _check_combination(kind, options)
    return Annotation(kind=kind, options=options, line=line)


def _check_combination(kind: str, options: dict[str, str]) -> None:
    if kind == "skip" and not options.get("reason", "").strip():
        raise AnnotationError('a skip needs a reason: `<!-- check: skip reason="why" -->`')
    if "timeout" in options:
        try:
            seconds = float(options["timeout"])
        except ValueError:
            seconds = -1.0
        if seconds <= 0:
            raise AnnotationError('timeout must be a positive number of seconds, e.g. timeout="10"')
    if kind == "bad":
        declared = [key for key in BAD_EXPECTATIONS if key in options]
        if len(declared) != 1:
            raise AnnotationError(
                "a bad example declares exactly one way it fails: "
                'raises="Exception", ruff="RULE", mypy="error-code" or imports="contract name"'
            )
        if "match" in options:
            if "raises" not in options:
                raise AnnotationError('match="regex" goes only with raises="ExceptionName"')
            try:
                re.compile(options["match"])
            except re.error as error:
                raise AnnotationError(f"match is not a valid regular expression: {error}") from None
