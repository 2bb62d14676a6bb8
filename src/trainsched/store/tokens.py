"""Coordinator and calendar-feed tokens: handed out once, stored only as sha256."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import CursorResult
from sqlmodel import Session, col, select

from trainsched.store.errors import ConflictError, NotFoundError
from trainsched.store.tables import (
    SUBJECT_KINDS,
    CoordinatorRow,
    FeedTokenRow,
    ScenarioRow,
    SubjectKind,
    utcnow,
)


@dataclass(frozen=True)
class FeedToken:
    """Whose calendar a feed token opens: a trainer, mentor or venue of one scenario."""

    kind: SubjectKind
    subject_id: str
    scenario_id: str


def new_token() -> str:
    """A fresh raw token (256 random bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def hash_token(raw: str) -> str:
    """The sha256 hex digest under which a token is stored and looked up."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def add_coordinator(
    session: Session,
    name: str,
    *,
    token_name: str = "",
    expires_at: dt.datetime | None = None,
) -> str:
    """Register a coordinator and return their raw token (shown once, never stored)."""
    taken = session.exec(select(CoordinatorRow).where(CoordinatorRow.name == name)).first()
    if taken is not None:
        raise ConflictError(f"a coordinator named {name!r} exists")
    raw = new_token()
    session.add(
        CoordinatorRow(
            name=name,
            token_hash=hash_token(raw),
            token_name=token_name,
            token_expires_at=expires_at,
        )
    )
    session.flush()
    return raw


def token_owner(session: Session, raw: str) -> CoordinatorRow | None:
    """The coordinator this token was issued to, even if disabled or expired."""
    query = select(CoordinatorRow).where(CoordinatorRow.token_hash == hash_token(raw))
    return session.exec(query).one_or_none()


def token_works(row: CoordinatorRow, now: dt.datetime) -> bool:
    """Whether ``row``'s token is accepted at ``now``: not disabled, not expired."""
    expires = row.token_expires_at
    return not row.disabled and (expires is None or now < expires)


def coordinator_by_token(
    session: Session, raw: str, now: dt.datetime | None = None
) -> CoordinatorRow | None:
    """The coordinator holding this token, if it works at ``now`` (default: this instant)."""
    row = token_owner(session, raw)
    if row is None or not token_works(row, now or utcnow()):
        return None
    return row


def issue_feed_token(
    session: Session, subject_kind: SubjectKind, subject_id: str, scenario_id: str
) -> str:
    """Issue a feed token for one subject of a scenario and return it raw (shown once)."""
    if subject_kind not in SUBJECT_KINDS:
        raise ValueError(f"subject kind must be one of {SUBJECT_KINDS}, got {subject_kind!r}")
    if session.get(ScenarioRow, scenario_id) is None:
        raise NotFoundError(f"no scenario {scenario_id}")
    raw = new_token()
    session.add(
        FeedTokenRow(
            token_hash=hash_token(raw),
            subject_kind=subject_kind,
            subject_id=subject_id,
            scenario_id=scenario_id,
        )
    )
    session.flush()
    return raw


def revoke_feed_tokens(
    session: Session, subject_kind: SubjectKind, subject_id: str, scenario_id: str
) -> int:
    """Revoke every live feed token of a subject; returns how many."""
    result = session.execute(
        sa.update(FeedTokenRow)
        .where(
            col(FeedTokenRow.scenario_id) == scenario_id,
            col(FeedTokenRow.subject_kind) == subject_kind,
            col(FeedTokenRow.subject_id) == subject_id,
            col(FeedTokenRow.revoked_at).is_(None),
        )
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    # UPDATE statements give a CursorResult, which counts the rows.
    return cast("CursorResult[Any]", result).rowcount


def rotate_feed_token(
    session: Session, subject_kind: SubjectKind, subject_id: str, scenario_id: str
) -> str:
    """Revoke a subject's feed tokens and issue a new one (a leaked link stops working)."""
    revoke_feed_tokens(session, subject_kind, subject_id, scenario_id)
    return issue_feed_token(session, subject_kind, subject_id, scenario_id)


def feed_subject_by_token(session: Session, raw: str) -> FeedToken | None:
    """Whose feed a live token opens, if any."""
    query = select(FeedTokenRow).where(
        FeedTokenRow.token_hash == hash_token(raw), col(FeedTokenRow.revoked_at).is_(None)
    )
    row = session.exec(query).one_or_none()
    if row is None:
        return None
    return FeedToken(kind=row.subject_kind, subject_id=row.subject_id, scenario_id=row.scenario_id)


__all__ = [
    "FeedToken",
    "add_coordinator",
    "coordinator_by_token",
    "feed_subject_by_token",
    "hash_token",
    "issue_feed_token",
    "new_token",
    "revoke_feed_tokens",
    "rotate_feed_token",
    "token_owner",
    "token_works",
]
