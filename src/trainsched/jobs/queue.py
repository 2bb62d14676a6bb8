"""The procrastinate queue: its tasks, deferring in the caller's transaction, schema set-up."""

from __future__ import annotations

import logging
import os
from typing import Any

import procrastinate
from procrastinate.schema import SchemaManager
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from trainsched.jobs import execute
from trainsched.jobs.guard import SolveStuckError
from trainsched.store.migrate import upgrade

log = logging.getLogger(__name__)

QUEUE = "solve"
# Any fixed number: every process that sets up the schema takes this advisory lock first.
SETUP_LOCK = 7_254_118
# Exit status of a worker that gave up on a solve ignoring its stop flag (systemd restarts it).
EXIT_STUCK = 70


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


def make_queue(
    database_url: str,
    engine: Engine,
    *,
    grace_s: float = 10.0,
    split_min_cohorts: int = 40,
) -> procrastinate.App:
    """A procrastinate app on the database with the three solve tasks registered."""
    app = procrastinate.App(
        connector=procrastinate.PsycopgConnector(conninfo=conninfo(database_url))
    )
    deferrer = make_deferrer(database_url)
    ctx = execute.Context(
        engine,
        defer=lambda session, task, kwargs: defer_in(deferrer, session, task, kwargs),
        grace_s=grace_s,
        split_min_cohorts=split_min_cohorts,
    )

    @app.task(name="solve_job", queue=QUEUE)
    def solve_job(job_id: str) -> None:
        _guard(ctx, job_id, lambda: execute.run_job(ctx, job_id))

    @app.task(name="solve_part", queue=QUEUE)
    def solve_part(job_id: str, index: int) -> None:
        _guard(ctx, job_id, lambda: execute.run_part(ctx, job_id, index))

    @app.task(name="merge_job", queue=QUEUE)
    def merge_job(job_id: str) -> None:
        _guard(ctx, job_id, lambda: execute.run_merge(ctx, job_id))

    return app


def _guard(ctx: execute.Context, job_id: str, work: Any) -> None:
    try:
        work()
    except SolveStuckError:
        # The solve thread cannot be killed from inside; the job is marked failed, so the
        # only way to give its CPU back is to end this worker (its supervisor restarts it).
        log.critical("a solve ignored its stop flag past its deadline: worker exits")
        logging.shutdown()
        os._exit(EXIT_STUCK)
    except Exception as exc:
        # A failed job must say so in the store, never stay running forever.
        log.exception("solve job %s failed", job_id, extra={"job_id": job_id})
        execute.fail(ctx, job_id, f"{type(exc).__name__}: {exc}")


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
