"""Offices and their users: set up by the server's operator or by an office's admin."""

from __future__ import annotations

from sqlmodel import Session

from trainsched.formats import Problem
from trainsched.services import access, audit
from trainsched.services.access import Actor
from trainsched.services.errors import Conflict, Invalid, NotFound
from trainsched.store import offices
from trainsched.store.errors import ConflictError, NotFoundError
from trainsched.store.office_tables import OfficeRow


def add_office(
    session: Session, name: str, parent_id: str | None = None, actor: Actor | None = None
) -> OfficeRow:
    """A new office under ``parent_id``; an actor must be admin there (the operator need not)."""
    if actor is not None:
        if parent_id is None:
            raise Invalid("parent_id: a new office goes under one you administer")
        access.require(actor, parent_id, "admin", "office", parent_id)
    if not name.strip():
        raise Invalid("an office needs a name", [Problem("name", "empty")])
    try:
        row = offices.add_office(session, name, parent_id)
    except NotFoundError:
        raise NotFound("office", parent_id or "") from None
    except ConflictError as exc:
        raise Conflict(str(exc)) from None
    audit.record(session, "office.added", row.id, actor=actor, office_id=row.id)
    return row


__all__ = ["add_office"]
