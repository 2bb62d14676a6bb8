"""What would it take: the verified levers of a plan's left-out classes, computed as a job.

The levers are kept per plan (``services/answers.py``): the first reader starts the job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from trainsched.cpus import MAX_THREADS
from trainsched.formats import Message
from trainsched.jobs.backend import JobBackend
from trainsched.services import plans
from trainsched.services.access import Actor
from trainsched.services.answers import answer_about
from trainsched.services.jobs import JobStatus
from trainsched.settings import Settings
from trainsched.solver import SolveOptions
from trainsched.store.mapper import plan_from_row


@dataclass(frozen=True)
class LeverView:
    """One verified lever: the class, the kind, the re-plan changes, what it places and gains."""

    cohort: str
    kind: str
    change: dict[str, Any]
    places: list[str]
    value_gain: int
    message: Message


@dataclass(frozen=True)
class PlanLevers:
    """A plan's levers once computed (``levers``), else the job computing them (``job``)."""

    plan_id: str
    job: JobStatus | None  # None when the plan leaves no class out
    levers: list[LeverView] | None


def _view(raw: dict[str, Any]) -> LeverView:
    message = Message.from_json(raw["message"]) or Message.same("")
    return LeverView(
        raw["cohort"], raw["kind"], raw["change"], raw["places"], raw["value_gain"], message
    )


def plan_levers(
    session: Session, actor: Actor, backend: JobBackend, plan_id: str, settings: Settings
) -> PlanLevers:
    """The plan's levers when computed; otherwise the job computing them (started if need be)."""
    plan = plans.read(session, actor, plan_id)
    if not plan_from_row(plan).unscheduled_cohorts:
        return PlanLevers(plan_id, None, [])
    # Levers re-solve around the plan, never with CP-SAT: the options only fill the row.
    options = SolveOptions(time_limit_s=1.0, workers=settings.cpsat_workers or MAX_THREADS)
    found = answer_about(session, backend, plan, "levers", options)
    if found.result is None or found.job is None:
        return PlanLevers(plan_id, found.job, None)
    return PlanLevers(plan_id, found.job, [_view(raw) for raw in found.result["levers"]])
