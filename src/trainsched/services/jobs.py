"""Solve jobs: start, read, follow, cancel and restart."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal

import anyio
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from trainsched.cpus import MAX_THREADS
from trainsched.formats import Problem
from trainsched.jobs.backend import JobBackend
from trainsched.services import access, audit
from trainsched.services.access import Actor
from trainsched.services.errors import Conflict, Invalid
from trainsched.services.queue_place import QueuePlace, queue_place
from trainsched.settings import Settings
from trainsched.solver import SolveOptions
from trainsched.store import joblife, repo
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


def shown_state(job: SolveJobRow, now: dt.datetime | None = None) -> str:
    """The job's state as it truly is: a running job nobody vouches for any more is stalled."""
    return "stalled" if joblife.nobody_at_work(job, now) else job.state


@dataclass(frozen=True)
class JobStatus:
    """A solve job's state and latest progress, as the coordinator follows it."""

    id: str
    scenario_id: str
    state: str
    elapsed_s: float
    value: int | None
    bound: int | None
    gap: float | None
    plan_id: str | None
    previous_plan_id: str | None
    error: str | None
    options: dict[str, Any] = field(hash=False)
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    requeued: int = 0
    kind: str = "solve"
    # While queued: its place (1 = next) and when it is expected to start.
    queue_position: int | None = None
    expected_start: dt.datetime | None = None
    queue_wait_s: int | None = None  # seconds from the reading to the expected start

    @property
    def running(self) -> bool:
        """Whether the job has not ended yet."""
        return self.state not in FINAL_JOB_STATES


def status(job: SolveJobRow, place: QueuePlace | None = None) -> JobStatus:
    """A stored job's state and progress; its solving time is the one its solver stored."""
    return JobStatus(
        id=job.id,
        scenario_id=job.scenario_id,
        state=shown_state(job),
        elapsed_s=round(job.elapsed_s, 3),
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
        requeued=job.requeued,
        kind=job.kind,
        queue_position=place.position if place else None,
        expected_start=place.expected_start if place else None,
        queue_wait_s=place.wait_s if place else None,
    )


def placed_status(session: Session, job: SolveJobRow) -> JobStatus:
    """The job's status with, while it waits, its place in the queue."""
    return status(job, queue_place(session, job, utcnow()))


@dataclass(frozen=True)
class SolveRequest:
    """How a coordinator asks to solve: time limit, seed, threads, method, plan to start from."""

    time_limit_s: float | None = None
    seed: int = 0
    workers: int | None = None
    method: Literal["cpsat", "greedy"] = "cpsat"
    previous_plan_id: str | None = None


def time_limit(asked: float | None, settings: Settings) -> float:
    """How long a solve may search: what was asked (1 s up to the server's maximum) or the default.

    Refused here, before a job exists, rather than failing inside the solver later.
    """
    if asked is None:
        return min(settings.default_time_limit_s, settings.max_time_limit_s)
    if not 1 <= asked <= settings.max_time_limit_s:
        message = f"must be from 1 to {settings.max_time_limit_s:g} seconds"
        raise Invalid(f"time_limit_s {message}", [Problem("time_limit_s", message)])
    return asked


def solve_options(request: SolveRequest, settings: Settings) -> SolveOptions:
    """Solve options from a request, within the server's limits."""
    return SolveOptions(
        time_limit_s=time_limit(request.time_limit_s, settings),
        # The most asked for: the process that solves grants its own share of CPUs at most.
        workers=request.workers or settings.cpsat_workers or MAX_THREADS,
        seed=request.seed,
        method=request.method,
    )


def start(
    session: Session,
    actor: Actor,
    backend: JobBackend,
    scenario_id: str,
    request: SolveRequest,
    settings: Settings,
) -> JobStatus:
    """Queue a solve of a scenario; the job and its run are committed together, or neither."""
    scenario = access.scenario(session, actor, scenario_id, "planner")
    if request.previous_plan_id is not None:
        previous = session.get(PlanRow, request.previous_plan_id)
        if previous is None or previous.scenario_id != scenario_id:
            raise Invalid("previous_plan_id names no plan of this scenario", kind="invalid-request")
    options = solve_options(request, settings)
    job = repo.create_job(session, scenario_id, options, previous_plan_id=request.previous_plan_id)
    audit.record(session, "solve.started", job.id, actor=actor, office_id=scenario.office_id)
    return submit(session, backend, job)


