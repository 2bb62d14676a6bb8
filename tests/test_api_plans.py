"""HTTP API: plans in the spec's format, explanations, diffs, publishing and the public view."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests import factories as f
from tests.http_helpers import create_scenario, plan_match, solve, solved_plan

PROBLEM = "application/problem+json"


def two_cohort_doc(**kw: Any) -> dict[str, Any]:
    # Two classes of one course with one trainer and a fund that pays for only one.
    return f.scenario_doc(
        cohorts=[f.cohort("C01"), f.cohort("C02", trainees={"hardship": 20})],
        funds=[f.fund(amount=20_000)],
        trainers=[f.trainer(contact={"phone": "139 1234 5678", "email": "t@example.com"})],
        **kw,
    )


def test_explanation_names_unscheduled_with_reason(api: TestClient, auth: dict[str, str]) -> None:
    plan_id = solved_plan(api, auth, two_cohort_doc())
    res = api.get(f"/api/v1/plans/{plan_id}/explanation", headers=auth)
    assert res.status_code == 200
    body = res.json()
    assert body["value"] == 60  # the hardship class: 20 × weight 3
    assert [u["id"] for u in body["unscheduled_cohorts"]] == ["C01"]
    assert "F01" in body["unscheduled_cohorts"][0]["reason"]
    assert body["funds"] == [{"id": "F01", "used": 20_000, "amount": 20_000, "left": 0}]
    assert body["requested_cohorts"] == 2
    assert {s["key"] for s in body["soft_scores"]}


def test_diff_of_a_plan_with_itself_is_empty(api: TestClient, auth: dict[str, str]) -> None:
    plan_id = solved_plan(api, auth)
    res = api.get(f"/api/v1/plans/{plan_id}/diff/{plan_id}", headers=auth)
    assert res.status_code == 200
    assert res.json()["changes"] == []
    assert res.json()["unchanged"] == 1


def test_diff_names_added_class(api: TestClient, auth: dict[str, str]) -> None:
    scenario_id = create_scenario(api, auth, two_cohort_doc())
    first = solve(api, auth, scenario_id)["plan_id"]
    url = f"/api/v1/scenarios/{scenario_id}/parts/funds/F01"
    etag = api.get(url, headers=auth).headers["etag"]
    res = api.put(url, json=f.fund(amount=100_000), headers={**auth, "If-Match": etag})
    assert res.status_code == 200, res.text
    second = solve(api, auth, scenario_id)["plan_id"]
    diff = api.get(f"/api/v1/plans/{first}/diff/{second}", headers=auth).json()
    assert [(c["id"], c["kind"]) for c in diff["changes"]] == [("C01", "added")]
    assert diff["value_after"] > diff["value_before"]


def test_publish_supersedes_previous_plan(api: TestClient, auth: dict[str, str]) -> None:
    scenario_id = create_scenario(api, auth)
    first = solve(api, auth, scenario_id)["plan_id"]
    second = solve(api, auth, scenario_id)["plan_id"]
    published = api.post(f"/api/v1/plans/{first}/publish", headers=plan_match(api, first, auth))
    assert published.json()["status"] == "published"
    superseding = api.post(f"/api/v1/plans/{second}/publish", headers=plan_match(api, second, auth))
    assert superseding.status_code == 200
    plans = api.get(f"/api/v1/scenarios/{scenario_id}/plans", headers=auth).json()
    assert {p["id"]: p["status"] for p in plans} == {first: "superseded", second: "published"}


def test_publish_with_stale_etag_is_412(api: TestClient, auth: dict[str, str]) -> None:
    plan_id = solved_plan(api, auth)
    etag = api.get(f"/api/v1/plans/{plan_id}/summary", headers=auth).headers["etag"]
    api.post(f"/api/v1/plans/{plan_id}/publish", headers={**auth, "If-Match": etag})
    res = api.post(f"/api/v1/plans/{plan_id}/publish", headers={**auth, "If-Match": etag})
    assert res.status_code == 412


def test_public_view_without_login_shows_classes(api: TestClient, auth: dict[str, str]) -> None:
    scenario_id = create_scenario(api, auth, two_cohort_doc())
    plan_id = solve(api, auth, scenario_id)["plan_id"]
    api.post(f"/api/v1/plans/{plan_id}/publish", headers=plan_match(api, plan_id, auth))
    listed = api.get("/api/v1/public/scenarios").json()
    assert [s["id"] for s in listed] == [scenario_id]
    res = api.get(f"/api/v1/public/scenarios/{scenario_id}/plan")
    assert res.status_code == 200
    (cls,) = res.json()["classes"]
    assert (cls["id"], cls["course_name"], cls["trainers"]) == (
        "C02",
        "课程SYB",
        [{"id": "T01", "name": "讲师T01"}],
    )
    assert "139 1234 5678" not in res.text
    again = api.get(res.url, headers={"If-None-Match": res.headers["etag"]})
    assert again.status_code == 304


def test_public_view_before_publishing_is_404(api: TestClient, auth: dict[str, str]) -> None:
    scenario_id = create_scenario(api, auth)
    res = api.get(f"/api/v1/public/scenarios/{scenario_id}/plan")
    assert res.status_code == 404
    assert res.headers["content-type"] == PROBLEM


def test_plan_document_needs_a_coordinator(api: TestClient, auth: dict[str, str]) -> None:
    plan_id = solved_plan(api, auth)
    assert api.get(f"/api/v1/plans/{plan_id}").status_code == 401
