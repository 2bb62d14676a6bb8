"""A trainer or mentor opens their private link: their days, their feed link, how to subscribe."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from tests.people_support import busiest_trainer, dates_listed, issue
from tests.web_data import demo_city, engine_of, publish_demo
from trainsched.formats import Plan, Scenario
from trainsched.store import repo
from trainsched.store.db import session_scope


@pytest.fixture
def demo(api: TestClient) -> tuple[str, Scenario, Plan]:
    return publish_demo(api), *demo_city()


def test_trainer_sees_every_teaching_day_with_place_and_hours(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    scenario_id, scenario, plan = demo
    trainer_id = busiest_trainer(plan)
    mine = [c for c in plan.cohorts if trainer_id in c.trainers]
    page = api.get(f"/me/{issue(api, 'trainer', trainer_id, scenario_id)}")
    assert page.status_code == 200
    text = html.unescape(page.text)
    name = next(t.name for t in scenario.trainers if t.id == trainer_id)
    assert f"<h1>{name}的日程</h1>" in text
    teaching = {d.isoformat() for c in mine for d in c.days}
    assert teaching <= set(dates_listed(text))
    assert text.count('class="card diary-item class"') == len(teaching)
    for c in mine:
        venue = next(v for v in scenario.venues if v.id == c.venue)
        assert venue.name in text
        assert f"/classes/{scenario_id}/{c.id}" in text


def test_mentor_sees_visits_in_order_with_time_slots(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    scenario_id, _, plan = demo
    mentor_id = max(
        {v.mentor for v in plan.visits},
        key=lambda m: sum(v.mentor == m for v in plan.visits),
    )
    visits = [v for v in plan.visits if v.mentor == mentor_id]
    page = api.get(f"/me/{issue(api, 'mentor', mentor_id, scenario_id)}").text
    assert page.count('class="card diary-item visit"') == len(visits)
    assert {v.date.isoformat() for v in visits} <= set(dates_listed(page))
    if any(v.order == 2 for v in visits):
        assert "10:45–12:15" in page
    assert "09:00–10:30" in page


def test_diary_page_links_the_persons_feed_and_explains_subscribing(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    scenario_id, _, plan = demo
    token = issue(api, "trainer", busiest_trainer(plan), scenario_id)
    page = api.get(f"/me/{token}")
    assert f'href="webcal://testserver/api/v1/feeds/{token}.ics"' in page.text
    assert f'value="http://testserver/api/v1/feeds/{token}.ics"' in page.text
    for platform in ("iPhone", "Android", "Outlook"):
        assert platform in page.text
    feed = api.get(f"/api/v1/feeds/{token}.ics")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")


def test_diary_page_is_private_and_not_indexed(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    scenario_id, _, plan = demo
    page = api.get(f"/me/{issue(api, 'trainer', busiest_trainer(plan), scenario_id)}")
    assert '<meta name="robots" content="noindex, nofollow">' in page.text
    assert page.headers["x-robots-tag"] == "noindex, nofollow"
    assert page.headers["cache-control"] == "private, no-store"
    assert page.headers["referrer-policy"] == "no-referrer"


def test_unknown_rotated_and_venue_links_are_the_same_404(
    api: TestClient, demo: tuple[str, Scenario, Plan]
) -> None:
    scenario_id, scenario, plan = demo
    trainer_id = busiest_trainer(plan)
    old = issue(api, "trainer", trainer_id, scenario_id)
    with session_scope(engine_of(api)) as session:
        new = repo.rotate_feed_token(session, "trainer", trainer_id, scenario_id)
    venue = issue(api, "venue", scenario.venues[0].id, scenario_id)
    pages = [api.get(f"/me/{t}") for t in (old, venue, "not-a-token")]
    assert [p.status_code for p in pages] == [404, 404, 404]
    assert all("这个日程链接无效" in p.text and "noindex" in p.text for p in pages)
    assert api.get(f"/me/{new}").status_code == 200


def test_before_anything_is_published_the_page_says_so(api: TestClient) -> None:
    scenario, _ = demo_city()
    with session_scope(engine_of(api)) as session:
        scenario_id = repo.save_scenario(session, scenario).id
    page = api.get(f"/me/{issue(api, 'trainer', scenario.trainers[0].id, scenario_id)}")
    assert page.status_code == 200
    assert "协调员还没有发布计划" in page.text
    assert "/api/v1/feeds/" in page.text


def test_diary_page_in_english(api: TestClient, demo: tuple[str, Scenario, Plan]) -> None:
    scenario_id, _, plan = demo
    page = api.get(f"/me/{issue(api, 'trainer', busiest_trainer(plan), scenario_id)}?lang=en")
    assert "My days" in page.text and "How to subscribe in your calendar" in page.text
    assert "我的安排" not in page.text


def test_coordinator_gets_the_diary_page_link_with_a_new_feed_link(
    api: TestClient, demo: tuple[str, Scenario, Plan], auth: dict[str, str]
) -> None:
    scenario_id, _, plan = demo
    trainer_id = busiest_trainer(plan)
    url = f"/api/v1/scenarios/{scenario_id}/feed-tokens/trainer/{trainer_id}"
    link = api.put(url, headers=auth).json()
    assert link["page"] == f"http://testserver/me/{link['token']}"
    page = api.get(f"/me/{link['token']}")
    assert page.status_code == 200 and link["url"] in page.text
    venue = api.put(url.replace(f"trainer/{trainer_id}", "venue/V001"), headers=auth).json()
    assert venue["page"] is None
    rotated = api.put(url, headers=auth).json()
    assert api.get(f"/me/{link['token']}").status_code == 404
    assert api.get(f"/me/{rotated['token']}").status_code == 200
