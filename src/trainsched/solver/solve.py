"""The cohort stage: greedy start, independent parts, exact or LNS search, bound, plan."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from trainsched.formats import Message
from trainsched.formats.plan import Plan, PlanStatus
from trainsched.formats.plan_text import warnings_extension
from trainsched.formats.scenario import Scenario
from trainsched.solver.boundjob import SEQUENTIAL_SHARE, BoundJob
from trainsched.solver.components import components
from trainsched.solver.context import Context, Report, score
from trainsched.solver.greedy import by_value_density, greedy, greedy_fill
from trainsched.solver.options import (
    UNWATCHED,
    PlanSink,
    Progress,
    RunControl,
    SolveOptions,
)
from trainsched.solver.problem import Problem, build_problem
from trainsched.solver.residual import Placement, Residual
from trainsched.solver.result import SolveResult, build_plan, class_changes, placements_of
from trainsched.solver.search import best_greedy, solve_part
from trainsched.solver.soft import breakdown
from trainsched.workcal import scenario_calendar

# A checkpoint plan is built at most this often.
PLAN_EVERY_S = 5.0
# Building one takes ~2 s at province scale (the reasons of every class left out): the next
# waits at least this many times as long, so checkpoints cost the search under a tenth.
PLAN_COST_FACTOR = 9.0


def solve_cohorts(
    scenario: Scenario,
    options: SolveOptions,
    *,
    previous: Plan | None = None,
    run: RunControl = UNWATCHED,
    on_plan: PlanSink | None = None,
    plan_every_s: float = PLAN_EVERY_S,
) -> SolveResult:
    """Place the scenario's cohorts; with ``previous``, prefer keeping its classes as they were.

    ``run`` follows and stops the search; ``on_plan`` receives the best plan so far at most
    every ``plan_every_s`` seconds.
    """
    started = time.monotonic()
    cal = scenario_calendar(scenario)
    problem = build_problem(scenario, cal)
    prev = placements_of(problem, previous) if previous is not None else {}
    timings = {"build_s": time.monotonic() - started}
    return solve_problem(
        problem, options, prev=prev, weights=dict(scenario.weights), started=started,
        timings=timings, warnings=list(cal.warnings), run=run,
        on_plan=on_plan, plan_every_s=plan_every_s,
    )  # fmt: skip


def keep_valid(problem: Problem, prev: dict[int, Placement]) -> dict[int, Placement]:
    """The previous placements that still keep every hard rule, kept in order of value."""
    res = Residual(problem)
    kept: dict[int, Placement] = {}
    for c in sorted(prev, key=lambda i: -problem.cohorts[i].value):
        co, pl = problem.cohorts[c], prev[c]
        region = problem.venues[pl.venue].region
        ok = (
            co.pin_problem is None
            and pl.start in co.starts
            and pl.venue in co.venues
            and len(pl.trainers) == co.required
            and set(co.pinned_trainers) <= set(pl.trainers)
            and all(t in co.trainers for t in pl.trainers)
            and res.venue_free(pl.venue, pl.start, co.length)
            and res.fund_allows(co, pl.start)
            and all(res.trainer_can(co, t, pl.start, region) for t in pl.trainers)
        )
        if ok:
            res.place(co, pl)
            kept[c] = pl
    return kept


def solve_problem(
    problem: Problem,
    options: SolveOptions,
    *,
    prev: dict[int, Placement],
    weights: dict[str, int],
    started: float,
    timings: dict[str, float],
    warnings: list[Message],
    run: RunControl,
    on_plan: PlanSink | None = None,
    plan_every_s: float = PLAN_EVERY_S,
) -> SolveResult:
    """Place the cohorts of an already built problem: greedy start, bound, search, plan."""
    deadline = started + options.time_limit_s
    if options.method == "greedy":
        a = greedy(problem, order=by_value_density)
        timings["greedy_s"] = time.monotonic() - started
        return result_of(problem, a, None, prev, weights, timings, warnings, "greedy")
    active = [c.index for c in problem.cohorts if c.pin_problem is None and c.starts]
    must = frozenset(c for c in active if problem.cohorts[c].pinned)
    ctx = Context(problem, options, must, prev, weights, deadline, run.stop)
    parts = components(problem, active)
    a = _start(ctx, parts, prev)
    timings["greedy_s"] = time.monotonic() - started
    value = sum(problem.cohorts[c].value for c in a)
    _emit(run, started, value, None, "greedy")
    job = BoundJob(problem, parts, options, deadline)
    if options.workers == 1:  # reproducible: the bound first, then the search
        job.run_now(options.time_limit_s * SEQUENTIAL_SHARE)
        _emit(run, started, value, sum(job.bounds()), "bound")
    else:  # the bound improves beside the search for as long as it runs
        job.start()
    timings["bound_s"] = time.monotonic() - started - timings["greedy_s"]

    checkpoint = _checkpoints(on_plan, plan_every_s, problem, prev, weights, warnings)

    def report(phase: str, served: int, best: dict[int, Placement]) -> None:
        # The search always holds the whole plan, so ``served`` covers every part.
        bound = sum(job.bounds())
        _emit(run, started, served, bound, phase)
        checkpoint(best, bound)

    ctx.report = report
    try:
        a, proven = _search(ctx, parts, a, report)
    finally:
        job.stop()  # winds down while the plan is finished
    a = _fill(problem, a)
    bounds = job.finish()
    bounds = [min(b, proven.get(k, b)) for k, b in enumerate(bounds)]
    bound = max(sum(bounds), sum(problem.cohorts[c].value for c in a))
    timings["search_s"] = time.monotonic() - started - timings["greedy_s"] - timings["bound_s"]
    _emit(run, started, sum(problem.cohorts[c].value for c in a), bound, "done")
    return result_of(problem, a, bound, prev, weights, timings, warnings, "cpsat")


def _search(
    ctx: Context, parts: list[list[int]], a: dict[int, Placement], emit: Report
) -> tuple[dict[int, Placement], dict[int, int]]:
    """Improve every part in turn; returns the plan and the served value of proven parts."""
    problem = ctx.problem
    proven: dict[int, int] = {}
    for k, part in enumerate(parts):
        left = max(ctx.left(), 0.0)
        share = left * len(part) / max(sum(len(p) for p in parts[k:]), 1)
        if ctx.stopped():
            break
        new = solve_part(ctx, part, a, share)
        if score(ctx, new) >= score(ctx, a):
            a = new
        if ctx.optimal.get(part[0]):
            proven[k] = sum(problem.cohorts[c].value for c in part if c in a)
        emit(f"part {k + 1}", sum(problem.cohorts[c].value for c in a), a)
    return a, proven


def _start(
    ctx: Context, parts: list[list[int]], prev: dict[int, Placement]
) -> dict[int, Placement]:
    """The incumbent: per part, the better of the best greedy and the repaired previous plan."""
    kept = keep_valid(ctx.problem, prev)
    a: dict[int, Placement] = {}
    for part in parts:
        fresh = best_greedy(ctx.problem, part, {})
        if kept:
            mine = {c: p for c, p in kept.items() if c in set(part)}
            repaired = greedy(ctx.problem, part, by_value_density, mine)
            if score(ctx, repaired) >= score(ctx, fresh):
                fresh = repaired
        a.update(fresh)
    return a


def _fill(problem: Problem, a: dict[int, Placement]) -> dict[int, Placement]:
    """Add any class that still fits as is: a plan never leaves free value on the table."""
    res = Residual.of(problem, a)
    out = dict(a)
    order = sorted(
        (c.index for c in problem.cohorts if c.index not in a),
        key=lambda i: -problem.cohorts[i].value,
    )
    out.update(greedy_fill(problem, res, order, out))
    return out


def _checkpoints(
    sink: PlanSink | None,
    every_s: float,
    problem: Problem,
    prev: dict[int, Placement],
    weights: dict[str, int],
    warnings: list[Message],
) -> Callable[[dict[int, Placement], int], None]:
    """Hands the best placement so far to ``sink`` as a plan: the first at once, then each
    ``every_s`` seconds, or less often when building a plan is slow (a job keeps it, so a
    crash loses little of a long search)."""
    due = [time.monotonic()]

    def checkpoint(a: dict[int, Placement], bound: int) -> None:
        began = time.monotonic()
        if sink is None or began < due[0]:
            return
        value = sum(problem.cohorts[c].value for c in a)
        res = result_of(problem, a, max(bound, value), prev, weights, {}, warnings, "cpsat")
        cost = time.monotonic() - began
        due[0] = began + max(every_s, PLAN_COST_FACTOR * cost)
        sink(res.plan)

    return checkpoint


def _emit(run: RunControl, started: float, value: int, bound: int | None, phase: str) -> None:
    run.report(Progress(time.monotonic() - started, value, bound, phase))


def _provisional_years(problem: Problem, a: dict[int, Placement]) -> list[int]:
    # Every day of the plan in a year without its official notice is provisional.
    if not problem.provisional_years:
        return []
    years = {
        day.year
        for ci, p in a.items()
        for day in problem.block_dates(p.start, problem.cohorts[ci].length)
    }
    return sorted(years & set(problem.provisional_years))


def result_of(
    problem: Problem,
    a: dict[int, Placement],
    bound: int | None,
    prev: dict[int, Placement],
    weights: dict[str, int],
    timings: dict[str, float],
    warnings: list[Message],
    method: str,
) -> SolveResult:
    value = sum(problem.cohorts[c].value for c in a)
    status: PlanStatus = "optimal" if bound is not None and value >= bound else "feasible"
    extra: dict[str, Any] = {
        "method": method,
        "score": breakdown(problem, a, prev, weights),
        "timings": timings,
        "warnings": warnings_extension(warnings),
    }
    provisional = _provisional_years(problem, a)
    if provisional:
        extra["provisional_years"] = provisional
    plan = build_plan(problem, a, status=status, bound=bound, extra=extra)
    diff = class_changes(problem, prev, a) if prev else None
    return SolveResult(plan, status, value, bound, timings, warnings, diff)
