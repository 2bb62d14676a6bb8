"""Two API processes on one PostgreSQL store: what one process ends, the other refuses at once."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from tests.auth_support import Clock, app_client, disable, opens_desk, sign_in_as
from trainsched.server.run import add_coordinator_cli
from trainsched.settings import Settings

NAME = "蒋主任"


@pytest.fixture
def shared(pg_database: str) -> Settings:
    """Distributed-mode settings on one fresh PostgreSQL database, for two apps."""
    return Settings(database_url=pg_database, mode="distributed")


def _status(client: TestClient, token: str) -> int:
    status: int = client.get(
        "/api/v1/scenarios", headers={"Authorization": f"Bearer {token}"}
    ).status_code
    return status


def test_a_rotated_token_is_refused_by_the_other_process_on_its_next_request(
    shared: Settings,
) -> None:
    old = add_coordinator_cli(shared, NAME)
    clock = Clock()
    with app_client(shared, clock) as first, app_client(shared, clock) as second:
        # Both processes have accepted the old token (anything they kept would be warm now).
        assert _status(first, old) == 200 and _status(second, old) == 200
        # The command line, in a process of its own: nothing in this one hears of it.
        new = _cli_rotate(shared)
        assert _status(second, old) == 401
        assert _status(first, old) == 401
        assert _status(second, new) == 200


def test_a_disabled_user_is_signed_out_of_the_other_process_at_once(shared: Settings) -> None:
    token = add_coordinator_cli(shared, NAME)
    clock = Clock()
    with app_client(shared, clock) as first, app_client(shared, clock) as second:
        cookie = sign_in_as(first, NAME, token)
        assert opens_desk(second, cookie)
        disable(shared, NAME)
        assert not opens_desk(second, cookie)
        assert _status(second, token) == 401


def _cli_rotate(settings: Settings) -> str:
    env = {
        **os.environ,
        "TRAINSCHED_DATABASE_URL": settings.database_url,
        "TRAINSCHED_MODE": settings.mode,
    }
    done = subprocess.run(
        [sys.executable, "-m", "trainsched", "users", "rotate", NAME],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]
