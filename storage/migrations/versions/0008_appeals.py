"""Grade appeals: the appeals table, one row per appealed attempt.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.columns import TIMESTAMP, foreign_key, optional, primary_key, required, unique

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the appeals table and its indexes."""
    op.create_table(
        "appeals",
        required("id", sa.Integer()),
        required("attempt_id", sa.Integer()),
        required("user_id", sa.Integer()),
        required("place_id", sa.Integer()),
        required("question_id", sa.String()),
        required("answer_text", sa.Text()),
        required("verdict", sa.String()),
        required("score", sa.Float()),
        required("matched", sa.JSON()),
        required("missed", sa.JSON()),
        required("claimed", sa.String()),
        required("reason", sa.Text()),
        required("status", sa.String()),
        required("created_at", TIMESTAMP),
        required("updated_at", TIMESTAMP),
        required("chat_id", sa.String()),
        optional("message_id", sa.String()),
        optional("accepted_verdict", sa.String()),
        optional("accepted_score", sa.Float()),
        optional("accepted_by_user_id", sa.Integer()),
        optional("accepted_at", TIMESTAMP),
        foreign_key("appeals", "attempt_id", "attempts", ondelete="CASCADE"),
        foreign_key("appeals", "user_id", "users", ondelete="CASCADE"),
        foreign_key("appeals", "place_id", "places", ondelete="CASCADE"),
        foreign_key("appeals", "accepted_by_user_id", "users", ondelete="SET NULL"),
        primary_key("appeals", "id"),
        unique("appeals", "attempt_id"),
    )
    op.create_index("ix_appeals_user_id", "appeals", ["user_id"])
    op.create_index("ix_appeals_chat_message", "appeals", ["chat_id", "message_id"])


def downgrade() -> None:
    """Drop the appeals table."""
    op.drop_index("ix_appeals_chat_message", table_name="appeals")
    op.drop_index("ix_appeals_user_id", table_name="appeals")
    op.drop_table("appeals")
