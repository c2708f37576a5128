"""Question catalog and per-topic totals: ``/stats`` and ``/quiz`` read a few rows whatever the history.

* ``question_catalog``: the bank's questions with their topic and difficulty.  It is the content's, not
  the users': it starts empty, and the first process that needs it fills it from its loaded bank
  (``Store.sync_catalog``).
* ``user_topics``: each user's graded answers and score sum per topic.  Filling the catalog rebuilds it
  from ``user_questions`` (``storage.topic_totals``), so that first sync is this table's backfill; no
  content is imported here.
* An index on ``user_questions`` in the order ``/stats`` shows the reviews due (user, last rating, due
  time, id): it also covers counting them, so one index serves the whole summary.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.columns import foreign_key, primary_key, required

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create question_catalog and user_topics, and index user_questions for the reviews due."""
    op.create_table(
        "question_catalog",
        required("question_id", sa.String()),
        required("topic", sa.String()),
        required("difficulty", sa.String()),
        primary_key("question_catalog", "question_id"),
    )
    op.create_table(
        "user_topics",
        required("user_id", sa.Integer()),
        required("topic", sa.String()),
        required("graded", sa.Integer()),
        required("score_sum", sa.Float()),
        foreign_key("user_topics", "user_id", "users", ondelete="CASCADE"),
        primary_key("user_topics", "user_id", "topic"),
    )
    shown_order = ["user_id", "last_rating", "due", "question_id"]
    op.create_index("ix_user_questions_user_rating_due", "user_questions", shown_order)


def downgrade() -> None:
    """Drop the index, user_topics and question_catalog."""
    op.drop_index("ix_user_questions_user_rating_due", table_name="user_questions")
    op.drop_table("user_topics")
    op.drop_table("question_catalog")
