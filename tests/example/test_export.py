"""`skillkit example export DIR`: the reference service as a starter that starts in one command."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from skillkit.cli import main
from skillkit.example.export import ExportError, export_service
from skillkit.snippets.extract import read_document

ROOT = Path(__file__).resolve().parents[2]


def _markdown(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "guide.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_export_writes_every_file_block_and_the_starter_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / "convo"

    assert main(["example", "export", str(target)]) == 0

    assert "start it: cd" in capsys.readouterr().out
    for path in ("pyproject.toml", "alembic.ini", "src/convo/__main__.py", "tests/conftest.py"):
        assert (target / path).is_file(), path
    assert "uv run --env-file .env python -m convo" in (target / "README.md").read_text()
    secret = (target / ".env").read_text().strip().removeprefix("CONVO_TOKEN_SECRET=")
    assert len(secret) >= 32
    assert (target / ".env").stat().st_mode & 0o777 == 0o600
    assert ".env" in (target / ".gitignore").read_text().splitlines()


def test_each_export_gets_its_own_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["example", "export", str(tmp_path / "a")]) == 0
    assert main(["example", "export", str(tmp_path / "b")]) == 0
    assert (tmp_path / "a" / ".env").read_text() != (tmp_path / "b" / ".env").read_text()


def test_a_folder_with_files_is_refused_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    (tmp_path / "mine.txt").write_text("keep me")

    assert main(["example", "export", str(tmp_path)]) == 2
    assert "folder is not empty" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mine.txt"]

    assert main(["example", "export", str(tmp_path), "--force"]) == 0
    assert (tmp_path / "mine.txt").read_text() == "keep me"
    assert (tmp_path / "pyproject.toml").is_file()


def test_a_file_as_target_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / "file"
    target.write_text("x")
    assert main(["example", "export", str(target)]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_two_blocks_claiming_one_path_stop_the_export_before_anything_is_written(
    tmp_path: Path,
) -> None:
    source = _markdown(
        tmp_path,
        '```python title="src/app.py"\nA = 1\n```\n\n```python title="src/app.py"\nA = 2\n```\n',
    )
    target = tmp_path / "out"
    with pytest.raises(ExportError, match=r"guide.md:5: title 'src/app.py' is already claimed"):
        export_service([read_document(source, "guide.md")], target, force=False)
    assert not target.exists()


def test_markdown_without_file_blocks_has_nothing_to_export(tmp_path: Path) -> None:
    source = _markdown(tmp_path, "```python\nprint(1)\n```\n")
    with pytest.raises(ExportError, match="nothing to export"):
        export_service([read_document(source, "guide.md")], tmp_path / "out", force=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def served(tmp_path: Path, uv: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The exported service started with the README's one command, on a free local port."""
    monkeypatch.chdir(ROOT)
    target = tmp_path / "convo"
    assert main(["example", "export", str(target)]) == 0
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_PROJECT"))}
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [uv, "run", "--env-file", ".env", "python", "-m", "convo", "--port", str(port)],
        cwd=target,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300  # the first run installs the dependencies
        while True:
            if server.poll() is not None:
                pytest.fail(f"the service exited: {(tmp_path / 'server.log').read_text()}")
            try:
                httpx.get(f"{base}/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail(f"no answer in time: {(tmp_path / 'server.log').read_text()}")
                time.sleep(0.5)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


@pytest.mark.slow
def test_the_exported_service_starts_with_one_command_and_answers_over_http(
    served: str, uv: str, tmp_path: Path
) -> None:
    target = tmp_path / "convo"
    assert httpx.get(f"{served}/openapi.json").status_code == 200
    anonymous = httpx.get(f"{served}/conversations")
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"] == "Bearer"

    token = subprocess.run(
        [
            uv,
            "run",
            "--env-file",
            ".env",
            "python",
            "-c",
            "import os\nfrom pydantic import SecretStr\n"
            "from convo.infrastructure.api.auth import issue_token\n"
            'print(issue_token("alice", SecretStr(os.environ["CONVO_TOKEN_SECRET"])))',
        ],
        cwd=target,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    headers = {"Authorization": f"Bearer {token}"}
    created = httpx.post(f"{served}/conversations", json={"title": "Plan"}, headers=headers)
    assert created.status_code == 201, created.text
    listed = httpx.get(f"{served}/conversations", headers=headers)
    assert [item["title"] for item in listed.json()["items"]] == ["Plan"]
    assert (target / "convo.db").is_file()
