"""Alembic environment: runs the store's migrations on the URL or connection handed over in code."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import trainsched.store.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from trainsched.store.db import make_engine, normalize_url

target_metadata = SQLModel.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite can alter a table only by rebuilding it; batch mode does that.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def _run_on(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Migrate through a live connection (given, or opened on the configured URL)."""
    given = context.config.attributes.get("connection")
    if isinstance(given, Connection):
        _run_on(given)
        return
    url = context.config.attributes.get("url") or context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database URL given to the migrations")
    # Foreign keys stay off while migrating: rebuilding a SQLite table drops the
    # old one, which would otherwise cascade into every referring row.
    engine = make_engine(url, foreign_keys=False)
    try:
        with engine.connect() as connection:
            _run_on(connection)
    finally:
        engine.dispose()


def run_offline() -> None:
    """Write the migration SQL instead of running it."""
    url = context.config.attributes.get("url") or context.config.get_main_option("sqlalchemy.url")
    context.configure(
        url=normalize_url(str(url)),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
