"""Web sign-in opens a server-side session: ended by logout, disable, rotate and timeouts."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from tests.auth_support import (
    START,
    Clock,
    app_client,
    disable,
    opens_desk,
    rotate,
    sign_in_as,
)
from tests.web_coordinator import csrf_of
from trainsched.server.run import add_coordinator_cli, user_store
from trainsched.services import credentials
from trainsched.settings import Settings
from trainsched.web.render import SESSION_COOKIE

NAME = "王科长"


@pytest.fixture
def token(api_settings: Settings) -> str:
    return add_coordinator_cli(api_settings, NAME)


def test_logout_ends_the_session_and_a_replayed_cookie_opens_nothing(
    api_settings: Settings, token: str
) -> None:
    with app_client(api_settings, Clock()) as client:
        cookie = sign_in_as(client, NAME, token)
        assert opens_desk(client)
        assert client.post("/logout", follow_redirects=False).status_code == 303
        assert not opens_desk(client, cookie)


def test_disabling_the_user_ends_their_session_at_once(api_settings: Settings, token: str) -> None:
    with app_client(api_settings, Clock()) as client:
        sign_in_as(client, NAME, token)
        assert opens_desk(client)
        disable(api_settings, NAME)
        assert not opens_desk(client)
        # The browser is told to forget the dead session's cookie.
        assert SESSION_COOKIE not in client.cookies


def test_rotating_the_token_ends_sessions_opened_with_the_old_one(
    api_settings: Settings, token: str
) -> None:
    with app_client(api_settings, Clock()) as client:
        sign_in_as(client, NAME, token)
        rotate(api_settings, NAME, START)
        assert not opens_desk(client)


def test_the_cookie_is_no_api_token(api_settings: Settings, token: str) -> None:
    with app_client(api_settings, Clock()) as client:
        cookie = sign_in_as(client, NAME, token)
        assert cookie != token and token not in cookie
        client.cookies.clear()
        as_bearer = client.get("/api/v1/scenarios", headers={"Authorization": f"Bearer {cookie}"})
        assert as_bearer.status_code == 401
        assert (
            client.get(
                "/api/v1/scenarios", headers={"Authorization": f"Bearer {token}"}
            ).status_code
            == 200
        )


def test_each_sign_in_gets_its_own_session_and_form_value(
    api_settings: Settings, token: str
) -> None:
    with app_client(api_settings, Clock()) as client:
        first = sign_in_as(client, NAME, token)
        first_csrf = _csrf(client)
        second = sign_in_as(client, NAME, token)
        assert second != first and _csrf(client) != first_csrf
        # Signing in again ends the browser's earlier session.
        assert not opens_desk(client, first)


def _csrf(client: TestClient) -> str:
    return csrf_of(client.get("/coordinator").text)


def test_session_cookie_is_httponly_lax_and_site_wide_but_not_secure_on_plain_http(
    api_settings: Settings, token: str
) -> None:
    with app_client(api_settings, Clock()) as client:
        answer = client.post("/login", data={"name": NAME, "token": token}, follow_redirects=False)
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie
    assert f"Max-Age={api_settings.session_absolute_timeout_s}" in cookie


@pytest.mark.parametrize(
    "changes",
    [{"public_base_url": "https://plan.example.gov.cn"}, {"environment": "production"}],
    ids=["https-public-base", "production"],
)
def test_session_cookie_is_secure_behind_https_and_in_production(
    api_settings: Settings, token: str, changes: dict[str, str]
) -> None:
    if changes.get("environment") == "production":
        changes = {**changes, "secret_key": "a-private-production-secret-of-32-bytes"}
    with app_client(api_settings, Clock(), **changes) as client:
        answer = client.post("/login", data={"name": NAME, "token": token}, follow_redirects=False)
    assert "Secure" in answer.headers["set-cookie"]


def test_a_session_left_idle_past_the_idle_timeout_ends(api_settings: Settings, token: str) -> None:
    clock = Clock()
    with app_client(api_settings, clock, session_idle_timeout_s=1800) as client:
        sign_in_as(client, NAME, token)
        # Used every 25 minutes, it lives past the idle timeout...
        for _ in range(3):
            clock.advance(minutes=25)
            assert opens_desk(client)
        # ...left alone for 30 minutes, it does not.
        clock.advance(minutes=30)
        assert not opens_desk(client)


def test_a_session_ends_at_the_absolute_timeout_however_busy(
    api_settings: Settings, token: str
) -> None:
    clock = Clock()
    with app_client(
        api_settings, clock, session_idle_timeout_s=1800, session_absolute_timeout_s=3600
    ) as client:
        sign_in_as(client, NAME, token)
        clock.advance(minutes=20)
        assert opens_desk(client)
        clock.advance(minutes=20)
        assert opens_desk(client)
        clock.advance(minutes=20)
        assert not opens_desk(client)


def test_a_session_ends_when_the_token_expires(api_settings: Settings) -> None:
    # The token works through 2040-06-30 in Shanghai: until 16:00 UTC that day.
    with user_store(api_settings) as session:
        token = credentials.add_user(session, NAME, expires_on=dt.date(2040, 6, 30), now=START)
    clock = Clock(dt.datetime(2040, 6, 30, 15, 50, tzinfo=dt.UTC))
    with app_client(api_settings, clock) as client:
        sign_in_as(client, NAME, token)
        clock.advance(minutes=10)
        assert not opens_desk(client)
        refused = client.post("/login", data={"name": NAME, "token": token})
        assert refused.status_code == 401


def test_signing_in_with_a_right_token_under_another_name_is_refused(
    api_settings: Settings, token: str
) -> None:
    add_coordinator_cli(api_settings, "李主任")
    with app_client(api_settings, Clock()) as client:
        refused = client.post("/login", data={"name": "李主任", "token": token})
    assert refused.status_code == 401
    assert SESSION_COOKIE not in refused.cookies


def test_production_refuses_sessions_longer_than_a_working_day() -> None:
    from trainsched.settings import InsecureSettingsError

    with pytest.raises(InsecureSettingsError, match="SESSION_ABSOLUTE_TIMEOUT_S"):
        Settings(
            environment="production",
            secret_key="a-private-production-secret-of-32-bytes",
            session_absolute_timeout_s=7 * 24 * 3600,
        )
    with pytest.raises(ValueError, match="must not exceed"):
        Settings(session_idle_timeout_s=7200, session_absolute_timeout_s=3600)


@pytest.mark.parametrize("path", ["/login", "/logout"])
def test_sign_in_and_out_posted_from_another_site_are_refused(
    api_settings: Settings, token: str, path: str
) -> None:
    form = {"name": NAME, "token": token}
    with app_client(api_settings, Clock()) as client:
        cookie = sign_in_as(client, NAME, token)
        forged = client.post(
            path, data=form, headers={"Origin": "https://evil.example"}, follow_redirects=False
        )
        assert forged.status_code == 403
        assert client.cookies.get(SESSION_COOKIE) == cookie and opens_desk(client)
        # Behind a proxy that ends TLS or drops the port, the scheme and port may differ.
        same_site = {"Origin": "https://testserver:8443"}
        assert (
            client.post(path, data=form, headers=same_site, follow_redirects=False).status_code
            == 303
        )
