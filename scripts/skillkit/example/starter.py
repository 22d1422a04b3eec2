"""The files an export adds beside the service's own: a README, a `.env` and a `.gitignore`."""

from __future__ import annotations

import secrets

README = """\
# convo: a FastAPI service in Clean Architecture

This project was exported from the reference service of the backend-python-dev-guidelines skill
(`resources/complete-examples.md`), where every file is explained. Users own conversations,
conversations hold messages, and tasks move through a status workflow.

## Start it

You need Python 3.11+ and [uv](https://docs.astral.sh/uv/). One command installs the
dependencies, creates the SQLite database, applies the migrations and serves the API on
http://127.0.0.1:8000 (interactive docs at http://127.0.0.1:8000/docs):

```bash
uv run --env-file .env python -m convo
```

`.env` holds `CONVO_TOKEN_SECRET`, a random secret made for this copy: keep it out of version
control (`.gitignore` already does). The first `uv run` also writes `uv.lock`: commit it, since
the CI workflow in `.github/workflows/ci.yml` installs with `uv sync --locked`.

Every `CONVO_*` setting is described in `src/convo/infrastructure/settings.py`; for PostgreSQL
set `CONVO_DATABASE_URL=postgresql+asyncpg://user:password@host:5432/convo`.

## Call it

```bash
TOKEN="$(uv run --env-file .env python -c '
import os
from pydantic import SecretStr
from convo.infrastructure.api.auth import issue_token
print(issue_token("alice", SecretStr(os.environ["CONVO_TOKEN_SECRET"])))
')"
curl -s -X POST http://127.0.0.1:8000/conversations \\
  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -d '{"title": "Plan"}'
```

## Check it

```bash
uv run ruff check . && uv run mypy && uv run lint-imports && uv run pytest
```

Set `TEST_POSTGRES_URL=postgresql+asyncpg://USER:PASSWORD@127.0.0.1:5432/postgres` to run the
integration tests on PostgreSQL as well as SQLite.
"""

GITIGNORE = """\
.env
.venv/
__pycache__/
*.db
.mypy_cache/
.pytest_cache/
.ruff_cache/
"""


def dotenv() -> str:
    """A `.env` with a fresh secret: the service refuses placeholders and short secrets."""
    return f"CONVO_TOKEN_SECRET={secrets.token_urlsafe(48)}\n"


def starter_files() -> dict[str, str]:
    """Path -> text of the files an export writes in addition to the service's file blocks."""
    return {"README.md": README, ".env": dotenv(), ".gitignore": GITIGNORE}
