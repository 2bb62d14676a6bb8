"""Small service functions over the store: scenarios, plans and solve jobs (tokens in tokens.py)."""

from __future__ import annotations

from typing import TypeVar

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, select

from trainsched.formats import Plan, Scenario
from trainsched.solver.options import Progress, SolveOptions
from trainsched.store.db import begin_write
from trainsched.store.errors import ConflictError, NotFoundError, StoreError
from trainsched.store.mapper import options_to_json, plan_to_row, scenario_to_row
from trainsched.store.office_tables import DEFAULT_OFFICE_ID
from trainsched.store.tables import (
    FINAL_JOB_STATES,
    JobKind,
    JobState,
    PlanRow,
    PlanStatus,
    ScenarioRow,
    SolveJobRow,
    utcnow,
)
from trainsched.store.tokens import (
    FeedToken,
    add_coordinator,
    coordinator_by_token,
    feed_subject_by_token,
    hash_token,
    issue_feed_token,
    revoke_feed_tokens,
    rotate_feed_token,
)

Row = TypeVar("Row", bound=SQLModel)

INTERRUPTED_MESSAGE = "the server stopped while this job was running"


def save_scenario(
    session: Session,
    scenario: Scenario,
    scenario_id: str | None = None,
    *,
    expected_revision: int | None = None,
    office_id: str = DEFAULT_OFFICE_ID,
) -> ScenarioRow:
    """Store a new scenario in ``office_id``, or replace one still at the expected revision."""
    if scenario_id is None:
        row = scenario_to_row(scenario, office_id=office_id)
    else:
        found = _scenario_for_update(session, scenario_id)
        if expected_revision is not None and found.revision != expected_revision:
            raise ConflictError(
                f"scenario {scenario_id} is at revision {found.revision}, not {expected_revision}"
            )
        row = scenario_to_row(scenario, found)
    session.add(row)
    session.flush()
    return row


def get_scenario(session: Session, scenario_id: str) -> ScenarioRow | None:
    """The scenario row with this id, if any."""
    return session.get(ScenarioRow, scenario_id)


def list_scenarios(session: Session) -> list[ScenarioRow]:
    """Every stored scenario, by name."""
    return list(
        session.exec(select(ScenarioRow).order_by(col(ScenarioRow.name), col(ScenarioRow.id)))
    )


def delete_scenario(session: Session, scenario_id: str) -> bool:
    """Delete a scenario with its plans, jobs and feed tokens; False when it did not exist."""
    row = session.get(ScenarioRow, scenario_id)
    if row is None:
        return False
    # Children are deleted by the foreign keys' ON DELETE CASCADE.
    session.delete(row)
    session.flush()
    return True


def _locked(session: Session, model: type[Row], row_id: str) -> Row | None:
    # Read-check-write: lock first (SQLite: the database, elsewhere: the row)
    # and read afresh, so the check sees what the write will overwrite.
    begin_write(session)
    return session.get(model, row_id, with_for_update=True, populate_existing=True)


def _scenario_for_update(session: Session, scenario_id: str) -> ScenarioRow:
    row = _locked(session, ScenarioRow, scenario_id)
    if row is None:
        raise NotFoundError(f"no scenario {scenario_id}")
    return row


def add_plan(
    session: Session,
    scenario_id: str,
    plan: Plan,
    *,
    status: PlanStatus = "draft",
    solve_job_id: str | None = None,
) -> PlanRow:
    """Store a plan of a scenario under the next version number (publishing it if asked)."""
    _scenario_for_update(session, scenario_id)
    latest = session.scalar(
        sa.select(sa.func.max(col(PlanRow.version))).where(col(PlanRow.scenario_id) == scenario_id)
    )
    version = (latest or 0) + 1
    initial: PlanStatus = "draft" if status == "published" else status
    row = plan_to_row(plan, scenario_id, version=version, status=initial, solve_job_id=solve_job_id)
    session.add(row)
    session.flush()
    return publish_plan(session, row.id) if status == "published" else row


def get_plan(session: Session, plan_id: str) -> PlanRow | None:
    """The plan row with this id, if any."""
    return session.get(PlanRow, plan_id)


def list_plans(session: Session, scenario_id: str) -> list[PlanRow]:
    """The plans of a scenario, oldest version first."""
    query = select(PlanRow).where(PlanRow.scenario_id == scenario_id)
    return list(session.exec(query.order_by(col(PlanRow.version))))


