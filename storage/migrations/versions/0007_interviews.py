"""Mock interviews: the interviews table (who, where, the questions chosen, how far it got).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.columns import TIMESTAMP, foreign_key, optional, primary_key, required

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the interviews table, indexed by user, place and whether it is finished."""
    op.create_table(
        "interviews",
        required("id", sa.Integer()),
        required("user_id", sa.Integer()),
        required("place_id", sa.Integer()),
        required("chat_id", sa.String()),
        optional("topic", sa.String()),
        required("question_ids", sa.JSON()),
        required("asked", sa.JSON()),
        required("started_at", TIMESTAMP),
        optional("finished_at", TIMESTAMP),
        required("stopped_early", sa.Boolean(), server_default=sa.false()),
        foreign_key("interviews", "user_id", "users", ondelete="CASCADE"),
        foreign_key("interviews", "place_id", "places", ondelete="CASCADE"),
        primary_key("interviews", "id"),
    )
    op.create_index("ix_interviews_user_place", "interviews", ["user_id", "place_id", "finished_at"])


def downgrade() -> None:
    """Drop the interviews table."""
    op.drop_index("ix_interviews_user_place", table_name="interviews")
    op.drop_table("interviews")
