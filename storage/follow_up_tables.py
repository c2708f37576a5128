"""The pending follow-ups: one row per follow-up asked, open until answered, skipped or dropped.

A row goes with its attempt (and its user) by cascade, so ``/forget`` clears it.  Rows stay after they
close (``closed_at``): the attempt itself records what was recovered.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index
from sqlmodel import Field

from storage.metadata import TableBase, table_of
from storage.types import UTCDateTime


class FollowUpRow(TableBase, table=True):
    """A follow-up asked in a chat to the member whose attempt missed ``point_id``."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        Index("ix_follow_ups_chat_message", "chat_id", "message_id"),
        Index("ix_follow_ups_chat_user", "chat_id", "user_id", "closed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(foreign_key="attempts.id", ondelete="CASCADE", index=True)
    chat_id: str
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    question_id: str
    point_id: str
    missed: list[str] = Field(default_factory=list, sa_type=JSON)
    message_id: str | None = None
    asked_at: datetime = Field(sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


follow_ups = table_of(FollowUpRow)
