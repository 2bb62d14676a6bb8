"""Coordinators see institutions: in the scenario overview, per institution on the plan page
(classes, trainees, subsidy to be paid), the timelines of one institution, and who applied for a
class left out."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests import factories as f
from tests.web_coordinator import sign_in
from tests.web_data import demo_city, engine_of, publish
from trainsched.formats import Plan, Scenario
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.web.views.coordinator_providers import provider_kpis


def _published_plan_id(api: TestClient, sid: str) -> str:
    page = api.get(f"/coordinator/scenarios/{sid}").text.split('id="plans"')[1]
    found = re.search(r'/coordinator/plans/([0-9a-f-]{36})"', page)
    assert found is not None
    return found[1]


def test_the_scenario_overview_lists_every_institution(
    api: TestClient, coordinator_token: str
) -> None:
    scenario, plan = demo_city()
    sign_in(api, coordinator_token)
    sid = publish(api, scenario, plan)
    table = api.get(f"/coordinator/scenarios/{sid}").text.split('id="institutions"')[1]
    for p in scenario.providers:
        assert p.name in table and p.phone in table


def test_each_institution_is_paid_its_trainees_subsidy_in_whole_yuan() -> None:
    scenario = f.scenario(
        providers=[f.provider("P01"), f.provider("P02")],
        cohorts=[
            f.cohort("C01", provider="P01", trainees={"graduate": 20, "other": 5}),
            f.cohort("C02", provider="P02"),
            f.cohort("C03"),
        ],
    )
    plan = f.plan(
        cohorts=[
            f.scheduled("C01", "2027-03-01", "2027-03-02", "2027-03-03"),
            f.scheduled("C03", "2027-03-08", "2027-03-09", "2027-03-10"),
        ]
    )
    rows = {r.id: r for r in provider_kpis(scenario, plan)}
    assert (rows["P01"].classes, rows["P01"].trainees, rows["P01"].subsidy) == (1, 25, 20_000)
    assert (rows["P02"].classes, rows["P02"].requested, rows["P02"].subsidy) == (0, 1, 0)
    assert (rows[None].classes, rows[None].subsidy) == (1, 20_000)


def _demo_plan_page(api: TestClient, coordinator_token: str) -> tuple[Scenario, Plan, str]:
    scenario, plan = demo_city()
    sign_in(api, coordinator_token)
    sid = publish(api, scenario, plan)
    return scenario, plan, _published_plan_id(api, sid)


def test_the_plan_page_shows_kpis_per_institution(api: TestClient, coordinator_token: str) -> None:
    scenario, plan, plan_id = _demo_plan_page(api, coordinator_token)
    page = api.get(f"/coordinator/plans/{plan_id}").text
    table = page.split('id="providers"')[1].split("</table>")[0]
    for row in provider_kpis(scenario, plan):
        assert row.name in table
    assert sum(r.classes for r in provider_kpis(scenario, plan)) == len(plan.cohorts)


def test_the_timelines_can_show_one_institution(api: TestClient, coordinator_token: str) -> None:
    scenario, plan, plan_id = _demo_plan_page(api, coordinator_token)
    cohorts = {c.id: c for c in scenario.cohorts}
    mine = {s.id for s in plan.cohorts if cohorts[s.id].provider == "P002"}
    page = api.get(f"/coordinator/plans/{plan_id}?provider=P002").text
    timelines = page.split('id="timelines"')[1].split("</section>")[0]
    assert '<option value="P002" selected>' in timelines
    bars = set(re.findall(r"<title>(C\d+) ", timelines))
    assert bars == mine
    everything = api.get(f"/coordinator/plans/{plan_id}").text.split('id="timelines"')[1]
    assert set(re.findall(r"<title>(C\d+) ", everything)) == {s.id for s in plan.cohorts}


def test_a_class_left_out_names_its_institution_in_the_explanation(
    api: TestClient, coordinator_token: str, auth: dict[str, str]
) -> None:
    scenario = f.scenario(
        providers=[f.provider("P01", name="春晖培训中心")],
        cohorts=[f.cohort("C01", provider="P01")],
    )
    plan = f.plan(unscheduled_cohorts=[{"id": "C01", "reason": "no trainer"}])
    sid = publish(api, scenario, plan)
    with session_scope(engine_of(api)) as session:
        (row,) = repo.list_plans(session, sid)
        plan_id = row.id
    (left_out,) = api.get(f"/api/v1/plans/{plan_id}/explanation", headers=auth).json()[
        "unscheduled_cohorts"
    ]
    assert (left_out["provider"], left_out["provider_id"]) == ("春晖培训中心", "P01")
    sign_in(api, coordinator_token)
    assert "春晖培训中心" in api.get(f"/coordinator/plans/{plan_id}").text
