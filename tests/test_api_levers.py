"""HTTP API: a plan's levers are computed as a job (202), then kept and answered (200)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests import factories as f
from tests.http_helpers import create_scenario, scenario_match, solve, wait_job


def trainer_short_doc() -> dict[str, Any]:
    # The only trainer may teach one 3-day class in all: the second class is left out.
    return f.scenario_doc(
        regions=[f.region("R01", name="西江县")],
        trainers=[f.trainer("T01", max_days_total=3)],
        cohorts=[f.cohort("C01"), f.cohort("C02", trainees={"graduate": 10})],
    )


def levers_of(api: TestClient, auth: dict[str, str], plan_id: str, **headers: str) -> Any:
    return api.get(f"/api/v1/plans/{plan_id}/levers", headers={**auth, **headers})


def computed(api: TestClient, auth: dict[str, str]) -> tuple[str, str]:
    scenario_id = create_scenario(api, auth, trainer_short_doc())
    plan_id = str(solve(api, auth, scenario_id)["plan_id"])
    first = levers_of(api, auth, plan_id)
    assert first.status_code == 202, first.text
    assert first.headers["location"] == f"/api/v1/jobs/{first.json()['id']}"
    assert first.json()["kind"] == "levers"
    assert wait_job(api, auth, first.json()["id"])["state"] == "succeeded"
    return scenario_id, plan_id


def test_levers_are_a_job_first_then_the_answer(api: TestClient, auth: dict[str, str]) -> None:
    _, plan_id = computed(api, auth)
    res = levers_of(api, auth, plan_id)
    assert res.status_code == 200, res.text
    (lever,) = [lv for lv in res.json()["levers"] if lv["kind"] == "trainer"]
    assert lever["cohort"] == "C02" and lever["places"] == ["C02"]
    assert lever["value_gain"] == 20  # 10 graduates × weight 2
    assert lever["change"]["changes"][0]["kind"] == "trainer_added"
    assert lever["message"].startswith("再有1名能在西江县授课的SYB讲师")


def test_levers_speak_english_when_asked(api: TestClient, auth: dict[str, str]) -> None:
    _, plan_id = computed(api, auth)
    res = levers_of(api, auth, plan_id, **{"Accept-Language": "en"})
    assert res.json()["levers"][0]["message"].startswith("1 more certified SYB trainer")


def test_levers_are_computed_once_per_plan(api: TestClient, auth: dict[str, str]) -> None:
    scenario_id, plan_id = computed(api, auth)
    levers_of(api, auth, plan_id)
    jobs = api.get(f"/api/v1/scenarios/{scenario_id}/jobs", headers=auth).json()
    assert [j["kind"] for j in jobs].count("levers") == 1


def test_levers_are_computed_again_after_the_scenario_changes(
    api: TestClient, auth: dict[str, str]
) -> None:
    scenario_id, plan_id = computed(api, auth)
    # The coordinator hires the trainer the lever asked for: the old answer would still ask.
    doc = trainer_short_doc()
    doc["trainers"].append(f.trainer("T02"))
    replaced = api.put(
        f"/api/v1/scenarios/{scenario_id}", json=doc, headers=scenario_match(api, scenario_id, auth)
    )
    assert replaced.status_code == 200, replaced.text
    again = levers_of(api, auth, plan_id)
    assert again.status_code == 202, again.text
    assert wait_job(api, auth, again.json()["id"])["state"] == "succeeded"
    assert levers_of(api, auth, plan_id).status_code == 200
    jobs = api.get(f"/api/v1/scenarios/{scenario_id}/jobs", headers=auth).json()
    assert [j["kind"] for j in jobs].count("levers") == 2


def test_a_lever_posted_to_replan_places_its_class(api: TestClient, auth: dict[str, str]) -> None:
    scenario_id, plan_id = computed(api, auth)
    lever = levers_of(api, auth, plan_id).json()["levers"][0]
    res = api.post(
        f"/api/v1/plans/{plan_id}/replan",
        json={**lever["change"], "time_limit_s": 1},
        headers=scenario_match(api, scenario_id, auth),
    )
    assert res.status_code == 201, res.text
    new_plan = api.get(f"/api/v1/plans/{res.json()['plan']['id']}", headers=auth).json()
    assert "C02" in {c["id"] for c in new_plan["cohorts"]}


def test_levers_of_an_unknown_plan_are_404(api: TestClient, auth: dict[str, str]) -> None:
    assert levers_of(api, auth, "nope").status_code == 404


def test_a_new_trainer_with_a_bad_field_is_422_naming_it(
    api: TestClient, auth: dict[str, str]
) -> None:
    scenario_id = create_scenario(api, auth, trainer_short_doc())
    plan_id = solve(api, auth, scenario_id)["plan_id"]
    bad = {"kind": "trainer_added", "new_trainer": {**f.trainer("T09"), "qualifications": 3}}
    res = api.post(
        f"/api/v1/plans/{plan_id}/replan",
        json={"changes": [bad], "time_limit_s": 1},
        headers=scenario_match(api, scenario_id, auth),
    )
    assert res.status_code == 422
    assert any("new_trainer.qualifications" in e["path"] for e in res.json()["errors"])


def test_money_curves_are_a_job_first_then_the_curves(
    api: TestClient, auth: dict[str, str]
) -> None:
    doc = f.scenario_doc(
        cohorts=[f.cohort(f"C0{i}", trainees={"graduate": 10}) for i in range(1, 5)],
        funds=[f.fund("F01", amount=20_000)],
    )
    plan_id = solve(api, auth, create_scenario(api, auth, doc))["plan_id"]
    first = api.get(f"/api/v1/plans/{plan_id}/money", headers=auth)
    assert first.status_code == 202 and first.json()["kind"] == "money"
    assert wait_job(api, auth, first.json()["id"])["state"] == "succeeded"
    res = api.get(f"/api/v1/plans/{plan_id}/money", headers=auth)
    assert res.status_code == 200, res.text
    whole = res.json()["curves"][0]
    assert whole["fund"] is None
    by_step = {p["step"]: p for p in whole["points"]}
    assert by_step[0.0]["trainees"]["graduate"] == 20 and by_step[0.5]["amount"] == 30_000
    assert by_step[0.5]["trainees"]["graduate"] == 30
    # +50 % (10,000 yuan) places one more class of 10 graduates.
    assert res.json()["per_10k"] == "每增加1万元可多培训约10人，其中重点群体10人"
    # Money binds here, not trainers: one more trainer where classes wait buys nothing.
    (trainer,) = res.json()["trainers"]
    assert (trainer["region"], trainer["value_gain"]) == ("R01", 0)
