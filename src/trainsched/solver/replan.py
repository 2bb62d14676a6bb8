"""Re-planning classes after a change: keep what still holds, re-solve only what it broke."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence

from trainsched.formats import Message, Plan, Scenario
from trainsched.formats.readable import day as readable_day
from trainsched.solver.changes import ADDS_ROOM, Change, CohortAdded, CohortWithdrawn
from trainsched.solver.context import Context
from trainsched.solver.greedy import by_value_density, greedy
from trainsched.solver.options import Progress, RunControl, SolveOptions
from trainsched.solver.pins import RULE_7
from trainsched.solver.problem import CohortP, Problem, build_problem
from trainsched.solver.residual import Placement
from trainsched.solver.result import ClassChanges, SolveResult, placements_of
from trainsched.solver.search import solve_part
from trainsched.solver.solve import keep_valid, result_of
from trainsched.workcal import scenario_calendar

# How a pin broken by a pinned trainer away, or the pinned venue closed, on one of the class's
# days is said: the rule it breaks, with the class, the resource and the first such day.
_TRAINER_AWAY = (
    "班{cohort}固定讲师{name}在{day}不可用（规则3：讲师每天可用）",
    "cohort {cohort} is pinned to trainer {name}, who is unavailable on {day} "
    "(rule 3: trainers available on every day)",
)
_VENUE_CLOSED = (
    "班{cohort}固定场地{name}在{day}关闭（规则2：场地每天可用）",
    "cohort {cohort} is pinned to venue {name}, which is closed on {day} "
    "(rule 2: venue available on every day)",
)


def _pinned_resource_off(problem: Problem, c: CohortP) -> Message | None:
    """The first pinned trainer away, else the pinned venue closed, during the pinned days."""
    block = range(c.starts[0], c.starts[0] + c.length)
    pinned = [
        *(
            (_TRAINER_AWAY, problem.trainers[t].name, problem.trainers[t].away)
            for t in c.pinned_trainers
        ),
        *((_VENUE_CLOSED, problem.venues[v].name, problem.venues[v].closed) for v in c.venues),
    ]
    for (zh, en), name, off in pinned:
        first = next((d for d in block if d in off), None)
        if first is not None:
            day = readable_day(problem.days[first])
            return Message(
                zh.format(cohort=c.id, name=name, day=day.zh),
                en.format(cohort=c.id, name=name, day=day.en),
            )
    return None


def _pin_conflict(problem: Problem, ci: int) -> Message:
    """Name the pin that can no longer be kept and the rule it would break."""
    c = problem.cohorts[ci]
    if c.pin_problem is not None:
        why = c.pin_problem
        if why.en.endswith(RULE_7.en):
            return Message(f"{c.id}: {why.zh}", f"{c.id}: {why.en}")
        return Message(f"{c.id}: {why.zh}（规则1/3）", f"{c.id}: {why.en} (rule 1/3)")
    if len(c.starts) == 1 and (off := _pinned_resource_off(problem, c)) is not None:
        return off
    return Message(
        f"班{c.id}的固定安排已无法保留（规则4：固定部分须保留）",
        f"the pinned parts of cohort {c.id} can no longer be kept (rule 4: pinned parts are kept)",
    )


def replan_cohorts(
    changed: Scenario,
    previous: Plan,
    changes: Sequence[Change],
    options: SolveOptions,
    run: RunControl,
) -> SolveResult:
    """Keep every previous class that still holds in ``changed``, re-solve only the rest.

    ``changed`` is the scenario with ``changes`` already applied (and validated) once.
    """
    started = time.monotonic()
    cal = scenario_calendar(changed)
    problem = build_problem(changed, cal)
    prev = placements_of(problem, previous)
    kept = keep_valid(problem, prev)
    added = {c.cohort.id for c in changes if isinstance(c, CohortAdded)}
    ids = problem.cohort_by_id()
    free = sorted({c for c in prev if c not in kept} | {ids[i] for i in added if i in ids})
    if any(isinstance(c, ADDS_ROOM) for c in changes):
        # More trainers, rooms, money or time may place a class the previous plan left out.
        # (Only those that can start at all, as in a whole solve.)
        retry = (
            c.index
            for c in problem.cohorts
            if c.index not in prev and c.pin_problem is None and c.starts
        )
        free = sorted({*free, *retry})
    must = frozenset(c.index for c in problem.cohorts if c.pinned and c.pin_problem is None)
    ctx = Context(
        problem,
        options,
        must,
        prev,
        dict(changed.weights),
        started + options.time_limit_s,
        run.stop,
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
    diff = result.diff or ClassChanges()
    diff = dataclasses.replace(diff, dropped=sorted([*diff.dropped, *withdrawn]))
    conflicts = [
        _pin_conflict(problem, c)
        for c in sorted(must | {c.index for c in problem.cohorts if c.pinned})
        if c not in a
    ]
    run.report(Progress(time.monotonic() - started, result.value, None, "done"))
    return dataclasses.replace(result, diff=diff, conflicts=conflicts)
