"""Shared fixtures: a fresh temporary SQLite database per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from trainsched.store.db import make_engine
from trainsched.store.migrate import upgrade


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """URL of a new, empty SQLite database file that only this test uses."""
    return f"sqlite:///{tmp_path / 'trainsched.db'}"


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    """An engine on this test's own SQLite database, migrated to the newest schema."""
    upgrade(db_url)
    engine = make_engine(db_url)
    yield engine
    engine.dispose()
