"""HTTP test helpers: a stored scenario, a finished job, and writing with the ETag last read."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient

from tests import factories as f


def matching(api: TestClient, url: str, auth: dict[str, str]) -> dict[str, str]:
    """The coordinator's headers with ``If-Match`` naming what ``url`` reads as now."""
    read = api.get(url, headers=auth)
    assert read.status_code == 200, read.text
    return {**auth, "If-Match": read.headers["etag"]}


def scenario_match(api: TestClient, scenario_id: str, auth: dict[str, str]) -> dict[str, str]:
    """Headers for a change to a scenario (a part added, a re-plan, a replace or delete)."""
    return matching(api, f"/api/v1/scenarios/{scenario_id}/summary", auth)


def plan_match(api: TestClient, plan_id: str, auth: dict[str, str]) -> dict[str, str]:
    """Headers for publishing a plan."""
    return matching(api, f"/api/v1/plans/{plan_id}/summary", auth)


FINAL = {"succeeded", "failed", "cancelled", "interrupted"}


def create_scenario(
    api: TestClient, auth: dict[str, str], doc: dict[str, Any] | None = None
) -> str:
    res = api.post("/api/v1/scenarios", json=doc or f.scenario_doc(), headers=auth)
    assert res.status_code == 201, res.text
    return str(res.json()["id"])


def wait_job(
    api: TestClient, auth: dict[str, str], job_id: str, limit_s: float = 30
) -> dict[str, Any]:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        job: dict[str, Any] = api.get(f"/api/v1/jobs/{job_id}", headers=auth).json()
        if job["state"] in FINAL:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not end")


def solve(api: TestClient, auth: dict[str, str], scenario_id: str, **body: Any) -> dict[str, Any]:
    res = api.post(
        f"/api/v1/scenarios/{scenario_id}/solve",
        json={"time_limit_s": 1, "seed": 1, "workers": 1, **body},
        headers=auth,
    )
    assert res.status_code == 202, res.text
    assert res.headers["location"] == f"/api/v1/jobs/{res.json()['id']}"
    return wait_job(api, auth, res.json()["id"])


def solved_plan(api: TestClient, auth: dict[str, str], doc: dict[str, Any] | None = None) -> str:
    """Store ``doc`` (a default scenario when None), solve it; the new plan's id."""
    job = solve(api, auth, create_scenario(api, auth, doc))
    assert job["state"] == "succeeded"
    return str(job["plan_id"])
