"""Coordinators' credentials: add, list, disable, rotate.

Each coordinator holds **one** live token at a time, with a name saying where it is kept
("办公室电脑", "nightly export") and an optional expiry. One credential per person keeps every
change and sign-in attributable to one person and one secret: a script gets a user of its
own, so it can be disabled without locking a person out. Rotating replaces the token at
once (the old one and every browser session opened with it end), disabling refuses it and
ends those sessions too. Tokens are shown once and stored only as sha256.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlmodel import Session

from trainsched.formats import Problem
from trainsched.services import access, audit
from trainsched.services.access import Actor
from trainsched.services.errors import Conflict, Invalid, NotFound
from trainsched.store import offices
from trainsched.store import sessions as stored
from trainsched.store.errors import ConflictError, NotFoundError
from trainsched.store.office_tables import DEFAULT_OFFICE_ID, ROLES, Role
from trainsched.store.tables import CoordinatorRow

# Expiry dates are the bureau's local dates; a user is not tied to one scenario's timezone.
BUREAU_TIMEZONE = ZoneInfo("Asia/Shanghai")
_MAX_NAME = 200
_MAX_TOKEN_NAME = 100


@dataclass(frozen=True)
class UserSummary:
    """What may be shown about a coordinator's credential: never the token."""

    name: str
    disabled: bool
    token_name: str
    token_expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    id: str = ""
    office_id: str | None = None  # their own office (of their first role)
    office_name: str = ""
    role: str = ""


def token_expiry(day: dt.date) -> dt.datetime:
    """The instant a token valid through ``day`` (local date) stops: the next local midnight."""
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), BUREAU_TIMEZONE)
    return midnight.astimezone(dt.UTC)


def add_user(
    session: Session,
    name: str,
    *,
    office_id: str | None = None,
    role: str = "publisher",
    actor: Actor | None = None,
    token_name: str = "",
    expires_on: dt.date | None = None,
    now: dt.datetime,
) -> str:
    """Create a coordinator with ``role`` at an office (the default office unless named); their
    raw token, shown once.

    An actor must be admin at that office; the operator (no actor) may add anyone anywhere.
    Without an office the user becomes publisher of the default office, as every coordinator
    of a single-office server was before offices existed.
    """
    name = _checked("name", name.strip(), _MAX_NAME, required=True)
    token_name = _checked("token_name", token_name.strip(), _MAX_TOKEN_NAME)
    expires_at = _expiry(expires_on, now)
    chosen = office_id or DEFAULT_OFFICE_ID
    granted = _role(role)
    if actor is not None:
        access.require(actor, chosen, "admin", "office", chosen)
    if chosen == DEFAULT_OFFICE_ID:
        offices.ensure_default_office(session)
    try:
        user, token = offices.add_user(
            session, name, chosen, granted, token_name=token_name, expires_at=expires_at
        )
    except NotFoundError:
        raise NotFound("office", chosen) from None
    except ConflictError as exc:
        raise Conflict(str(exc)) from None
    audit.record(session, "user.added", user.id, actor=actor, office_id=chosen)
    return token


def _role(role: str) -> Role:
    for known in ROLES:
        if known == role:
            return known
    raise Invalid(
        f"role must be one of {', '.join(ROLES)}", [Problem("role", f"unknown role {role!r}")]
    )


def list_users(session: Session, actor: Actor | None = None) -> list[UserSummary]:
    """Every coordinator and the state of their credential, by name; for an actor, only the
    users whose own office they administer (the command line sees everyone)."""
    found = []
    for row in stored.coordinators(session):
        roles = offices.roles_of(session, row.id)
        home = roles[0] if roles else None
        if actor is not None and (home is None or not actor.may(home.office_id, "admin")):
            continue
        office = offices.get_office(session, home.office_id) if home else None
        found.append(
            UserSummary(
                name=row.name,
                disabled=row.disabled,
                token_name=row.token_name,
                token_expires_at=row.token_expires_at,
                last_used_at=row.last_used_at,
                id=row.id,
                office_id=home.office_id if home else None,
                office_name=office.name if office else "",
                role=home.role if home else "",
            )
        )
    return found


def name_of(session: Session, actor: Actor, user_id: str) -> str:
    """The name of a user the actor administers; NotFound for a user of an office they
    cannot see (ids tell nothing), Forbidden below admin."""
    row = session.get(CoordinatorRow, user_id)
    if row is None:
        raise NotFound("user", user_id)
    _check_admin(session, actor, row)
    return row.name


def _check_admin(session: Session, actor: Actor | None, row: CoordinatorRow) -> None:
    if actor is None:
        return  # the server's operator, on the command line
    home = offices.home_office(session, row.id)
    if home is None or not actor.sees(home):
        raise NotFound("user", row.id)
    access.require(actor, home, "admin", "user", row.id)


def disable_user(session: Session, name: str, actor: Actor | None = None) -> None:
    """Refuse the coordinator's token from now on and end their browser sessions."""
    row = _named(session, name)
    _check_admin(session, actor, row)
    stored.disable(session, row)
    home = offices.home_office(session, row.id)
    audit.record(session, "user.disabled", row.id, actor=actor, office_id=home)


def rotate_token(
    session: Session,
    name: str,
    *,
    token_name: str | None = None,
    expires_on: dt.date | None = None,
    now: dt.datetime,
    actor: Actor | None = None,
) -> str:
    """A new raw token for ``name``; the old one and every session of theirs end now.

    The token keeps its name and expiry unless new ones are given; an expiry already past
    must be replaced (a rotated token never silently becomes one that never expires).
    """
    row = _named(session, name)
    _check_admin(session, actor, row)
    if row.disabled:
        raise Conflict(f"coordinator {name!r} is disabled; add a new user instead")
    new_name = row.token_name if token_name is None else token_name.strip()
    new_name = _checked("token_name", new_name, _MAX_TOKEN_NAME)
    expires_at = row.token_expires_at if expires_on is None else _expiry(expires_on, now)
    if expires_at is not None and expires_at <= now:
        raise Invalid(
            "the token's expiry has passed: give a new one",
            [Problem("expires", "the kept expiry date has passed; give a later date")],
        )
    raw = stored.replace_token(session, row, new_name, expires_at)
    home = offices.home_office(session, row.id)
    audit.record(session, "user.rotated", row.id, actor=actor, office_id=home)
    return raw


def _named(session: Session, name: str) -> CoordinatorRow:
    try:
        return stored.coordinator_named(session, name.strip())
    except NotFoundError:
        raise NotFound("coordinator", name) from None


def _expiry(day: dt.date | None, now: dt.datetime) -> dt.datetime | None:
    if day is None:
        return None
    expires_at = token_expiry(day)
    if expires_at <= now:
        raise Invalid(
            "the expiry date has passed",
            [Problem("expires", f"{day.isoformat()} has passed; give today or a later date")],
        )
    return expires_at


def _checked(field: str, value: str, longest: int, *, required: bool = False) -> str:
    if required and not value:
        raise Invalid(f"{field} is empty", [Problem(field, "must not be empty")])
    if len(value) > longest:
        raise Invalid(f"{field} is too long", [Problem(field, f"at most {longest} characters")])
    return value


__all__ = [
    "BUREAU_TIMEZONE",
    "UserSummary",
    "add_user",
    "disable_user",
    "list_users",
    "name_of",
    "rotate_token",
    "token_expiry",
]
