"""The coordinator-style baseline: by priority, nearest mentor with the topic, earliest days."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping

from trainsched.formats.plan import Plan
from trainsched.formats.scenario import Scenario
from trainsched.solver.options import UNWATCHED, Progress, RunControl
from trainsched.solver.visits.keep import keep_previous
from trainsched.solver.visits.problem import build_visit_problem
from trainsched.solver.visits.result import VisitResult, build_result, served_value
from trainsched.solver.visits.state import Schedule
from trainsched.workcal import WorkingCalendar


def place_earliest(s: Schedule, r: int, m: int, count: int) -> list[int]:
    """Put up to ``count`` visits of ``r`` with ``m`` on the earliest days that keep the rules."""
    placed: list[int] = []
    for d in s.prob.window(r):
        if len(placed) >= count:
            break
        if s.can_place(r, m, d):
            s.place(r, m, d)
            placed.append(d)
    return placed


def _serve(s: Schedule, r: int) -> None:
    need = s.prob.reqs[r].want - s.count(r)
    best: tuple[int, int] | None = None  # (visits that fit, mentor)
    for m, _ in s.prob.cands[r]:
        days = place_earliest(s, r, m, need)
        for d in days:
            s.remove(r, m, d)
        if len(days) == need:
            best = (need, m)
            break
        if days and (best is None or len(days) > best[0]):
            best = (len(days), m)
    if best is None:
        return
    place_earliest(s, r, best[1], need)
    for m, _ in s.prob.cands[r]:
        missing = s.prob.reqs[r].want - s.count(r)
        if missing <= 0:
            break
        place_earliest(s, r, m, missing)


def greedy_visits(
    scenario: Scenario,
    calendar: WorkingCalendar,
    teaching: Mapping[str, frozenset[dt.date]],
    *,
    previous: Plan | None = None,
    run: RunControl = UNWATCHED,
) -> VisitResult:
    """Serve requests by priority × weight, each by its nearest mentor with room, earliest days."""
    t0 = time.monotonic()
    prob = build_visit_problem(scenario, calendar, teaching)
    s = Schedule(prob)
    keep_previous(s, previous)
    for req in sorted(prob.reqs, key=lambda q: (-q.weight, q.idx)):
        if run.stop_asked():
            break
        _serve(s, req.idx)
    elapsed = time.monotonic() - t0
    run.report(Progress(elapsed, served_value(s), None, "greedy"))
    return build_result(s, "feasible", None, {"total_s": elapsed})
