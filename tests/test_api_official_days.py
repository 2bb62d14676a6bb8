"""Entering a year's official holiday notice through the API, correcting it, and re-planning
only the classes it breaks (the demo city, planned for 2027 before its notice)."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from tests.web_data import demo_city, publish
from trainsched.checker import check_plan
from trainsched.formats import Plan
from trainsched.services.official_days import OfficialDays, affected_classes, with_official_days

API = "/api/v1"
SPRING = [dt.date(2027, 2, 5) + dt.timedelta(days=i) for i in range(8)]
NOTICE = {"holidays": [d.isoformat() for d in SPRING], "workdays": ["2027-02-20"]}


def scenario_etag(api: TestClient, sid: str, auth: dict[str, str]) -> str:
    return api.get(f"{API}/scenarios/{sid}", headers=auth).headers["etag"]


def test_a_notice_entered_by_api_replaces_the_last_one_and_a_bare_replan_moves_only_its_classes(
    api: TestClient, auth: dict[str, str]
) -> None:
    scenario, plan = demo_city()
    sid = publish(api, scenario, plan)
    url = f"{API}/scenarios/{sid}/official-days/2027"
    wrong = {"holidays": [*NOTICE["holidays"], "2027-05-06"], "workdays": ["2027-02-21"]}
    first = api.put(url, json=wrong, headers={**auth, "If-Match": scenario_etag(api, sid, auth)})
    assert first.status_code == 200, first.text
    fixed = api.put(url, json=NOTICE, headers={**auth, "If-Match": first.headers["etag"]})
    assert fixed.status_code == 200, fixed.text
    stored = api.get(f"{API}/scenarios/{sid}", headers=auth).json()
    assert "2027-05-06" not in stored["calendar"]["holidays"]
    assert stored["calendar"]["workdays"] == ["2027-02-20"]

    published = api.get(f"{API}/scenarios/{sid}/plans", headers=auth).json()[0]["id"]
    moved = api.post(
        f"{API}/plans/{published}/replan",
        json={"changes": [], "time_limit_s": 5},
        headers={**auth, "If-Match": fixed.headers["etag"]},
    )
    assert moved.status_code == 201, moved.text
    new = Plan.model_validate(api.get(moved.headers["location"], headers=auth).json())
    notice = OfficialDays(2027, SPRING, [dt.date(2027, 2, 20)])
    announced = with_official_days(scenario, notice)
    assert check_plan(announced, new) == []
    broken = {a.id for a in affected_classes(announced, plan)}
    assert broken
    kept = {c.id for c in plan.cohorts} - broken
    after = {c.id: c for c in new.cohorts}
    assert all(after.get(c.id) == c for c in plan.cohorts if c.id in kept)


def test_a_notice_without_if_match_or_with_a_day_of_another_year_changes_nothing(
    api: TestClient, auth: dict[str, str]
) -> None:
    sid = publish(api, *demo_city())
    url = f"{API}/scenarios/{sid}/official-days/2027"
    etag = scenario_etag(api, sid, auth)
    assert api.put(url, json=NOTICE, headers=auth).status_code == 428
    outside = api.put(url, json={"holidays": ["2028-01-01"]}, headers={**auth, "If-Match": etag})
    assert outside.status_code == 422
    assert "holidays[0]" in outside.text and "2028-01-01" in outside.text
    assert scenario_etag(api, sid, auth) == etag
