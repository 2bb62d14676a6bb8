"""A trainee sees whom to call, where, by when, and how many seats are left."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from tests import factories as f
from tests.web_data import demo_city, publish
from trainsched.formats import Plan, Scenario
from trainsched.httpdeps import get_now
from trainsched.services.publications import published_classes

# 2027-03-08 is a Monday: two working days before it is Thursday 2027-03-04.
FIRST_DAY = dt.date(2027, 3, 8)


def one_class(**provider: object) -> tuple[Scenario, Plan]:
    scenario = f.scenario(
        providers=[f.provider(enrol="带身份证到本机构报名", enrol_close_days=2, **provider)],
        venues=[f.venue(capacity=25)],
        cohorts=[f.cohort(id="C0054", provider="P01", trainees={"graduate": 20})],
    )
    days = [(FIRST_DAY + dt.timedelta(days=i)).isoformat() for i in range(3)]
    plan = f.plan(cohorts=[f.scheduled("C0054", *days)])
    return scenario, plan


def at(api: TestClient, day: dt.date) -> None:
    noon = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    api.app.dependency_overrides[get_now] = lambda: noon  # type: ignore[attr-defined]


def test_a_published_class_names_its_institution_deadline_and_seats_left() -> None:
    (found,) = published_classes(*one_class())
    assert found.provider is not None
    assert (found.provider.name, found.provider.phone) == ("机构P01", "0000-1234567")
    assert found.provider.enrol == "带身份证到本机构报名"
    assert found.enrol_closes == dt.date(2027, 3, 4)
    assert (found.capacity, found.seats, found.seats_left) == (25, 20, 5)


def test_the_deadline_skips_holidays_the_scenario_lists() -> None:
    scenario, plan = one_class()
    closed = scenario.model_copy(
        update={
            "calendar": scenario.calendar.model_copy(update={"holidays": [dt.date(2027, 3, 4)]})
        }
    )
    (found,) = published_classes(closed, plan)
    assert found.enrol_closes == dt.date(2027, 3, 3)


def test_a_class_without_an_institution_closes_three_working_days_before() -> None:
    scenario, plan = one_class()
    cohort = scenario.cohorts[0].model_copy(update={"provider": None})
    (found,) = published_classes(scenario.model_copy(update={"cohorts": [cohort]}), plan)
    assert found.provider is None
    assert found.enrol_closes == dt.date(2027, 3, 3)


def test_the_class_page_says_whom_to_call_where_by_when_and_seats_left(
    api: TestClient,
) -> None:
    scenario_id = publish(api, *one_class())
    at(api, dt.date(2027, 3, 1))
    page = api.get(f"/classes/{scenario_id}/C0054").text
    for text in ("机构P01", 'href="tel:0000-1234567"', "P01路1号", "带身份证到本机构报名"):
        assert text in page
    assert "请在2027年3月4日前报名" in page
    assert "还剩5个名额" in page
    assert "C0054" not in page.split("<main", 1)[1].split("/classes/", 1)[0]
    assert "C0054" not in page.split("<title>", 1)[1].split("</title>", 1)[0]


def test_after_the_deadline_the_class_page_says_enrolment_has_closed(api: TestClient) -> None:
    scenario_id = publish(api, *one_class())
    at(api, dt.date(2027, 3, 5))
    page = api.get(f"/classes/{scenario_id}/C0054").text
    assert "报名已截止" in page and "请在2027年3月4日前报名" not in page
    assert "报名已截止" in api.get("/classes").text


def test_a_full_class_says_so(api: TestClient) -> None:
    scenario, plan = one_class()
    full = scenario.model_copy(
        update={"venues": [scenario.venues[0].model_copy(update={"capacity": 20})]}
    )
    scenario_id = publish(api, full, plan)
    at(api, dt.date(2027, 3, 1))
    assert "名额已满" in api.get(f"/classes/{scenario_id}/C0054").text


@pytest.fixture
def demo(api: TestClient) -> tuple[Scenario, Plan]:
    scenario, plan = demo_city()
    publish(api, scenario, plan)
    return scenario, plan


def test_the_class_list_filters_by_institution(
    api: TestClient, demo: tuple[Scenario, Plan]
) -> None:
    scenario, plan = demo
    cohorts = {c.id: c for c in scenario.cohorts}
    runs = {s.id for s in plan.cohorts if cohorts[s.id].provider == "P002"}
    assert runs
    page = api.get("/classes?provider=P002").text
    assert f"共{len(runs)}个班" in page
    assert '<option value="P002" selected>松宁市兴业职业技能培训学校</option>' in page


def test_about_names_the_institutions_of_published_plans_with_their_offices(
    api: TestClient, demo: tuple[Scenario, Plan]
) -> None:
    scenario, plan = demo
    cohorts = {c.id: c for c in scenario.cohorts}
    running = {cohorts[s.id].provider for s in plan.cohorts}
    page = api.get("/about").text
    for p in scenario.providers:
        assert (p.name in page) == (p.id in running)
        if p.id in running:
            assert p.phone in page and p.address in page
    assert "Where to enrol" in api.get("/about?lang=en").text


def test_the_public_api_carries_institution_deadline_and_seats(api: TestClient) -> None:
    scenario_id = publish(api, *one_class())
    (found,) = api.get(f"/api/v1/public/scenarios/{scenario_id}/plan").json()["classes"]
    assert found["provider"]["phone"] == "0000-1234567"
    assert found["enrol_closes"] == "2027-03-04"
    assert (found["capacity"], found["seats_left"]) == (25, 5)
