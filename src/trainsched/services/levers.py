"""What would it take: the verified levers of a plan's left-out classes, computed as a job.

The first reader starts a ``levers`` job (the one job control of ``jobs/``); while it runs
every reader is pointed at it, and once it has succeeded its answer, kept in the job's row,
is every later reader's (both modes, any API process): the levers are cached per plan.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from trainsched.formats import Message
from trainsched.jobs.backend import JobBackend
from trainsched.services import jobs
from trainsched.services.common import get_row
from trainsched.services.jobs import JobStatus
from trainsched.settings import Settings
from trainsched.solver import SolveOptions
from trainsched.store import repo
from trainsched.store.mapper import plan_from_row
from trainsched.store.tables import PlanRow, SolveJobRow

_ENDED_WITHOUT_ANSWER = ("failed", "cancelled", "interrupted")


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


def _latest_job(session: Session, plan_id: str) -> SolveJobRow | None:
    query = (
        select(SolveJobRow)
        .where(col(SolveJobRow.previous_plan_id) == plan_id, col(SolveJobRow.kind) == "levers")
        .order_by(col(SolveJobRow.created_at).desc())
    )
    return session.exec(query).first()


def plan_levers(
    session: Session, backend: JobBackend, plan_id: str, settings: Settings
) -> PlanLevers:
    """The plan's levers when computed; otherwise the job computing them (started if need be)."""
    plan = get_row(session, PlanRow, plan_id)
    if not plan_from_row(plan).unscheduled_cohorts:
        return PlanLevers(plan_id, None, [])
    job = _latest_job(session, plan_id)
    if job is not None and job.state == "succeeded" and job.result is not None:
        levers = [_view(raw) for raw in json.loads(job.result)["levers"]]
        return PlanLevers(plan_id, jobs.status(job), levers)
    if job is None or job.state in _ENDED_WITHOUT_ANSWER:
        # Levers re-solve around the plan, never with CP-SAT: the options only fill the row.
        options = SolveOptions(time_limit_s=1.0, workers=settings.cpsat_workers)
        job = repo.create_job(
            session, plan.scenario_id, options, previous_plan_id=plan_id, kind="levers"
        )
        return PlanLevers(plan_id, jobs.submit(session, backend, job), None)
    return PlanLevers(plan_id, jobs.status(job), None)
