"""What the stored tables are built from: row ids, UTC instants, references, IN checks."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlmodel import Field


def utcnow() -> dt.datetime:
    """The current instant, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


def new_id() -> str:
    """A fresh random row id (UUID4 text)."""
    return str(uuid.uuid4())


def in_check(column: str, values: tuple[str, ...]) -> str:
    """A CHECK predicate keeping ``column`` to ``values``."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    """An instant stored in UTC and always read back timezone-aware."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        """Refuse naive datetimes and store UTC (without tzinfo where the dialect drops it)."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime: instants must be timezone-aware")
        utc = value.astimezone(dt.UTC)
        # SQLite keeps text and silently drops the offset; store plain UTC there.
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        """Attach UTC to what the database returns."""
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"expected a datetime from the database, got {type(value).__name__}")
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def id_field() -> Any:
    """A random UUID text primary key."""
    return Field(default_factory=new_id, primary_key=True, sa_type=sa.String(36))


def created_field() -> Any:
    """An instant that defaults to the row's creation."""
    return Field(default_factory=utcnow, sa_type=UTCDateTime)


def ref_field(table: str) -> Any:
    """A reference to the owning row of ``table``: rows owned by a scenario go with it."""
    return Field(foreign_key=f"{table}.id", ondelete="CASCADE", sa_type=sa.String(36))


def optional_ref_field(table: str) -> Any:
    """A reference that may be empty: a deleted plan leaves the job's history, minus the link."""
    return Field(
        default=None, foreign_key=f"{table}.id", ondelete="SET NULL", sa_type=sa.String(36)
    )
