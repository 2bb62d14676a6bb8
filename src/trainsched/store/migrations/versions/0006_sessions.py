"""Credentials that can be named, expire, be rotated and disabled; server-side web sessions;
refused sign-ins counted in the store so rate limits hold across every server process.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"


def upgrade() -> None:
    """Add the token's name, expiry and last use; the websession and authfailure tables."""
    with op.batch_alter_table("coordinator") as batch:
        # Existing tokens keep working: unnamed, never expiring, not used since the upgrade.
        batch.add_column(
            sa.Column(
                "token_name", sa.String(length=100), nullable=False, server_default=sa.text("''")
            )
        )
        batch.add_column(sa.Column("token_expires_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "websession",
        sa.Column("id_hash", sa.String(length=64), primary_key=True),
        sa.Column(
            "coordinator_id",
            sa.String(length=36),
            sa.ForeignKey("coordinator.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_websession_coordinator", "websession", ["coordinator_id"])
    op.create_table(
        "authfailure",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_authfailure_key_at", "authfailure", ["key", "at"])
    op.create_index("ix_authfailure_at", "authfailure", ["at"])


def downgrade() -> None:
    """Remove what upgrade added (signed-in browsers have to sign in again)."""
    op.drop_index("ix_authfailure_at", table_name="authfailure")
    op.drop_index("ix_authfailure_key_at", table_name="authfailure")
    op.drop_table("authfailure")
    op.drop_index("ix_websession_coordinator", table_name="websession")
    op.drop_table("websession")
    with op.batch_alter_table("coordinator") as batch:
        batch.drop_column("last_used_at")
        batch.drop_column("token_expires_at")
        batch.drop_column("token_name")
