"""Shared fixtures: a fresh temporary SQLite database per test."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from trainsched.store.db import make_engine
from trainsched.store.migrate import upgrade

# TRAINSCHED_TEST_MODE=distributed runs the API tests on a fresh PostgreSQL database each,
# with a solve worker in the test process (tests/distributed_support.py).
DISTRIBUTED = os.environ.get("TRAINSCHED_TEST_MODE") == "distributed"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In distributed mode, run only the tests whose outcome depends on the mode.

    The mode reaches a test only through the ``api_settings`` fixture; every other test would
    run exactly as in the first (embedded) pass, so running it again only costs CI time.
    """
    if not DISTRIBUTED:
        return
    kept = [item for item in items if "api_settings" in getattr(item, "fixturenames", ())]
    dropped = [item for item in items if item not in kept]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture
def db_url(tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """URL of a new, empty SQLite database file that only this test uses."""
    if DISTRIBUTED and {"api", "api_settings"} & set(request.fixturenames):
        # The app's own database, so tests that read or seed the store see what it sees.
        url: str = request.getfixturevalue("pg_database")
        return url
    return f"sqlite:///{tmp_path / 'trainsched.db'}"


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    """An engine on this test's own SQLite database, migrated to the newest schema."""
    upgrade(db_url)
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


# --- HTTP API fixtures -----------------------------------------------------------------

from fastapi.testclient import TestClient  # noqa: E402

from trainsched.httpdeps import get_now  # noqa: E402
from trainsched.server import create_app  # noqa: E402
from trainsched.server.run import add_coordinator_cli  # noqa: E402
from trainsched.settings import Settings  # noqa: E402


@pytest.fixture
def api_settings(db_url: str) -> Settings:
    """API settings on this test's own database (SQLite file by default), with short solves."""
    distributed = {"mode": "distributed", "split_min_cohorts": 2} if DISTRIBUTED else {}
    return Settings(
        **{
            "database_url": db_url,
            "default_time_limit_s": 2.0,
            "max_time_limit_s": 5.0,
            "cpsat_workers": 2,
            **distributed,
        }
    )


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test (distributed mode), dropped afterwards."""
    from tests.distributed_support import fresh_database

    yield from fresh_database()


# Test scenarios run in 2027: pages that hide ended classes see them all before then.
TEST_NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


@pytest.fixture
def api(api_settings: Settings) -> Iterator[TestClient]:
    """A client speaking HTTP to a fresh app (lifespan run: migrated, job runner started)."""
    app = create_app(api_settings)
    app.dependency_overrides[get_now] = lambda: TEST_NOW
    with TestClient(app, raise_server_exceptions=False) as client:
        if api_settings.mode != "distributed":
            yield client
            return
        from tests.distributed_support import ThreadWorker

        worker = ThreadWorker(api_settings)
        try:
            yield client
        finally:
            worker.stop()


@pytest.fixture
def coordinator_token(api: TestClient, api_settings: Settings) -> str:
    """The raw bearer token of a coordinator created the way `trainsched users add` does."""
    return add_coordinator_cli(api_settings, "测试协调员")


@pytest.fixture
def auth(coordinator_token: str) -> dict[str, str]:
    """Headers that authenticate as the test coordinator."""
    return {"Authorization": f"Bearer {coordinator_token}"}
