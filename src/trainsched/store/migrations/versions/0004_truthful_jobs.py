"""Truthful jobs: a heartbeat that says how long it holds, re-queue count, best-plan checkpoints."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"


def upgrade() -> None:
    """Add the liveness, re-queue and checkpoint columns of solve jobs and their parts."""
    with op.batch_alter_table("solvejob") as batch:
        batch.add_column(sa.Column("alive_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column("requeued", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
        batch.add_column(sa.Column("checkpoint", sa.Text(), nullable=True))
        batch.add_column(sa.Column("checkpoint_value", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("checkpoint_bound", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("solvepart") as batch:
        batch.add_column(sa.Column("checkpoint", sa.Text(), nullable=True))


def downgrade() -> None:
    """Remove what upgrade added."""
    with op.batch_alter_table("solvepart") as batch:
        batch.drop_column("checkpoint")
    with op.batch_alter_table("solvejob") as batch:
        batch.drop_column("checkpoint_bound")
        batch.drop_column("checkpoint_value")
        batch.drop_column("checkpoint")
        batch.drop_column("requeued")
        batch.drop_column("alive_until")
