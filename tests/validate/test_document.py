"""Links are found by markdown-it-py and placed on their source line, wherever they are."""

from __future__ import annotations

from pathlib import Path

from skillkit.validate.document import parse

TEXT = """\
---
name: x
description: "[not](a-link.md)"
---

# Title

A paragraph with a `code
span` over two lines, then
[after-code](a.md) and a [reference][ref].

| what | where |
|---|---|
| one | [b](b.md) |

- [c](c.md)
  continued with ![d](d.png)

<p>
  <a href="e.md">e</a>
</p>

```markdown
[in-code](no.md)
```

[ref]: f.md
"""


def test_every_kind_of_link_on_its_line() -> None:
    document = parse(Path("SKILL.md"), TEXT)
    assert [(link.target, link.line) for link in document.links] == [
        ("a.md", 10),
        ("f.md", 10),
        ("b.md", 14),
        ("c.md", 16),
        ("d.png", 17),
        ("e.md", 20),
    ]


def test_lists_record_their_links() -> None:
    (only,) = parse(Path("SKILL.md"), TEXT).lists
    assert (only.first_line, [link.target for link in only.links]) == (16, ["c.md", "d.png"])
