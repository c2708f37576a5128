"""The core's tables (users, places, memberships, open questions, attempts, subscriptions) as sqlmodel
classes, and their Core ``Table``s, which the stores build statements on.

Every time column is a ``UTCDateTime``.  A new table goes here (or beside it, on ``TableBase``), into
``storage.schema`` and into a new Alembic revision.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import JSON, Date, Index, Text, UniqueConstraint
from sqlmodel import Field

from storage.metadata import TableBase, table_of
from storage.types import UTCDateTime


class UserRow(TableBase, table=True):
    """A person on one platform."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("platform", "platform_user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str
    platform_user_id: str
    display_name: str = Field(sa_type=Text)
    timezone: str = Field(default="UTC", sa_column_kwargs={"server_default": "UTC"})
    created_at: datetime = Field(sa_type=UTCDateTime)


class PlaceRow(TableBase, table=True):
    """A group chat, a guild or one user's DMs: where scores count."""

    __tablename__ = "places"
    __table_args__ = (UniqueConstraint("platform", "platform_place_id"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str
    platform_place_id: str
    is_private: bool
    title: str = Field(default="", sa_type=Text)


class MembershipRow(TableBase, table=True):
    """That a user takes part in a place."""

    __tablename__ = "memberships"

    place_id: int = Field(foreign_key="places.id", ondelete="CASCADE", primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True, index=True)
    joined_at: datetime = Field(sa_type=UTCDateTime)


class OpenQuestionRow(TableBase, table=True):
    """A question asked in a chat; open until ``closed_at`` is set."""

    __tablename__ = "open_questions"
    __table_args__ = (
        Index("ix_open_questions_chat_message", "chat_id", "message_id"),
        Index("ix_open_questions_chat_owner", "chat_id", "for_user_id", "closed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    place_id: int = Field(foreign_key="places.id", ondelete="CASCADE")
    chat_id: str
    question_id: str
    asked_by_user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    for_user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="CASCADE")
    message_id: str | None = None
    hints_shown: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    opened_at: datetime = Field(sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    mode: str = Field(default="practice", sa_column_kwargs={"server_default": "practice"})


class AttemptRow(TableBase, table=True):
    """One graded or skipped answer.

    ``points`` is ``round(score * 10)`` worked out once in Python when stored, so every database ranks
    with the same rounding (SQL ``ROUND`` differs between engines on halves).
    """

    __tablename__ = "attempts"
    __table_args__ = (
        UniqueConstraint("open_question_id", "user_id"),
        Index("ix_attempts_place_answered", "place_id", "answered_at"),
        Index("ix_attempts_user_answered", "user_id", "answered_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    place_id: int = Field(foreign_key="places.id", ondelete="CASCADE")
    question_id: str
    open_question_id: int | None = Field(default=None, foreign_key="open_questions.id", ondelete="SET NULL")
    answer_text: str = Field(default="", sa_type=Text)
    score: float
    points: int
    verdict: str
    matched: list[str] = Field(default_factory=list, sa_type=JSON)
    missed: list[str] = Field(default_factory=list, sa_type=JSON)
    hints_used: int = 0
    elapsed_seconds: float | None = None
    answered_at: datetime = Field(sa_type=UTCDateTime)
    mode: str = Field(default="practice", sa_column_kwargs={"server_default": "practice"})
    follow_up_asked: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    recovered: list[str] = Field(default_factory=list, sa_type=JSON)


class SubscriptionRow(TableBase, table=True):
    """A daily drill for a user's DMs or a group channel.

    ``subscriber_key`` is ``user_id`` or 0 for a channel: unique constraints treat NULLs as distinct,
    so the key column is what makes (platform, chat_id, user) unique on every database.
    """

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("platform", "chat_id", "subscriber_key"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str
    chat_id: str
    place_id: int = Field(foreign_key="places.id", ondelete="CASCADE")
    user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="CASCADE", index=True)
    subscriber_key: int
    local_time: str
    timezone: str
    topics: list[str] = Field(default_factory=list, sa_type=JSON)
    active: bool = True
    paused_reason: str | None = None
    skip_date: date | None = Field(default=None, sa_type=Date)
    created_at: datetime = Field(sa_type=UTCDateTime)


users = table_of(UserRow)
places = table_of(PlaceRow)
memberships = table_of(MembershipRow)
open_questions = table_of(OpenQuestionRow)
attempts = table_of(AttemptRow)
subscriptions = table_of(SubscriptionRow)
