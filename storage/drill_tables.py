"""The table of daily-drill deliveries, and the indexes the planner reads subscriptions by.

One row per subscription per local date (unique), so planning twice never sends twice.  It builds on
the core's tables (a delivery belongs to a subscription); ``storage.schema`` gathers both.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Index, Text, UniqueConstraint
from sqlmodel import Field

from storage.metadata import TableBase, table_of
from storage.tables import subscriptions
from storage.types import UTCDateTime


class DeliveryRow(TableBase, table=True):
    """A subscription's drill for one local date: planned, claimed, sent, failed, expired or cancelled.

    ``claim_token`` names the dispatcher's claim while ``status`` is ``sending`` (until ``lease_until``);
    ``question_id`` is chosen at the first try and kept for retries.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("subscription_id", "local_date"),
        Index("ix_deliveries_claim", "platform", "status", "not_before"),
        Index("ix_deliveries_due_at", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="subscriptions.id", ondelete="CASCADE")
    platform: str
    local_date: date = Field(sa_type=Date)
    due_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    status: str
    not_before: datetime = Field(sa_type=UTCDateTime)
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    claim_token: str | None = None
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    question_id: str | None = None
    open_question_id: int | None = Field(default=None, foreign_key="open_questions.id", ondelete="SET NULL")
    message_id: str | None = None
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, sa_type=Text)
    planned_at: datetime = Field(sa_type=UTCDateTime)


deliveries = table_of(DeliveryRow)

SUBSCRIPTION_INDEXES = (
    Index(
        "ix_subscriptions_zone_time",
        subscriptions.c.platform,
        subscriptions.c.timezone,
        subscriptions.c.local_time,
    ),
    Index("ix_subscriptions_created_at", subscriptions.c.platform, subscriptions.c.created_at),
)
"""The planner finds a platform's subscriptions by zone and local time, and new zones by when they were set.

Both lead with the platform so that SQLite, which keeps no statistics unless told to, prefers them to the
(platform, chat, subscriber) unique index for the planner's queries.
"""


class SendBudgetRow(TableBase, table=True):
    """A platform's shared send rate as a GCRA bucket: ``ready_at`` is when the next slot is free.

    Seconds since the epoch on the database's clock (PostgreSQL's ``statement_timestamp()``), so every
    process books slots on one clock.
    """

    __tablename__ = "send_budgets"

    platform: str = Field(primary_key=True)
    ready_at: float


send_budgets = table_of(SendBudgetRow)
