"""One interface for solve jobs above both modes: local threads or a queue of workers."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Engine
from sqlmodel import Session

from trainsched.settings import Settings


class JobBackend(Protocol):
    """Where solve jobs run; the API's routes and services see only this."""

    def prepare(self) -> None:
        """Bring the store (and queue) up to date at start-up."""

    def recover(self) -> int:
        """At start-up: settle jobs a previous stop left behind; returns how many ended."""

    def enqueue(self, session: Session, job_id: str) -> None:
        """Have a job created in ``session`` run once the session commits."""

    def cancel(self, session: Session, job_id: str) -> None:
        """Ask a queued or running job to stop (the caller checked it has not ended)."""

    def ready(self) -> None:
        """Raise when the store cannot serve requests."""

    def shutdown(self) -> None:
        """Stop at server shutdown."""


def make_backend(settings: Settings, engine: Engine) -> JobBackend:
    """The backend the settings ask for: embedded (default) or distributed."""
    # Imported on demand: the queue needs the optional PostgreSQL packages (procrastinate).
    if settings.mode == "distributed":
        from trainsched.jobs.queue import QueueBackend

        return QueueBackend(settings.database_url, engine)
    from trainsched.cpus import usable_cpus
    from trainsched.jobs.embedded import JobRunner
    from trainsched.jobs.work import Beat

    beat = Beat(settings.worker_heartbeat_s, settings.stalled_after_s)
    cpus = usable_cpus()
    return JobRunner(
        engine,
        settings.concurrent_solves(cpus),
        grace_s=settings.deadline_grace_s,
        beat=beat,
        threads=settings.solve_threads(cpus),
    )
