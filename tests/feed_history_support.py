"""Shared by the calendar-feed tests: the feed test city's plan, its feeds and their history."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from icalendar import Calendar

from tests.factories import feed_plan_doc, feed_scenario_doc
from trainsched.feeds import (
    FeedBuild,
    FeedHistory,
    FeedSubject,
    advance_for_plan,
    build_feed,
    scenario_slug,
)
from trainsched.formats import Plan, Scenario, parse_scenario

T0 = dt.datetime(2027, 2, 1, 8, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2027, 2, 10, 8, 0, tzinfo=dt.UTC)
BASE = "https://px.example.cn"
SCENARIO: Scenario = parse_scenario(feed_scenario_doc())


def plan(**changes: Any) -> Plan:
    """The feed test plan with some cohorts or visits replaced."""
    doc = copy.deepcopy(feed_plan_doc())
    doc["cohorts"] = [c for c in doc["cohorts"] if changes.get(c["id"]) != "drop"]
    for cohort in doc["cohorts"]:
        cohort.update(changes.get(cohort["id"], {}))
    if "visits" in changes:
        doc["visits"] = changes["visits"]
    return Plan.model_validate(doc)


def uid(kind_id: str) -> str:
    return f"{scenario_slug('Feed Test City')}-{kind_id}@trainsched"


def feed(p: Plan, subject: FeedSubject, history: FeedHistory, now: dt.datetime) -> FeedBuild:
    return build_feed(SCENARIO, p, subject, history=history, base_url=BASE, now=now)


def seen(build: FeedBuild) -> dict[str, tuple[int, str]]:
    """UID -> (SEQUENCE, STATUS) of every event in a feed."""
    cal = Calendar.from_ical(build.body)
    return {str(e["UID"]): (int(e["SEQUENCE"]), str(e["STATUS"])) for e in cal.walk("VEVENT")}


def publish_twice(second: Plan, at: dt.datetime = T1) -> FeedHistory:
    first = advance_for_plan(None, SCENARIO, plan(), T0)
    return advance_for_plan(first, SCENARIO, second, at)
