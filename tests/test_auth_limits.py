"""Refused sign-ins and bearer tokens are limited per client address and per user name."""

from __future__ import annotations

import logging

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import select
from starlette.requests import Request

from tests.auth_support import Clock, app_client
from trainsched.httpdeps import client_address
from trainsched.server.run import add_coordinator_cli
from trainsched.services import ratelimit
from trainsched.settings import Settings
from trainsched.store.db import make_engine, session_scope
from trainsched.store.tables import AuthFailureRow

NAME = "赵主任"
PROXY = "10.0.0.2"
WINDOW_S = 600


@pytest.fixture
def token(api_settings: Settings) -> str:
    return add_coordinator_cli(api_settings, NAME)


def _limits(per_client: int = 100, per_user: int = 100) -> dict[str, int]:
    return {
        "auth_failure_window_s": WINDOW_S,
        "auth_failures_per_client": per_client,
        "auth_failures_per_user": per_user,
    }


def _login(client: TestClient, name: str, token: str, via: str | None = None) -> httpx.Response:
    headers = {"X-Forwarded-For": via} if via else {}
    answer: httpx.Response = client.post(
        "/login", data={"name": name, "token": token}, headers=headers, follow_redirects=False
    )
    return answer


def test_too_many_failed_sign_ins_from_one_address_answer_429_until_the_window_passes(
    api_settings: Settings, token: str
) -> None:
    clock = Clock()
    with app_client(api_settings, clock, "203.0.113.7", **_limits(per_client=3)) as client:
        for guess in ("甲", "乙", "丙"):
            assert _login(client, guess, "wrong").status_code == 401
        # Even the right pair is refused now: a guess that worked would tell the guesser.
        refused = _login(client, NAME, token)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == str(WINDOW_S)
        assert refused.headers["content-type"].startswith("text/html")
        assert "登录失败次数过多，请 10 分钟后再试" in refused.text
        clock.advance(seconds=WINDOW_S - 1)
        later = _login(client, NAME, token)
        assert later.status_code == 429 and later.headers["retry-after"] == "1"
        clock.advance(seconds=1)
        assert _login(client, NAME, token).status_code == 303


def test_too_many_failed_sign_ins_for_one_name_answer_429_from_any_address(
    api_settings: Settings, token: str
) -> None:
    clock = Clock()
    changes = {"trusted_proxies": ("10.0.0.0/8",), **_limits(per_user=2)}
    with app_client(api_settings, clock, PROXY, **changes) as client:
        assert _login(client, NAME, "wrong", via="198.51.100.1").status_code == 401
        assert _login(client, NAME, "wrong", via="198.51.100.2").status_code == 401
        assert _login(client, NAME, token, via="198.51.100.3").status_code == 429
        # Another user signing in from that same address is not held up.
        other = add_coordinator_cli(api_settings, "钱科员")
        assert _login(client, "钱科员", other, via="198.51.100.3").status_code == 303


def test_too_many_refused_bearer_tokens_answer_429_problem_with_retry_after(
    api_settings: Settings, token: str
) -> None:
    clock = Clock()
    with app_client(api_settings, clock, "203.0.113.8", **_limits(per_client=3)) as client:
        for n in range(3):
            bad = {"Authorization": f"Bearer guess-{n}"}
            assert client.get("/api/v1/scenarios", headers=bad).status_code == 401
        good = {"Authorization": f"Bearer {token}"}
        refused = client.get("/api/v1/scenarios", headers=good)
        assert refused.status_code == 429
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.headers["retry-after"] == str(WINDOW_S)
        assert refused.json()["type"].endswith("/too-many-requests")
        clock.advance(seconds=WINDOW_S)
        assert client.get("/api/v1/scenarios", headers=good).status_code == 200


def test_forwarded_addresses_from_an_untrusted_peer_do_not_escape_the_limit(
    api_settings: Settings, token: str
) -> None:
    with app_client(api_settings, Clock(), "203.0.113.9", **_limits(per_client=2)) as client:
        for n in range(2):
            assert _login(client, f"u{n}", "wrong", via=f"192.0.2.{n}").status_code == 401
        assert _login(client, NAME, token, via="192.0.2.99").status_code == 429


def test_the_limit_holds_across_server_processes_on_one_store(
    api_settings: Settings, token: str
) -> None:
    clock = Clock()
    limits = _limits(per_client=2)
    with app_client(api_settings, clock, "203.0.113.10", **limits) as first:
        assert _login(first, "甲", "wrong").status_code == 401
        with app_client(api_settings, clock, "203.0.113.10", **limits) as second:
            assert _login(second, "乙", "wrong").status_code == 401
        assert _login(first, NAME, token).status_code == 429


def _request(peer: str, forwarded: str) -> Request:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    return Request({"type": "http", "client": (peer, 1), "headers": headers})


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("203.0.113.5", "192.0.2.1", "203.0.113.5"),  # not a trusted proxy: header ignored
        (PROXY, "192.0.2.1", "192.0.2.1"),
        (PROXY, "6.6.6.6, 192.0.2.1", "192.0.2.1"),  # what the client wrote itself is skipped
        (PROXY, "192.0.2.1, 10.0.0.3", "192.0.2.1"),  # a chain of trusted proxies
        (PROXY, "not-an-address", PROXY),
        (PROXY, "", PROXY),
    ],
)
def test_client_address_believes_forwarded_for_only_from_trusted_proxies(
    peer: str, forwarded: str, client: str
) -> None:
    settings = Settings(trusted_proxies=("10.0.0.0/8",))
    assert client_address(_request(peer, forwarded), settings) == client


def test_refusals_are_logged_and_counted_without_secrets_or_addresses_in_clear(
    api_settings: Settings, token: str, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="trainsched.services.sessions"),
        app_client(api_settings, Clock(), "203.0.113.11") as client,
    ):
        # The token typed into the name field, and a wrong token under a real name.
        assert _login(client, token, "wrong").status_code == 401
        assert _login(client, NAME, "wrong").status_code == 401
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert token not in logged
    assert f"form sign-in for {NAME!r} from 203.0.113.11" in logged
    engine = make_engine(api_settings.database_url)
    try:
        with session_scope(engine) as session:
            keys = " ".join(session.exec(select(AuthFailureRow.key)))
    finally:
        engine.dispose()
    assert keys and token not in keys and "203.0.113" not in keys and NAME not in keys


def test_refusals_older_than_the_window_are_dropped_whoever_they_were_for(
    db_engine: Engine,
) -> None:
    settings = Settings(auth_failure_window_s=WINDOW_S)
    clock = Clock()
    ratelimit.record(db_engine, settings, [ratelimit.client_limit(settings, "192.0.2.1")], clock())
    clock.advance(seconds=WINDOW_S + 1)
    ratelimit.record(db_engine, settings, [ratelimit.client_limit(settings, "192.0.2.2")], clock())
    with session_scope(db_engine) as session:
        assert len(session.exec(select(AuthFailureRow)).all()) == 1
