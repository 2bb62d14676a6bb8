"""Engines for SQLite and PostgreSQL, and a session scope that commits or rolls back whole."""

from __future__ import annotations

import importlib.util
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session


def normalize_url(url: str | URL) -> URL:
    """Parse a database URL, choosing psycopg 3 for plain PostgreSQL URLs when it is installed."""
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql") and _has_psycopg():
        return parsed.set(drivername="postgresql+psycopg")
    return parsed


def _has_psycopg() -> bool:
    return importlib.util.find_spec("psycopg") is not None


def is_memory_sqlite(url: URL) -> bool:
    """True for an in-memory SQLite database (which lives only as long as its connection)."""
    database = url.database or ""
    return database in ("", ":memory:") or url.query.get("mode") == "memory"


def make_engine(url: str | URL, *, foreign_keys: bool = True) -> Engine:
    """Create an engine; SQLite gets foreign keys, WAL (for files) and a busy timeout."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    memory = is_memory_sqlite(parsed)
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if memory:
        # One shared connection, or every session would see its own empty database.
        kwargs["poolclass"] = StaticPool
    engine = create_engine(parsed, **kwargs)
    _configure_sqlite(engine, wal=not memory, foreign_keys=foreign_keys)
    return engine


def _configure_sqlite(engine: Engine, *, wal: bool, foreign_keys: bool) -> None:
    # The sqlite3 module's own transaction handling stays on: it opens the
    # transaction at the first write, so sessions that only read never hold a
    # snapshot that a later write would find stale ("database is locked").
    # Read-check-write operations call begin_write() first instead.
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
            cursor.execute("PRAGMA busy_timeout = 5000")
            if wal:
                # Readers (feeds, pages) then never wait for a writer (a solve job).
                cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()


def begin_write(session: Session) -> None:
    """Take SQLite's write lock now, so rows read next cannot change before this session writes."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        # Elsewhere the rows read with FOR UPDATE are what gets locked.
        return
    raw = connection.connection.driver_connection
    if raw is not None and not raw.in_transaction:
        # Waits (busy_timeout) for another writer rather than failing later.
        raw.execute("BEGIN IMMEDIATE")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed on normal exit and rolled back entirely on error."""
    # Rows stay readable after the commit, for callers that return them.
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


__all__ = ["begin_write", "is_memory_sqlite", "make_engine", "normalize_url", "session_scope"]


@contextmanager
def scratch_database(base_url: str | URL, prefix: str) -> Iterator[str]:
    """A new empty PostgreSQL database on ``base_url``'s server, dropped (even if in use) after."""
    admin = make_engine(base_url).execution_options(isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            yield normalize_url(base_url).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()
