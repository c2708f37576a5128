"""Daily drills: the deliveries table, and subscription indexes for the planner.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the deliveries table and index subscriptions by zone and local time, and by when set."""
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("due_at", TIMESTAMP, nullable=False),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("not_before", TIMESTAMP, nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("claim_token", sa.String(), nullable=True),
        sa.Column("lease_until", TIMESTAMP, nullable=True),
        sa.Column("question_id", sa.String(), nullable=True),
        sa.Column("open_question_id", sa.Integer(), nullable=True),
        sa.Column("message_id", sa.String(), nullable=True),
        sa.Column("sent_at", TIMESTAMP, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("planned_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["subscriptions.id"],
            name="fk_deliveries_subscription_id_subscriptions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["open_question_id"],
            ["open_questions.id"],
            name="fk_deliveries_open_question_id_open_questions",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
        sa.UniqueConstraint("subscription_id", "local_date", name="uq_deliveries_subscription_id_local_date"),
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
