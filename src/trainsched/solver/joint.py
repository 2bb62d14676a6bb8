"""One solve for cohorts and mentor visits: classes first, then visits around the teaching days."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from trainsched.formats.plan import Plan, PlanStatus, UnscheduledVisits
from trainsched.formats.plan_text import cohort_reasons, reasons_extension
from trainsched.formats.scenario import Scenario
from trainsched.solver.changes import Change, apply_changes
from trainsched.solver.options import PlanSink, ProgressSink, RunControl, SolveOptions, StopFlag
from trainsched.solver.replan import replan_cohorts
from trainsched.solver.result import SolveResult, teaching_days
from trainsched.solver.solve import PLAN_EVERY_S, solve_cohorts
from trainsched.solver.visits import solve_visits
from trainsched.workcal import scenario_calendar

# Visits solve in seconds even at province scale; classes get the larger share of the limit.
COHORT_SHARE = 0.85
# Why a checkpoint taken while classes are placed has no visits (a plan's reasons are Chinese).
VISITS_NOT_YET = "求解在安排导师走访之前停止：走访尚未安排"


@dataclass(frozen=True)
class Replanned:
    """A re-plan: the scenario with the changes applied (validated once) and the new plan."""

    scenario: Scenario
    result: SolveResult


def stage_options(scenario: Scenario, options: SolveOptions) -> tuple[SolveOptions, SolveOptions]:
    """The options of the cohort stage and of the visit stage: each its share of the limit."""
    if not scenario.visit_requests:
        return options, options
    cohorts = options.time_limit_s * COHORT_SHARE
    visits = options.time_limit_s - cohorts
    return (
        dataclasses.replace(options, time_limit_s=cohorts),
        dataclasses.replace(options, time_limit_s=visits),
    )


def solve(
    scenario: Scenario,
    options: SolveOptions,
    *,
    previous: Plan | None = None,
    on_progress: ProgressSink | None = None,
    stop: StopFlag | None = None,
    on_plan: PlanSink | None = None,
    plan_every_s: float = PLAN_EVERY_S,
) -> SolveResult:
    """Place cohorts, then mentor visits that keep clear of every mentor's teaching days.

    ``on_plan`` receives the best plan so far at most every ``plan_every_s`` seconds while
    classes are placed; its visits are all listed as not placed yet.
    """
    cohort_opts, _ = stage_options(scenario, options)
    checkpoint = None if on_plan is None else _without_visits(scenario, on_plan)
    res = solve_cohorts(
        scenario, cohort_opts, previous=previous, run=RunControl(on_progress, stop),
        on_plan=checkpoint, plan_every_s=plan_every_s,
    )  # fmt: skip
    return add_visits(scenario, res, options, previous=previous, on_progress=on_progress, stop=stop)


def _without_visits(scenario: Scenario, sink: PlanSink) -> PlanSink:
    """A sink of class plans that hands on whole plans: every visit listed as not placed yet."""
    missing = [
        UnscheduledVisits(request=r.id, missing=r.visits, reason=VISITS_NOT_YET)
        for r in scenario.visit_requests
        if r.visits > 0
    ]

    def whole(plan: Plan) -> None:
        sink(plan.model_copy(update={"visits": [], "unscheduled_visits": missing}))

    return whole


def replan_changes(
    scenario: Scenario,
    previous: Plan,
    changes: Sequence[Change],
    options: SolveOptions,
    *,
    on_progress: ProgressSink | None = None,
    stop: StopFlag | None = None,
) -> Replanned:
    """Apply the changes once (FormatError when they break the scenario), then re-plan classes
    and visits keeping what still holds; the changed scenario comes back with the plan."""
    changed = apply_changes(scenario, changes)
    cohort_opts, _ = stage_options(changed, options)
    res = replan_cohorts(changed, previous, changes, cohort_opts, RunControl(on_progress, stop))
    res = add_visits(changed, res, options, previous=previous, on_progress=on_progress, stop=stop)
    return Replanned(changed, res)


def add_visits(
    scenario: Scenario,
    classes: SolveResult,
    options: SolveOptions,
    *,
    previous: Plan | None = None,
    on_progress: ProgressSink | None = None,
    stop: StopFlag | None = None,
) -> SolveResult:
    """Join mentor visits to a plan of classes, within the visit stage's share of ``options``.

    The visits keep clear of the classes' teaching days; value, bound, status, timings and
    the plan's reasons become those of the whole plan.
    """
    if not scenario.visit_requests:
        return classes
    _, visit_opts = stage_options(scenario, options)
    v = solve_visits(
        scenario,
        scenario_calendar(scenario),
        teaching_days(classes.plan),
        visit_opts,
        previous=previous,
        run=RunControl(on_progress, stop),
    )
    value = classes.value + v.value
    bound = None if classes.bound is None or v.bound is None else classes.bound + v.bound
    status: PlanStatus = (
        "optimal" if classes.status == "optimal" and v.status == "optimal" else "feasible"
    )
    visit_timings = {f"visits_{k}": t for k, t in v.timings.items()}
    extra: dict[str, Any] = dict(classes.plan.x or {})
    extra["visit_score"] = v.scores
    extra["timings"] = {**extra.get("timings", {}), **visit_timings}
    extra["reasons"] = reasons_extension(cohort_reasons(classes.plan), v.reasons)
    plan = classes.plan.model_copy(
        update={
            "visits": v.visits,
            "unscheduled_visits": v.unscheduled,
            "objective": value,
            "bound": bound,
            "status": status,
            "x": extra,
        }
    )
    timings = {**classes.timings, **visit_timings}
    return dataclasses.replace(
        classes, plan=plan, status=status, value=value, bound=bound, timings=timings
    )
