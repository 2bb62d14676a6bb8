"""No public page of the demo, nor a person's own diary page, shows anyone's contact data."""

from __future__ import annotations

import re
from itertools import product

from fastapi.testclient import TestClient

from tests.web_data import contact_values, demo_city, engine_of, publish_demo
from trainsched.feeds import FeedSubject
from trainsched.feeds.subjects import resolve
from trainsched.formats import Plan, Scenario
from trainsched.formats.common import ContactInfo
from trainsched.store import repo
from trainsched.store.db import session_scope


def forbidden(values: set[str]) -> set[str]:
    """Each contact value, and phone numbers also without their spaces."""
    return values | {v.replace(" ", "") for v in values}


def leaks(page: str, values: set[str]) -> list[str]:
    return sorted(v for v in values if v in page)


def public_urls(api: TestClient, scenario_id: str) -> list[str]:
    """The list (every page and filter), every class page, its downloads, and the about page."""
    scenario, plan = demo_city()
    urls = ["/", "/about", "/classes", "/classes?lang=en", "/about?lang=en"]
    urls += [f"/classes?page={n}" for n in range(2, 6)]
    districts = [r.id for r in scenario.regions]
    courses = [c.id for c in scenario.courses]
    urls += [f"/classes?district={d}&course={c}" for d, c in product(districts, courses)]
    urls += [f"/classes?month=2027-0{m}" for m in range(1, 7)]
    urls += [f"/classes?group={g}&district={d}" for g in scenario.groups for d in districts]
    for c in plan.cohorts:
        urls.append(f"/classes/{scenario_id}/{c.id}")
        urls.append(f"/api/v1/public/scenarios/{scenario_id}/classes/{c.id}/add-to-calendar.ics")
    return urls


def test_no_public_page_shows_any_contact_value(api: TestClient) -> None:
    scenario_id = publish_demo(api)
    values = forbidden(contact_values(demo_city()[0]))
    assert len(values) > 100
    seen = 0
    for url in public_urls(api, scenario_id):
        page = api.get(url)
        assert page.status_code == 200, url
        assert leaks(page.text, values) == [], url
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", page.text), url
        seen += 1
    assert seen > 200


def _founders_contacts(scenario: Scenario, plan: Plan, mentor_ids: set[str]) -> set[str]:
    """Contact values of the founders these mentors visit in the plan."""
    visited = {v.request for v in plan.visits if v.mentor in mentor_ids}
    requests = [r for r in scenario.visit_requests if r.id in visited]
    return forbidden(set().union(set(), *(_personal_of(r.contact) for r in requests)))


def _personal_of(contact: object) -> set[str]:
    if isinstance(contact, ContactInfo):
        return {v for v in (contact.phone, contact.email) if v}
    return {str(contact)} if contact else set()


def test_diary_pages_show_only_the_contacts_of_ones_own_visits(api: TestClient) -> None:
    scenario_id = publish_demo(api)
    scenario, plan = demo_city()
    values = forbidden(contact_values(scenario))
    people = [("trainer", t.id) for t in scenario.trainers[:10]]
    people += [("mentor", m.id) for m in scenario.mentors[:10]]
    with session_scope(engine_of(api)) as session:
        tokens = [repo.issue_feed_token(session, k, i, scenario_id) for k, i in people]
    shown = 0
    for (kind, who), token in zip(people, tokens, strict=True):
        page = api.get(f"/me/{token}")
        assert page.status_code == 200
        mine = resolve(scenario, FeedSubject(kind, who)).mentor_ids  # type: ignore[arg-type]
        own = _founders_contacts(scenario, plan, set(mine))
        assert leaks(page.text, values - own) == [], (kind, who)
        shown += len(leaks(page.text, own))
    # The mentors' own founders' phones are there: what a visit needs.
    assert shown > 0
