"""Solve jobs in both modes: threads of the server, or a PostgreSQL queue of workers."""

from trainsched.jobs.protocol import JobBackend, make_backend

__all__ = ["JobBackend", "make_backend"]
