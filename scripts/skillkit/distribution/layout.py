"""What the skill is made of at run time: the single place that decides what ships.

Install and package both read this module, so the installed folder and the upload zip can never
disagree about their contents.
"""

from __future__ import annotations

SKILL_NAME = "backend-python-dev-guidelines"

# Paths under the skill root that Claude needs while it uses the skill. SKILL.md routes to the
# guides in resources/. The guides ask the assistant to run no bundled script today; when one does,
# add its path here (for example "scripts/check_layers.py") and install and package carry it.
RUNTIME_PATHS: tuple[str, ...] = ("SKILL.md", "resources")

# The one path a skill root must have.
ENTRY_FILE = "SKILL.md"
