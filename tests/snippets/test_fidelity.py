"""A snippet behaves as under ``python file.py``, whatever else the batch preloaded."""

from __future__ import annotations

from pathlib import Path

from .conftest import check

USES_FASTAPI = """\
```python
from fastapi import FastAPI

app = FastAPI()
print(app.title)
#> FastAPI
```
"""
RUNS_PYTEST = """\
```python
import contextlib
import io
from pathlib import Path

import pytest

Path("test_one.py").write_text("def test_one() -> None:\\n    assert True\\n")
with contextlib.redirect_stdout(io.StringIO()) as output:
    code = pytest.main(["-q", "-p", "no:cacheprovider", "test_one.py"])
print(code, output.getvalue().splitlines()[-1].split(" in ")[0])
#> 0 1 passed
```
"""


def test_pytest_in_a_snippet_sees_no_preloaded_plugins(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text(f"# Doc\n\n{USES_FASTAPI}\n{RUNS_PYTEST}", encoding="utf-8")
    report = check([path])
    assert [str(finding) for finding in report.findings] == []
    assert [verdict.checks[-1] for verdict in report.verdicts] == ["output", "output"]
