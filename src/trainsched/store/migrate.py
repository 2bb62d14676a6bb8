"""Run the store's Alembic migrations from code: the only way the schema is created."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from trainsched.store.db import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration built in code, pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        # Passed as an attribute: an ini option would treat '%' in passwords as interpolation.
        config.attributes["url"] = url
    return config


def head_revision() -> str:
    """The newest revision the package ships."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


def upgrade(target: str | Engine, revision: str = "head") -> None:
    """Bring the database at a URL (or behind an engine) up to ``revision``."""
    if isinstance(target, str):
        command.upgrade(alembic_config(target), revision)
        return
    with target.connect() as connection, _foreign_keys_off(connection):
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.commit()


def downgrade(target: str, revision: str) -> None:
    """Take the database at a URL back to ``revision`` (``base`` empties it)."""
    command.downgrade(alembic_config(target), revision)


def current_revision(target: str | Engine) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    engine = make_engine(target) if isinstance(target, str) else target
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        if isinstance(target, str):
            engine.dispose()


@contextmanager
def _foreign_keys_off(connection: Connection) -> Iterator[None]:
    # Rebuilding a SQLite table during a migration drops the old one, which
    # with foreign keys on would cascade into referring rows. The pragma only
    # takes effect outside a transaction, so it goes to the driver directly.
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.driver_connection
    if raw is None:
        raise RuntimeError("SQLite connection has no driver connection")
    was_on = bool(raw.execute("PRAGMA foreign_keys").fetchone()[0])
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        if was_on:
            raw.execute("PRAGMA foreign_keys = ON")


__all__ = [
    "MIGRATIONS_DIR",
    "alembic_config",
    "current_revision",
    "downgrade",
    "head_revision",
    "upgrade",
]
