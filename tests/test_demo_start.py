"""What `make demo` tells a new user: the pages to open, and how to get a lost token back."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import pytest

from trainsched.server.demo import DemoState, log_urls

ROOT = Path(__file__).resolve().parents[1]


def _lines(caplog: pytest.LogCaptureFixture, token: str | None) -> list[str]:
    tokens = (("viewer", "demo-viewer", token),) if token else ()
    with caplog.at_level(logging.INFO, logger="trainsched.server.demo"):
        log_urls(DemoState("S1", "P1", tokens), "http://127.0.0.1:8123")
    return [r.getMessage() for r in caplog.records]


def test_demo_names_home_and_sign_in_first(caplog: pytest.LogCaptureFixture) -> None:
    lines = _lines(caplog, "tok-123")
    assert "http://127.0.0.1:8123/" in lines[0]
    assert lines[1].endswith("http://127.0.0.1:8123/login")
    assert any("tok-123" in line for line in lines)
    # The API document comes last: it is blank offline and not where a new user starts.
    assert lines[-1].endswith("/docs")


def test_demo_says_how_to_get_a_new_token(caplog: pytest.LogCaptureFixture) -> None:
    lines = _lines(caplog, None)
    assert any("trainsched users add NAME" in line for line in lines)
    assert not any("shown this once" in line for line in lines)


def test_makefile_demo_takes_a_port() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "serve --demo --port $(PORT)" in makefile


@pytest.mark.parametrize("name", ["trainsched.db", "trainsched.db-wal", "trainsched.db-shm"])
def test_sqlite_files_are_ignored(name: str) -> None:
    done = subprocess.run(
        ["git", "check-ignore", "-q", name], cwd=ROOT, check=False, capture_output=True
    )
    assert done.returncode == 0, f"{name} is not covered by .gitignore"


@pytest.mark.parametrize("doc", ["README.md", "docs/deploy.md"])
def test_every_setting_is_documented(doc: str) -> None:
    from trainsched.settings import Settings

    text = (ROOT / doc).read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"`{name.upper()}`" not in text]
    assert missing == [], f"{doc} does not list {missing}"
