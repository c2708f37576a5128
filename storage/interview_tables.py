"""The mock interviews table: one row per interview, with its chosen questions and how far it got."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import JSON, Index
from sqlmodel import Field

from storage.metadata import TableBase, table_of
from storage.types import UTCDateTime


class InterviewRow(TableBase, table=True):
    """A mock interview of one user in their private place; running until ``finished_at`` is set.

    ``question_ids`` are the questions chosen at the start, in order; ``asked`` the ids of the open
    questions posted so far, one per question.
    """

    __tablename__ = "interviews"
    __table_args__ = (Index("ix_interviews_user_place", "user_id", "place_id", "finished_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    place_id: int = Field(foreign_key="places.id", ondelete="CASCADE")
    chat_id: str
    topic: str | None = None
    question_ids: list[str] = Field(default_factory=list, sa_type=JSON)
    asked: list[int] = Field(default_factory=list, sa_type=JSON)
    started_at: datetime = Field(sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    stopped_early: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})


interviews = table_of(InterviewRow)
