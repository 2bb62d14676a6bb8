"""The spec's served value: how much good a plan does for the key groups."""

from __future__ import annotations

from trainsched.checker.context import PlanContext


def cohort_value(ctx: PlanContext) -> int:
    """Σ over scheduled cohorts of priority × Σ_groups(head count × group weight)."""
    groups = ctx.scenario.groups
    total = 0
    for p in ctx.placed_once:
        weighted = sum(n * groups[g].weight for g, n in p.cohort.trainees.items() if g in groups)
        total += p.cohort.priority * weighted
    return total


def visit_value(ctx: PlanContext) -> int:
    """Σ over assigned visits of request priority × weight of the request's group."""
    groups = ctx.scenario.groups
    total = 0
    for visits in ctx.request_visits.values():
        request = ctx.requests[visits[0].request]
        group = groups.get(request.group)
        if group is not None:
            total += len(visits) * request.priority * group.weight
    return total


def plan_value(ctx: PlanContext) -> int:
    """The served value of the plan (cohorts plus visits)."""
    return cohort_value(ctx) + visit_value(ctx)
