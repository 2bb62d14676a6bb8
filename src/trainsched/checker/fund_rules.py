"""Hard rule 5 of the spec: what each class costs, which fund pays, and no fund overspent."""

from __future__ import annotations

from collections.abc import Iterator

from trainsched.checker.context import Placed, PlanContext
from trainsched.checker.model import Finding


def cohort_cost(ctx: PlanContext, p: Placed) -> int:
    """Subsidy owed for a class: course subsidy per trainee × trainees in subsidised groups."""
    groups = ctx.scenario.groups
    subsidised = sum(
        n for g, n in p.cohort.trainees.items() if g in groups and groups[g].subsidised
    )
    return p.course.subsidy_per_trainee * subsidised


def fund_charges(ctx: PlanContext) -> dict[str, int]:
    """Fund id → yuan charged to it by this plan (every fund listed, unused ones at 0)."""
    used = {f.id: 0 for f in ctx.scenario.funds}
    for p in ctx.placed_once:
        fund = ctx.fund_for(p.cohort.region, p.first_day)
        if fund is not None:
            used[fund.id] += cohort_cost(ctx, p)
    return used


def fund_not_overspent(ctx: PlanContext) -> Iterator[Finding]:
    """The subsidies charged to a fund add up to no more than its amount."""
    used = fund_charges(ctx)
    for fund in ctx.scenario.funds:
        if used[fund.id] > fund.amount:
            yield Finding(
                f"fund {fund.id} is charged {used[fund.id]} yuan but holds {fund.amount}",
                (fund.id,),
            )
