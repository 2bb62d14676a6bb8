"""Plan consistency: the plan's own bookkeeping agrees with its scenario and its schedule."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator

from trainsched.checker.context import PlanContext
from trainsched.checker.fund_rules import fund_charges
from trainsched.checker.model import Finding
from trainsched.checker.value import plan_value
from trainsched.formats.validate import plan_problems


def scenario_name_matches(ctx: PlanContext) -> Iterator[Finding]:
    """A plan names the scenario it answers."""
    if ctx.plan.scenario != ctx.scenario.name:
        yield Finding(
            f"plan is for scenario {ctx.plan.scenario!r}, not {ctx.scenario.name!r}",
            (ctx.plan.scenario,),
        )


def references_resolve(ctx: PlanContext) -> Iterator[Finding]:
    """Every cohort, venue, trainer, mentor, request and fund a plan names exists."""
    for problem in plan_problems(ctx.plan, ctx.scenario):
        yield Finding(str(problem), (problem.path,))


def cohort_accounted_once(ctx: PlanContext) -> Iterator[Finding]:
    """Each requested cohort is either scheduled or listed as unscheduled, exactly once."""
    scheduled = Counter(c.id for c in ctx.plan.cohorts)
    unscheduled = Counter(u.id for u in ctx.plan.unscheduled_cohorts)
    for cohort in ctx.scenario.cohorts:
        s, u = scheduled[cohort.id], unscheduled[cohort.id]
        if s + u == 0:
            yield Finding(
                f"cohort {cohort.id} is neither scheduled nor listed as unscheduled", (cohort.id,)
            )
        elif s + u > 1:
            yield Finding(
                f"cohort {cohort.id} appears {s} time(s) scheduled and {u} time(s) unscheduled",
                (cohort.id,),
            )


def visit_order_sequence(ctx: PlanContext) -> Iterator[Finding]:
    """The visits of one mentor on one day are numbered 1, 2, … n with no gap or repeat."""
    orders: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    for v in ctx.plan.visits:
        orders[(v.mentor, v.date)].append(v.order)
    for (mentor, day), got in orders.items():
        if sorted(got) != list(range(1, len(got) + 1)):
            yield Finding(
                f"mentor {mentor}'s visits on {day} are numbered {sorted(got)}, "
                f"expected 1..{len(got)}",
                (mentor,),
            )


def fund_use_reported(ctx: PlanContext) -> Iterator[Finding]:
    """The plan lists every fund once, with what this plan charges to it and the fund's amount."""
    charged = fund_charges(ctx)
    listed = Counter(f.id for f in ctx.plan.funds)
    for fund in ctx.scenario.funds:
        if listed[fund.id] != 1:
            yield Finding(f"fund {fund.id} is listed {listed[fund.id]} times, not once", (fund.id,))
    for use in ctx.plan.funds:
        known = ctx.funds.get(use.id)
        if known is None:
            continue
        if use.used != charged[use.id]:
            yield Finding(
                f"fund {use.id} reports {use.used} yuan used, the plan charges {charged[use.id]}",
                (use.id,),
            )
        if use.amount != known.amount:
            yield Finding(
                f"fund {use.id} reports amount {use.amount}, the scenario says {known.amount}",
                (use.id,),
            )


def unscheduled_visits_reported(ctx: PlanContext) -> Iterator[Finding]:
    """Each request given fewer visits than asked is listed once, with how many are missing."""
    listed: dict[str, list[int]] = defaultdict(list)
    for u in ctx.plan.unscheduled_visits:
        listed[u.request].append(u.missing)
    for r in ctx.scenario.visit_requests:
        missing = max(r.visits - len(ctx.request_visits.get(r.id, [])), 0)
        expected = [missing] if missing else []
        if listed.get(r.id, []) != expected:
            got = ", ".join(str(m) for m in listed.get(r.id, [])) or "nothing"
            yield Finding(
                f"request {r.id} misses {missing} visit(s) but unscheduled_visits says {got}",
                (r.id,),
            )


def objective_matches(ctx: PlanContext) -> Iterator[Finding]:
    """The plan's objective is its served value as the spec defines it."""
    value = plan_value(ctx)
    if ctx.plan.objective != value:
        yield Finding(f"objective is {ctx.plan.objective} but the served value is {value}", ())


def bound_not_below_objective(ctx: PlanContext) -> Iterator[Finding]:
    """A claimed upper bound is at least the plan's own served value."""
    bound = ctx.plan.bound
    value = plan_value(ctx)
    if bound is not None and bound < value:
        yield Finding(f"bound {bound} is below the plan's served value {value}", ())
