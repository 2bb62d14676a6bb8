"""Writing through the API the way a careful client does: with the ETag last read."""

from __future__ import annotations

from fastapi.testclient import TestClient


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
