"""How each question was asked (practice, quiz, drill, interview), on open questions and attempts.

Earlier rows are backfilled: a question tied to a drill delivery was a drill, one asked in a group a quiz,
the rest practice; an attempt takes its question's mode.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.columns import required

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

_BACKFILL = (
    "UPDATE open_questions SET mode = 'quiz' WHERE place_id IN (SELECT id FROM places WHERE NOT is_private)",
    "UPDATE open_questions SET mode = 'drill' WHERE id IN "
    "(SELECT open_question_id FROM deliveries WHERE open_question_id IS NOT NULL)",
    "UPDATE attempts SET mode = (SELECT mode FROM open_questions WHERE open_questions.id = "
    "attempts.open_question_id) WHERE open_question_id IS NOT NULL",
)


def upgrade() -> None:
    """Add the ``mode`` columns and backfill them."""
    for table in ("open_questions", "attempts"):
        op.add_column(table, required("mode", sa.String(), server_default="practice"))
    for statement in _BACKFILL:
        op.execute(statement)


def downgrade() -> None:
    """Drop the ``mode`` columns."""
    for table in ("open_questions", "attempts"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("mode")
