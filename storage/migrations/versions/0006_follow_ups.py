"""Follow-up questions: whether an attempt was followed up, and the key points its follow-up recovered.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.columns import required

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``follow_up_asked`` and ``recovered`` to attempts."""
    op.add_column("attempts", required("follow_up_asked", sa.Boolean(), server_default=sa.false()))
    op.add_column("attempts", required("recovered", sa.JSON(), server_default="[]"))
    with op.batch_alter_table("attempts") as batch:  # earlier rows are filled; new rows always say
        batch.alter_column("recovered", server_default=None)


def downgrade() -> None:
    """Drop the follow-up columns."""
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("recovered")
        batch.drop_column("follow_up_asked")
