"""Pages offer only the forms their user's role may send, and say which role the rest need."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests import factories as f
from tests.authz_world import sign_in
from tests.web_coordinator import TEST_COORDINATOR
from trainsched.server.run import add_coordinator_cli
from trainsched.settings import Settings
from trainsched.solver import SolveOptions
from trainsched.store import repo
from trainsched.store.db import make_engine, session_scope


def scenario_with_plan(
    api: TestClient, auth: dict[str, str], settings: Settings
) -> tuple[str, str]:
    scenario_id = api.post("/api/v1/scenarios", json=f.scenario_doc(), headers=auth).json()["id"]
    engine = make_engine(settings.database_url)
    try:
        with session_scope(engine) as session:
            plan_id = repo.add_plan(session, scenario_id, f.plan()).id
    finally:
        engine.dispose()
    return scenario_id, plan_id


def test_a_viewer_is_offered_neither_publish_nor_solve_and_told_the_role_it_takes(
    api: TestClient, auth: dict[str, str], api_settings: Settings
) -> None:
    scenario_id, plan_id = scenario_with_plan(api, auth, api_settings)
    viewer = add_coordinator_cli(api_settings, "查看员", None, "viewer")
    cookie, _ = sign_in(api, "查看员", viewer)
    plan_page = api.get(f"/coordinator/plans/{plan_id}", headers=cookie).text
    assert f"/coordinator/plans/{plan_id}/publish" not in plan_page
    assert "需要发布员或更高的角色才能这样做。" in plan_page
    scenario_page = api.get(f"/coordinator/scenarios/{scenario_id}", headers=cookie).text
    assert f"/coordinator/scenarios/{scenario_id}/solve" not in scenario_page
    assert f"/coordinator/scenarios/{scenario_id}/official-days" not in scenario_page
    assert "需要规划员或更高的角色才能这样做。" in scenario_page


def test_a_publisher_is_offered_both(
    api: TestClient, auth: dict[str, str], api_settings: Settings, coordinator_token: str
) -> None:
    scenario_id, plan_id = scenario_with_plan(api, auth, api_settings)
    cookie, _ = sign_in(api, TEST_COORDINATOR, coordinator_token)
    plan_page = api.get(f"/coordinator/plans/{plan_id}", headers=cookie).text
    assert f"/coordinator/plans/{plan_id}/publish" in plan_page
    scenario_page = api.get(f"/coordinator/scenarios/{scenario_id}", headers=cookie).text
    assert f"/coordinator/scenarios/{scenario_id}/solve" in scenario_page
    assert f"/coordinator/scenarios/{scenario_id}/official-days" in scenario_page


def queued_job(settings: Settings, scenario_id: str) -> str:
    engine = make_engine(settings.database_url)
    try:
        with session_scope(engine) as session:
            return repo.create_job(session, scenario_id, SolveOptions(time_limit_s=1.0)).id
    finally:
        engine.dispose()


def test_a_viewer_sees_a_running_job_without_a_cancel_button_nor_an_audit_link(
    api: TestClient, auth: dict[str, str], api_settings: Settings
) -> None:
    scenario_id, _ = scenario_with_plan(api, auth, api_settings)
    job_id = queued_job(api_settings, scenario_id)
    viewer = add_coordinator_cli(api_settings, "查看员", None, "viewer")
    cookie, _ = sign_in(api, "查看员", viewer)
    assert (
        f"/coordinator/jobs/{job_id}/cancel"
        not in api.get(f"/coordinator/jobs/{job_id}", headers=cookie).text
    )
    assert "/coordinator/audit" not in api.get("/coordinator", headers=cookie).text


def test_a_publisher_may_cancel_a_running_job_and_read_the_audit_trail(
    api: TestClient, auth: dict[str, str], api_settings: Settings, coordinator_token: str
) -> None:
    scenario_id, _ = scenario_with_plan(api, auth, api_settings)
    job_id = queued_job(api_settings, scenario_id)
    cookie, _ = sign_in(api, TEST_COORDINATOR, coordinator_token)
    assert (
        f"/coordinator/jobs/{job_id}/cancel"
        in api.get(f"/coordinator/jobs/{job_id}", headers=cookie).text
    )
    assert "/coordinator/audit" in api.get("/coordinator", headers=cookie).text
