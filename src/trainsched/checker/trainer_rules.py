"""Hard rule 3 of the spec: who teaches a class, and how much each trainer teaches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from trainsched.checker.context import PlanContext, dates_text, day_clashes
from trainsched.checker.model import Finding


def trainer_count(ctx: PlanContext) -> Iterator[Finding]:
    """A class has exactly as many trainers as its course requires."""
    for p in ctx.placed:
        have, need = len(p.entry.trainers), p.course.trainers_required
        if have != need:
            yield Finding(
                f"cohort {p.id} has {have} trainer(s) but course {p.course.id} requires {need}",
                (p.id,),
            )


def trainer_distinct(ctx: PlanContext) -> Iterator[Finding]:
    """No trainer is listed twice for one class: the required trainers are different people."""
    for p in ctx.placed:
        twice = sorted(t for t, n in Counter(p.entry.trainers).items() if n > 1)
        if twice:
            yield Finding(
                f"cohort {p.id} lists trainer(s) {', '.join(twice)} more than once", (p.id, *twice)
            )


def trainer_qualified(ctx: PlanContext) -> Iterator[Finding]:
    """Every trainer of a class holds the course's qualification."""
    for p in ctx.placed:
        tag = p.course.qualification_tag
        for tid in dict.fromkeys(p.entry.trainers):
            trainer = ctx.trainers.get(tid)
            if trainer is not None and tag not in trainer.qualifications:
                yield Finding(
                    f"trainer {tid} teaches cohort {p.id} without qualification {tag}",
                    (tid, p.id),
                )


def trainer_serves_region(ctx: PlanContext) -> Iterator[Finding]:
    """Every trainer of a class serves the region of the class's venue."""
    for p in ctx.placed:
        if p.venue is None:
            continue
        for tid in dict.fromkeys(p.entry.trainers):
            trainer = ctx.trainers.get(tid)
            if trainer is not None and p.venue.region not in trainer.served_regions:
                yield Finding(
                    f"trainer {tid} teaches cohort {p.id} at venue {p.venue.id} in region "
                    f"{p.venue.region}, which the trainer does not serve",
                    (tid, p.id, p.venue.id),
                )


def trainer_available(ctx: PlanContext) -> Iterator[Finding]:
    """Every trainer of a class is available on every teaching day."""
    for p in ctx.placed:
        for tid in dict.fromkeys(p.entry.trainers):
            off = ctx.trainer_unavailable.get(tid, frozenset()).intersection(p.entry.days)
            if off:
                yield Finding(
                    f"trainer {tid} is unavailable on {dates_text(off)} but teaches cohort {p.id}",
                    (tid, p.id),
                )


def trainer_double_booked(ctx: PlanContext) -> Iterator[Finding]:
    """A trainer teaches at most one class a day."""
    for (trainer, clash), days in day_clashes(ctx.trainer_day_cohorts).items():
        yield Finding(
            f"trainer {trainer} teaches {' and '.join(clash)} on {dates_text(days)}",
            (trainer, *clash),
        )


def trainer_month_cap(ctx: PlanContext) -> Iterator[Finding]:
    """A trainer teaches no more days in any calendar month than their monthly limit."""
    for tid, days in ctx.trainer_days.items():
        cap = ctx.trainers[tid].max_days_per_month
        if cap is None:
            continue
        per_month = Counter((d.year, d.month) for d in days)
        for (year, month), n in sorted(per_month.items()):
            if n > cap:
                yield Finding(
                    f"trainer {tid} teaches {n} days in {year}-{month:02d}, monthly limit {cap}",
                    (tid,),
                )


def trainer_total_cap(ctx: PlanContext) -> Iterator[Finding]:
    """A trainer teaches no more days over the whole horizon than their total limit."""
    for tid, days in ctx.trainer_days.items():
        cap = ctx.trainers[tid].max_days_total
        if cap is not None and len(days) > cap:
            yield Finding(f"trainer {tid} teaches {len(days)} days, total limit {cap}", (tid,))
