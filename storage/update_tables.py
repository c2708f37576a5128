"""The updates a platform delivered that some process has already handled: one row per update id.

A webhook behind a load balancer can receive one update twice (the platform retries when a reply is
slow, or two workers get a retried copy); the primary key lets exactly one worker claim it.  Rows carry
no user data and are pruned after a day.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index
from sqlmodel import Field

from storage.metadata import TableBase, table_of
from storage.types import UTCDateTime


class HandledUpdateRow(TableBase, table=True):
    """A platform update (``platform``, ``update_id``) claimed by the worker that handled it."""

    __tablename__ = "handled_updates"
    __table_args__ = (Index("ix_handled_updates_handled_at", "handled_at"),)

    platform: str = Field(primary_key=True)
    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    handled_at: datetime = Field(sa_type=UTCDateTime)


handled_updates = table_of(HandledUpdateRow)
