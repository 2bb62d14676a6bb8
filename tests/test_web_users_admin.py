"""The users page: an admin adds, disables and rotates the users of their offices and below;
nobody else's users exist for them, and a new token is shown exactly once."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlmodel import select

from tests.authz_world import sign_in
from trainsched.server.run import add_coordinator_cli, add_office_cli
from trainsched.settings import Settings
from trainsched.store.db import make_engine, session_scope
from trainsched.store.tables import CoordinatorRow

_TOKEN = re.compile(r'<code id="new-token">([^<]+)</code>')


def city_and_district(settings: Settings) -> tuple[str, str]:
    city = add_office_cli(settings, "市局")
    return city, add_office_cli(settings, "区局", city)


def user_id(settings: Settings, name: str) -> str:
    engine = make_engine(settings.database_url)
    try:
        with session_scope(engine) as session:
            return session.exec(select(CoordinatorRow).where(CoordinatorRow.name == name)).one().id
    finally:
        engine.dispose()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_city_admin_adds_a_district_user_whose_token_is_shown_once_and_works(
    api: TestClient, api_settings: Settings
) -> None:
    city, district = city_and_district(api_settings)
    admin = add_coordinator_cli(api_settings, "市管理员", city, "admin")
    cookie, csrf = sign_in(api, "市管理员", admin)
    added = api.post(
        "/coordinator/users",
        data={"csrf": csrf, "name": "区规划员", "office_id": district, "role": "planner"},
        headers=cookie,
    )
    assert added.status_code == 200, added.text
    assert added.headers["cache-control"] == "no-store"
    tokens = _TOKEN.findall(added.text)
    assert len(tokens) == 1
    assert api.get("/api/v1/scenarios", headers=bearer(tokens[0])).status_code == 200
    page = api.get("/coordinator/users", headers=cookie).text
    assert "区规划员" in page and "区局" in page
    assert tokens[0] not in page


def test_rotating_kills_the_old_token_and_disabling_the_new_one(
    api: TestClient, api_settings: Settings
) -> None:
    city, district = city_and_district(api_settings)
    admin = add_coordinator_cli(api_settings, "市管理员", city, "admin")
    old = add_coordinator_cli(api_settings, "区查看员", district, "viewer")
    cookie, csrf = sign_in(api, "市管理员", admin)
    target = user_id(api_settings, "区查看员")
    rotated = api.post(f"/coordinator/users/{target}/rotate", data={"csrf": csrf}, headers=cookie)
    (new,) = _TOKEN.findall(rotated.text)
    assert api.get("/api/v1/scenarios", headers=bearer(old)).status_code == 401
    assert api.get("/api/v1/scenarios", headers=bearer(new)).status_code == 200
    gone = api.post(
        f"/coordinator/users/{target}/disable",
        data={"csrf": csrf},
        headers=cookie,
        follow_redirects=False,
    )
    assert gone.status_code == 303
    assert api.get("/api/v1/scenarios", headers=bearer(new)).status_code == 401
    trail = api.get("/api/v1/audit", headers=bearer(admin)).json()
    assert {(row["kind"], row["user_name"]) for row in trail} >= {
        ("user.rotated", "市管理员"),
        ("user.disabled", "市管理员"),
    }


def test_a_district_admin_sees_no_city_user_and_a_planner_may_not_manage_users(
    api: TestClient, api_settings: Settings
) -> None:
    city, district = city_and_district(api_settings)
    add_coordinator_cli(api_settings, "市管理员", city, "admin")
    district_admin = add_coordinator_cli(api_settings, "区管理员", district, "admin")
    planner = add_coordinator_cli(api_settings, "区规划员", district, "planner")
    cookie, csrf = sign_in(api, "区管理员", district_admin)
    assert "市管理员" not in api.get("/coordinator/users", headers=cookie).text
    city_admin = user_id(api_settings, "市管理员")
    hidden = api.post(
        f"/coordinator/users/{city_admin}/rotate", data={"csrf": csrf}, headers=cookie
    )
    assert hidden.status_code == 404
    upward = api.post(
        "/coordinator/users",
        data={"csrf": csrf, "name": "越级", "office_id": city, "role": "viewer"},
        headers=cookie,
    )
    assert upward.status_code == 404
    planner_cookie, _ = sign_in(api, "区规划员", planner)
    assert api.get("/coordinator/users", headers=planner_cookie).status_code == 403
    assert "/coordinator/users" not in api.get("/coordinator", headers=planner_cookie).text
    assert "/coordinator/users" in api.get("/coordinator", headers=cookie).text
