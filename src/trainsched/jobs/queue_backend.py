"""The API side of distributed mode: solve jobs go to the procrastinate queue in PostgreSQL."""

from __future__ import annotations

import logging

from sqlalchemy import Engine, text
from sqlmodel import Session

from trainsched.jobs import control
from trainsched.jobs.queue import defer_in, make_deferrer, prepare_database
from trainsched.store import repo

log = logging.getLogger(__name__)


class QueueBackend:
    """Queues solve jobs for ``trainsched worker`` processes; cancels through the store."""

    def __init__(self, database_url: str, engine: Engine) -> None:
        self._engine = engine
        self._app = make_deferrer(database_url)

    def prepare(self) -> None:
        """Migrate the store and create the queue's tables if this is the first process."""
        prepare_database(self._engine)

    def recover(self) -> int:
        """Nothing to recover: queued and running jobs live in PostgreSQL, not in this process."""
        return 0

    def enqueue(self, session: Session, job_id: str) -> None:
        """Queue the job in the same transaction that created it: both are kept, or neither."""
        defer_in(self._app, session, "solve_job", {"job_id": job_id})

    def cancel(self, session: Session, job_id: str) -> None:
        """Ask the job to stop; a worker running it sees the request within a second."""
        job = control.request_cancel(session, job_id)
        if job is not None and job.state == "queued":
            # The queue entry stays; the worker that takes it finds the job ended and skips it.
            repo.finish_job(session, job_id, "cancelled", error="cancelled before it started")

    def ready(self) -> None:
        """Raise when the store or the queue's tables cannot be reached."""
        with self._engine.connect() as connection:
            connection.execute(text("SELECT 1 FROM procrastinate_jobs LIMIT 1"))

    def shutdown(self) -> None:
        """Nothing runs here; the queue's connections are per transaction."""
