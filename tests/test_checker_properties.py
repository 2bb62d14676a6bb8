"""Properties: moving one part of a valid plan breaks exactly the rules the move should break."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.checker_world import Doc, broken_rules, violations, world

START, END = dt.date(2027, 3, 1), dt.date(2027, 4, 30)
# The world's scenario names no holidays: its working days are Monday to Friday.
WORKING = [
    START + dt.timedelta(days=i)
    for i in range((END - START).days + 1)
    if (START + dt.timedelta(days=i)).weekday() < 5
]
M01_VISIT_DAYS = {dt.date(2027, 3, 15), dt.date(2027, 3, 22)}  # M01 is trainer T03 of C02
T03_TEACHES = {dt.date(2027, 3, 8), dt.date(2027, 3, 9), dt.date(2027, 3, 10)}


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=len(WORKING) - 3))
def test_moving_a_class_to_any_working_block_breaks_only_what_it_should(first: int) -> None:
    s, p = world()
    block = WORKING[first : first + 3]
    p["cohorts"][1]["days"] = [d.isoformat() for d in block]  # C02: V02, T03 + T04
    expected = set()
    if (block[-1] - block[0]).days + 1 > 4:
        expected.add("max-span")
    if M01_VISIT_DAYS & set(block):
        expected.add("mentor-teaching-that-day")
    assert broken_rules(s, p) == expected


@settings(max_examples=80, deadline=None)
@given(st.dates(START, END).filter(lambda d: d != dt.date(2027, 3, 15)))
def test_moving_a_visit_to_any_day_breaks_only_what_it_should(day: dt.date) -> None:
    s, p = world()
    p["visits"][2]["date"] = day.isoformat()  # Q01's second visit; its first is on 03-15
    expected = set()
    if day.weekday() >= 5:
        expected.add("visit-working-day")
    if day == dt.date(2027, 3, 24):
        expected.add("mentor-available")
    if abs((day - dt.date(2027, 3, 15)).days) < 7:
        expected.add("visit-min-gap")
    if day in T03_TEACHES:
        expected.add("mentor-teaching-that-day")
    assert broken_rules(s, p) == expected


def _shuffled(p: Doc, data: st.DataObject) -> Doc:
    out = dict(p)
    for key in ("cohorts", "visits", "unscheduled_cohorts", "unscheduled_visits", "funds"):
        out[key] = data.draw(st.permutations(p[key]))
    return out


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_the_order_of_a_plans_lists_does_not_change_its_verdict(data: st.DataObject) -> None:
    s, p = world()
    # Break several rules at once, so the verdict being compared is not empty.
    p["cohorts"][1].update(venue="V01", days=["2027-03-02", "2027-03-03", "2027-03-04"])
    p["cohorts"][0]["trainers"] = ["T01", "T03"]
    p["visits"][2]["date"] = "2027-03-16"
    before = Counter((v.rule, frozenset(v.objects)) for v in violations(s, p))
    after = Counter((v.rule, frozenset(v.objects)) for v in violations(s, _shuffled(p, data)))
    assert after == before
    assert {r for r, _ in before} >= {"venue-one-class-a-day", "trainer-double-booked"}
