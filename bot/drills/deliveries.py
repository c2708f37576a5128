"""What the drills keep and pass around: planned deliveries, claimed jobs, past answers, outcomes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple

from bot.model.grades import Verdict
from bot.model.records import Subscription


class DeliveryStatus(StrEnum):
    """Where a planned delivery stands; stores keep the string value."""

    PENDING = "pending"
    """Planned and waiting to be sent (from ``not_before`` on)."""
    SENDING = "sending"
    """Claimed by a dispatcher until ``lease_until``; reclaimed after that if the dispatcher died."""
    SENT = "sent"
    FAILED = "failed"
    """Refused for good, or given up after the last retry; ``last_error`` says why."""
    EXPIRED = "expired"
    """The subscriber's local day ended before the question could be sent."""
    CANCELLED = "cancelled"
    """The subscription was paused, or the day skipped, between planning and sending."""


class PlannedDelivery(NamedTuple):
    """One subscription's drill for one local date, as the planner writes it (a tuple: there are many)."""

    subscription_id: int
    platform: str
    local_date: date
    due_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class DueRange:
    """The subscriptions of one time zone whose local time lies in ``first``..``last`` (``HH:MM``)."""

    timezone: str
    first: str
    last: str


class Candidate(NamedTuple):
    """What the planner reads of an active subscription found in a due range (a tuple: there are many)."""

    subscription_id: int
    timezone: str
    local_time: str
    skip_date: date | None
    created_at: datetime | None


@dataclass(frozen=True)
class Delivery:
    """A claimed delivery with its subscription as it is now.

    ``question_id`` is the question chosen at the first try (kept for retries); ``open_question_id``
    is left over from an attempt that never finished (a crash), to be closed before a new one opens.
    """

    id: int
    subscription: Subscription
    local_date: date
    due_at: datetime
    expires_at: datetime
    attempts: int = 0
    question_id: str | None = None
    open_question_id: int | None = None
    claim_token: str = ""


@dataclass(frozen=True)
class Review:
    """One past answer to a question, as spaced repetition sees it (``follow_up_asked``: a follow-up on
    what it missed was asked, which caps its rating at Hard)."""

    question_id: str
    verdict: Verdict
    answered_at: datetime
    hints_used: int = 0
    elapsed_seconds: float | None = None
    open_question_id: int | None = None
    follow_up_asked: bool = False


@dataclass(frozen=True)
class DrillQuestion:
    """A question to open in a subscriber's chat for a delivery."""

    delivery_id: int
    place_id: int
    chat_id: str
    question_id: str
    for_user_id: int | None
    stale_open_question_id: int | None = None


@dataclass(frozen=True)
class Outcome:
    """What became of one claimed delivery.

    ``status`` is ``SENT``, ``PENDING`` (try again from ``not_before``; ``attempted`` counts a try),
    ``FAILED``, ``EXPIRED`` or ``CANCELLED``.  An open question that was not delivered is closed.
    """

    delivery: Delivery
    status: DeliveryStatus
    open_question_id: int | None = None
    message_id: str | None = None
    reason: str | None = None
    not_before: datetime | None = None
    attempted: bool = False


@dataclass(frozen=True)
class DeliveryRecord:
    """A stored delivery as ``drills status`` and tests read it."""

    id: int
    subscription_id: int
    platform: str
    local_date: date
    due_at: datetime
    status: DeliveryStatus
    attempts: int
    question_id: str | None
    open_question_id: int | None
    message_id: str | None
    sent_at: datetime | None
    last_error: str | None


@dataclass(frozen=True)
class DrillCounts:
    """Subscriptions and the deliveries due since a time, by status."""

    active_subscriptions: int
    paused_subscriptions: int
    deliveries: dict[str, int]

    def count(self, status: DeliveryStatus) -> int:
        """How many deliveries have this status."""
        return self.deliveries.get(status, 0)

    @property
    def planned(self) -> int:
        """Every delivery planned in the period, whatever became of it."""
        return sum(self.deliveries.values())
