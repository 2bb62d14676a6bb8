"""Distributed mode: PostgreSQL store, solve jobs on procrastinate workers, split solves."""