def submit(session: Session, backend: JobBackend, job: SolveJobRow) -> JobStatus:
    """Queue a stored job and commit; its status."""
    # Queued in the job's own transaction: a job is never stored without its run.
    backend.enqueue(session, job.id)
    session.commit()
    return placed_status(session, job)


def read(session: Session, actor: Actor, job_id: str) -> JobStatus:
    """A job's state and progress (and its place while queued), or NotFound."""
    return placed_status(session, access.job(session, actor, job_id, "viewer"))


def list_for_scenario(session: Session, actor: Actor, scenario_id: str) -> list[JobStatus]:
    """The solve jobs of a scenario, newest first."""
    access.scenario(session, actor, scenario_id, "viewer")
    return [status(job) for job in repo.list_jobs(session, scenario_id)]


def cancel(session: Session, actor: Actor, backend: JobBackend, job_id: str) -> JobStatus:
    """Stop a job wherever it runs (its best plan so far is kept); Conflict once it ended."""
    job = access.job(session, actor, job_id, "planner")
    if job.state in FINAL_JOB_STATES:
        raise Conflict(f"the job already ended as {job.state}")
    office_id = _office_of(session, job)
    backend.cancel(session, job_id)
    audit.record(session, "solve.cancelled", job_id, actor=actor, office_id=office_id)
    session.expire_all()
    return read(session, actor, job_id)


def restart(session: Session, actor: Actor, backend: JobBackend, job_id: str) -> JobStatus:
    """A new job with the same scenario and options as an interrupted, failed or cancelled one."""
    job = access.job(session, actor, job_id, "planner")
    if job.state not in ("interrupted", "failed", "cancelled"):
        raise Conflict(f"only an ended, unsuccessful job can be restarted (it is {job.state})")
    # It continues from the best plan the job kept (its checkpoint, once it was cut short).
    start_from = job.plan_id or job.previous_plan_id
    again = repo.create_job(
        session, job.scenario_id, job_options(job), previous_plan_id=start_from, kind=job.kind
    )
    office_id = _office_of(session, job)
    audit.record(session, "solve.started", again.id, actor=actor, office_id=office_id)
    return submit(session, backend, again)


def _office_of(session: Session, job: SolveJobRow) -> str:
    scenario = session.get(ScenarioRow, job.scenario_id)
    return scenario.office_id if scenario is not None else ""


_UNREADABLE = object()

JobEventKind = Literal["progress", "stalled", "requeued", "end"]
JobEvent = tuple[JobEventKind, int, JobStatus | None]


def _read(engine: Engine, job_id: str) -> JobStatus | object | None:
    try:
        with session_scope(engine) as session:
            job = repo.get_job(session, job_id)
            return placed_status(session, job) if job is not None else None
    except OperationalError as exc:
        # The store is briefly away: the watcher waits for it instead of breaking.
        log.warning("job %s not readable for its watcher: %s", job_id, exc)
        return _UNREADABLE


def _news(
    job: JobStatus, last: tuple[object, ...] | None, requeued: int | None
) -> list[JobEventKind]:
    """What a watcher must be told beside progress: the job stalled, or went back to the queue."""
    news: list[JobEventKind] = []
    if job.state == "stalled" and (last is None or last[0] != "stalled"):
        news.append("stalled")
    if requeued is not None and job.requeued > requeued:
        news.append("requeued")
    return news


async def watch(
    engine: Engine, job_id: str, poll_s: float = 0.25, heartbeat_s: float = 1.0
) -> AsyncIterator[JobEvent]:
    """A job's progress as it happens: ``progress`` on change or each second, then ``end``.

    ``stalled`` comes first when nobody works on the job any more, ``requeued`` when it went
    back to the queue after losing its worker. Each event is (kind, sequence number, status);
    an ``end`` without a status means the job was deleted meanwhile.
    """
    last: tuple[object, ...] | None = None
    sent_at = 0.0
    seq = 0
    requeued: int | None = None
    while True:
        job = await anyio.to_thread.run_sync(_read, engine, job_id)
        if job is _UNREADABLE:
            await anyio.sleep(poll_s * 4)
            continue
        if not isinstance(job, JobStatus):
            yield "end", 0, None
            return
        key = (job.state, job.value, job.bound, job.plan_id, job.requeued, job.queue_position)
        now = time.monotonic()
        for kind in _news(job, last, requeued):
            seq += 1
            yield kind, seq, job
        requeued = job.requeued
        if key != last or now - sent_at >= heartbeat_s:
            seq += 1
            yield "progress", seq, job
            last, sent_at = key, now
        if not job.running:
            yield "end", seq + 1, job
            return
        await anyio.sleep(poll_s)
