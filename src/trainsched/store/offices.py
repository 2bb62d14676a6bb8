"""Offices in a tree and users' roles in them: the store's side of who may see and do what."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlmodel import Session, col, select

from trainsched.store.errors import ConflictError, NotFoundError
from trainsched.store.office_tables import (
    DEFAULT_OFFICE_ID,
    DEFAULT_OFFICE_NAME,
    ROLES,
    OfficeRoleRow,
    OfficeRow,
    Role,
)
from trainsched.store.tables import CoordinatorRow
from trainsched.store.tokens import add_coordinator


def add_office(session: Session, name: str, parent_id: str | None = None) -> OfficeRow:
    """A new office, under ``parent_id`` when given; two offices of one parent differ in name."""
    name = name.strip()
    if not name:
        raise ValueError("an office needs a name")
    if parent_id is not None and session.get(OfficeRow, parent_id) is None:
        raise NotFoundError(f"no office {parent_id}")
    siblings = select(OfficeRow).where(OfficeRow.name == name, OfficeRow.parent_id == parent_id)
    if session.exec(siblings).first() is not None:
        raise ConflictError(f"an office named {name!r} exists there already")
    row = OfficeRow(name=name, parent_id=parent_id)
    session.add(row)
    session.flush()
    return row


def ensure_default_office(session: Session) -> OfficeRow:
    """The default office (migration 0005 makes it; recreated should someone have removed it)."""
    row = session.get(OfficeRow, DEFAULT_OFFICE_ID)
    if row is None:
        row = OfficeRow(id=DEFAULT_OFFICE_ID, name=DEFAULT_OFFICE_NAME)
        session.add(row)
        session.flush()
    return row


def get_office(session: Session, office_id: str) -> OfficeRow | None:
    """The office with this id, if any."""
    return session.get(OfficeRow, office_id)


def list_offices(session: Session) -> list[OfficeRow]:
    """Every office, by name."""
    return list(session.exec(select(OfficeRow).order_by(col(OfficeRow.name), col(OfficeRow.id))))


def below(session: Session, office_ids: Iterable[str]) -> dict[str, str]:
    """Every office at or under ``office_ids``, each mapped to the given office it is under.

    Walked breadth-first from the given offices, so an office reached from two of them keeps
    the first; callers that care about which pass them in the order they prefer.
    """
    parents = {row.id: row.parent_id for row in session.exec(select(OfficeRow))}
    children: dict[str, list[str]] = {}
    for office, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(office)
    reached: dict[str, str] = {}
    for start in office_ids:
        todo = [start] if start in parents else []
        while todo:
            office = todo.pop()
            if office not in reached:
                reached[office] = start
                todo.extend(children.get(office, ()))
    return reached


def ancestors(session: Session, office_id: str) -> list[str]:
    """``office_id`` and the offices above it, nearest first."""
    chain: list[str] = []
    current: str | None = office_id
    while current is not None and current not in chain:
        chain.append(current)
        row = session.get(OfficeRow, current)
        current = row.parent_id if row is not None else None
    return chain


def grant(session: Session, coordinator_id: str, office_id: str, role: Role) -> OfficeRoleRow:
    """Give a user ``role`` at an office (replacing the role they had there)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    if session.get(OfficeRow, office_id) is None:
        raise NotFoundError(f"no office {office_id}")
    query = select(OfficeRoleRow).where(
        OfficeRoleRow.coordinator_id == coordinator_id, OfficeRoleRow.office_id == office_id
    )
    row = session.exec(query).first() or OfficeRoleRow(
        coordinator_id=coordinator_id, office_id=office_id, role=role
    )
    row.role = role
    session.add(row)
    session.flush()
    return row


def roles_of(session: Session, coordinator_id: str) -> list[OfficeRoleRow]:
    """A user's roles, oldest first (the first names their own office)."""
    query = select(OfficeRoleRow).where(OfficeRoleRow.coordinator_id == coordinator_id)
    return list(session.exec(query.order_by(col(OfficeRoleRow.created_at))))


def home_office(session: Session, coordinator_id: str) -> str | None:
    """The office of a user's first role (their own office); None for a user with no role."""
    roles = roles_of(session, coordinator_id)
    return roles[0].office_id if roles else None


def add_user(
    session: Session,
    name: str,
    office_id: str,
    role: Role,
    *,
    token_name: str = "",
    expires_at: dt.datetime | None = None,
) -> tuple[CoordinatorRow, str]:
    """A new user with one role at one office, and their raw token (shown once)."""
    if session.get(OfficeRow, office_id) is None:
        raise NotFoundError(f"no office {office_id}")
    raw = add_coordinator(session, name, token_name=token_name, expires_at=expires_at)
    user = session.exec(select(CoordinatorRow).where(CoordinatorRow.name == name)).one()
    grant(session, user.id, office_id, role)
    return user, raw


__all__ = [
    "add_office",
    "add_user",
    "ancestors",
    "below",
    "ensure_default_office",
    "get_office",
    "grant",
    "home_office",
    "list_offices",
    "roles_of",
]
