"""Coordinator credentials over time, signed-in browsers, and refused sign-ins.

Nothing here is cached in the process: every check reads the store, so a token rotated or a
user disabled by one process (or the command line) is refused by every other at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import CursorResult
from sqlmodel import Session, col, func, select

from trainsched.store.errors import NotFoundError
from trainsched.store.tables import AuthFailureRow, CoordinatorRow, UTCDateTime, WebSessionRow
from trainsched.store.tokens import hash_token, new_token


def coordinator_named(session: Session, name: str) -> CoordinatorRow:
    """The coordinator of this name, or NotFoundError."""
    row = session.exec(select(CoordinatorRow).where(CoordinatorRow.name == name)).one_or_none()
    if row is None:
        raise NotFoundError(f"no coordinator named {name!r}")
    return row


def name_taken(session: Session, name: str) -> bool:
    """Whether a coordinator has this name."""
    query = select(CoordinatorRow.id).where(CoordinatorRow.name == name)
    return session.exec(query).first() is not None


def coordinators(session: Session) -> list[CoordinatorRow]:
    """Every coordinator, by name."""
    return list(session.exec(select(CoordinatorRow).order_by(col(CoordinatorRow.name))))


def replace_token(
    session: Session, row: CoordinatorRow, token_name: str, expires_at: dt.datetime | None
) -> str:
    """Give ``row`` a new raw token (returned once); the old one and every session end now."""
    raw = new_token()
    row.token_hash = hash_token(raw)
    row.token_name = token_name
    row.token_expires_at = expires_at
    session.add(row)
    end_sessions_of(session, row.id)
    session.flush()
    return raw


def disable(session: Session, row: CoordinatorRow) -> None:
    """Refuse ``row``'s token from now on and end every browser session it has."""
    row.disabled = True
    session.add(row)
    end_sessions_of(session, row.id)
    session.flush()


def mark_used(session: Session, coordinator_id: str, now: dt.datetime) -> None:
    """Note that the coordinator's token was accepted at ``now``."""
    session.execute(
        sa.update(CoordinatorRow)
        .where(col(CoordinatorRow.id) == coordinator_id)
        .values(last_used_at=now)
    )


def add_session(session: Session, raw_id: str, coordinator_id: str, now: dt.datetime) -> None:
    """Remember a signed-in browser by the hash of its random id."""
    row = WebSessionRow(id_hash=hash_token(raw_id), coordinator_id=coordinator_id)
    row.created_at = row.last_seen_at = now
    session.add(row)


def session_by_id(session: Session, raw_id: str) -> tuple[WebSessionRow, CoordinatorRow] | None:
    """The stored session of a raw id and its coordinator, whatever their state."""
    query = (
        select(WebSessionRow, CoordinatorRow)
        .join(CoordinatorRow, col(CoordinatorRow.id) == col(WebSessionRow.coordinator_id))
        .where(col(WebSessionRow.id_hash) == hash_token(raw_id))
    )
    found = session.exec(query).one_or_none()
    return (found[0], found[1]) if found is not None else None


def touch_session(session: Session, id_hash: str, now: dt.datetime) -> None:
    """Note activity on a session (its idle timeout starts again)."""
    session.execute(
        sa.update(WebSessionRow)
        .where(col(WebSessionRow.id_hash) == id_hash)
        .values(last_seen_at=now)
    )


def end_session(session: Session, raw_id: str) -> bool:
    """Delete one session; whether there was one."""
    return (
        _deleted(
            session,
            sa.delete(WebSessionRow).where(col(WebSessionRow.id_hash) == hash_token(raw_id)),
        )
        > 0
    )


def end_sessions_of(session: Session, coordinator_id: str) -> int:
    """Delete every session of a coordinator; how many."""
    return _deleted(
        session,
        sa.delete(WebSessionRow).where(col(WebSessionRow.coordinator_id) == coordinator_id),
    )


def end_sessions_before(session: Session, started_before: dt.datetime) -> int:
    """Delete every session started before ``started_before`` (past any timeout); how many."""
    return _deleted(
        session, sa.delete(WebSessionRow).where(col(WebSessionRow.created_at) < started_before)
    )


def add_failures(session: Session, keys: list[str], now: dt.datetime) -> None:
    """Count one refusal against each key."""
    session.add_all(AuthFailureRow(key=key, at=now) for key in keys)
    session.flush()


def failures_since(
    session: Session, key: str, since: dt.datetime
) -> tuple[int, dt.datetime | None]:
    """How many refusals ``key`` has had since ``since``, and the oldest of them."""
    # min() is typed as the column, so SQLite's text comes back as an aware instant too.
    oldest = func.min(AuthFailureRow.at, type_=UTCDateTime())
    query = select(func.count(), oldest).where(
        col(AuthFailureRow.key) == key, col(AuthFailureRow.at) >= since
    )
    count, first = session.exec(query).one()
    return int(count), first


def forget_failures_before(session: Session, before: dt.datetime) -> None:
    """Drop refusals too old to count any more (every key's), so the table stays small."""
    session.execute(sa.delete(AuthFailureRow).where(col(AuthFailureRow.at) < before))


def _deleted(session: Session, statement: Any) -> int:
    # DELETE statements give a CursorResult, which counts the rows.
    return cast("CursorResult[Any]", session.execute(statement)).rowcount


__all__ = [
    "add_failures",
    "add_session",
    "coordinator_named",
    "coordinators",
    "disable",
    "end_session",
    "end_sessions_before",
    "end_sessions_of",
    "failures_since",
    "forget_failures_before",
    "mark_used",
    "name_taken",
    "replace_token",
    "session_by_id",
    "touch_session",
]
