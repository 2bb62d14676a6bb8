"""Answers about a plan computed as jobs (levers, money curves), kept per plan once computed.

The first reader starts the job (the one job control of ``jobs/``); while it runs every reader
is pointed at it; once it has succeeded its answer, kept in the job's row, is every later
reader's, in both modes and from any API process. A failed or cancelled one is started again,
and so is one begun before the scenario's last change: its levers or curves would answer for
trainers, rooms and money the scenario no longer has.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from trainsched.jobs.backend import JobBackend
from trainsched.services import jobs
from trainsched.services.jobs import JobStatus
from trainsched.solver import SolveOptions
from trainsched.store import repo
from trainsched.store.tables import JobKind, PlanRow, ScenarioRow, SolveJobRow

_ENDED_WITHOUT_ANSWER = ("failed", "cancelled", "interrupted")


@dataclass(frozen=True)
class Answer:
    """The job computing an answer about a plan, and the answer once it is there."""

    job: JobStatus | None  # None: never asked for (and not started now)
    result: dict[str, Any] | None


def latest(session: Session, plan_id: str, kind: JobKind) -> SolveJobRow | None:
    """The newest job of ``kind`` about the plan."""
    query = (
        select(SolveJobRow)
        .where(col(SolveJobRow.previous_plan_id) == plan_id, col(SolveJobRow.kind) == kind)
        .order_by(col(SolveJobRow.created_at).desc())
    )
    return session.exec(query).first()


def _before_last_change(session: Session, job: SolveJobRow) -> bool:
    scenario = session.get(ScenarioRow, job.scenario_id)
    return scenario is not None and job.created_at < scenario.updated_at


def answer_about(
    session: Session,
    backend: JobBackend,
    plan: PlanRow,
    kind: JobKind,
    options: SolveOptions,
    *,
    start: bool = True,
) -> Answer:
    """The plan's answer of ``kind`` when computed; otherwise its job (started if need be,
    unless ``start`` is False: a page only shows what was asked for)."""
    job = latest(session, plan.id, kind)
    if job is not None and _before_last_change(session, job):
        job = None
    if job is not None and job.state == "succeeded" and job.result is not None:
        found: dict[str, Any] = json.loads(job.result)
        return Answer(jobs.status(job), found)
    if (job is None or job.state in _ENDED_WITHOUT_ANSWER) and not start:
        return Answer(None, None)
    if job is None or job.state in _ENDED_WITHOUT_ANSWER:
        sid = plan.scenario_id
        job = repo.create_job(session, sid, options, previous_plan_id=plan.id, kind=kind)
        return Answer(jobs.submit(session, backend, job), None)
    return Answer(jobs.status(job), None)
