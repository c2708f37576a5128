"""The shared send rate: one GCRA bucket row per platform, booked by every dispatcher process.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.columns import primary_key, required

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the send_budgets table."""
    op.create_table(
        "send_budgets",
        required("platform", sa.String()),
        required("ready_at", sa.Float()),
        primary_key("send_budgets", "platform"),
    )


def downgrade() -> None:
    """Drop the send_budgets table."""
    op.drop_table("send_budgets")
