"""The table of grade appeals: one row per appealed attempt, with the grade as it was and the reason.

An appeal goes with its attempt (and so with its user, by ``/forget``) by cascade; ``message_id`` is the
platform message that asked for its reason or announced it in a group, so a reply to it is the reason.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, Text, UniqueConstraint
from sqlmodel import Field

from storage.metadata import TableBase, table_of
from storage.types import UTCDateTime


class AppealRow(TableBase, table=True):
    """A member's disagreement with one attempt's grade; ``accepted_*`` are set when an admin accepts it."""

    __tablename__ = "appeals"
    __table_args__ = (
        UniqueConstraint("attempt_id"),
        Index("ix_appeals_chat_message", "chat_id", "message_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="attempts.id", ondelete="CASCADE")
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    place_id: int = Field(foreign_key="places.id", ondelete="CASCADE")
    question_id: str
    answer_text: str = Field(default="", sa_type=Text)
    verdict: str
    score: float
    matched: list[str] = Field(default_factory=list, sa_type=JSON)
    missed: list[str] = Field(default_factory=list, sa_type=JSON)
    claimed: str
    reason: str = Field(default="", sa_type=Text)
    status: str
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    chat_id: str
    message_id: str | None = None
    accepted_verdict: str | None = None
    accepted_score: float | None = None
    accepted_by_user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    accepted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


appeals = table_of(AppealRow)
