"""Embedded mode: solve jobs run in threads of the server (CP-SAT releases the GIL)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from trainsched.formats import FormatError
from trainsched.jobs import answers, control, work
from trainsched.jobs.liveness import end_unattended
from trainsched.jobs.logs import job_context
from trainsched.store import repo
from trainsched.store.db import session_scope
from trainsched.store.migrate import upgrade
from trainsched.store.tables import SolveJobRow

log = logging.getLogger(__name__)
T = TypeVar("T")


def _retry(transaction: Callable[[], T], attempts: int = 5) -> T:
    """Run a short store transaction again when SQLite refuses it under a concurrent writer."""
    for attempt in range(attempts - 1):
        try:
            return transaction()
        except OperationalError:
            # A solve's result is hours of thinking for a coordinator: worth a retry.
            time.sleep(0.1 * (attempt + 1))
    return transaction()


class JobRunner:
    """Runs queued solve jobs on a small pool of threads; several jobs queue behind each other."""

    def __init__(
        self,
        engine: Engine,
        workers: int = 1,
        *,
        grace_s: float = 10.0,
        beat: work.Beat | None = None,
        threads: int | None = None,
    ) -> None:
        self._engine = engine
        self._threads = threads
        self._grace_s = grace_s
        self._beat = beat or work.Beat()
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
        """At start-up: end jobs left running as interrupted and queue the never-started ones.

        A job cut short by a crash keeps its best checked plan so far (its checkpoint).
        """
        with session_scope(self._engine) as session:
            running = list(
                session.exec(select(SolveJobRow.id).where(SolveJobRow.state == "running"))
            )
            queued = list(session.exec(select(SolveJobRow.id).where(SolveJobRow.state == "queued")))
        interrupted = 0
        for job_id in running:
            with session_scope(self._engine) as session:
                interrupted += end_unattended(
                    session, job_id, "interrupted", repo.INTERRUPTED_MESSAGE
                )
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
        """Stop a job: a queued one ends now, a running one stops with its best plan."""
        with self._lock:
            stop = self._stops.get(job_id)
        if stop is not None:
            stop.set()  # a solve in this process stops at once, without waiting for a poll
        control.cancel(session, job_id)

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
        with job_context(job_id):
            try:
                self._solve(job_id)
            except Exception as exc:
                # A failed job must say so in the store, never leave a job running forever.
                log.exception("solve job %s failed", job_id)
                self._fail(job_id, f"{type(exc).__name__}: {exc}")
            finally:
                with self._lock:
                    self._stops.pop(job_id, None)
                    self._futures.pop(job_id, None)

    def _solve(self, job_id: str) -> None:
        local = self._stops.get(job_id) or threading.Event()
        try:
            # Not ``resume``: a job running already belongs to no thread here (recover ended it).
            job = work.load(
                self._engine, job_id, resume=False, beat=self._beat, threads=self._threads
            )
        except FormatError as exc:
            self._fail(job_id, str(exc))
            return
        if job is None or local.is_set():
            return
        if job.kind in answers.ANSWER_KINDS:
            stop = control.JobStop(self._engine, job_id, deadline_s=None, local=local)
            answers.answer(self._engine, job, stop, self._beat)
            return
        deadline = job.options.time_limit_s + self._grace_s
        stop = control.JobStop(self._engine, job_id, deadline_s=deadline, local=local)
        outcome = work.solve_whole(self._engine, job, stop, self._beat)

        def record() -> str:
            with session_scope(self._engine) as session:
                closing = self._closing.is_set()
                return work.record_outcome(session, job, outcome, interrupted=closing)

        _retry(record)

    def _fail(self, job_id: str, error: str) -> None:
        def record() -> None:
            with session_scope(self._engine) as session:
                # A cancel may have closed it meanwhile: that outcome stands.
                repo.finish_job(session, job_id, "failed", error=error, unless_ended=True)

        _retry(record)
