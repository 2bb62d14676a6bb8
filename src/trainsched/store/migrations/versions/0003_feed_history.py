"""Feed history per scenario, so edits between publications raise SEQUENCE."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"


def upgrade() -> None:
    """Add the feedhistory table."""
    op.create_table(
        "feedhistory",
        sa.Column(
            "scenario_id",
            sa.String(length=36),
            sa.ForeignKey("scenario.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("scenario_revision", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Remove the feedhistory table."""
    op.drop_table("feedhistory")
