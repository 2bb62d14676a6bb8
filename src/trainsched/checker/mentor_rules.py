"""Hard rule 6 of the spec, per mentor: daily and weekly load, teaching days, daily travel."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from trainsched.checker.context import PlanContext, week_start
from trainsched.checker.model import Finding
from trainsched.geo import round_trip_km

KM_TOLERANCE = 1e-6  # float noise of the great-circle sum, far below any real limit


def mentor_day_cap(ctx: PlanContext) -> Iterator[Finding]:
    """A mentor makes no more visits a day than their daily limit."""
    for (mid, day), visits in ctx.mentor_day_visits.items():
        cap = ctx.mentors[mid].max_visits_per_day
        if len(visits) > cap:
            yield Finding(f"mentor {mid} makes {len(visits)} visits on {day}, limit {cap}", (mid,))


def mentor_week_cap(ctx: PlanContext) -> Iterator[Finding]:
    """A mentor makes no more visits in a Monday–Sunday week than their weekly limit."""
    per_week: Counter[tuple[str, dt.date]] = Counter()
    for (mid, day), visits in ctx.mentor_day_visits.items():
        per_week[(mid, week_start(day))] += len(visits)
    for (mid, monday), n in sorted(per_week.items()):
        cap = ctx.mentors[mid].max_visits_per_week
        if n > cap:
            sunday = monday + dt.timedelta(days=6)
            yield Finding(
                f"mentor {mid} makes {n} visits in the week {monday}..{sunday}, limit {cap}",
                (mid,),
            )


def mentor_teaching_that_day(ctx: PlanContext) -> Iterator[Finding]:
    """A mentor who is also a trainer makes no visit on a day they teach in this plan."""
    for (mid, day), visits in ctx.mentor_day_visits.items():
        trainer = ctx.mentors[mid].trainer
        if trainer is not None and day in ctx.trainer_days.get(trainer, set()):
            requests = tuple(pv.visit.request for pv in visits)
            yield Finding(
                f"mentor {mid} (trainer {trainer}) teaches on {day} but visits "
                f"{', '.join(requests)}",
                (mid, trainer, *requests),
            )


def mentor_km_limit(ctx: PlanContext) -> Iterator[Finding]:
    """A mentor's daily round trip home → visits in order → home is within their km limit."""
    for (mid, day), visits in ctx.mentor_day_visits.items():
        mentor = ctx.mentors[mid]
        if mentor.max_km_per_day is None:
            continue
        stops = [(pv.request.lat, pv.request.lon) for pv in visits]
        km = round_trip_km((mentor.lat, mentor.lon), stops)
        if km > mentor.max_km_per_day + KM_TOLERANCE:
            yield Finding(
                f"mentor {mid} travels {km:.2f} km on {day}, limit {mentor.max_km_per_day:g} km",
                (mid,),
            )
