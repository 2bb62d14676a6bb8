"""Stored tables of who may do what: offices in a tree, users' roles there, the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from trainsched.store.fields import UTCDateTime, new_id, utcnow
from trainsched.store.tables import DEFAULT_OFFICE_ID

Role = Literal["viewer", "planner", "publisher", "admin"]
# In rising order: each role may do everything the ones before it may.
ROLES: Final[tuple[Role, ...]] = ("viewer", "planner", "publisher", "admin")

DEFAULT_OFFICE_NAME: Final = "默认单位"


class OfficeRow(SQLModel, table=True):
    """A bureau's office (province, city, district …); it sees its own and its children's work."""

    __tablename__ = "office"
    __table_args__ = (sa.Index("ix_office_parent_id", "parent_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, sa_type=sa.String(36))
    name: str = Field(sa_type=sa.String(200))
    # An office with work or children under it is never deleted, so no cascade here.
    parent_id: str | None = Field(default=None, foreign_key="office.id", sa_type=sa.String(36))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class OfficeRoleRow(SQLModel, table=True):
    """One user's role at one office (and, through it, at every office below)."""

    __tablename__ = "officerole"
    __table_args__ = (
        sa.Index("uq_officerole_user_office", "coordinator_id", "office_id", unique=True),
        sa.CheckConstraint(
            "role IN ({})".format(", ".join(f"'{r}'" for r in ROLES)), name="ck_officerole_role"
        ),
    )

    id: str = Field(default_factory=new_id, primary_key=True, sa_type=sa.String(36))
    coordinator_id: str = Field(
        foreign_key="coordinator.id", ondelete="CASCADE", sa_type=sa.String(36)
    )
    office_id: str = Field(foreign_key="office.id", ondelete="CASCADE", sa_type=sa.String(36))
    role: Role = Field(sa_type=sa.String(16))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AuditRow(SQLModel, table=True):
    """One recorded change: who, in which office, when, what, and the ETag before and after.

    No foreign keys: the trail outlives the users, scenarios and plans it names.
    """

    __tablename__ = "audit"
    __table_args__ = (
        sa.Index("ix_audit_office_at", "office_id", "at"),
        sa.Index("ix_audit_at", "at"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, sa_type=sa.String(36))
    at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    user_id: str | None = Field(default=None, sa_type=sa.String(36))
    user_name: str = Field(sa_type=sa.String(200))
    office_id: str | None = Field(default=None, sa_type=sa.String(36))
    kind: str = Field(sa_type=sa.String(40))
    object_id: str = Field(sa_type=sa.String(200))
    etag_before: str | None = Field(default=None, sa_type=sa.String(64))
    etag_after: str | None = Field(default=None, sa_type=sa.String(64))


__all__ = [
    "DEFAULT_OFFICE_ID",
    "DEFAULT_OFFICE_NAME",
    "ROLES",
    "AuditRow",
    "OfficeRoleRow",
    "OfficeRow",
    "Role",
]
