"""HTTP API: solve jobs answer 202, report progress, finish with a plan, cancel and restart."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.http_helpers import FINAL, create_scenario, solve, wait_job

# Older test modules import these from here; they live in tests/http_helpers.py.
__all__ = ["FINAL", "create_scenario", "solve", "wait_job"]


def test_solve_job_ends_with_a_plan_and_its_value(api: TestClient, auth: dict[str, str]) -> None:
    job = solve(api, auth, create_scenario(api, auth))
    assert job["state"] == "succeeded"
    assert job["value"] == 40  # 20 graduates × weight 2 × priority 1
    assert job["bound"] >= job["value"]
    assert job["gap"] is not None
    plan = api.get(f"/api/v1/plans/{job['plan_id']}", headers=auth)
    assert plan.status_code == 200
    assert plan.json()["format"] == "trainsched.plan/1"
    assert [c["id"] for c in plan.json()["cohorts"]] == ["C01"]


def test_solve_of_unknown_scenario_is_404(api: TestClient, auth: dict[str, str]) -> None:
    res = api.post("/api/v1/scenarios/nope/solve", json={}, headers=auth)
    assert res.status_code == 404


def test_solve_without_body_uses_defaults(api: TestClient, auth: dict[str, str]) -> None:
    scenario_id = create_scenario(api, auth)
    res = api.post(f"/api/v1/scenarios/{scenario_id}/solve", headers=auth)
    assert res.status_code == 202
    assert res.json()["options"]["time_limit_s"] == 2.0
    wait_job(api, auth, res.json()["id"])


def test_jobs_queue_behind_each_other(api: TestClient, auth: dict[str, str]) -> None:
    scenario_id = create_scenario(api, auth)
    ids = [
        api.post(
            f"/api/v1/scenarios/{scenario_id}/solve", json={"time_limit_s": 1}, headers=auth
        ).json()["id"]
        for _ in range(3)
    ]
    states = [wait_job(api, auth, job_id)["state"] for job_id in ids]
    assert states == ["succeeded"] * 3
    listed = api.get(f"/api/v1/scenarios/{scenario_id}/jobs", headers=auth).json()
    assert {j["id"] for j in listed} == set(ids)


def test_cancel_of_ended_job_is_409(api: TestClient, auth: dict[str, str]) -> None:
    job = solve(api, auth, create_scenario(api, auth))
    res = api.post(f"/api/v1/jobs/{job['id']}/cancel", headers=auth)
    assert res.status_code == 409


def test_restart_of_succeeded_job_is_409(api: TestClient, auth: dict[str, str]) -> None:
    job = solve(api, auth, create_scenario(api, auth))
    assert api.post(f"/api/v1/jobs/{job['id']}/restart", headers=auth).status_code == 409


def test_events_of_unknown_job_is_404(api: TestClient, auth: dict[str, str]) -> None:
    res = api.get("/api/v1/jobs/nope/events", headers=auth)
    assert res.status_code == 404
    assert res.headers["content-type"] == "application/problem+json"


def test_events_of_ended_job_stream_progress_then_end(
    api: TestClient, auth: dict[str, str]
) -> None:
    job = solve(api, auth, create_scenario(api, auth))
    with api.stream("GET", f"/api/v1/jobs/{job['id']}/events", headers=auth) as res:
        assert res.headers["content-type"].startswith("text/event-stream")
        text = "".join(res.iter_text())
    assert "event: progress" in text
    assert text.rstrip().split("\n\n")[-1].startswith("event: end")
