"""Distributed mode's queue (procrastinate, in PostgreSQL): queuing jobs, its tables, a backend."""

from __future__ import annotations

import logging
from typing import Any

import procrastinate
from procrastinate.schema import SchemaManager
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from trainsched.jobs import control
from trainsched.store.migrate import upgrade

log = logging.getLogger(__name__)

QUEUE = "solve"
# Any fixed number: every process that sets up the schema takes this advisory lock first.
SETUP_LOCK = 7_254_118


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
        control.cancel(session, job_id)

    def ready(self) -> None:
        """Raise when the store or the queue's tables cannot be reached."""
        with self._engine.connect() as connection:
            connection.execute(text("SELECT 1 FROM procrastinate_jobs LIMIT 1"))

    def shutdown(self) -> None:
        """Nothing runs here; the queue's connections are per transaction."""


def conninfo(database_url: str) -> str:
    """The libpq connection string for a SQLAlchemy PostgreSQL URL (driver name dropped)."""
    url = make_url(database_url)
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def defer_in(app: procrastinate.App, session: Session, task: str, kwargs: dict[str, Any]) -> None:
    """Queue a task inside the session's transaction: both commit, or neither does."""
    connection = session.connection().connection.driver_connection
    app.configure_task(task, connection=connection, queue=QUEUE).defer(**kwargs)


def make_deferrer(database_url: str) -> procrastinate.App:
    """An app that only queues tasks, on the connection of a caller's transaction."""
    # The synchronous connector: it runs on the caller's psycopg connection, with no pool.
    return procrastinate.App(
        connector=procrastinate.SyncPsycopgConnector(conninfo=conninfo(database_url))
    )


def prepare_database(engine: Engine) -> None:
    """Migrate the store and create the queue's tables, one process at a time."""
    with engine.connect() as lock:
        lock.execute(text("SELECT pg_advisory_lock(:key)"), {"key": SETUP_LOCK})
        try:
            upgrade(engine)
            _ensure_queue_schema(engine)
        finally:
            lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": SETUP_LOCK})
            lock.commit()


def _ensure_queue_schema(engine: Engine) -> None:
    with engine.begin() as connection:
        exists = connection.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar()
        if exists is None:
            log.info("creating the job queue's tables (procrastinate)")
            raw = connection.connection.driver_connection
            assert raw is not None
            # Straight to psycopg: no parameters, so '%' in the script stays as it is.
            raw.execute(SchemaManager.get_schema())
