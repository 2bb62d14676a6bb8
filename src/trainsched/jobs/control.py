"""How a solve job is stopped and followed, the same in both modes and in any process.

A person's cancel request (kept in the store), a deadline or a local stop ends a solve; its
progress goes to the store as it improves.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from trainsched.jobs.liveness import SolveClock, end_unattended
from trainsched.solver import Progress
from trainsched.store import joblife, repo
from trainsched.store.db import session_scope
from trainsched.store.tables import FINAL_JOB_STATES, SolveJobRow, utcnow

log = logging.getLogger(__name__)

# Progress is written at most this often, so a fast solver does not flood the store.
PROGRESS_INTERVAL_S = 0.2
# How often a running job looks for a cancel request made by another process.
CANCEL_POLL_S = 0.5
# The error of a job cancelled before any solve started on it.
CANCELLED_BEFORE_START = "cancelled before it started"


def cancel(session: Session, job_id: str) -> None:
    """Ask a job to stop: a queued one ends now; a running one, wherever it runs, stops soon.

    A running job stops with the best plan found so far; one nobody runs any more (stalled)
    ends now with its checkpoint; an ended job is left as it is.
    """
    job = locked_job(session, job_id)
    if job is None or job.state in FINAL_JOB_STATES:
        return
    if job.cancel_requested_at is None:
        # Whichever process runs the job polls this mark (see JobStop).
        job.cancel_requested_at = utcnow()
        session.add(job)
        session.flush()
    if job.state == "queued":
        # A queue entry may stay behind: whoever takes it finds the job ended and skips it.
        repo.finish_job(session, job_id, "cancelled", error=CANCELLED_BEFORE_START)
    elif joblife.nobody_at_work(job):
        # Nobody is there to read the request: it ends now, with its best checked plan so far.
        end_unattended(session, job_id, "cancelled", error=None)


def locked_job(session: Session, job_id: str) -> SolveJobRow | None:
    """The job row, locked for this transaction (PostgreSQL; SQLite locks on write)."""
    query = select(SolveJobRow).where(SolveJobRow.id == job_id).with_for_update()
    return session.exec(query).one_or_none()


def cancel_requested(engine: Engine, job_id: str) -> bool:
    """True once someone asked the job to stop (a store outage reads as not asked)."""
    try:
        with session_scope(engine) as session:
            query = select(SolveJobRow.cancel_requested_at).where(SolveJobRow.id == job_id)
            return session.exec(query).one_or_none() is not None
    except OperationalError as exc:
        log.warning("cancel request of job %s not readable: %s", job_id, exc)
        return False


class JobStop:
    """Stop flag of a running solve: a local stop, a cancel request in the store, or a deadline."""

    def __init__(
        self,
        engine: Engine,
        job_id: str,
        *,
        deadline_s: float | None = None,
        local: threading.Event | None = None,
    ) -> None:
        self._engine = engine
        self._job_id = job_id
        self.local = local or threading.Event()
        self._deadline = None if deadline_s is None else time.monotonic() + deadline_s
        self._next_poll = 0.0
        self._requested = False
        self.overran = False

    def is_set(self) -> bool:
        """Asked often by the solver; the store is read at most every ``CANCEL_POLL_S``."""
        if self.local.is_set() or self._requested:
            return True
        now = time.monotonic()
        if self._deadline is not None and now >= self._deadline:
            if not self.overran:
                log.warning("job %s ran past its time limit: stopping it", self._job_id)
            self.overran = True
            return True
        if now >= self._next_poll:
            self._next_poll = now + CANCEL_POLL_S
            self._requested = cancel_requested(self._engine, self._job_id)
        return self._requested

    @property
    def cancelled(self) -> bool:
        """True once a cancel request was read from the store (not a deadline, not a local stop)."""
        return self._requested


class ThrottledProgress:
    """Writes progress reports to the store, at most one per interval (``store`` says where)."""

    def __init__(self, engine: Engine, job_id: str, clock: SolveClock | None = None) -> None:
        self._engine = engine
        self._job_id = job_id
        self._clock = clock
        self._last = 0.0
        self._lock = threading.Lock()

    def __call__(self, progress: Progress, /) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._last < PROGRESS_INTERVAL_S:
                return
            self._last = now
            if self._clock is not None:
                # The job's time, not the solver stage's: earlier runs count, downtime does not.
                progress = dataclasses.replace(progress, elapsed_s=self._clock.elapsed())
            try:
                with session_scope(self._engine) as session:
                    self.store(session, progress)
            except OperationalError as exc:
                # A lost progress report is harmless; a solve failing for it is not.
                log.warning("progress of job %s not stored: %s", self._job_id, exc)

    def store(self, session: Session, progress: Progress) -> None:
        """Write one report now (the job row by default)."""
        repo.update_job_progress(session, self._job_id, progress)
