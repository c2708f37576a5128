"""Daily drills: the deliveries table, and subscription indexes for the planner.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.columns import TIMESTAMP, foreign_key, optional, primary_key, required, unique

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the deliveries table and index subscriptions by zone and local time, and by when set."""
    op.create_table(
        "deliveries",
        required("id", sa.Integer()),
        required("subscription_id", sa.Integer()),
        required("platform", sa.String()),
        required("local_date", sa.Date()),
        required("due_at", TIMESTAMP),
        required("expires_at", TIMESTAMP),
        required("status", sa.String()),
        required("not_before", TIMESTAMP),
        required("attempts", sa.Integer(), server_default="0"),
        optional("claim_token", sa.String()),
        optional("lease_until", TIMESTAMP),
        optional("question_id", sa.String()),
        optional("open_question_id", sa.Integer()),
        optional("message_id", sa.String()),
        optional("sent_at", TIMESTAMP),
        optional("last_error", sa.Text()),
        required("planned_at", TIMESTAMP),
        foreign_key("deliveries", "subscription_id", "subscriptions", ondelete="CASCADE"),
        foreign_key("deliveries", "open_question_id", "open_questions", ondelete="SET NULL"),
        primary_key("deliveries", "id"),
        unique("deliveries", "subscription_id", "local_date"),
    )
    op.create_index("ix_deliveries_claim", "deliveries", ["platform", "status", "not_before"])
    op.create_index("ix_deliveries_due_at", "deliveries", ["due_at"])
    op.create_index("ix_subscriptions_zone_time", "subscriptions", ["platform", "timezone", "local_time"])
    op.create_index("ix_subscriptions_created_at", "subscriptions", ["platform", "created_at"])


def downgrade() -> None:
    """Drop the deliveries table and the planner's subscription indexes."""
    op.drop_index("ix_subscriptions_created_at", table_name="subscriptions")
    op.drop_index("ix_subscriptions_zone_time", table_name="subscriptions")
    op.drop_index("ix_deliveries_due_at", table_name="deliveries")
    op.drop_index("ix_deliveries_claim", table_name="deliveries")
    op.drop_table("deliveries")
