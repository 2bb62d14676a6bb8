"""Offices and roles: set up from the command line; each user sees their offices' work only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from tests import factories as f
from tests.authz_world import sign_in
from trainsched.cli import app
from trainsched.server.run import add_coordinator_cli, add_office_cli
from trainsched.services import credentials
from trainsched.services import offices as services
from trainsched.services.access import Actor, actor_of
from trainsched.services.errors import Forbidden, NotFound
from trainsched.settings import Settings
from trainsched.store.db import session_scope
from trainsched.store.tables import CoordinatorRow, utcnow

runner = CliRunner()


def add_user(
    session: Session, name: str, office: str, role: str, actor: Actor | None = None
) -> str:
    return credentials.add_user(
        session, name, office_id=office, role=role, actor=actor, now=utcnow()
    )


def cli(db: str, *args: str) -> list[str]:
    """Run a command on the database at ``db``; its output lines (exit 0 asserted)."""
    result = runner.invoke(app, list(args), env={"TRAINSCHED_DATABASE_URL": db})
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_cli_sets_up_a_city_with_a_district_and_its_users(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    city = cli(db, "offices", "add", "松宁市人社局")[-1]
    district = cli(db, "offices", "add", "桃阳区人社局", "--parent", city)[-1]
    token = cli(db, "users", "add", "王规划", "--office", district, "--role", "planner")[-1]
    assert len(token) >= 40 and " " not in token
    listed = cli(db, "offices", "list")
    assert f"{district}\t桃阳区人社局\t{city}" in listed


def test_cli_refuses_an_office_without_a_role_and_an_unknown_parent(tmp_path: Path) -> None:
    env = {"TRAINSCHED_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    no_role = runner.invoke(app, ["users", "add", "张", "--office", "x"], env=env)
    assert no_role.exit_code == 2 and "--role" in no_role.output
    orphan = runner.invoke(app, ["offices", "add", "某区", "--parent", "nope"], env=env)
    assert orphan.exit_code == 2 and "nope" in orphan.output
    bad_role = runner.invoke(app, ["users", "add", "李", "--role", "boss"], env=env)
    assert bad_role.exit_code == 2 and "role" in bad_role.output


def test_each_office_lists_its_own_and_its_childrens_scenarios(
    api: TestClient, api_settings: Settings
) -> None:
    city = add_office_cli(api_settings, "市局")
    east = add_office_cli(api_settings, "东区", city)
    west = add_office_cli(api_settings, "西区", city)
    tokens = {
        office: add_coordinator_cli(api_settings, f"规划-{office}", office, "planner")
        for office in (city, east, west)
    }
    made = {}
    for office, token in tokens.items():
        res = api.post("/api/v1/scenarios", json=f.scenario_doc(), headers=bearer(token))
        assert res.status_code == 201 and res.json()["office_id"] == office  # their own office
        made[office] = res.json()["id"]

    def listed(office: str) -> set[str]:
        return {
            s["id"] for s in api.get("/api/v1/scenarios", headers=bearer(tokens[office])).json()
        }

    assert listed(city) == set(made.values())
    assert listed(east) == {made[east]}
    assert listed(west) == {made[west]}
    # A district's user gets 404 for every id of its sibling and of its city.
    for other in (made[west], made[city]):
        assert (
            api.get(f"/api/v1/scenarios/{other}", headers=bearer(tokens[east])).status_code == 404
        )


def city_with_district(settings: Settings) -> tuple[str, str, str]:
    """A city office with one district, and the token of a planner of the city."""
    city = add_office_cli(settings, "市局")
    district = add_office_cli(settings, "区局", city)
    return city, district, add_coordinator_cli(settings, "市规划", city, "planner")


def test_city_planner_creates_in_a_district_but_not_the_other_way(
    api: TestClient, api_settings: Settings
) -> None:
    city, district, city_planner = city_with_district(api_settings)
    district_planner = add_coordinator_cli(api_settings, "区规划", district, "planner")
    down = api.post(
        f"/api/v1/scenarios?office_id={district}",
        json=f.scenario_doc(),
        headers=bearer(city_planner),
    )
    assert down.status_code == 201 and down.json()["office_id"] == district
    up = api.post(
        f"/api/v1/scenarios?office_id={city}",
        json=f.scenario_doc(),
        headers=bearer(district_planner),
    )
    assert up.status_code == 404


def test_viewer_is_refused_with_403_and_a_page_saying_so(
    api: TestClient, api_settings: Settings, auth: dict[str, str]
) -> None:
    scenario_id = api.post("/api/v1/scenarios", json=f.scenario_doc(), headers=auth).json()["id"]
    viewer = add_coordinator_cli(api_settings, "查看员", None, "viewer")
    res = api.delete(f"/api/v1/scenarios/{scenario_id}", headers=bearer(viewer))
    assert res.status_code == 403
    assert "planner" in res.json()["detail"]
    cookie, csrf = sign_in(api, "查看员", viewer)
    page = api.post(
        f"/coordinator/scenarios/{scenario_id}/solve",
        data={"csrf": csrf, "time_limit_s": "1"},
        headers=cookie,
    )
    assert page.status_code == 403
    assert "需要规划员或更高的角色才能这样做。" in page.text


def test_city_admin_adds_users_in_its_districts_and_a_district_admin_not_in_the_city(
    db_engine: Engine,
) -> None:
    with session_scope(db_engine) as session:
        city = services.add_office(session, "市局").id
        district = services.add_office(session, "区局", city).id
        add_user(session, "市管理员", city, "admin")
        add_user(session, "区管理员", district, "admin")
        add_user(session, "区规划员", district, "planner")

    def actor(session: Session, name: str) -> Actor:
        user = session.exec(select(CoordinatorRow).where(CoordinatorRow.name == name)).one()
        return actor_of(session, user)

    with session_scope(db_engine) as session:
        assert add_user(session, "新区员", district, "viewer", actor(session, "市管理员"))
        with pytest.raises(NotFound):
            add_user(session, "越级", city, "viewer", actor(session, "区管理员"))
        with pytest.raises(Forbidden):
            add_user(session, "越权", district, "viewer", actor(session, "区规划员"))
        street = services.add_office(session, "街道", district, actor(session, "区管理员"))
        assert street.parent_id == district


def test_desk_upload_goes_to_the_office_chosen_on_the_form(
    api: TestClient, api_settings: Settings
) -> None:
    city, district, token = city_with_district(api_settings)
    cookie, csrf = sign_in(api, "市规划", token)
    desk = api.get("/coordinator", headers=cookie).text
    assert f'<option value="{city}">市局</option>' in desk
    assert f'<option value="{district}">区局</option>' in desk
    upload = api.post(
        "/coordinator/scenarios",
        data={"csrf": csrf, "office_id": district},
        files={"file": ("s.json", json.dumps(f.scenario_doc()).encode(), "application/json")},
        headers=cookie,
        follow_redirects=False,
    )
    assert upload.status_code == 303, upload.text
    found = api.get("/api/v1/scenarios", headers=bearer(token)).json()
    assert [s["office_id"] for s in found] == [district]
    assert "<td>区局</td>" in api.get("/coordinator", headers=cookie).text  # whose it is
