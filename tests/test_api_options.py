"""HTTP API: the best few placements for one extra cohort, with everything else fixed."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests import factories as f
from tests.http_helpers import create_scenario, solve


def solved(api: TestClient, auth: dict[str, str]) -> tuple[str, dict[str, Any]]:
    plan_id = solve(api, auth, create_scenario(api, auth))["plan_id"]
    return plan_id, api.get(f"/api/v1/plans/{plan_id}", headers=auth).json()


def ask(api: TestClient, auth: dict[str, str], plan_id: str, cohort: dict[str, Any]) -> Any:
    return api.post(
        f"/api/v1/plans/{plan_id}/options", json={"cohort": cohort, "limit": 3}, headers=auth
    )


def test_options_avoid_the_days_already_taken(api: TestClient, auth: dict[str, str]) -> None:
    plan_id, plan = solved(api, auth)
    taken = set(plan["cohorts"][0]["days"])
    res = ask(api, auth, plan_id, f.cohort("C02"))
    assert res.status_code == 200, res.text
    options = res.json()["options"]
    assert len(options) == 3
    assert all(taken.isdisjoint(o["days"]) for o in options)
    assert all(o["venue"] == "V01" and o["trainers"] == ["T01"] for o in options)
    assert res.json()["reason"] is None


def test_no_option_comes_with_a_reason(api: TestClient, auth: dict[str, str]) -> None:
    plan_id, plan = solved(api, auth)
    days = plan["cohorts"][0]["days"]
    squeezed = f.cohort("C02", earliest=days[0], latest_end=days[-1])
    res = ask(api, auth, plan_id, squeezed)
    assert res.status_code == 200
    assert res.json()["options"] == []
    assert res.json()["reason"]


def test_option_for_cohort_of_unknown_course_is_422(api: TestClient, auth: dict[str, str]) -> None:
    plan_id, _ = solved(api, auth)
    res = ask(api, auth, plan_id, f.cohort("C02", course="XYZ"))
    assert res.status_code == 422
    assert any("course" in e["path"] for e in res.json()["errors"])


def test_option_for_existing_cohort_id_is_422(api: TestClient, auth: dict[str, str]) -> None:
    plan_id, _ = solved(api, auth)
    assert ask(api, auth, plan_id, f.cohort("C01")).status_code == 422
