"""Kept progress: per user-question state, per-user totals and per-member scores, backfilled.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

The backfill replays every attempt, oldest first, through the same fold the store applies to each new
answer (``storage.progress_rows.fold``), with each user's current time zone for local days.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from bot.drills.tally import fold
from bot.model.grades import Verdict
from bot.model.records import Attempt
from storage.migrations.columns import TIMESTAMP, foreign_key, optional, primary_key, required
from storage.progress_rows import member_values, progress_values, question_values, zone_of
from storage.progress_tables import member_scores, user_questions, user_totals
from storage.tables import attempts, users

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_BATCH = 2000


def upgrade() -> None:
    """Create the three tables and fill them from the attempts."""
    op.create_table(
        "user_questions",
        required("user_id", sa.Integer()),
        required("question_id", sa.String()),
        required("attempts", sa.Integer()),
        required("graded", sa.Integer()),
        required("score_sum", sa.Float()),
        required("last_score", sa.Float()),
        required("last_verdict", sa.String()),
        required("first_seen", TIMESTAMP),
        required("last_answered_at", TIMESTAMP),
        required("last_rating", sa.Integer()),
        required("card", sa.JSON()),
        required("due", TIMESTAMP),
        foreign_key("user_questions", "user_id", "users", ondelete="CASCADE"),
        primary_key("user_questions", "user_id", "question_id"),
    )
    op.create_table(
        "user_totals",
        required("user_id", sa.Integer()),
        *(required(name, sa.Integer()) for name in ("answers", "correct", "partial", "wrong")),
        required("score_sum", sa.Float()),
        optional("last_answered_at", TIMESTAMP),
        optional("last_day", sa.Date()),
        *(required(name, sa.Integer()) for name in ("run", "best", "reviewed", "recalled")),
        foreign_key("user_totals", "user_id", "users", ondelete="CASCADE"),
        primary_key("user_totals", "user_id"),
    )
    op.create_table(
        "member_scores",
        required("place_id", sa.Integer()),
        required("user_id", sa.Integer()),
        *(required(name, sa.Integer()) for name in ("points", "answers", "correct")),
        optional("week", TIMESTAMP),
        *(required(name, sa.Integer()) for name in ("week_points", "week_answers", "week_correct")),
        optional("last_day", sa.Date()),
        *(required(name, sa.Integer()) for name in ("run", "best")),
        foreign_key("member_scores", "place_id", "places", ondelete="CASCADE"),
        foreign_key("member_scores", "user_id", "users", ondelete="CASCADE"),
        primary_key("member_scores", "place_id", "user_id"),
    )
    op.create_index("ix_member_scores_user_id", "member_scores", ["user_id"])
    op.create_index("ix_member_scores_all_time", "member_scores", ["place_id", "points", "correct"])
    op.create_index(
        "ix_member_scores_week", "member_scores", ["place_id", "week", "week_points", "week_correct"]
    )
    _backfill(op.get_bind())


def downgrade() -> None:
    """Drop the kept progress (the attempts still hold everything it was built from)."""
    op.drop_index("ix_member_scores_week", table_name="member_scores")
    op.drop_index("ix_member_scores_all_time", table_name="member_scores")
    op.drop_index("ix_member_scores_user_id", table_name="member_scores")
    op.drop_table("member_scores")
    op.drop_table("user_totals")
    op.drop_table("user_questions")


def _backfill(connection: sa.Connection) -> None:
    """Replay the attempts user by user, oldest first, and insert the folded rows in batches.

    The model tables are used for their ``UTCDateTime`` columns (aware times on both databases).
    """
    tables = {"user_questions": user_questions, "user_totals": user_totals, "member_scores": member_scores}
    a, u = attempts.c, users.c
    query = (
        sa.select(
            a.user_id,
            a.place_id,
            a.question_id,
            a.score,
            a.verdict,
            a.answered_at,
            a.hints_used,
            a.elapsed_seconds,
            u.timezone,
        )
        .join(users, u.id == a.user_id)
        .order_by(a.user_id, a.answered_at, a.id)
    )
    rows: dict[str, list[dict[str, Any]]] = {"user_questions": [], "user_totals": [], "member_scores": []}
    current: int | None = None
    questions: dict[str, Any] = {}
    members: dict[int, Any] = {}
    progress = None

    def flush_user() -> None:
        if current is None:
            return
        rows["user_questions"].extend(question_values(current, s) for s in questions.values())
        if progress is not None:
            rows["user_totals"].append(progress_values(current, progress))
        rows["member_scores"].extend(member_values(p, current, s) for p, s in members.items())
        if sum(map(len, rows.values())) >= _BATCH:
            _insert(connection, tables, rows)

    for r in connection.execute(query):
        if r.user_id != current:
            flush_user()
            current, questions, members, progress = r.user_id, {}, {}, None
        attempt = Attempt(
            r.user_id,
            r.place_id,
            r.question_id,
            r.score,
            Verdict(r.verdict),
            r.answered_at,
            hints_used=r.hints_used,
            elapsed_seconds=r.elapsed_seconds,
        )
        folded = fold(
            attempt, zone_of(r.timezone), questions.get(r.question_id), progress, members.get(r.place_id)
        )
        questions[r.question_id], progress = folded.question, folded.progress
        if folded.member is not None:
            members[r.place_id] = folded.member
    flush_user()
    _insert(connection, tables, rows)


def _insert(
    connection: sa.Connection, tables: dict[str, sa.Table], rows: dict[str, list[dict[str, Any]]]
) -> None:
    for name, values in rows.items():
        if values:
            connection.execute(tables[name].insert(), values)
            values.clear()
