"""Property: on random small scenarios every visit plan (solver and greedy) passes the checker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories as f
from trainsched.checker import check_plan, served_value
from trainsched.solver.options import SolveOptions
from trainsched.solver.visits import greedy_visits, solve_visits
from trainsched.workcal import scenario_calendar

OPTS = SolveOptions(time_limit_s=2, workers=1, seed=1)
FIRST = dt.date(2027, 3, 1)
TOPICS = ("ecommerce", "finance", "catering")


@st.composite
def mentors(draw: st.DrawFn, idx: int) -> dict[str, Any]:
    extra: dict[str, Any] = {
        "lat": 30 + draw(st.floats(-0.2, 0.2)),
        "lon": 120 + draw(st.floats(-0.2, 0.2)),
        "expertise": draw(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=2, unique=True)),
        "max_visits_per_day": draw(st.integers(1, 3)),
        "max_visits_per_week": draw(st.integers(1, 6)),
    }
    if draw(st.booleans()):
        extra["max_km_per_day"] = float(draw(st.integers(20, 90)))
    if draw(st.booleans()):
        start = FIRST + dt.timedelta(days=draw(st.integers(0, 50)))
        end = start + dt.timedelta(days=draw(st.integers(0, 9)))
        extra["unavailable"] = [{"from": start.isoformat(), "to": end.isoformat()}]
    if idx == 1:
        extra["trainer"] = "T01"
    return f.mentor(f"M{idx:02d}", **extra)


@st.composite
def requests(draw: st.DrawFn, idx: int) -> dict[str, Any]:
    start = FIRST + dt.timedelta(days=draw(st.integers(0, 55)))
    end = min(start + dt.timedelta(days=draw(st.integers(0, 40))), dt.date(2027, 4, 30))
    return f.visit_request(
        f"Q{idx:02d}",
        lat=30 + draw(st.floats(-0.3, 0.3)),
        lon=120 + draw(st.floats(-0.3, 0.3)),
        topic=draw(st.sampled_from(TOPICS)),
        visits=draw(st.integers(1, 4)),
        min_gap_days=draw(st.integers(0, 10)),
        priority=draw(st.integers(1, 3)),
        group=draw(st.sampled_from(["graduate", "migrant", "hardship", "other"])),
        **{"from": start.isoformat(), "to": end.isoformat()},
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, frozenset[dt.date]]]:
    n_m, n_r = draw(st.integers(1, 3)), draw(st.integers(1, 10))
    ms = [draw(mentors(i)) for i in range(1, n_m + 1)]
    rs = [draw(requests(i)) for i in range(1, n_r + 1)]
    taught = draw(st.sets(st.integers(0, 60), max_size=20))
    teaching = {"T01": frozenset(FIRST + dt.timedelta(days=d) for d in taught)}
    return {"mentors": ms, "visit_requests": rs}, teaching


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_every_visit_plan_passes_the_checker(case: Any) -> None:
    doc, teaching = case
    s = f.scenario(cohorts=[], funds=[], **doc)
    cal = scenario_calendar(s)
    for res in (solve_visits(s, cal, teaching, OPTS), greedy_visits(s, cal, teaching)):
        plan = f.visits_only_plan(s, res)
        assert check_plan(s, plan) == []
        assert served_value(s, plan) == res.value
        taught = teaching["T01"]
        assert not any(v.mentor == "M01" and v.date in taught for v in res.visits)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_solver_and_greedy_stay_within_the_proven_bound(case: Any) -> None:
    doc, teaching = case
    s = f.scenario(cohorts=[], funds=[], **doc)
    cal = scenario_calendar(s)
    best = solve_visits(s, cal, teaching, OPTS)
    base = greedy_visits(s, cal, teaching)
    assert best.bound is not None
    assert base.value <= best.bound
    assert best.value <= best.bound
