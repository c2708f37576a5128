"""The state kept up to date as answers arrive: per user-question, per user-topic, per user, per member
of a place; and the catalog of the bank's questions that gives each question its topic.

Each row is a fold of the attempts (``bot.drills.tally``), written in the attempt's own transaction, so
``/quiz``, ``/stats``, ``/leaderboard`` and the drill choice read a bounded number of rows.  They go with
their user (and place) by cascade, so ``/forget`` clears them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Index, Text
from sqlmodel import Field

from storage.metadata import TableBase, table_of
from storage.types import UTCDateTime


class UserQuestionRow(TableBase, table=True):
    """A user's attempts at one question folded together, with the question's FSRS card."""

    __tablename__ = "user_questions"
    __table_args__ = (
        Index("ix_user_questions_user_rating_due", "user_id", "last_rating", "due", "question_id"),
    )

    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    question_id: str = Field(primary_key=True)
    attempts: int
    graded: int
    score_sum: float
    last_score: float
    last_verdict: str
    first_seen: datetime = Field(sa_type=UTCDateTime)
    last_answered_at: datetime = Field(sa_type=UTCDateTime)
    last_rating: int
    card: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    due: datetime = Field(sa_type=UTCDateTime)


class UserTopicRow(TableBase, table=True):
    """A user's graded answers and score sum in one topic of the catalog ("" for retired questions).

    A sum of the user's ``user_questions`` rows by their catalog topic: moved along with every change to
    those rows, and rebuilt whole when the catalog changes (``storage.topic_totals``)."""

    __tablename__ = "user_topics"

    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    topic: str = Field(primary_key=True)
    graded: int
    score_sum: float


class UserTotalsRow(TableBase, table=True):
    """A user's totals over graded answers, streak inputs (last local day, run, best), repeat answers."""

    __tablename__ = "user_totals"

    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    answers: int
    correct: int
    partial: int
    wrong: int
    score_sum: float
    last_answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_day: date | None = Field(default=None, sa_type=Date)
    run: int
    best: int
    reviewed: int
    recalled: int


MEMBER_NAME = Text().with_variant(Text(collation="C"), "postgresql")
"""``member_scores.name``: text that sorts by code point, as the boards order names (``"C"`` on PostgreSQL,
whose default collation may be a locale's; SQLite's default, BINARY, already does)."""


class MemberScoreRow(TableBase, table=True):
    """A member's points in a place, all time and in the week starting ``week``, and their day run.

    ``name`` is the user's display name, copied so each board reads its top lines in full order off one
    index (``ix_member_scores_board_*``, below): written with every answer, and on a rename.  The
    narrower score indexes stay for counting the members ahead of the asker (a rank), which reads many
    entries: over the boards' wider entries it takes longer (on SQLite, about a fifth for 763 ahead)."""

    __tablename__ = "member_scores"
    __table_args__ = (
        Index("ix_member_scores_all_time", "place_id", "points", "correct"),
        Index("ix_member_scores_week", "place_id", "week", "week_points", "week_correct"),
    )

    place_id: int = Field(foreign_key="places.id", ondelete="CASCADE", primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True, index=True)
    points: int
    answers: int
    correct: int
    week: datetime | None = Field(default=None, sa_type=UTCDateTime)
    week_points: int
    week_answers: int
    week_correct: int
    last_day: date | None = Field(default=None, sa_type=Date)
    run: int
    best: int
    name: str = Field(sa_type=MEMBER_NAME)


class QuestionCatalogRow(TableBase, table=True):
    """A question of the bank as the store knows it (kept in step by ``sync_catalog``), so reads can
    filter and group the kept state by topic and difficulty in SQL."""

    __tablename__ = "question_catalog"

    question_id: str = Field(primary_key=True)
    topic: str
    difficulty: str


user_questions = table_of(UserQuestionRow)
user_totals = table_of(UserTotalsRow)
member_scores = table_of(MemberScoreRow)
question_catalog = table_of(QuestionCatalogRow)
user_topics = table_of(UserTopicRow)

# Each board's order (best first, names by code point, then id) after its scope: the top lines are read
# in order with no sort.
_m = member_scores.c
Index(
    "ix_member_scores_board_all_time", _m.place_id, _m.points.desc(), _m.correct.desc(), _m.name, _m.user_id
)
Index(
    "ix_member_scores_board_week",
    *(_m.place_id, _m.week, _m.week_points.desc(), _m.week_correct.desc(), _m.name, _m.user_id),
)
