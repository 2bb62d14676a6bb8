"""Initial schema: scenarios, plans, solve jobs, feed tokens and coordinators."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None

# Written out here, not imported from the tables module: a migration must keep
# meaning what it meant when it was written, whatever the models become.
PUBLISHED_ONLY = sa.text("status = 'published'")


def _id() -> sa.Column[str]:
    return sa.Column("id", sa.String(length=36), primary_key=True)


def _instant(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _scenario_ref() -> sa.Column[str]:
    return sa.Column(
        "scenario_id",
        sa.String(length=36),
        sa.ForeignKey("scenario.id", ondelete="CASCADE"),
        nullable=False,
    )


def _plan_ref(name: str) -> sa.Column[str]:
    return sa.Column(
        name, sa.String(length=36), sa.ForeignKey("plan.id", ondelete="SET NULL"), nullable=True
    )


def upgrade() -> None:
    """Create every table and index of the store."""
    op.create_table(
        "scenario",
        _id(),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        _instant("created_at"),
        _instant("updated_at"),
    )
    op.create_index("ix_scenario_name", "scenario", ["name"])

    op.create_table(
        "plan",
        _id(),
        _scenario_ref(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("objective", sa.BigInteger(), nullable=False),
        sa.Column("bound", sa.BigInteger(), nullable=True),
        sa.Column("solve_job_id", sa.String(length=36), nullable=True),
        _instant("created_at"),
        _instant("published_at", nullable=True),
        sa.CheckConstraint("status IN ('draft', 'published', 'superseded')", name="ck_plan_status"),
    )
    op.create_index("uq_plan_scenario_version", "plan", ["scenario_id", "version"], unique=True)
    op.create_index("ix_plan_scenario_status", "plan", ["scenario_id", "status"])
    op.create_index(
        "uq_plan_one_published",
        "plan",
        ["scenario_id"],
        unique=True,
        sqlite_where=PUBLISHED_ONLY,
        postgresql_where=PUBLISHED_ONLY,
    )

    op.create_table(
        "solvejob",
        _id(),
        _scenario_ref(),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        _plan_ref("previous_plan_id"),
        sa.Column("elapsed_s", sa.Float(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=True),
        sa.Column("bound", sa.BigInteger(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        _plan_ref("plan_id"),
        _instant("created_at"),
        _instant("started_at", nullable=True),
        _instant("finished_at", nullable=True),
        _instant("heartbeat_at", nullable=True),
        sa.CheckConstraint(
            "state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')",
            name="ck_solvejob_state",
        ),
    )
    op.create_index("ix_solvejob_state", "solvejob", ["state"])
    op.create_index("ix_solvejob_scenario_id", "solvejob", ["scenario_id"])

    op.create_table(
        "feedtoken",
        _id(),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("subject_kind", sa.String(length=16), nullable=False),
        sa.Column("subject_id", sa.String(length=128), nullable=False),
        _scenario_ref(),
        _instant("created_at"),
        _instant("revoked_at", nullable=True),
        sa.CheckConstraint(
            "subject_kind IN ('trainer', 'mentor', 'venue')", name="ck_feedtoken_subject_kind"
        ),
    )
    op.create_index("uq_feedtoken_token_hash", "feedtoken", ["token_hash"], unique=True)
    op.create_index(
        "ix_feedtoken_subject", "feedtoken", ["scenario_id", "subject_kind", "subject_id"]
    )

    op.create_table(
        "coordinator",
        _id(),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        _instant("created_at"),
        sa.Column("disabled", sa.Boolean(), nullable=False),
    )
    op.create_index("uq_coordinator_name", "coordinator", ["name"], unique=True)
    op.create_index("uq_coordinator_token_hash", "coordinator", ["token_hash"], unique=True)


def downgrade() -> None:
    """Drop every table of the store (indexes go with their tables)."""
    for table in ("coordinator", "feedtoken", "solvejob", "plan", "scenario"):
        op.drop_table(table)
