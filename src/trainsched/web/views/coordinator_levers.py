"""The plan page's "what would it take" table: per left-out class, its verified levers."""

from __future__ import annotations

from dataclasses import dataclass

from trainsched.services.levers import LeverView, PlanLevers
from trainsched.web.views.job_section import JobSection, job_progress


@dataclass(frozen=True)
class LeverRow:
    """One left-out class and the levers that would place it."""

    cohort: str
    levers: list[LeverView]


@dataclass(frozen=True)
class LeversView(JobSection):
    """The table once the levers are computed, or the job still computing them (its parts
    are the classes it looks at)."""

    rows: list[LeverRow]


def levers_view(found: PlanLevers) -> LeversView:
    """Group the plan's levers by class, in the order they were found."""
    rows: dict[str, list[LeverView]] = {}
    for lever in found.levers or []:
        rows.setdefault(lever.cohort, []).append(lever)
    return LeversView(
        **job_progress(found.job),
        computing=found.levers is None,
        rows=[LeverRow(c, levers) for c, levers in rows.items()],
    )
