"""The plan page's "what would it take" table: per left-out class, its verified levers."""

from __future__ import annotations

from dataclasses import dataclass

from trainsched.services.levers import LeverView, PlanLevers


@dataclass(frozen=True)
class LeverRow:
    """One left-out class and the levers that would place it."""

    cohort: str
    levers: list[LeverView]


@dataclass(frozen=True)
class LeversView:
    """The table once the levers are computed, or the job still computing them."""

    job_id: str | None
    computing: bool
    done: int  # classes looked at so far
    total: int | None
    rows: list[LeverRow]


def levers_view(found: PlanLevers) -> LeversView:
    """Group the plan's levers by class, in the order they were found."""
    rows: dict[str, list[LeverView]] = {}
    for lever in found.levers or []:
        rows.setdefault(lever.cohort, []).append(lever)
    job = found.job
    return LeversView(
        job_id=job.id if job is not None else None,
        computing=found.levers is None,
        # A levers job reports classes looked at as its value, all of them as its bound.
        done=(job.value or 0) if job is not None else 0,
        total=job.bound if job is not None else None,
        rows=[LeverRow(c, levers) for c, levers in rows.items()],
    )
