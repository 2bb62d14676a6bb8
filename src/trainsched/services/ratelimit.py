"""Rate limits on refused credentials: per client address and per user name.

The counters live in the store (table ``authfailure``), not in the process. In distributed
mode any number of API processes on any number of machines answer behind one proxy; a
per-process counter would give an attacker N processes × the limit, and forget everything
on a restart. A bureau's security review expects one limit for the service, so every
process counts in, and reads from, the same table.

Each refusal is one row per key it counts against (``client:`` or ``user:`` and the sha256 of
the address or name, never either in clear); a key
with ``limit`` rows within the window is refused (429) until the oldest of them leaves the
window, which is what ``Retry-After`` says. Rows are written in their own short transaction,
because the request that was refused rolls its own back; rows older than the window are
dropped whenever one is written, so the table holds at most a window's worth.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session

from trainsched.services.errors import TooManyAttempts
from trainsched.settings import Settings
from trainsched.store import sessions as stored
from trainsched.store.db import session_scope
from trainsched.store.tokens import hash_token


@dataclass(frozen=True)
class Limit:
    """At most ``count`` refusals for ``key`` within the window."""

    key: str
    count: int


def client_limit(settings: Settings, client: str) -> Limit:
    """The limit on one client address."""
    return Limit(_key("client", client), settings.auth_failures_per_client)


def user_limit(settings: Settings, name: str) -> Limit:
    """The limit on one user name (as typed: unknown names count too, and say nothing)."""
    return Limit(_key("user", name.strip().casefold()), settings.auth_failures_per_user)


def _key(kind: str, value: str) -> str:
    # Stored hashed: people paste tokens into the name field, and addresses are personal data.
    return f"{kind}:{hash_token(value)}"


def check(session: Session, settings: Settings, limits: Sequence[Limit], now: dt.datetime) -> None:
    """Raise TooManyAttempts when any of ``limits`` is used up at ``now``."""
    window = dt.timedelta(seconds=settings.auth_failure_window_s)
    wait = 0.0
    for limit in limits:
        count, oldest = stored.failures_since(session, limit.key, now - window)
        if count >= limit.count and oldest is not None:
            wait = max(wait, (oldest + window - now).total_seconds())
    if wait > 0:
        raise TooManyAttempts(
            "too many refused sign-ins or tokens from here or for this user; retry later",
            retry_after_s=max(1, math.ceil(wait)),
        )


def record(engine: Engine, settings: Settings, limits: Sequence[Limit], now: dt.datetime) -> None:
    """Count one refusal against each of ``limits`` (committed at once, on its own)."""
    keys = [limit.key for limit in limits]
    window = dt.timedelta(seconds=settings.auth_failure_window_s)
    with session_scope(engine) as session:
        stored.forget_failures_before(session, now - window)
        stored.add_failures(session, keys, now)


__all__ = ["Limit", "check", "client_limit", "record", "user_limit"]
