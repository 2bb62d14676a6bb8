"""One solve for cohorts and mentor visits: classes first, then visits around the teaching days."""

from __future__ import annotations

import dataclasses
from typing import Any

from trainsched.formats.plan import Plan, PlanStatus
from trainsched.formats.scenario import Scenario
from trainsched.solver.options import ProgressSink, SolveOptions, StopFlag
from trainsched.solver.replan import Change, apply_changes
from trainsched.solver.replan import replan as replan_cohorts
from trainsched.solver.result import SolveResult, teaching_days
from trainsched.solver.solve import solve as solve_cohorts
from trainsched.solver.visits import solve_visits
from trainsched.workcal import scenario_calendar

# Visits solve in seconds even at province scale; classes get the larger share of the limit.
COHORT_SHARE = 0.85


def solve(
    scenario: Scenario,
    options: SolveOptions,
    *,
    previous: Plan | None = None,
    on_progress: ProgressSink | None = None,
    stop: StopFlag | None = None,
) -> SolveResult:
    """Place cohorts, then mentor visits that keep clear of every mentor's teaching days."""
    cohort_opts, visit_opts = _split(scenario, options)
    res = solve_cohorts(
        scenario, cohort_opts, previous=previous, on_progress=on_progress, stop=stop
    )
    return _with_visits(scenario, res, visit_opts, previous, on_progress, stop)


def replan(
    scenario: Scenario,
    previous: Plan,
    changes: list[Change],
    options: SolveOptions,
    *,
    on_progress: ProgressSink | None = None,
    stop: StopFlag | None = None,
) -> SolveResult:
    """Apply the changes and re-plan classes and visits, keeping what still holds."""
    changed = apply_changes(scenario, changes)
    cohort_opts, visit_opts = _split(changed, options)
    res = replan_cohorts(
        scenario, previous, changes, cohort_opts, on_progress=on_progress, stop=stop
    )
    return _with_visits(changed, res, visit_opts, previous, on_progress, stop)


def _split(scenario: Scenario, options: SolveOptions) -> tuple[SolveOptions, SolveOptions]:
    if not scenario.visit_requests:
        return options, options
    cohorts = options.time_limit_s * COHORT_SHARE
    visits = options.time_limit_s - cohorts
    return (
        dataclasses.replace(options, time_limit_s=cohorts),
        dataclasses.replace(options, time_limit_s=visits),
    )


def _with_visits(
    scenario: Scenario,
    res: SolveResult,
    options: SolveOptions,
    previous: Plan | None,
    on_progress: ProgressSink | None,
    stop: StopFlag | None,
) -> SolveResult:
    if not scenario.visit_requests:
        return res
    cal = scenario_calendar(scenario)
    v = solve_visits(
        scenario,
        cal,
        teaching_days(res.plan),
        options,
        previous=previous,
        on_progress=on_progress,
        stop=stop,
    )
    value = res.value + v.value
    bound = None if res.bound is None or v.bound is None else res.bound + v.bound
    status: PlanStatus = (
        "optimal" if res.status == "optimal" and v.status == "optimal" else "feasible"
    )
    extra: dict[str, Any] = dict(res.plan.x or {})
    extra["visit_score"] = v.scores
    extra["timings"] = {
        **extra.get("timings", {}),
        **{f"visits_{k}": t for k, t in v.timings.items()},
    }
    plan = res.plan.model_copy(
        update={
            "visits": v.visits,
            "unscheduled_visits": v.unscheduled,
            "objective": value,
            "bound": bound,
            "status": status,
            "x": extra,
        }
    )
    timings = {**res.timings, **{f"visits_{k}": t for k, t in v.timings.items()}}
    return dataclasses.replace(
        res, plan=plan, status=status, value=value, bound=bound, timings=timings
    )
