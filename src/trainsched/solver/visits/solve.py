"""Mentor visits by decomposition: assign requests to mentors, place on days, repair."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from trainsched.formats.plan import Plan, PlanStatus
from trainsched.formats.scenario import Scenario
from trainsched.solver.options import UNWATCHED, Progress, RunControl, SolveOptions
from trainsched.solver.visits.assign import AssignWeights, assign
from trainsched.solver.visits.daysched import relocate_pass, schedule_mentor
from trainsched.solver.visits.greedy import greedy_visits
from trainsched.solver.visits.keep import keep_previous
from trainsched.solver.visits.problem import build_visit_problem
from trainsched.solver.visits.repair import eject, rehome, repair
from trainsched.solver.visits.result import VisitResult, build_result, value_bound
from trainsched.solver.visits.state import Schedule
from trainsched.workcal import WorkingCalendar

ASSIGN_SHARE = 0.25  # of the time limit for the assignment model
SCHEDULE_SHARE = 0.5  # for placing on days; the rest repairs and improves
SPREAD_KM_PER_DAY = 0.1  # default: a day of bunching costs as much as 100 m of travel


def _weights(scenario: Scenario) -> tuple[float, AssignWeights]:
    """Soft-goal weights, overridable by ``scenario.weights`` (see docs/solver.md (part 2))."""
    w = scenario.weights
    alpha = w.get("visit_spread", round(SPREAD_KM_PER_DAY * 10)) / 10
    fair = AssignWeights(fair_km_per_visit=w.get("visit_fair_load", 2))
    return alpha, fair


@dataclass(frozen=True)
class Tuning:
    """Which stages run: the benchmark turns them off one at a time to measure each."""

    assign_model: bool = True  # CP-SAT for contested requests; off: nearest mentor for all
    relocate: bool = True  # relocation moves after insertion
    eject: bool = True  # repair by moving or bumping visits


def solve_visits(
    scenario: Scenario,
    calendar: WorkingCalendar,
    teaching: Mapping[str, frozenset[dt.date]],
    options: SolveOptions,
    *,
    previous: Plan | None = None,
    run: RunControl = UNWATCHED,
) -> VisitResult:
    """Schedule mentor visits: most served value, then continuity, km, fair load and spread."""
    if options.method == "greedy":
        return greedy_visits(scenario, calendar, teaching, previous=previous, run=run)
    return solve_tuned(scenario, calendar, teaching, options, previous=previous, run=run)


def solve_tuned(
    scenario: Scenario,
    calendar: WorkingCalendar,
    teaching: Mapping[str, frozenset[dt.date]],
    options: SolveOptions,
    tuning: Tuning = Tuning(),  # frozen, so one shared default is safe
    *,
    previous: Plan | None = None,
    run: RunControl = UNWATCHED,
) -> VisitResult:
    """``solve_visits`` with chosen stages."""
    t0 = time.monotonic()
    deadline = t0 + options.time_limit_s
    timings: dict[str, float] = {}
    alpha, fair = _weights(scenario)

    def stopped() -> bool:
        return time.monotonic() > deadline or run.stop_asked()

    def mark(phase: str, since: float) -> float:
        now = time.monotonic()
        timings[f"{phase}_s"] = now - since
        run.report(Progress(now - t0, s.value(), bound, phase))
        return now

    prob = build_visit_problem(scenario, calendar, teaching)
    s = Schedule(prob)
    prefer = keep_previous(s, previous)
    bound = value_bound(s)
    t = mark("prepare", t0)
    todo = [r for r in range(len(prob.reqs)) if s.count(r) < prob.reqs[r].want]
    budget = ASSIGN_SHARE * options.time_limit_s if tuning.assign_model else 0.0
    chosen = assign(
        prob, budget, options.workers, options.seed, prefer, fair, only=todo, stop=run.stop
    )
    t = mark("assign", t)
    budget = SCHEDULE_SHARE * options.time_limit_s
    short = _schedule(s, chosen, alpha, budget, tuning.relocate, stopped)
    t = mark("schedule", t)
    rehome(s, short, alpha, stopped)
    touched = repair(s, alpha, stopped)
    if tuning.eject and eject(s, alpha, stopped):
        touched = set(range(len(prob.mentors)))
    for m in sorted(touched) if tuning.relocate else []:
        if stopped():
            break
        relocate_pass(s, m, alpha, deadline)
    t = mark("repair", t)
    timings["total_s"] = t - t0
    status: PlanStatus = "optimal" if s.value() == bound else "feasible"
    return build_result(s, status, bound, timings)


def _schedule(
    s: Schedule,
    chosen: Mapping[int, int],
    alpha: float,
    budget_s: float,
    relocate: bool,
    stopped: Callable[[], bool],
) -> list[int]:
    """Place each mentor's requests on days; returns the requests that did not fit whole."""
    by_mentor: dict[int, list[int]] = defaultdict(list)
    for r, m in chosen.items():
        by_mentor[m].append(r)
    slice_end = time.monotonic() + budget_s
    total = sum(len(v) for v in by_mentor.values()) or 1
    short: list[int] = []
    for m, reqs in sorted(by_mentor.items()):
        now = time.monotonic()
        end = (
            now if stopped() or not relocate else min(slice_end, now + budget_s * len(reqs) / total)
        )
        short += schedule_mentor(s, m, reqs, alpha, end)
    return short
