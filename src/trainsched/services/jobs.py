"""Solve jobs: start, read, cancel and restart."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import AsyncIterator

import anyio
from fastapi.sse import ServerSentEvent
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from trainsched.api.schemas import JobPublic, SolveCreate
from trainsched.jobs.backend import JobBackend
from trainsched.services.common import get_row
from trainsched.services.errors import Conflict, Invalid
from trainsched.settings import Settings
from trainsched.solver import SolveOptions
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.mapper import job_options
from trainsched.store.tables import FINAL_JOB_STATES, PlanRow, ScenarioRow, SolveJobRow, utcnow

log = logging.getLogger(__name__)


def gap(value: int | None, bound: int | None) -> float | None:
    """The relative gap between the best value and the proven bound."""
    if value is None or bound is None:
        return None
    if bound <= 0:
        return 0.0
    return max(0.0, (bound - value) / bound)


def elapsed(job: SolveJobRow, now: dt.datetime | None = None) -> float:
    """Seconds the job has run: live while running, fixed once it ended."""
    if job.started_at is None:
        return job.elapsed_s
    end = job.finished_at if job.state in FINAL_JOB_STATES else (now or utcnow())
    if end is None:
        return job.elapsed_s
    return max(job.elapsed_s, (end - job.started_at).total_seconds())


def to_public(job: SolveJobRow) -> JobPublic:
    """A job as the API shows it."""
    return JobPublic(
        id=job.id,
        scenario_id=job.scenario_id,
        state=job.state,
        elapsed_s=round(elapsed(job), 3),
        value=job.value,
        bound=job.bound,
        gap=gap(job.value, job.bound),
        plan_id=job.plan_id,
        previous_plan_id=job.previous_plan_id,
        error=job.error,
        options=dict(job.options),
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


def solve_options(request: SolveCreate, settings: Settings) -> SolveOptions:
    """Solve options from a request, within the server's limits."""
    limit = min(request.time_limit_s or settings.default_time_limit_s, settings.max_time_limit_s)
    return SolveOptions(
        time_limit_s=limit,
        workers=request.workers or settings.cpsat_workers,
        seed=request.seed,
        method=request.method,
    )


def start(
    session: Session, scenario_id: str, request: SolveCreate, settings: Settings
) -> SolveJobRow:
    """Queue a solve of a scenario (the caller submits it once the session commits)."""
    get_row(session, ScenarioRow, scenario_id)
    if request.previous_plan_id is not None:
        previous = get_row(session, PlanRow, request.previous_plan_id)
        if previous.scenario_id != scenario_id:
            raise Invalid(
                "previous_plan_id names a plan of another scenario", kind="invalid-request"
            )
    options = solve_options(request, settings)
    return repo.create_job(session, scenario_id, options, previous_plan_id=request.previous_plan_id)


def cancel(session: Session, backend: JobBackend, job_id: str) -> None:
    """Stop a job wherever it runs; 409 when it has already ended."""
    job = get_row(session, SolveJobRow, job_id)
    if job.state in FINAL_JOB_STATES:
        raise Conflict(f"the job already ended as {job.state}")
    backend.cancel(session, job_id)


def restart(session: Session, job_id: str) -> SolveJobRow:
    """A new job with the same scenario and options as an interrupted, failed or cancelled one."""
    job = get_row(session, SolveJobRow, job_id)
    if job.state not in ("interrupted", "failed", "cancelled"):
        raise Conflict(f"only an ended, unsuccessful job can be restarted (it is {job.state})")
    return repo.create_job(
        session, job.scenario_id, job_options(job), previous_plan_id=job.previous_plan_id
    )


_UNREADABLE = object()


def _read(engine: Engine, job_id: str) -> JobPublic | object | None:
    try:
        with session_scope(engine) as session:
            job = repo.get_job(session, job_id)
            return to_public(job) if job is not None else None
    except OperationalError as exc:
        # The store is briefly away: the stream waits for it instead of breaking.
        log.warning("job %s not readable for its event stream: %s", job_id, exc)
        return _UNREADABLE


async def events(
    engine: Engine, job_id: str, poll_s: float = 0.25, heartbeat_s: float = 1.0
) -> AsyncIterator[ServerSentEvent]:
    """Server-sent events of a job: ``progress`` on change or each second, then ``end``."""
    last: tuple[object, ...] | None = None
    sent_at = 0.0
    seq = 0
    while True:
        job = await anyio.to_thread.run_sync(_read, engine, job_id)
        if job is _UNREADABLE:
            await anyio.sleep(poll_s * 4)
            continue
        if not isinstance(job, JobPublic):
            yield ServerSentEvent(event="end", data={"id": job_id, "state": "deleted"})
            return
        key = (job.state, job.value, job.bound, job.plan_id)
        now = time.monotonic()
        if key != last or now - sent_at >= heartbeat_s:
            seq += 1
            yield ServerSentEvent(event="progress", id=str(seq), data=job.model_dump(mode="json"))
            last, sent_at = key, now
        if job.state in FINAL_JOB_STATES:
            yield ServerSentEvent(event="end", id=str(seq + 1), data=job.model_dump(mode="json"))
            return
        await anyio.sleep(poll_s)
