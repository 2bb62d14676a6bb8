"""Hard rule 7 of the spec: a class of an institution uses its people and rooms or shared ones."""

from __future__ import annotations

from collections.abc import Iterator

from trainsched.checker.context import PlanContext
from trainsched.checker.model import Finding


def provider_trainers(ctx: PlanContext) -> Iterator[Finding]:
    """An institution's class is taught only by its own trainers or by the city's shared pool."""
    for p in ctx.placed:
        provider = p.cohort.provider
        for tid in dict.fromkeys(p.entry.trainers):
            trainer = ctx.trainers.get(tid)
            if trainer is not None and not trainer.teaches_for(provider):
                yield Finding(
                    f"trainer {tid} teaches cohort {p.id} of provider {provider} but teaches "
                    f"only for {', '.join(trainer.providers or [])}",
                    (tid, p.id),
                )


def provider_venue(ctx: PlanContext) -> Iterator[Finding]:
    """An institution's class is held in a public venue or in one of the institution's own."""
    for p in ctx.placed:
        provider = p.cohort.provider
        if p.venue is not None and not p.venue.open_to(provider):
            yield Finding(
                f"cohort {p.id} of provider {provider} is held at venue {p.venue.id}, "
                f"which belongs to provider {p.venue.provider}",
                (p.id, p.venue.id),
            )
