"""Hard rule 6 of the spec, per visit and per request: when, by whom, how often."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from trainsched.checker.context import PlanContext
from trainsched.checker.model import Finding


def visit_working_day(ctx: PlanContext) -> Iterator[Finding]:
    """A mentor visit falls on a working day of the horizon."""
    for pv in ctx.placed_visits:
        v = pv.visit
        if not ctx.calendar.is_working(v.date):
            yield Finding(
                f"visit to {v.request} by {v.mentor} on {v.date} is not on a working day",
                (v.request, v.mentor),
            )


def visit_in_window(ctx: PlanContext) -> Iterator[Finding]:
    """A mentor visit falls within the request's from..to window."""
    for pv in ctx.placed_visits:
        v, r = pv.visit, pv.request
        if not r.start <= v.date <= r.end:
            yield Finding(
                f"visit to {v.request} by {v.mentor} on {v.date} is outside the request's "
                f"window {r.start}..{r.end}",
                (v.request, v.mentor),
            )


def mentor_topic(ctx: PlanContext) -> Iterator[Finding]:
    """The visiting mentor has the expertise the entrepreneur asked for."""
    for pv in ctx.placed_visits:
        v, topic = pv.visit, pv.request.topic
        if topic not in pv.mentor.expertise:
            yield Finding(
                f"mentor {v.mentor} visits {v.request} on {v.date} without expertise in {topic}",
                (v.mentor, v.request),
            )


def mentor_available(ctx: PlanContext) -> Iterator[Finding]:
    """The visiting mentor is available on the day of the visit."""
    for pv in ctx.placed_visits:
        v = pv.visit
        if v.date in ctx.mentor_unavailable[v.mentor]:
            yield Finding(
                f"mentor {v.mentor} is unavailable on {v.date} but visits {v.request}",
                (v.mentor, v.request),
            )


def visit_min_gap(ctx: PlanContext) -> Iterator[Finding]:
    """Visits to one entrepreneur are at least min_gap_days apart, and never two on one day."""
    for rid, visits in ctx.request_visits.items():
        need = max(ctx.requests[rid].min_gap_days, 1)
        days = sorted(v.date for v in visits)
        for a, b in pairwise(days):
            gap = (b - a).days
            if gap == 0:
                yield Finding(f"request {rid} gets two visits on the same day {a}", (rid,))
            elif gap < need:
                yield Finding(
                    f"visits to {rid} on {a} and {b} are {gap} days apart, at least {need} needed",
                    (rid,),
                )


def visit_count_not_exceeded(ctx: PlanContext) -> Iterator[Finding]:
    """An entrepreneur gets no more visits than they asked for."""
    for rid, visits in ctx.request_visits.items():
        asked = ctx.requests[rid].visits
        if len(visits) > asked:
            yield Finding(f"request {rid} gets {len(visits)} visits but asked for {asked}", (rid,))
