"""A mentor's own diary and feed give what a visit needs; no one else's page or feed does."""

from __future__ import annotations

import html
from functools import cache

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.web_data import demo_city, engine_of, publish
from trainsched.formats import Plan, Scenario
from trainsched.formats.common import ContactInfo
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.tables import SubjectKind


@cache
def city_with_addresses() -> tuple[Scenario, Plan]:
    """The demo city with a street address on every founder (the ``x.address`` extension)."""
    scenario, plan = demo_city()
    requests = [
        r.model_copy(update={"x": {"address": f"松宁市测试路{n}号{n % 7 + 1}01室"}})
        for n, r in enumerate(scenario.visit_requests, start=1)
    ]
    return scenario.model_copy(update={"visit_requests": requests}), plan


def addresses() -> set[str]:
    return {str((r.x or {})["address"]) for r in city_with_addresses()[0].visit_requests}


@pytest.fixture
def sid(api: TestClient) -> str:
    return publish(api, *city_with_addresses())


def busiest_mentor(plan: Plan) -> str:
    counts: dict[str, int] = {}
    for v in plan.visits:
        counts[v.mentor] = counts.get(v.mentor, 0) + 1
    return max(counts, key=lambda m: (counts[m], m))


def token(api: TestClient, kind: SubjectKind, who: str, sid: str) -> str:
    with session_scope(engine_of(api)) as session:
        return repo.issue_feed_token(session, kind, who, sid)


def test_mentor_page_has_name_address_phone_and_map(api: TestClient, sid: str) -> None:
    scenario, plan = city_with_addresses()
    mentor = busiest_mentor(plan)
    page = html.unescape(api.get(f"/me/{token(api, 'mentor', mentor, sid)}").text)
    visited = {v.request for v in plan.visits if v.mentor == mentor}
    for request in (r for r in scenario.visit_requests if r.id in visited):
        assert f"{request.entrepreneur}，{(request.x or {})['address']}" in page
        assert isinstance(request.contact, ContactInfo) and request.contact.phone
        assert f'href="tel:{request.contact.phone.replace(" ", "")}"' in page
        assert f"position={request.lon:.6f}%2C{request.lat:.6f}" in page


def test_mentor_feed_has_the_same(api: TestClient, sid: str) -> None:
    scenario, plan = city_with_addresses()
    mentor = busiest_mentor(plan)
    body = api.get(f"/api/v1/feeds/{token(api, 'mentor', mentor, sid)}.ics").content
    requests = {r.entrepreneur: r for r in scenario.visit_requests}
    visits = [e for e in Calendar.from_ical(body).walk("VEVENT") if "-Q" in str(e["UID"])]
    assert visits
    for event in visits:
        text = str(event["DESCRIPTION"])
        name = text.split("\n", 1)[0].removeprefix("创业者：")
        address = str((requests[name].x or {})["address"])
        assert address in str(event["LOCATION"]) and f"地址：{address}" in text
        assert "联系方式：电话 137" in text
        assert "地图：https://uri.amap.com/marker?" in text


def test_no_public_page_or_other_feed_shows_a_founders_address(api: TestClient, sid: str) -> None:
    scenario, plan = city_with_addresses()
    known = addresses()
    urls = ["/", "/classes", "/classes?lang=en", "/about", f"/api/v1/public/scenarios/{sid}/plan"]
    for cohort in plan.cohorts[:15]:
        urls.append(f"/classes/{sid}/{cohort.id}")
        urls.append(f"/api/v1/public/scenarios/{sid}/classes/{cohort.id}.ics")
    urls += [f"/api/v1/public/scenarios/{sid}/districts/{r.id}.ics" for r in scenario.regions]
    not_mentors = {m.trainer for m in scenario.mentors}
    trainers = [t.id for t in scenario.trainers if t.id not in not_mentors][:5]
    for who in trainers:
        mine = token(api, "trainer", who, sid)
        urls += [f"/me/{mine}", f"/api/v1/feeds/{mine}.ics"]
    venue = token(api, "venue", scenario.venues[0].id, sid)
    urls.append(f"/api/v1/feeds/{venue}.ics")
    for url in urls:
        answer = api.get(url)
        assert answer.status_code == 200, url
        text = answer.text.replace("\r\n ", "")
        assert [a for a in known if a in text] == [], url


def test_a_mentor_sees_only_their_own_founders(api: TestClient, sid: str) -> None:
    scenario, plan = city_with_addresses()
    mentor = busiest_mentor(plan)
    visited = {v.request for v in plan.visits if v.mentor == mentor}
    theirs = {str((r.x or {})["address"]) for r in scenario.visit_requests if r.id in visited}
    mine = token(api, "mentor", mentor, sid)
    for url in (f"/me/{mine}", f"/api/v1/feeds/{mine}.ics"):
        text = html.unescape(api.get(url).text.replace("\r\n ", ""))
        assert [a for a in addresses() - theirs if a in text] == [], url
        assert all(a in text for a in theirs), url
