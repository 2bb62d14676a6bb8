"""Re-planning after a change: keep what still holds, re-solve only what the change broke."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import time
from dataclasses import dataclass

from trainsched.formats import Plan, Scenario, parse_scenario
from trainsched.formats.common import DateRange
from trainsched.formats.scenario import Cohort
from trainsched.solver.context import Context
from trainsched.solver.greedy import by_value_density, greedy
from trainsched.solver.options import Progress, ProgressSink, SolveOptions, StopFlag
from trainsched.solver.problem import Problem, build_problem
from trainsched.solver.residual import Placement
from trainsched.solver.result import PlanDiff, SolveResult, placements_of
from trainsched.solver.search import solve_part
from trainsched.solver.solve import keep_valid, result_of
from trainsched.workcal import scenario_calendar


@dataclass(frozen=True)
class TrainerUnavailable:
    """A trainer cannot teach from ``start`` to ``end`` (inclusive): illness, leave."""

    trainer: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class VenueClosed:
    """A venue is closed from ``start`` to ``end`` (inclusive)."""

    venue: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class CohortAdded:
    """A new class is requested."""

    cohort: Cohort


@dataclass(frozen=True)
class CohortWithdrawn:
    """A requested class is cancelled."""

    cohort_id: str


@dataclass(frozen=True)
class FundChanged:
    """A fund's amount is changed (a cut or a top-up)."""

    fund_id: str
    amount: int


Change = TrainerUnavailable | VenueClosed | CohortAdded | CohortWithdrawn | FundChanged


def apply_changes(scenario: Scenario, changes: list[Change]) -> Scenario:
    """The scenario with every change applied, validated again as a whole."""
    s = scenario
    for ch in changes:
        if isinstance(ch, TrainerUnavailable):
            gap = DateRange(start=ch.start, end=ch.end)
            ts = [
                t.model_copy(update={"unavailable": [*t.unavailable, gap]})
                if t.id == ch.trainer
                else t
                for t in s.trainers
            ]
            s = s.model_copy(update={"trainers": ts})
        elif isinstance(ch, VenueClosed):
            gap = DateRange(start=ch.start, end=ch.end)
            vs = [
                v.model_copy(update={"unavailable": [*v.unavailable, gap]})
                if v.id == ch.venue
                else v
                for v in s.venues
            ]
            s = s.model_copy(update={"venues": vs})
        elif isinstance(ch, CohortAdded):
            s = s.model_copy(update={"cohorts": [*s.cohorts, ch.cohort]})
        elif isinstance(ch, CohortWithdrawn):
            s = s.model_copy(update={"cohorts": [c for c in s.cohorts if c.id != ch.cohort_id]})
        else:
            fs = [
                f.model_copy(update={"amount": ch.amount}) if f.id == ch.fund_id else f
                for f in s.funds
            ]
            s = s.model_copy(update={"funds": fs})
    return parse_scenario(json.loads(s.to_json()))


def _pin_conflict(problem: Problem, ci: int) -> str:
    """Name the pin that can no longer be kept and the rule it would break."""
    c = problem.cohorts[ci]
    if c.pin_problem is not None:
        return f"{c.id}: {c.pin_problem}（规则1/3 rule 1/3）"
    if len(c.starts) == 1:
        s = c.starts[0]
        for t in c.pinned_trainers:
            away = sorted(d for d in problem.trainers[t].away if s <= d < s + c.length)
            if away:
                tid, day = problem.trainers[t].id, problem.days[away[0]]
                return (
                    f"班{c.id}固定讲师{tid}在{day}不可用（规则3：讲师每天可用） / cohort {c.id} is "
                    f"pinned to trainer {tid}, who is unavailable on {day} (rule 3: trainers "
                    f"available on every day)"
                )
        for v in c.venues:
            closed = sorted(d for d in problem.venues[v].closed if s <= d < s + c.length)
            if closed:
                vid, day = problem.venues[v].id, problem.days[closed[0]]
                return (
                    f"班{c.id}固定场地{vid}在{day}关闭（规则2：场地每天可用） / cohort {c.id} is "
                    f"pinned to venue {vid}, which is closed on {day} (rule 2: venue available "
                    f"on every day)"
                )
    return (
        f"班{c.id}的固定安排已无法保留（规则4：固定部分须保留） / the pinned parts of cohort "
        f"{c.id} can no longer be kept (rule 4: pinned parts are kept)"
    )


def replan(
    scenario: Scenario,
    previous: Plan,
    changes: list[Change],
    options: SolveOptions,
    *,
    on_progress: ProgressSink | None = None,
    stop: StopFlag | None = None,
) -> SolveResult:
    """Apply the changes, keep every previous class that still holds, re-solve only the rest."""
    started = time.monotonic()
    changed = apply_changes(scenario, changes)
    cal = scenario_calendar(changed)
    problem = build_problem(changed, cal)
    prev = placements_of(problem, previous)
    kept = keep_valid(problem, prev)
    added = {c.cohort.id for c in changes if isinstance(c, CohortAdded)}
    ids = problem.cohort_by_id()
    free = sorted({c for c in prev if c not in kept} | {ids[i] for i in added if i in ids})
    must = frozenset(c.index for c in problem.cohorts if c.pinned and c.pin_problem is None)
    ctx = Context(
        problem, options, must, prev, dict(changed.weights), started + options.time_limit_s, stop
    )
    a: dict[int, Placement] = greedy(problem, free, by_value_density, kept)
    if free:
        a = solve_part(ctx, free, a, options.time_limit_s)
    timings = {"replan_s": time.monotonic() - started}
    result = result_of(problem, a, None, prev, ctx.weights, timings, list(cal.warnings), "replan")
    withdrawn = sorted(
        c.cohort_id
        for c in changes
        if isinstance(c, CohortWithdrawn) and any(sc.id == c.cohort_id for sc in previous.cohorts)
    )
    diff = result.diff or PlanDiff()
    diff = dataclasses.replace(diff, dropped=sorted([*diff.dropped, *withdrawn]))
    conflicts = [
        _pin_conflict(problem, c)
        for c in sorted(must | {c.index for c in problem.cohorts if c.pinned})
        if c not in a
    ]
    if on_progress is not None:
        on_progress(Progress(time.monotonic() - started, result.value, None, "done"))
    return dataclasses.replace(result, diff=diff, conflicts=conflicts)
