"""Hard rules 1, 2 and 4 of the spec: a class's days, its venue, and what was pinned."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from trainsched.checker.context import Placed, PlanContext, dates_text, day_clashes
from trainsched.checker.model import Finding
from trainsched.workcal import WorkingCalendar


def _days_problem(cal: WorkingCalendar, p: Placed) -> str | None:
    days = sorted(p.entry.days)
    if len(set(days)) != len(days):
        return "lists the same day twice"
    if len(days) != p.course.days:
        return f"has {len(days)} teaching days but course {p.course.id} takes {p.course.days}"
    idle = [d for d in days if not cal.is_working(d)]
    if idle:
        return f"is taught on non-working day(s) {dates_text(idle)}"
    for a, b in pairwise(days):
        ia = cal.index_of(a)
        if ia is not None and cal.days[ia + 1] != b:
            return f"skips working day {cal.days[ia + 1]} between {a} and {b}"
    return None


def days_consecutive_working(ctx: PlanContext) -> Iterator[Finding]:
    """A class is taught on exactly its course's number of days, all working days, none skipped."""
    for p in ctx.placed:
        problem = _days_problem(ctx.calendar, p)
        if problem is not None:
            yield Finding(f"cohort {p.id} {problem}", (p.id,))


def days_in_window(ctx: PlanContext) -> Iterator[Finding]:
    """Every teaching day lies between the cohort's earliest start and its latest end."""
    for p in ctx.placed:
        c = p.cohort
        outside = {d for d in p.entry.days if not c.earliest <= d <= c.latest_end}
        if outside:
            yield Finding(
                f"cohort {p.id} is taught on {dates_text(outside)}, outside its window "
                f"{c.earliest}..{c.latest_end}",
                (p.id,),
            )


def max_span(ctx: PlanContext) -> Iterator[Finding]:
    """From first to last teaching day a class spans at most its course's max_span_days."""
    for p in ctx.placed:
        limit = p.course.max_span_days
        span = (p.last_day - p.first_day).days + 1
        if limit is not None and span > limit:
            yield Finding(
                f"cohort {p.id} spans {span} calendar days ({p.first_day}..{p.last_day}), "
                f"course {p.course.id} allows {limit}",
                (p.id,),
            )


def venue_region(ctx: PlanContext) -> Iterator[Finding]:
    """A class is held in a venue of one of the regions allowed for it."""
    for p in ctx.placed:
        allowed = p.cohort.allowed_venue_regions
        if p.venue is not None and p.venue.region not in allowed:
            yield Finding(
                f"cohort {p.id} is held at venue {p.venue.id} in region {p.venue.region}, "
                f"allowed regions are {', '.join(allowed)}",
                (p.id, p.venue.id),
            )


def venue_capacity(ctx: PlanContext) -> Iterator[Finding]:
    """The venue seats every trainee of the class."""
    for p in ctx.placed:
        if p.venue is not None and p.venue.capacity < p.cohort.size:
            yield Finding(
                f"cohort {p.id} has {p.cohort.size} trainees but venue {p.venue.id} "
                f"seats {p.venue.capacity}",
                (p.id, p.venue.id),
            )


def venue_available(ctx: PlanContext) -> Iterator[Finding]:
    """The venue is open on every teaching day of the class."""
    for p in ctx.placed:
        if p.venue is None:
            continue
        closed = ctx.venue_unavailable[p.venue.id].intersection(p.entry.days)
        if closed:
            yield Finding(
                f"venue {p.venue.id} is unavailable on {dates_text(closed)} when cohort {p.id} "
                "is taught there",
                (p.venue.id, p.id),
            )


def venue_one_class_a_day(ctx: PlanContext) -> Iterator[Finding]:
    """A venue hosts at most one class a day."""
    for (venue, clash), days in day_clashes(ctx.venue_day_cohorts).items():
        yield Finding(
            f"venue {venue} hosts {' and '.join(clash)} on {dates_text(days)}",
            (venue, *clash),
        )


def _pin_breaches(ctx: PlanContext, cohort_id: str, placed: Placed | None) -> list[str]:
    pin = ctx.cohorts[cohort_id].pinned
    if pin is None:
        return []
    if placed is None:
        return ["is pinned but not scheduled"]
    out = []
    if pin.days is not None and sorted(pin.days) != sorted(placed.entry.days):
        taught = dates_text(placed.entry.days)
        out.append(f"is pinned to days {dates_text(pin.days)} but taught on {taught}")
    if pin.venue is not None and pin.venue != placed.entry.venue:
        out.append(f"is pinned to venue {pin.venue} but held at {placed.entry.venue}")
    missing = [t for t in pin.trainers or [] if t not in placed.entry.trainers]
    if missing:
        out.append(f"lost pinned trainer(s) {', '.join(missing)}")
    return out


def pinned_kept(ctx: PlanContext) -> Iterator[Finding]:
    """A cohort with pinned parts is scheduled and keeps its pinned days, venue and trainers."""
    first = {p.id: p for p in reversed(ctx.placed)}
    for cohort in ctx.scenario.cohorts:
        for breach in _pin_breaches(ctx, cohort.id, first.get(cohort.id)):
            yield Finding(f"cohort {cohort.id} {breach}", (cohort.id,))
