"""Offices, users' roles in them, the audit trail; every scenario belongs to an office.

Existing data moves into one default office ("默认单位"): it owns every existing scenario,
and every existing coordinator becomes its publisher (who may also plan: roles are cumulative).
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"

# Written out, not imported: a migration keeps meaning what it meant when it was written.
DEFAULT_OFFICE_ID = "00000000-0000-0000-0000-000000000000"
DEFAULT_OFFICE_NAME = "默认单位"
ROLE_CHECK = "role IN ('viewer', 'planner', 'publisher', 'admin')"


def _id() -> sa.Column[str]:
    return sa.Column("id", sa.String(length=36), primary_key=True)


def _instant(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def _ref(name: str, table: str, ondelete: str | None, *, nullable: bool = False) -> sa.Column[str]:
    key = sa.ForeignKey(f"{table}.id", ondelete=ondelete)
    return sa.Column(name, sa.String(length=36), key, nullable=nullable)


def upgrade() -> None:
    """Create offices, roles and the audit trail, and move existing data into the default office."""
    office = op.create_table(
        "office",
        _id(),
        sa.Column("name", sa.String(length=200), nullable=False),
        _ref("parent_id", "office", None, nullable=True),
        _instant("created_at"),
    )
    op.create_index("ix_office_parent_id", "office", ["parent_id"])
    roles = op.create_table(
        "officerole",
        _id(),
        _ref("coordinator_id", "coordinator", "CASCADE"),
        _ref("office_id", "office", "CASCADE"),
        sa.Column("role", sa.String(length=16), nullable=False),
        _instant("created_at"),
        sa.CheckConstraint(ROLE_CHECK, name="ck_officerole_role"),
    )
    op.create_index(
        "uq_officerole_user_office", "officerole", ["coordinator_id", "office_id"], unique=True
    )
    op.create_table(
        "audit",
        _id(),
        _instant("at"),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("user_name", sa.String(length=200), nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.String(length=200), nullable=False),
        sa.Column("etag_before", sa.String(length=64), nullable=True),
        sa.Column("etag_after", sa.String(length=64), nullable=True),
    )
    op.create_index("ix_audit_office_at", "audit", ["office_id", "at"])
    op.create_index("ix_audit_at", "audit", ["at"])
    _move_into_default_office(office, roles)


def _move_into_default_office(office: sa.Table, roles: sa.Table) -> None:
    now = dt.datetime.now(dt.UTC)
    op.bulk_insert(
        office, [{"id": DEFAULT_OFFICE_ID, "name": DEFAULT_OFFICE_NAME, "created_at": now}]
    )
    bind = op.get_bind()
    users = bind.execute(sa.text("SELECT id FROM coordinator")).scalars().all()
    op.bulk_insert(
        roles,
        [
            {
                "id": str(uuid.uuid4()),
                "coordinator_id": user,
                "office_id": DEFAULT_OFFICE_ID,
                "role": "publisher",
                "created_at": now,
            }
            for user in users
        ],
    )
    # Added empty, filled, then made required: a batch rebuilds the table on SQLite.
    with op.batch_alter_table("scenario") as batch:
        batch.add_column(sa.Column("office_id", sa.String(length=36), nullable=True))
    op.execute(
        sa.text("UPDATE scenario SET office_id = :office").bindparams(office=DEFAULT_OFFICE_ID)
    )
    with op.batch_alter_table("scenario") as batch:
        batch.alter_column("office_id", existing_type=sa.String(length=36), nullable=False)
        batch.create_foreign_key("fk_scenario_office_id", "office", ["office_id"], ["id"])
        batch.create_index("ix_scenario_office_id", ["office_id"])


def downgrade() -> None:
    """Remove what upgrade added (offices, roles and the audit trail are lost)."""
    with op.batch_alter_table("scenario") as batch:
        batch.drop_index("ix_scenario_office_id")
        batch.drop_constraint("fk_scenario_office_id", type_="foreignkey")
        batch.drop_column("office_id")
    for table in ("audit", "officerole", "office"):
        op.drop_table(table)
