"""Distributed solve jobs: cross-process cancel requests, one plan per job, split-job parts."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"


def upgrade() -> None:
    """Add the cancel-request column, the one-plan-per-job index and the parts table."""
    with op.batch_alter_table("solvejob") as batch:
        batch.add_column(
            sa.Column("cancel_requested_at", sa.DateTime(timezone=True), nullable=True)
        )
    op.create_index("uq_plan_solve_job_id", "plan", ["solve_job_id"], unique=True)
    op.create_table(
        "solvepart",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column(
            "job_id",
            sa.String(length=36),
            sa.ForeignKey("solvejob.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("cohort_ids", sa.JSON(), nullable=False),
        sa.Column("time_limit_s", sa.Float(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("elapsed_s", sa.Float(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=True),
        sa.Column("bound", sa.BigInteger(), nullable=True),
        sa.Column("document", sa.Text(), nullable=True),
    )
    op.create_index("uq_solvepart_job_index", "solvepart", ["job_id", "index"], unique=True)


def downgrade() -> None:
    """Remove what upgrade added."""
    op.drop_index("uq_solvepart_job_index", table_name="solvepart")
    op.drop_table("solvepart")
    op.drop_index("uq_plan_solve_job_id", table_name="plan")
    with op.batch_alter_table("solvejob") as batch:
        batch.drop_column("cancel_requested_at")
