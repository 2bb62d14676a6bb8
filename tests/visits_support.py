"""Shared by the mentor-visit tests: a tiny scenario solved for visits, and what to read off it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests import factories as f
from trainsched.checker import check_plan
from trainsched.formats import Message, Scenario
from trainsched.solver.options import SolveOptions
from trainsched.solver.visits import VisitResult, solve_visits
from trainsched.workcal import scenario_calendar

OPTS = SolveOptions(time_limit_s=5, workers=1, seed=1)
D = dt.date


def solve(teaching: dict[str, frozenset[dt.date]] | None = None, **kw: Any) -> VisitResult:
    """Solve the visits of a scenario without cohorts; every plan must pass the checker."""
    s: Scenario = f.scenario(cohorts=[], funds=[], **kw)
    res = solve_visits(s, scenario_calendar(s), teaching or {}, OPTS)
    assert check_plan(s, f.visits_only_plan(s, res)) == []
    return res


def why(res: VisitResult, k: int = 0) -> Message:
    """The reason of the k-th request short of visits; the plan's reason is its Chinese half."""
    short = res.unscheduled[k]
    assert short.reason == res.reasons[short.request].zh
    return res.reasons[short.request]


def days(res: VisitResult, request: str = "Q01") -> list[dt.date]:
    return sorted(v.date for v in res.visits if v.request == request)
