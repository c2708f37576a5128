"""Members' display names on ``member_scores``, so each board's top lines are read in order off one index.

* ``member_scores.name``: the user's display name (``users.display_name``), backfilled here and kept
  equal by the store (written with every answer, and on a rename).  On PostgreSQL its collation is "C",
  so names sort by code point as the boards order them, and the indexes below give that order.
* An index per board in the board's full order after its scope, ``(place, points desc, correct desc,
  name, user)`` and ``(place, week, week points desc, week correct desc, name, user)``: the top is read
  with no sort.  The score indexes stay: counting the members ahead of the asker reads many entries,
  and their narrower ones are quicker to read.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.columns import optional

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None

_NAME = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")
_BACKFILL = (
    "UPDATE member_scores SET name = (SELECT display_name FROM users WHERE users.id = member_scores.user_id)"
)
_BOARDS = {
    "ix_member_scores_board_all_time": ("place_id", "points DESC", "correct DESC", "name", "user_id"),
    "ix_member_scores_board_week": (
        *("place_id", "week", "week_points DESC", "week_correct DESC", "name", "user_id"),
    ),
}


def upgrade() -> None:
    """Add ``member_scores.name``, backfill it (then NOT NULL), and index the boards' order."""
    op.add_column("member_scores", optional("name", _NAME))
    op.execute(_BACKFILL)
    with op.batch_alter_table("member_scores") as batch:  # SQLite rebuilds the table for NOT NULL
        batch.alter_column("name", existing_type=_NAME, nullable=False)
    for index, columns in _BOARDS.items():
        op.create_index(index, "member_scores", [sa.text(c) if " " in c else c for c in columns])


def downgrade() -> None:
    """Drop the boards' indexes and ``member_scores.name``."""
    for index in _BOARDS:
        op.drop_index(index, table_name="member_scores")
    with op.batch_alter_table("member_scores") as batch:
        batch.drop_column("name")
