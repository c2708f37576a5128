"""Handled updates: the platform update ids some webhook worker has already handled.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.columns import TIMESTAMP, primary_key, required

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the handled_updates table and its index on when each was handled."""
    op.create_table(
        "handled_updates",
        required("platform", sa.String()),
        required("update_id", sa.BigInteger()),
        required("handled_at", TIMESTAMP),
        primary_key("handled_updates", "platform", "update_id"),
    )
    op.create_index("ix_handled_updates_handled_at", "handled_updates", ["handled_at"])


def downgrade() -> None:
    """Drop the handled_updates table."""
    op.drop_index("ix_handled_updates_handled_at", table_name="handled_updates")
    op.drop_table("handled_updates")
