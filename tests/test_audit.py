"""The audit trail: each write leaves exactly one row of its kind, a refused write none."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests import factories as f
from tests.http_helpers import plan_match, scenario_match
from trainsched.services import credentials, offices
from trainsched.settings import Settings
from trainsched.solver import SolveOptions
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.tables import DEFAULT_OFFICE_ID, utcnow

Auth = dict[str, str]


def kinds(api: TestClient, auth: Auth) -> Counter[str]:
    res = api.get("/api/v1/audit", headers=auth)
    assert res.status_code == 200, res.text
    return Counter(row["kind"] for row in res.json())


def added(api: TestClient, auth: Auth, write: Callable[[], object]) -> Counter[str]:
    """The rows a write added to the trail, by kind."""
    before = kinds(api, auth)
    write()
    return kinds(api, auth) - before


def new_scenario(api: TestClient, auth: Auth) -> str:
    res = api.post("/api/v1/scenarios", json=f.scenario_doc(), headers=auth)
    assert res.status_code == 201, res.text
    return str(res.json()["id"])


def stored_plan(engine: Engine, scenario_id: str) -> str:
    with session_scope(engine) as session:
        return repo.add_plan(session, scenario_id, f.plan()).id


def queued_job(engine: Engine, scenario_id: str) -> str:
    # A job row nobody runs: cancelling it ends it at once, whatever the mode.
    with session_scope(engine) as session:
        return repo.create_job(session, scenario_id, SolveOptions(time_limit_s=1.0)).id


def test_scenario_writes_leave_one_row_each(api: TestClient, auth: Auth) -> None:
    ids: list[str] = []
    assert added(api, auth, lambda: ids.append(new_scenario(api, auth))) == {"scenario.created": 1}
    url = f"/api/v1/scenarios/{ids[0]}"
    changed = f.scenario_doc(name="改名的场景")
    replaced = added(
        api, auth, lambda: api.put(url, json=changed, headers=scenario_match(api, ids[0], auth))
    )
    assert replaced == {"scenario.replaced": 1}
    deleted = added(api, auth, lambda: api.delete(url, headers=scenario_match(api, ids[0], auth)))
    assert deleted == {"scenario.deleted": 1}


def test_trail_names_who_where_and_the_etags(api: TestClient, auth: Auth) -> None:
    scenario_id = new_scenario(api, auth)
    headers = scenario_match(api, scenario_id, auth)
    api.put(f"/api/v1/scenarios/{scenario_id}", json=f.scenario_doc(name="新名"), headers=headers)
    newest = api.get("/api/v1/audit", headers=auth).json()[0]
    assert newest["kind"] == "scenario.replaced"
    assert (newest["etag_before"], newest["etag_after"]) == ('"s1"', '"s2"')
    assert newest["user_name"] == "测试协调员"
    assert (newest["office_id"], newest["office_name"]) == (DEFAULT_OFFICE_ID, "默认单位")
    assert newest["what"] == "修改方案"
    assert newest["at"].endswith(("Z", "+00:00"))


def test_refused_writes_leave_no_row(api: TestClient, auth: Auth) -> None:
    scenario_id = new_scenario(api, auth)
    url = f"/api/v1/scenarios/{scenario_id}"
    stale = {**auth, "If-Match": '"s0"'}
    assert added(api, auth, lambda: api.put(url, json=f.scenario_doc(), headers=stale)) == {}
    assert added(api, auth, lambda: api.delete(url, headers=auth)) == {}  # no If-Match: 428
    bad = added(api, auth, lambda: api.post("/api/v1/scenarios", json={}, headers=auth))
    assert bad == {}


def test_solve_publish_and_link_writes_leave_one_row_each(
    api: TestClient, auth: Auth, db_engine: Engine
) -> None:
    scenario_id = new_scenario(api, auth)
    plan_id = stored_plan(db_engine, scenario_id)
    job_id = queued_job(db_engine, scenario_id)
    cancelled = added(api, auth, lambda: api.post(f"/api/v1/jobs/{job_id}/cancel", headers=auth))
    assert cancelled == {"solve.cancelled": 1}
    publish = f"/api/v1/plans/{plan_id}/publish"
    published = added(api, auth, lambda: api.post(publish, headers=plan_match(api, plan_id, auth)))
    assert published == {"plan.published": 1}
    link = f"/api/v1/scenarios/{scenario_id}/feed-tokens/trainer/T01"
    assert added(api, auth, lambda: api.put(link, headers=auth)) == {"feedlink.issued": 1}
    assert added(api, auth, lambda: api.delete(link, headers=auth)) == {"feedlink.revoked": 1}
    solve = f"/api/v1/scenarios/{scenario_id}/solve"
    started = added(api, auth, lambda: api.post(solve, json={"time_limit_s": 1}, headers=auth))
    assert started == {"solve.started": 1}


def test_office_and_user_changes_are_recorded(
    api: TestClient, auth: Auth, db_engine: Engine
) -> None:
    def setup() -> None:
        with session_scope(db_engine) as session:
            district = offices.add_office(session, "默认单位下的区", DEFAULT_OFFICE_ID)
            credentials.add_user(
                session, "区规划员", office_id=district.id, role="planner", now=utcnow()
            )

    assert added(api, auth, setup) == {"office.added": 1, "user.added": 1}


def test_disabling_and_rotating_a_user_are_recorded(
    api: TestClient, auth: Auth, db_engine: Engine
) -> None:
    with session_scope(db_engine) as session:
        credentials.add_user(session, "王规划", role="planner", now=utcnow())

    def rotate_then_disable() -> None:
        with session_scope(db_engine) as session:
            credentials.rotate_token(session, "王规划", now=utcnow())
            credentials.disable_user(session, "王规划")

    assert added(api, auth, rotate_then_disable) == {"user.rotated": 1, "user.disabled": 1}


def test_a_refused_sign_in_of_a_known_user_is_recorded_and_an_unknown_name_is_not(
    api: TestClient, auth: Auth, db_engine: Engine
) -> None:
    with session_scope(db_engine) as session:
        credentials.add_user(session, "赵发布", now=utcnow())

    def refused(name: str) -> None:
        res = api.post("/login", data={"name": name, "token": "wrong"}, follow_redirects=False)
        assert res.status_code in (401, 200), res.text
        api.cookies.clear()

    assert added(api, auth, lambda: refused("赵发布")) == {"signin.failed": 1}
    assert added(api, auth, lambda: refused("无此人")) == Counter()


def test_csv_export_defuses_formulas(api: TestClient, auth: Auth, db_engine: Engine) -> None:
    with session_scope(db_engine) as session:
        offices.add_office(session, '=HYPERLINK("http://evil")', DEFAULT_OFFICE_ID)
    res = api.get("/api/v1/audit?format=csv", headers=auth)
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(res.text)))
    assert rows[0][:4] == ["时间 (UTC)", "用户", "单位", "操作"]
    assert [r[2] for r in rows[1:] if "HYPERLINK" in r[2]] == ['\'=HYPERLINK("http://evil")']
    by_accept = api.get("/api/v1/audit", headers={**auth, "Accept": "text/csv"})
    assert by_accept.text == res.text


def test_since_without_timezone_names_the_field(api: TestClient, auth: Auth) -> None:
    res = api.get("/api/v1/audit?since=2026-12-01T00:00:00", headers=auth)
    assert res.status_code == 422
    assert [e["path"] for e in res.json()["errors"]] == ["since"]
    later = api.get("/api/v1/audit?since=2099-01-01T00:00:00Z", headers=auth)
    assert later.status_code == 200 and later.json() == []


def test_viewer_may_not_read_the_trail(api: TestClient, api_settings: Settings) -> None:
    from trainsched.server.run import add_coordinator_cli

    token = add_coordinator_cli(api_settings, "只读员", DEFAULT_OFFICE_ID, "viewer")
    res = api.get("/api/v1/audit", headers={"Authorization": f"Bearer {token}"})
    assert res.status_code == 403
    assert res.headers["content-type"].startswith("application/problem+json")


def test_replan_records_the_new_plan_and_the_changed_scenario(
    api: TestClient, auth: Auth, db_engine: Engine
) -> None:
    scenario_id = new_scenario(api, auth)
    plan_id = stored_plan(db_engine, scenario_id)
    body = {"changes": [{"kind": "cohort_withdrawn", "cohort_id": "C01"}], "time_limit_s": 1}
    url = f"/api/v1/plans/{plan_id}/replan"
    rows = added(
        api, auth, lambda: api.post(url, json=body, headers=scenario_match(api, scenario_id, auth))
    )
    assert rows == {"scenario.replaced": 1, "plan.replanned": 1}


def test_command_line_changes_name_the_command_line_in_the_readers_language(
    api: TestClient, auth: Auth, db_engine: Engine
) -> None:
    with session_scope(db_engine) as session:
        offices.add_office(session, "新区", DEFAULT_OFFICE_ID)
    zh = api.get("/api/v1/audit", headers=auth).json()[0]
    en = api.get("/api/v1/audit", headers={**auth, "Accept-Language": "en"}).json()[0]
    assert (zh["user_name"], zh["what"]) == ("命令行", "新建单位")
    assert (en["user_name"], en["what"]) == ("command line", "office added")


def test_a_write_failing_after_its_row_was_written_leaves_neither(
    api: TestClient, auth: Auth, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario_id = new_scenario(api, auth)

    def lost(*_: object) -> None:
        raise RuntimeError("the queue went away")

    # The row is added before the run is queued; the failure rolls both back.
    monkeypatch.setattr(api.app.state.runner, "enqueue", lost)  # type: ignore[attr-defined]
    url = f"/api/v1/scenarios/{scenario_id}/solve"
    rows = added(api, auth, lambda: api.post(url, json={"time_limit_s": 1}, headers=auth))
    assert rows == {}
    assert api.get(f"/api/v1/scenarios/{scenario_id}/jobs", headers=auth).json() == []
