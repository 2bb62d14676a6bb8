"""Job kinds: a job computes a plan (a solve) or an answer about one (levers), kept with it."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"


def upgrade() -> None:
    """Add the job's kind (every existing job is a solve) and its computed answer."""
    with op.batch_alter_table("solvejob") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(16), nullable=False, server_default=sa.text("'solve'"))
        )
        batch.add_column(sa.Column("result", sa.Text(), nullable=True))
        batch.create_index("ix_solvejob_previous_kind", ["previous_plan_id", "kind"])


def downgrade() -> None:
    """Remove what upgrade added."""
    with op.batch_alter_table("solvejob") as batch:
        batch.drop_index("ix_solvejob_previous_kind")
        batch.drop_column("result")
        batch.drop_column("kind")
