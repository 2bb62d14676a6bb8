"""Engines for SQLite and PostgreSQL, and a session scope that commits or rolls back whole."""

from __future__ import annotations

import importlib.util
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
    """Create an engine; SQLite gets foreign keys, WAL (for files) and real transactions."""
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
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The sqlite3 module's own BEGIN handling skips SELECTs and DDL; take
        # over so a session's reads and writes form one transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
            cursor.execute("PRAGMA busy_timeout = 5000")
            if wal:
                # Readers (feeds, pages) then never wait for a writer (a solve job).
                cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")


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


__all__ = ["is_memory_sqlite", "make_engine", "normalize_url", "session_scope"]
