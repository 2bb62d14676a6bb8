"""Helpers for the sign-in tests: a clock the test moves, an app with chosen settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient

from trainsched.httpdeps import get_now
from trainsched.server import create_app
from trainsched.server.run import user_store
from trainsched.services import credentials
from trainsched.settings import Settings
from trainsched.web.render import SESSION_COOKIE

START = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)


class Clock:
    """The app's clock (``get_now``), moved by the test instead of sleeping."""

    def __init__(self, now: dt.datetime = START) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward by ``timedelta(**delta)``."""
        self.now += dt.timedelta(**delta)


@contextmanager
def app_client(
    settings: Settings, clock: Clock, address: str = "testclient", **changes: Any
) -> Iterator[TestClient]:
    """A client of a fresh app on ``settings`` (with ``changes``), reading time from ``clock``."""
    app = create_app(settings.model_copy(update=changes))
    app.dependency_overrides[get_now] = clock
    with TestClient(app, raise_server_exceptions=False, client=(address, 50000)) as client:
        yield client


def sign_in_as(client: TestClient, name: str, token: str) -> str:
    """Sign in through the form; the session cookie's value."""
    answer = client.post("/login", data={"name": name, "token": token}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    value = client.cookies.get(SESSION_COOKIE)
    assert isinstance(value, str) and value
    return value


def opens_desk(client: TestClient, cookie: str | None = None) -> bool:
    """Whether the coordinator's desk opens (with ``cookie`` as the session, if given)."""
    if cookie is not None:
        client.cookies.set(SESSION_COOKIE, cookie)
    answer = client.get("/coordinator", follow_redirects=False)
    status: int = answer.status_code
    assert status in (200, 303), status
    return status == 200


def disable(settings: Settings, name: str) -> None:
    """``trainsched users disable NAME``, on the test's store."""
    with user_store(settings) as session:
        credentials.disable_user(session, name)


def rotate(settings: Settings, name: str, now: dt.datetime) -> str:
    """``trainsched users rotate NAME``, on the test's store; the new token."""
    with user_store(settings) as session:
        return credentials.rotate_token(session, name, now=now)
