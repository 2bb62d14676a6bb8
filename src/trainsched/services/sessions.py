"""Signing in: bearer tokens for the API, server-side sessions for the pages.

A browser that signs in gets a fresh random session id in its cookie; the store keeps only
the id's sha256, so neither the cookie nor the table works as an API token. A session ends
when its coordinator signs out, is disabled or has their token rotated (every session row of
theirs is deleted), after ``session_idle_timeout_s`` without a request, and
``session_absolute_timeout_s`` after signing in. Every check reads the store (nothing is
cached per process), so what one process ends, every process refuses on the next request.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import Engine
from sqlmodel import Session

from trainsched.services import audit, ratelimit
from trainsched.services.errors import Unauthenticated
from trainsched.settings import Settings
from trainsched.store import sessions as stored
from trainsched.store.db import session_scope
from trainsched.store.offices import home_office
from trainsched.store.tables import CoordinatorRow, WebSessionRow
from trainsched.store.tokens import new_token, token_owner, token_works

log = logging.getLogger(__name__)

# Last use and last activity are written at most this often: a write per request would
# contend with solve jobs for SQLite's one writer, and a minute is precise enough for both.
_NOTE_EVERY = dt.timedelta(minutes=1)


def record_signin_failure(
    engine: Engine, *, name: str | None, client: str, via: str, reason: str, now: dt.datetime
) -> None:
    """The one place a refused sign-in or bearer token is recorded.

    ``via`` is ``"form"`` (the sign-in page) or ``"bearer"`` (the API); ``reason`` is for the
    operator's log only, never shown to the client nor kept on the trail. A known user's
    refusal goes on the audit trail of their own office, in its own transaction (the refused
    request rolls back); an unknown name only reaches the log, since it is often a token
    typed into the wrong field.
    """
    log.warning(
        "refused %s sign-in for %r from %s at %s: %s",
        via,
        name or "-",
        client,
        now.isoformat(),
        reason,
    )
    if name is None:
        return
    with session_scope(engine) as own:
        user = stored.coordinator_named(own, name)
        audit.record(
            own, "signin.failed", user.id, user_name=name, office_id=home_office(own, user.id)
        )


def sign_in(
    engine: Engine,
    session: Session,
    settings: Settings,
    *,
    name: str,
    token: str,
    client: str,
    now: dt.datetime,
) -> str:
    """Open a session for the coordinator ``name`` holding ``token``; its raw id (for the cookie).

    Refused (Unauthenticated, or TooManyAttempts once the limits are used up) when the name
    and token do not belong together or the token no longer works.
    """
    name = name.strip()
    limits = [
        ratelimit.client_limit(settings, client),
        ratelimit.user_limit(settings, name),
    ]
    ratelimit.check(session, settings, limits, now)
    owner = token_owner(session, token.strip()) if token.strip() else None
    reason = _refusal(owner, name, now)
    if owner is None or reason:
        ratelimit.record(engine, settings, limits, now)
        # A name nobody has is not logged: it is often a token pasted into the wrong field.
        known = stored.name_taken(session, name)
        shown = name if known else None
        record_signin_failure(engine, name=shown, client=client, via="form", reason=reason, now=now)
        raise Unauthenticated("unknown user name or token, or the token no longer works")
    # Sessions past the absolute timeout are of no use to anyone: the table stays small.
    stored.end_sessions_before(
        session, now - dt.timedelta(seconds=settings.session_absolute_timeout_s)
    )
    raw = new_token()
    stored.add_session(session, raw, owner.id, now)
    stored.mark_used(session, owner.id, now)
    return raw


def _refusal(owner: CoordinatorRow | None, name: str, now: dt.datetime) -> str:
    if owner is None:
        return "unknown token"
    if owner.name != name:
        return f"token of {owner.name!r} given with another name"
    if owner.disabled:
        return "user disabled"
    if not token_works(owner, now):
        return "token expired"
    return ""


def sign_out(session: Session, raw_id: str) -> None:
    """End the browser session of ``raw_id`` (nothing to do if it already ended)."""
    if raw_id:
        stored.end_session(session, raw_id)


def current_session(
    engine: Engine, session: Session, settings: Settings, raw_id: str, now: dt.datetime
) -> CoordinatorRow | None:
    """The coordinator whose live session ``raw_id`` is at ``now``, or None."""
    found = stored.session_by_id(session, raw_id) if raw_id else None
    if found is None:
        return None
    row, coordinator = found
    if not _live(row, coordinator, settings, now):
        # Ended for good: written on its own, since the refused request rolls back.
        with session_scope(engine) as own:
            stored.end_session(own, raw_id)
        return None
    if now - row.last_seen_at >= _NOTE_EVERY:
        with session_scope(engine) as own:
            stored.touch_session(own, row.id_hash, now)
    return coordinator


def _live(
    row: WebSessionRow, coordinator: CoordinatorRow, settings: Settings, now: dt.datetime
) -> bool:
    idle = dt.timedelta(seconds=settings.session_idle_timeout_s)
    absolute = dt.timedelta(seconds=settings.session_absolute_timeout_s)
    return (
        token_works(coordinator, now)
        and now - row.last_seen_at < idle
        and now - row.created_at < absolute
    )


def signed_in(
    session: Session, settings: Settings, *, token: str, session_id: str, now: dt.datetime
) -> bool:
    """Whether a working bearer token or a live session came with a request (reads only)."""
    if token:
        owner = token_owner(session, token)
        return owner is not None and token_works(owner, now)
    found = stored.session_by_id(session, session_id) if session_id else None
    return found is not None and _live(found[0], found[1], settings, now)


def bearer_coordinator(
    engine: Engine,
    session: Session,
    settings: Settings,
    *,
    token: str,
    client: str,
    now: dt.datetime,
) -> CoordinatorRow:
    """The coordinator whose working bearer ``token`` this is; Unauthenticated otherwise.

    Refused bearer tokens count against the client address (and against the user when the
    token is a known one that was disabled or expired); a client past its limit is refused
    with TooManyAttempts before its token is even looked up, so guessing stops there.
    """
    client_limit = ratelimit.client_limit(settings, client)
    ratelimit.check(session, settings, [client_limit], now)
    owner = token_owner(session, token)
    if owner is None or not token_works(owner, now):
        limits = [client_limit]
        if owner is not None:
            limits.append(ratelimit.user_limit(settings, owner.name))
        ratelimit.record(engine, settings, limits, now)
        record_signin_failure(
            engine,
            name=owner.name if owner else None,
            client=client,
            via="bearer",
            reason=_refusal(owner, owner.name if owner else "", now),
            now=now,
        )
        raise Unauthenticated("unknown, disabled or expired token")
    last = owner.last_used_at
    if last is None or now - last >= _NOTE_EVERY:
        with session_scope(engine) as own:
            stored.mark_used(own, owner.id, now)
    return owner


__all__ = [
    "bearer_coordinator",
    "current_session",
    "record_signin_failure",
    "sign_in",
    "sign_out",
    "signed_in",
]
