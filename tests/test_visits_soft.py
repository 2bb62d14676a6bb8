"""Km limit with the plan's order, reach, soft goals, re-planning and the greedy baseline."""

from __future__ import annotations

import datetime as dt

from tests import factories as f
from tests.visits_support import OPTS, days, solve, why
from trainsched.checker import check_plan
from trainsched.formats import Plan
from trainsched.geo import round_trip_km
from trainsched.solver.visits import greedy_visits, solve_visits
from trainsched.workcal import scenario_calendar

D = dt.date
ONE_DAY = {"from": "2027-03-01", "to": "2027-03-01"}
TWO_DAYS = {"from": "2027-03-01", "to": "2027-03-02"}


def test_km_limit_holds_with_the_given_order() -> None:
    # Three founders due north: only the out-and-back order fits 34 km (33.4 km).
    reqs = [
        f.visit_request(q, lat=lat, lon=120.0, **ONE_DAY)
        for q, lat in (("Q01", 30.15), ("Q02", 30.05), ("Q03", 30.10))
    ]
    res = solve(mentors=[f.mentor(max_km_per_day=34.0)], visit_requests=reqs)
    ordered = [v.request for v in sorted(res.visits, key=lambda v: v.order)]
    assert ordered in (["Q02", "Q03", "Q01"], ["Q01", "Q03", "Q02"])
    points = {"Q01": (30.15, 120.0), "Q02": (30.05, 120.0), "Q03": (30.10, 120.0)}
    assert round_trip_km((30.0, 120.0), [points[q] for q in ordered]) <= 34.0


def test_km_limit_broken() -> None:
    # East and west 20 km each: 40 km alone, 80 km together; the limit is 60 km.
    reqs = [
        f.visit_request("Q01", lon=120.2077, lat=30.0, **ONE_DAY),
        f.visit_request("Q02", lon=119.7923, lat=30.0, **ONE_DAY),
    ]
    res = solve(mentors=[f.mentor(max_km_per_day=60.0)], visit_requests=reqs)
    assert len(res.visits) == 1
    assert "km per day" in why(res).en


def test_km_limit_splits_the_day_when_the_window_allows() -> None:
    reqs = [
        f.visit_request("Q01", lon=120.2077, lat=30.0, **TWO_DAYS),
        f.visit_request("Q02", lon=119.7923, lat=30.0, **TWO_DAYS),
    ]
    res = solve(mentors=[f.mentor(max_km_per_day=60.0)], visit_requests=reqs)
    assert sorted(v.date for v in res.visits) == [D(2027, 3, 1), D(2027, 3, 2)]


def test_founder_out_of_reach_gets_the_reach_reason() -> None:
    res = solve(
        mentors=[f.mentor(max_km_per_day=150.0)],
        visit_requests=[f.visit_request(lat=31.0, lon=120.0)],
    )
    assert res.visits == []
    reason = why(res).en
    assert "no mentor with topic E-commerce within reach: 1 mentor with the topic" in reason
    assert "the nearest round trip is 222 km, over that mentor's daily limit of 150 km" in reason


def test_same_mentor_for_every_visit_of_a_founder() -> None:
    mentors = [f.mentor("M01"), f.mentor("M02", lat=30.001)]
    res = solve(mentors=mentors, visit_requests=[f.visit_request(visits=4, min_gap_days=5)])
    assert len(res.visits) == 4
    assert len({v.mentor for v in res.visits}) == 1
    assert res.scores["continuity_share"] == 1.0


def test_nearby_founders_share_a_day() -> None:
    reqs = [
        f.visit_request("Q01", lat=30.30, lon=120.00),
        f.visit_request("Q02", lat=30.30, lon=120.01),
        f.visit_request("Q03", lat=29.70, lon=120.00),
    ]
    res = solve(mentors=[f.mentor(max_visits_per_day=2)], visit_requests=reqs)
    assert days(res, "Q01") == days(res, "Q02")
    assert days(res, "Q03") != days(res, "Q01")


def test_visits_spread_over_the_window() -> None:
    req = f.visit_request(visits=2, **{"from": "2027-03-01", "to": "2027-04-30"})
    res = solve(mentors=[f.mentor()], visit_requests=[req])
    first, second = days(res)
    assert (second - first).days >= 25


def test_replan_keeps_visits_and_moves_those_of_an_ill_mentor() -> None:
    reqs = [f.visit_request("Q01", visits=2), f.visit_request("Q02", lat=30.2)]
    mentors = [f.mentor("M01"), f.mentor("M02", lat=30.2)]
    s = f.scenario(cohorts=[], funds=[], mentors=mentors, visit_requests=reqs)
    cal = scenario_calendar(s)
    first = solve_visits(s, cal, {}, OPTS)
    ill = next(v for v in first.visits if v.mentor == "M01")
    sick = f.mentor("M01", unavailable=[ill.date.isoformat()])
    s2 = f.scenario(cohorts=[], funds=[], mentors=[sick, mentors[1]], visit_requests=reqs)
    previous: Plan = f.visits_only_plan(s, first)
    again = solve_visits(s2, cal, {}, OPTS, previous=previous)
    assert check_plan(s2, f.visits_only_plan(s2, again)) == []
    before = {(v.request, v.date, v.mentor) for v in first.visits}
    after = {(v.request, v.date, v.mentor) for v in again.visits}
    assert before - after == {(ill.request, ill.date, ill.mentor)}
    assert len(after) == len(before)
    assert again.scores["kept_from_previous"] == len(before) - 1


def test_greedy_baseline_keeps_every_rule() -> None:
    reqs = [
        f.visit_request(f"Q{i:02d}", visits=3, min_gap_days=7, lat=30 + i / 100) for i in range(9)
    ]
    s = f.scenario(
        cohorts=[], funds=[], mentors=[f.mentor(max_visits_per_week=4)], visit_requests=reqs
    )
    res = greedy_visits(s, scenario_calendar(s), {})
    assert check_plan(s, f.visits_only_plan(s, res)) == []
    assert len(res.visits) == 27
