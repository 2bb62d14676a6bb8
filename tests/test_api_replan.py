"""HTTP API: re-planning a plan after changes gives a new draft plan and its diff."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests import factories as f
from tests.http_helpers import create_scenario, plan_match, scenario_match, solve


def two_trainer_doc() -> dict[str, Any]:
    return f.scenario_doc(
        trainers=[f.trainer("T01"), f.trainer("T02")],
        cohorts=[f.cohort("C01")],
    )


def published_plan(
    api: TestClient, auth: dict[str, str], doc: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    scenario_id = create_scenario(api, auth, doc)
    plan_id = solve(api, auth, scenario_id)["plan_id"]
    api.post(f"/api/v1/plans/{plan_id}/publish", headers=plan_match(api, plan_id, auth))
    return plan_id, api.get(f"/api/v1/plans/{plan_id}", headers=auth).json()


def replan(api: TestClient, auth: dict[str, str], plan_id: str, *changes: dict[str, Any]) -> Any:
    scenario_id = api.get(f"/api/v1/plans/{plan_id}/summary", headers=auth).json()["scenario_id"]
    return api.post(
        f"/api/v1/plans/{plan_id}/replan",
        json={"changes": list(changes), "time_limit_s": 1},
        headers=scenario_match(api, scenario_id, auth),
    )


def test_trainer_away_restaffs_only_that_class(api: TestClient, auth: dict[str, str]) -> None:
    plan_id, plan = published_plan(api, auth, two_trainer_doc())
    (cls,) = plan["cohorts"]
    away = cls["trainers"][0]
    res = replan(
        api,
        auth,
        plan_id,
        {
            "kind": "trainer_unavailable",
            "trainer": away,
            "from": cls["days"][0],
            "to": cls["days"][-1],
        },
    )
    assert res.status_code == 201, res.text
    body = res.json()
    assert body["plan"]["status"] == "draft"
    assert [c["id"] for c in body["diff"]["changes"]] == ["C01"]
    new_plan = api.get(f"/api/v1/plans/{body['plan']['id']}", headers=auth).json()
    assert away not in new_plan["cohorts"][0]["trainers"]
    # The change is recorded in the scenario, so later solves respect it too.
    trainer = api.get(
        f"/api/v1/scenarios/{body['plan']['scenario_id']}/parts/trainers/{away}", headers=auth
    ).json()
    assert trainer["data"]["unavailable"]


def test_withdrawn_cohort_is_dropped(api: TestClient, auth: dict[str, str]) -> None:
    doc = f.scenario_doc(cohorts=[f.cohort("C01"), f.cohort("C02")])
    plan_id, _ = published_plan(api, auth, doc)
    res = replan(api, auth, plan_id, {"kind": "cohort_withdrawn", "cohort_id": "C02"})
    assert res.status_code == 201, res.text
    changes = {(c["id"], c["kind"]) for c in res.json()["diff"]["changes"]}
    assert changes == {("C02", "dropped")}


def test_added_cohort_is_placed(api: TestClient, auth: dict[str, str]) -> None:
    plan_id, _ = published_plan(api, auth, f.scenario_doc())
    res = replan(api, auth, plan_id, {"kind": "cohort_added", "cohort": f.cohort("C09")})
    assert res.status_code == 201, res.text
    assert ("C09", "added") in {(c["id"], c["kind"]) for c in res.json()["diff"]["changes"]}


def test_change_naming_unknown_trainer_is_422_with_path(
    api: TestClient, auth: dict[str, str]
) -> None:
    plan_id, _ = published_plan(api, auth, f.scenario_doc())
    res = replan(
        api, auth, plan_id,
        {"kind": "trainer_unavailable", "trainer": "T99", "from": f.START, "to": f.END},
    )  # fmt: skip
    assert res.status_code == 422
    assert res.json()["errors"][0]["path"] == "body.changes[0].trainer"


def test_fund_cut_drops_what_it_no_longer_pays(api: TestClient, auth: dict[str, str]) -> None:
    plan_id, _ = published_plan(api, auth, f.scenario_doc())
    res = replan(api, auth, plan_id, {"kind": "fund_changed", "fund": "F01", "amount": 0})
    assert res.status_code == 201, res.text
    assert [(c["id"], c["kind"]) for c in res.json()["diff"]["changes"]] == [("C01", "dropped")]
