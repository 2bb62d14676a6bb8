"""Every demo-city feed parses with two parsers, matches the plan, keeps contacts private."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

import pytest
from icalendar import Calendar

from trainsched.feeds import FeedSubject, advance_for_plan, build_feed
from trainsched.feeds.history import FeedHistory
from trainsched.formats import Plan, Scenario, load_scenario
from trainsched.formats.common import ContactInfo
from trainsched.formats.plan import Visit
from trainsched.resources import fixture_path
from trainsched.solver import SolveOptions, solve

vobject = pytest.importorskip("vobject")

NOW = dt.datetime(2026, 12, 20, 2, 0, tzinfo=dt.UTC)
BASE = "https://px.example.cn"
CST = dt.timedelta(hours=8)


def some_visits(scenario: Scenario, count: int) -> list[Visit]:
    """Visits for the first requests, round-robin over the mentors of each topic.

    Feeds do not check the rules, so a plain spread over working weekdays is enough.
    """
    used: Counter[tuple[str, dt.date]] = Counter()
    out = []
    for n, request in enumerate(scenario.visit_requests[:count]):
        mentors = [m for m in scenario.mentors if request.topic in m.expertise]
        if not mentors:
            continue
        mentor = mentors[n % len(mentors)]
        day = request.start
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        used[(mentor.id, day)] += 1
        out.append(
            Visit(request=request.id, date=day, mentor=mentor.id, order=used[(mentor.id, day)])
        )
    return out


@pytest.fixture(scope="module")
def city() -> tuple[Scenario, Plan, FeedHistory]:
    scenario = load_scenario(fixture_path("demo-city.json"))
    solved = solve(scenario, SolveOptions(time_limit_s=10, method="greedy", workers=1)).plan
    plan = solved.model_copy(update={"visits": some_visits(scenario, 120)})
    assert plan.cohorts and plan.visits
    return scenario, plan, advance_for_plan(None, scenario, plan, NOW)


def subjects(scenario: Scenario) -> list[FeedSubject]:
    return (
        [FeedSubject.trainer(t.id) for t in scenario.trainers]
        + [FeedSubject.mentor(m.id) for m in scenario.mentors]
        + [FeedSubject.venue(v.id) for v in scenario.venues]
        + [FeedSubject.cohort(c.id) for c in scenario.cohorts]
        + [FeedSubject.district(r.id) for r in scenario.regions]
    )


def body(city: tuple[Scenario, Plan, FeedHistory], subject: FeedSubject) -> bytes:
    scenario, plan, history = city
    return build_feed(scenario, plan, subject, history=history, base_url=BASE, now=NOW).body


def flat(raw: bytes) -> str:
    """The feed text unfolded and without spaces, so split contact values still show."""
    return raw.decode("utf-8").replace("\r\n ", "").replace(" ", "")


def contact_values(contact: Any) -> list[str]:
    if contact is None:
        return []
    if isinstance(contact, ContactInfo):
        values = [contact.phone, contact.email]
        return [v.replace(" ", "") for v in values if v]
    return [str(contact).replace(" ", "")]


def test_every_feed_parses_with_icalendar_and_vobject(
    city: tuple[Scenario, Plan, FeedHistory],
) -> None:
    for subject in subjects(city[0]):
        raw = body(city, subject)
        ours = {str(e["UID"]): e.decoded("DTSTART") for e in Calendar.from_ical(raw).walk("VEVENT")}
        theirs = vobject.readOne(raw.decode("utf-8"))
        other = {e.uid.value: e.dtstart.value for e in getattr(theirs, "vevent_list", [])}
        assert ours == other, subject
        assert all(start.utcoffset() == CST for start in other.values()), subject


def test_class_feeds_match_the_plan(city: tuple[Scenario, Plan, FeedHistory]) -> None:
    scenario, plan, _ = city
    courses = {c.id: c for c in scenario.courses}
    cohorts = {c.id: c for c in scenario.cohorts}
    venues = {v.id: v for v in scenario.venues}
    names = {t.id: t.name for t in scenario.trainers}
    for scheduled in plan.cohorts:
        hours = courses[cohorts[scheduled.id].course].hours
        cal = Calendar.from_ical(body(city, FeedSubject.cohort(scheduled.id)))
        events = sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
        assert [e.decoded("DTSTART").date() for e in events] == sorted(scheduled.days)
        for event in events:
            assert event.decoded("DTSTART").strftime("%H:%M%z") == f"{hours.start}+0800"
            assert event.decoded("DTEND").strftime("%H:%M%z") == f"{hours.end}+0800"
            assert str(event["LOCATION"]).startswith(venues[scheduled.venue].name)
            for trainer in scheduled.trainers:
                assert names[trainer] in str(event["DESCRIPTION"])


def test_every_visit_is_in_its_mentors_diary_once(city: tuple[Scenario, Plan, FeedHistory]) -> None:
    plan = city[1]
    by_mentor: defaultdict[str, list[Visit]] = defaultdict(list)
    for visit in plan.visits:
        by_mentor[visit.mentor].append(visit)
    for mentor, visits in by_mentor.items():
        cal = Calendar.from_ical(body(city, FeedSubject.mentor(mentor)))
        found = [e for e in cal.walk("VEVENT") if "走访" in str(e["SUMMARY"])]
        assert sorted(e.decoded("DTSTART").date() for e in found) == sorted(v.date for v in visits)


def test_public_and_venue_feeds_have_no_contact_data(
    city: tuple[Scenario, Plan, FeedHistory],
) -> None:
    scenario = city[0]
    people = [*scenario.trainers, *scenario.mentors, *scenario.visit_requests]
    secrets = {v for p in people for v in contact_values(p.contact)}
    assert secrets
    for subject in subjects(scenario):
        if subject.kind in ("cohort", "district", "venue"):
            text = flat(body(city, subject))
            assert not [s for s in secrets if s in text], subject
            assert "走访" not in text, subject


def test_founder_contact_only_in_own_feed_holds(city: tuple[Scenario, Plan, FeedHistory]) -> None:
    scenario, plan, _ = city
    requests = {r.id: r for r in scenario.visit_requests}
    for visit in plan.visits:
        text = flat(body(city, FeedSubject.mentor(visit.mentor)))
        for value in contact_values(requests[visit.request].contact):
            assert value in text


def test_founder_contact_only_in_own_feed_broken(city: tuple[Scenario, Plan, FeedHistory]) -> None:
    scenario, plan, _ = city
    requests = {r.id: r for r in scenario.visit_requests}
    staff = {v for p in [*scenario.trainers, *scenario.mentors] for v in contact_values(p.contact)}
    for person in scenario.trainers:
        mentors = {m.id for m in scenario.mentors if m.trainer == person.id}
        theirs = {v.request for v in plan.visits if v.mentor in mentors}
        others = {
            value
            for rid, request in requests.items()
            if rid not in theirs
            for value in contact_values(request.contact)
        }
        text = flat(body(city, FeedSubject.trainer(person.id)))
        assert not [s for s in others | staff if s in text], person.id
