"""Solve jobs in both modes: threads of the server, or a PostgreSQL queue of workers.

The server reaches jobs through ``trainsched.jobs.backend`` (JobBackend, make_backend); the CLI
runs a worker with ``trainsched.jobs.worker`` and sets up logs with ``trainsched.jobs.logs``.
"""
