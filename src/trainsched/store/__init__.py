"""Persistence: SQLModel tables, Alembic migrations and the one mapper to the domain formats."""
