"""Embedded mode: solve jobs run in threads of the server (CP-SAT releases the GIL)."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from trainsched.formats import FormatError, Plan, Scenario
from trainsched.jobs import control
from trainsched.solver import Progress, SolveOptions
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.errors import ConflictError
from trainsched.store.mapper import job_options, plan_from_row, scenario_from_row
from trainsched.store.migrate import upgrade
from trainsched.store.tables import JobState, SolveJobRow

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class _Work:
    """What one job solves, loaded from the store before the solve starts."""

    scenario_id: str
    scenario: Scenario
    options: SolveOptions
    previous: Plan | None


def _retry(work: Callable[[], T], attempts: int = 5) -> T:
    """Run a short store transaction again when SQLite refuses it under a concurrent writer."""
    for attempt in range(attempts - 1):
        try:
            return work()
        except OperationalError:
            # A solve's result is hours of thinking for a coordinator: worth a retry.
            time.sleep(0.1 * (attempt + 1))
    return work()


class JobRunner:
    """Runs queued solve jobs on a small pool of threads; several jobs queue behind each other."""

    def __init__(self, engine: Engine, workers: int = 1, *, grace_s: float = 10.0) -> None:
        self._engine = engine
        self._grace_s = grace_s
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="solve")
        self._stops: dict[str, threading.Event] = {}
        self._futures: dict[str, Future[None]] = {}
        self._lock = threading.Lock()
        self._closing = threading.Event()

    def prepare(self) -> None:
        """Migrate the store."""
        upgrade(self._engine)

    def ready(self) -> None:
        """Raise when the store cannot be read."""
        with self._engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def enqueue(self, session: Session, job_id: str) -> None:
        """Submit the job once ``session`` commits (the solve reads it in its own session)."""
        event.listen(session, "after_commit", lambda _s: self.submit(job_id), once=True)

    def recover(self) -> int:
        """At start-up: mark jobs left running as interrupted and queue the never-started ones."""
        with session_scope(self._engine) as session:
            interrupted = repo.mark_running_jobs_interrupted(session)
            queued = list(session.exec(select(SolveJobRow.id).where(SolveJobRow.state == "queued")))
        for job_id in queued:
            self.submit(job_id)
        return interrupted

    def submit(self, job_id: str) -> None:
        """Queue a stored job for solving."""
        with self._lock:
            if self._closing.is_set():
                return
            self._stops[job_id] = threading.Event()
            self._futures[job_id] = self._pool.submit(self._run, job_id)

    def cancel(self, session: Session, job_id: str) -> None:
        """Stop a job: a queued one ends now, a running one (here or in another process) stops."""
        with self._lock:
            stop = self._stops.get(job_id)
        if stop is not None:
            stop.set()
        # Another server process running it polls this request.
        job = control.request_cancel(session, job_id)
        if job is not None and job.state == "queued":
            repo.finish_job(session, job_id, "cancelled", error="cancelled before it started")

    def shutdown(self) -> None:
        """Stop every solve (their best plans are kept, the jobs end interrupted) and wait."""
        self._closing.set()
        with self._lock:
            stops = list(self._stops.values())
        for stop in stops:
            stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def wait(self, job_id: str, timeout: float | None = None) -> None:
        """Block until a local job has ended (for the demo start and for tests)."""
        with self._lock:
            future = self._futures.get(job_id)
        if future is not None:
            future.result(timeout=timeout)

    def _run(self, job_id: str) -> None:
        try:
            self._solve(job_id)
        except Exception as exc:
            # A failed job must say so in the store, never leave a job running forever.
            log.exception("solve job %s failed", job_id)
            self._finish(job_id, "failed", error=f"{type(exc).__name__}: {exc}")
        finally:
            with self._lock:
                self._stops.pop(job_id, None)
                self._futures.pop(job_id, None)

    def _solve(self, job_id: str) -> None:
        from trainsched.solver import solve  # the solver is heavy; load it on first use

        local = self._stops.get(job_id) or threading.Event()
        try:
            work = self._load(job_id)
        except FormatError as exc:
            self._finish(job_id, "failed", error=str(exc))
            return
        if work is None or local.is_set():
            return
        deadline = work.options.time_limit_s + self._grace_s
        stop = control.JobStop(self._engine, job_id, deadline_s=deadline, local=local)
        started = time.monotonic()
        result = solve(
            work.scenario,
            work.options,
            previous=work.previous,
            on_progress=control.ThrottledProgress(self._engine, job_id),
            stop=stop,
        )
        final = Progress(time.monotonic() - started, result.value, result.bound, "done")

        def store() -> str:
            with session_scope(self._engine) as session:
                # The throttle may have skipped the last report: the outcome must be exact.
                repo.update_job_progress(session, job_id, final)
                return control.store_plan_once(session, job_id, work.scenario_id, result.plan)

        plan_id = _retry(store)
        self._finish(job_id, self._final_state(stop), plan_id=plan_id)

    def _final_state(self, stop: control.JobStop) -> JobState:
        if self._closing.is_set():
            return "interrupted"
        return "cancelled" if stop.local.is_set() or stop.cancelled else "succeeded"

    def _load(self, job_id: str) -> _Work | None:
        with session_scope(self._engine) as session:
            job = repo.get_job(session, job_id)
            if job is None or job.state != "queued":
                return None
            scenario_row = repo.get_scenario(session, job.scenario_id)
            if scenario_row is None:
                return None
            scenario = scenario_from_row(scenario_row)
            previous = None
            if job.previous_plan_id is not None:
                previous_row = repo.get_plan(session, job.previous_plan_id)
                previous = plan_from_row(previous_row) if previous_row is not None else None
            repo.update_job_progress(session, job_id, Progress(0.0, 0, None, "start"))
            return _Work(job.scenario_id, scenario, job_options(job), previous)

    def _finish(
        self, job_id: str, state: JobState, *, plan_id: str | None = None, error: str | None = None
    ) -> None:
        def store() -> None:
            with session_scope(self._engine) as session:
                repo.finish_job(session, job_id, state, plan_id=plan_id, error=error)

        try:
            _retry(store)
        except ConflictError:
            # Cancelled while it started: the cancel already closed it.
            log.info("solve job %s had already ended", job_id)