def publish_plan(session: Session, plan_id: str) -> PlanRow:
    """Publish a plan; the scenario's previously published plan becomes superseded."""
    found = session.get(PlanRow, plan_id)
    if found is None:
        raise NotFoundError(f"no plan {plan_id}")
    # Always the scenario first, then its plans: publishers queue up on it.
    _scenario_for_update(session, found.scenario_id)
    row = _locked(session, PlanRow, plan_id)
    if row is None:
        raise NotFoundError(f"no plan {plan_id}")
    if row.status == "published":
        return row
    # Supersede first and flush, so the one-published index never sees two.
    session.execute(
        sa.update(PlanRow)
        .where(
            col(PlanRow.scenario_id) == row.scenario_id,
            col(PlanRow.status) == "published",
            col(PlanRow.id) != plan_id,
        )
        .values(status="superseded")
    )
    row.status = "published"
    row.published_at = utcnow()
    session.add(row)
    session.flush()
    return row


def published_plan(session: Session, scenario_id: str) -> PlanRow | None:
    """The scenario's published plan, if it has one."""
    query = select(PlanRow).where(PlanRow.scenario_id == scenario_id, PlanRow.status == "published")
    return session.exec(query).one_or_none()


def published_plan_id(session: Session, scenario_id: str) -> str | None:
    """The id of the scenario's published plan, read without its document; None if none."""
    return session.execute(
        sa.select(col(PlanRow.id)).where(
            col(PlanRow.scenario_id) == scenario_id, col(PlanRow.status) == "published"
        )
    ).scalar_one_or_none()


def create_job(
    session: Session,
    scenario_id: str,
    options: SolveOptions,
    *,
    previous_plan_id: str | None = None,
    kind: JobKind = "solve",
) -> SolveJobRow:
    """Queue a job for a scenario: a solve, or (``kind``) an answer about ``previous_plan_id``."""
    if session.get(ScenarioRow, scenario_id) is None:
        raise NotFoundError(f"no scenario {scenario_id}")
    row = SolveJobRow(
        scenario_id=scenario_id,
        options=options_to_json(options),
        previous_plan_id=previous_plan_id,
        kind=kind,
    )
    session.add(row)
    session.flush()
    return row


def get_job(session: Session, job_id: str) -> SolveJobRow | None:
    """The solve job with this id, if any."""
    return session.get(SolveJobRow, job_id)


def list_jobs(session: Session, scenario_id: str) -> list[SolveJobRow]:
    """The solve jobs of a scenario, newest first."""
    query = select(SolveJobRow).where(SolveJobRow.scenario_id == scenario_id)
    return list(session.exec(query.order_by(col(SolveJobRow.created_at).desc())))


def _job(session: Session, job_id: str) -> SolveJobRow:
    row = _locked(session, SolveJobRow, job_id)
    if row is None:
        raise NotFoundError(f"no solve job {job_id}")
    return row


def update_job_progress(session: Session, job_id: str, progress: Progress) -> SolveJobRow:
    """Record a progress report; a queued job becomes running, a finished one is left as it is."""
    row = _job(session, job_id)
    if row.state in FINAL_JOB_STATES:
        # A report racing the job's end carries nothing the outcome lacks.
        return row
    now = utcnow()
    if row.state == "queued":
        row.state = "running"
        row.started_at = now
    row.elapsed_s = progress.elapsed_s
    row.value = progress.value
    row.bound = progress.bound
    row.heartbeat_at = now
    session.add(row)
    session.flush()
    return row


def finish_job(
    session: Session,
    job_id: str,
    state: JobState,
    *,
    plan_id: str | None = None,
    error: str | None = None,
    unless_ended: bool = False,
) -> bool:
    """Close a queued or running job with a final state, its plan or its error.

    Closing an ended job is a conflict; with ``unless_ended`` it is left as it is (a cancel or an
    earlier attempt of the same work closed it). True when the job was closed now.
    """
    if state not in FINAL_JOB_STATES:
        raise ValueError(f"{state!r} is not a final job state")
    row = _locked(session, SolveJobRow, job_id)
    if unless_ended and (row is None or row.state in FINAL_JOB_STATES):
        return False
    if row is None:
        raise NotFoundError(f"no solve job {job_id}")
    if row.state in FINAL_JOB_STATES:
        raise ConflictError(f"solve job {job_id} already ended as {row.state}")
    now = utcnow()
    row.state = state
    row.plan_id = plan_id
    row.error = error
    row.finished_at = now
    row.heartbeat_at = now
    row.alive_until = row.checkpoint = None  # an ended job needs no liveness nor checkpoint
    session.add(row)
    session.flush()
    return True


__all__ = [
    "ConflictError",
    "FeedToken",
    "NotFoundError",
    "StoreError",
    "add_coordinator",
    "add_plan",
    "coordinator_by_token",
    "create_job",
    "delete_scenario",
    "feed_subject_by_token",
    "finish_job",
    "get_job",
    "get_plan",
    "get_scenario",
    "hash_token",
    "issue_feed_token",
    "list_jobs",
    "list_plans",
    "list_scenarios",
    "publish_plan",
    "published_plan",
    "published_plan_id",
    "revoke_feed_tokens",
    "rotate_feed_token",
    "save_scenario",
    "update_job_progress",
]
