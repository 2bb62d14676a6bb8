"""Coordinator and calendar-feed tokens: handed out once, stored only as sha256."""

from __future__ import annotations

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


def add_coordinator(session: Session, name: str) -> str:
    """Register a coordinator and return their raw token (shown once, never stored)."""
    taken = session.exec(select(CoordinatorRow).where(CoordinatorRow.name == name)).first()
    if taken is not None:
        raise ConflictError(f"a coordinator named {name!r} exists")
    raw = new_token()
    session.add(CoordinatorRow(name=name, token_hash=hash_token(raw)))
    session.flush()
    return raw


def coordinator_by_token(session: Session, raw: str) -> CoordinatorRow | None:
    """The enabled coordinator holding this token, if any."""
    query = select(CoordinatorRow).where(
        CoordinatorRow.token_hash == hash_token(raw), col(CoordinatorRow.disabled).is_(False)
    )
    return session.exec(query).one_or_none()


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
]
