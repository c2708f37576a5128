"""Follow-up questions: whether an attempt was followed up, the key points its follow-up recovered, and
the follow-ups themselves (``follow_ups``: one row each, open until answered, skipped or dropped).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.columns import TIMESTAMP, foreign_key, optional, primary_key, required

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``follow_up_asked`` and ``recovered`` to attempts; create ``follow_ups``."""
    op.add_column("attempts", required("follow_up_asked", sa.Boolean(), server_default=sa.false()))
    op.add_column("attempts", required("recovered", sa.JSON(), server_default="[]"))
    with op.batch_alter_table("attempts") as batch:  # earlier rows are filled; new rows always say
        batch.alter_column("recovered", server_default=None)
    op.create_table(
        "follow_ups",
        required("id", sa.Integer()),
        required("attempt_id", sa.Integer()),
        required("chat_id", sa.String()),
        required("user_id", sa.Integer()),
        required("question_id", sa.String()),
        required("point_id", sa.String()),
        required("missed", sa.JSON()),
        optional("message_id", sa.String()),
        required("asked_at", TIMESTAMP),
        optional("closed_at", TIMESTAMP),
        foreign_key("follow_ups", "attempt_id", "attempts", ondelete="CASCADE"),
        foreign_key("follow_ups", "user_id", "users", ondelete="CASCADE"),
        primary_key("follow_ups", "id"),
    )
    op.create_index("ix_follow_ups_attempt_id", "follow_ups", ["attempt_id"])
    op.create_index("ix_follow_ups_chat_message", "follow_ups", ["chat_id", "message_id"])
    op.create_index("ix_follow_ups_chat_user", "follow_ups", ["chat_id", "user_id", "closed_at"])


def downgrade() -> None:
    """Drop ``follow_ups`` and the follow-up columns."""
    op.drop_table("follow_ups")
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("recovered")
        batch.drop_column("follow_up_asked")
