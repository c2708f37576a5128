"""Initial schema: users, places, memberships, open questions, attempts and subscriptions.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.columns import TIMESTAMP, foreign_key, optional, primary_key, required, unique

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create every table of the first release."""
    op.create_table(
        "users",
        required("id", sa.Integer()),
        required("platform", sa.String()),
        required("platform_user_id", sa.String()),
        required("display_name", sa.Text()),
        required("timezone", sa.String(), server_default="UTC"),
        required("created_at", TIMESTAMP),
        primary_key("users", "id"),
        unique("users", "platform", "platform_user_id"),
    )
    op.create_table(
        "places",
        required("id", sa.Integer()),
        required("platform", sa.String()),
        required("platform_place_id", sa.String()),
        required("is_private", sa.Boolean()),
        required("title", sa.Text()),
        primary_key("places", "id"),
        unique("places", "platform", "platform_place_id"),
    )
    op.create_table(
        "memberships",
        required("place_id", sa.Integer()),
        required("user_id", sa.Integer()),
        required("joined_at", TIMESTAMP),
        foreign_key("memberships", "place_id", "places", ondelete="CASCADE"),
        foreign_key("memberships", "user_id", "users", ondelete="CASCADE"),
        primary_key("memberships", "place_id", "user_id"),
    )
    op.create_index("ix_memberships_user_id", "memberships", ["user_id"])
    op.create_table(
        "open_questions",
        required("id", sa.Integer()),
        required("place_id", sa.Integer()),
        required("chat_id", sa.String()),
        required("question_id", sa.String()),
        optional("asked_by_user_id", sa.Integer()),
        optional("for_user_id", sa.Integer()),
        optional("message_id", sa.String()),
        required("hints_shown", sa.Integer(), server_default="0"),
        required("opened_at", TIMESTAMP),
        optional("closed_at", TIMESTAMP),
        foreign_key("open_questions", "place_id", "places", ondelete="CASCADE"),
        foreign_key("open_questions", "asked_by_user_id", "users", ondelete="SET NULL"),
        foreign_key("open_questions", "for_user_id", "users", ondelete="CASCADE"),
        primary_key("open_questions", "id"),
    )
    op.create_index("ix_open_questions_chat_message", "open_questions", ["chat_id", "message_id"])
    op.create_index("ix_open_questions_chat_owner", "open_questions", ["chat_id", "for_user_id", "closed_at"])
    op.create_table(
        "attempts",
        required("id", sa.Integer()),
        required("user_id", sa.Integer()),
        required("place_id", sa.Integer()),
        required("question_id", sa.String()),
        optional("open_question_id", sa.Integer()),
        required("answer_text", sa.Text()),
        required("score", sa.Float()),
        required("points", sa.Integer()),
        required("verdict", sa.String()),
        required("matched", sa.JSON()),
        required("missed", sa.JSON()),
        required("hints_used", sa.Integer()),
        optional("elapsed_seconds", sa.Float()),
        required("answered_at", TIMESTAMP),
        foreign_key("attempts", "user_id", "users", ondelete="CASCADE"),
        foreign_key("attempts", "place_id", "places", ondelete="CASCADE"),
        foreign_key("attempts", "open_question_id", "open_questions", ondelete="SET NULL"),
        primary_key("attempts", "id"),
        unique("attempts", "open_question_id", "user_id"),
    )
    op.create_index("ix_attempts_place_answered", "attempts", ["place_id", "answered_at"])
    op.create_index("ix_attempts_user_answered", "attempts", ["user_id", "answered_at"])
    op.create_table(
        "subscriptions",
        required("id", sa.Integer()),
        required("platform", sa.String()),
        required("chat_id", sa.String()),
        required("place_id", sa.Integer()),
        optional("user_id", sa.Integer()),
        required("subscriber_key", sa.Integer()),
        required("local_time", sa.String()),
        required("timezone", sa.String()),
        required("topics", sa.JSON()),
        required("active", sa.Boolean()),
        optional("paused_reason", sa.String()),
        optional("skip_date", sa.Date()),
        required("created_at", TIMESTAMP),
        foreign_key("subscriptions", "place_id", "places", ondelete="CASCADE"),
        foreign_key("subscriptions", "user_id", "users", ondelete="CASCADE"),
        primary_key("subscriptions", "id"),
        unique("subscriptions", "platform", "chat_id", "subscriber_key"),
    )
    op.create_index("ix_subscriptions_user_id", "subscriptions", ["user_id"])


def downgrade() -> None:
    """Drop every table of the first release, children first."""
    op.drop_index("ix_subscriptions_user_id", table_name="subscriptions")
    op.drop_table("subscriptions")
    op.drop_index("ix_attempts_user_answered", table_name="attempts")
    op.drop_index("ix_attempts_place_answered", table_name="attempts")
    op.drop_table("attempts")
    op.drop_index("ix_open_questions_chat_owner", table_name="open_questions")
    op.drop_index("ix_open_questions_chat_message", table_name="open_questions")
    op.drop_table("open_questions")
    op.drop_index("ix_memberships_user_id", table_name="memberships")
    op.drop_table("memberships")
    op.drop_table("places")
    op.drop_table("users")
