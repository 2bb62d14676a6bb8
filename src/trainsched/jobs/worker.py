"""``trainsched worker``: a procrastinate worker for solve jobs, which also revives stalled ones."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Callable

import procrastinate
from procrastinate.exceptions import ConnectorException
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from trainsched.cpus import usable_cpus
from trainsched.jobs import execute
from trainsched.jobs.guard import SolveStuckError
from trainsched.jobs.queue import QUEUE, conninfo, defer_in, make_deferrer, prepare_database
from trainsched.jobs.work import Beat
from trainsched.settings import Settings
from trainsched.store import joblife
from trainsched.store.db import make_engine, session_scope

log = logging.getLogger(__name__)

# Exit status of a worker that gave up on a solve ignoring its stop flag (systemd restarts it).
EXIT_STUCK = 70


def make_queue(
    database_url: str,
    engine: Engine,
    *,
    grace_s: float = 10.0,
    split_min_cohorts: int = 40,
    beat: Beat | None = None,
    threads: int | None = None,
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
        beat=beat or Beat(),
        threads=threads,
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


def _guard(ctx: execute.Context, job_id: str, work: Callable[[], None]) -> None:
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


async def revive_stalled(
    app: procrastinate.App, engine: Engine, stalled_after_s: float, every_s: float
) -> None:
    """Hand jobs of workers whose heartbeat stopped (killed, lost) back to the queue, forever.

    The solve job says so: a whole job is queued again, and each hand-back is counted.
    """
    while True:
        await asyncio.sleep(every_s)
        try:
            stalled = await app.job_manager.get_stalled_jobs(
                seconds_since_heartbeat=stalled_after_s
            )
        except ConnectorException as exc:
            log.warning("stalled jobs not readable: %s", exc)
            continue
        for job in stalled:
            job_id = job.task_kwargs.get("job_id")
            try:
                await app.job_manager.retry_job(job)
            except ConnectorException:
                continue  # another worker revived it first
            if isinstance(job_id, str):
                whole = job.task_name == "solve_job"
                await asyncio.to_thread(_requeued, engine, job_id, whole)
            log.warning(
                "queue job %s (%s) lost its worker: queued again",
                job.id,
                job.task_name,
                extra={"job_id": job_id, "queue_job_id": job.id},
            )


def _requeued(engine: Engine, job_id: str, whole: bool) -> None:
    try:
        with session_scope(engine) as session:
            joblife.requeue(session, job_id, whole=whole)
    except OperationalError as exc:
        # The job row then shows it stalled until a worker takes it up: still the truth.
        log.warning("job %s not marked queued again: %s", job_id, exc)


async def run_worker(
    settings: Settings,
    concurrency: int | None = None,
    *,
    install_signal_handlers: bool = True,
    prepare: bool = True,
) -> None:
    """Run until SIGINT/SIGTERM; running solves finish first (systemd's stop timeout allows it)."""
    engine = make_engine(settings.database_url)
    try:
        if prepare:
            # Off for a worker inside a process whose app prepared the database already:
            # Alembic's runner is not safe to use from two threads at once.
            await asyncio.to_thread(prepare_database, engine)
        cpus = usable_cpus()
        concurrency = concurrency or settings.concurrent_solves(cpus)
        # Each of the worker's solves at once gets its share of the worker's CPUs.
        lean = settings.model_copy(update={"worker_concurrency": concurrency})
        app = make_queue(
            settings.database_url,
            engine,
            grace_s=settings.deadline_grace_s,
            split_min_cohorts=settings.split_min_cohorts,
            beat=Beat(settings.worker_heartbeat_s, settings.stalled_after_s),
            threads=lean.solve_threads(cpus),
        )
        async with app.open_async():
            every = max(0.5, min(settings.stalled_after_s / 3, 10.0))
            reviver = asyncio.create_task(
                revive_stalled(app, engine, settings.stalled_after_s, every)
            )
            name = f"{socket.gethostname()}-{os.getpid()}"
            log.info("worker %s listening on queue %r", name, QUEUE)
            try:
                await app.run_worker_async(
                    queues=[QUEUE],
                    name=name,
                    concurrency=concurrency,
                    update_heartbeat_interval=settings.worker_heartbeat_s,
                    stalled_worker_timeout=settings.stalled_after_s,
                    fetch_job_polling_interval=2.0,
                    abort_job_polling_interval=2.0,
                    # Our solvejob rows keep the history; finished queue entries are noise.
                    delete_jobs="successful",
                    install_signal_handlers=install_signal_handlers,
                )
            finally:
                reviver.cancel()
    finally:
        engine.dispose()
