"""In a real browser: a trainer opens the personal link the coordinator sent them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
from icalendar import Calendar

from tests.browser.conftest import PHONE, Server
from tests.browser.helpers import serious_violations, shoot


def _diary_link(server: Server, kind: str, person: str) -> dict[str, str]:
    answer = httpx.put(
        f"{server.base_url}/api/v1/scenarios/{server.scenario_id}/feed-tokens/{kind}/{person}",
        headers={"Authorization": f"Bearer {server.token}"},
        timeout=10,
    )
    assert answer.status_code == 201, answer.text
    link: dict[str, str] = answer.json()
    return link


def test_trainer_sees_their_days_and_a_feed_that_matches(
    server: Server, browser: Any, artifacts: Path
) -> None:
    link = _diary_link(server, "trainer", "T001")
    page = browser.new_page(viewport=PHONE)
    page.goto(link["page"])
    assert page.get_by_role("heading", name="我的安排").is_visible()
    assert page.get_by_role("heading", name="怎样订阅到日历").is_visible()
    shown_days = page.locator("h3 time").evaluate_all("els => els.map(e => e.dateTime)")
    feed = Calendar.from_ical(httpx.get(link["url"], timeout=10).content)
    feed_days = {
        event["DTSTART"].dt.date().isoformat()
        for event in feed.walk("VEVENT")
        if str(event.get("STATUS")) != "CANCELLED"
    }
    assert set(shown_days) == feed_days
    assert serious_violations(page) == []
    shoot(page, artifacts, "trainer-diary-phone")
    page.close()


def test_an_unknown_link_is_a_plain_404_page(server: Server, browser: Any) -> None:
    page = browser.new_page(viewport=PHONE)
    answer = page.goto(server.base_url + "/me/not-a-real-token")
    assert answer is not None and answer.status == 404
    assert serious_violations(page) == []
    page.close()


def _first_visit(server: Server) -> dict[str, Any]:
    auth = {"Authorization": f"Bearer {server.token}"}
    base = f"{server.base_url}/api/v1"
    plans = httpx.get(f"{base}/scenarios/{server.scenario_id}/plans", headers=auth, timeout=10)
    published = next(p for p in plans.json() if p["status"] == "published")
    plan = httpx.get(f"{base}/plans/{published['id']}", headers=auth, timeout=10).json()
    visit: dict[str, Any] = plan["visits"][0]
    return visit


def test_a_mentor_sees_where_to_go_in_words_and_gets_reminders(
    server: Server, browser: Any, artifacts: Path
) -> None:
    visit = _first_visit(server)
    scenario = json.loads(Path("fixtures/demo-city.json").read_text("utf-8"))
    request = next(r for r in scenario["visit_requests"] if r["id"] == visit["request"])
    link = _diary_link(server, "mentor", visit["mentor"])
    # The link follows the address this server really answers on (not a fixed port).
    assert link["page"].startswith(server.base_url + "/me/")
    page = browser.new_page(viewport=PHONE)
    page.goto(link["page"])
    body = page.locator("main").inner_text()
    assert request["x"]["address"] in body
    assert request["entrepreneur"] in body
    assert request["topic"] not in body  # the topic in words (e.g. 电子商务), never its code
    feed = Calendar.from_ical(httpx.get(link["url"], timeout=10).content)
    visits = [e for e in feed.walk("VEVENT") if str(e.get("STATUS")) != "CANCELLED"]
    assert visits and all(event.walk("VALARM") for event in visits)
    assert serious_violations(page) == []
    shoot(page, artifacts, "mentor-diary-phone")
    page.close()
