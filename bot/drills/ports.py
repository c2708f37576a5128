"""The ``DrillStore`` port: what planning and delivering daily drills needs from storage.

Separate from the core's ``Store`` so the interactive bot does not depend on it.  Every method is one
short transaction.  ``claim`` hands each delivery to exactly one caller, also with several dispatcher
processes on one database; the writes that finish a claim only apply while the claim is still theirs.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.drills.deliveries import (
    Candidate,
    Delivery,
    DeliveryRecord,
    DrillCounts,
    DrillQuestion,
    DueRange,
    Outcome,
    PlannedDelivery,
    Review,
)
from bot.model.progress import QuestionState


class DrillStore(Protocol):
    """Durable state of the daily drills: the deliveries table and reads of subscriptions and answers."""

    async def subscription_zones(self, platform: str, changed_since: datetime | None = None) -> set[str]:
        """The time zones of active subscriptions (only those created or changed since a time, if given)."""
        ...

    async def subscriptions_in(self, platform: str, ranges: Sequence[DueRange]) -> list[Candidate]:
        """Active subscriptions whose zone and local time fall in one of the ranges."""
        ...

    async def add_deliveries(self, planned: Sequence[PlannedDelivery], now: datetime) -> int:
        """Insert planned deliveries, skipping (subscription, local date) pairs already there; count new."""
        ...

    async def reclaim_stale(self, platform: str, now: datetime) -> int:
        """Put deliveries whose claim lease ran out (their dispatcher died) back to pending; count them."""
        ...

    async def expire(self, platform: str, now: datetime) -> int:
        """Mark unsent deliveries whose local day is over as expired, closing their questions."""
        ...

    async def claim(
        self, platform: str, now: datetime, limit: int, lease: timedelta, token: str
    ) -> list[Delivery]:
        """Claim up to ``limit`` pending deliveries that may be sent now, oldest first, for ``lease``."""
        ...

    async def user_reviews(self, user_ids: Collection[int]) -> dict[int, list[Review]]:
        """Each user's answers anywhere, oldest first."""
        ...

    async def user_question_states(self, user_ids: Collection[int]) -> dict[int, list[QuestionState]]:
        """Each user's kept state per question (their FSRS cards), read without replaying answers."""
        ...

    async def place_reviews(self, place_ids: Collection[int]) -> dict[int, list[Review]]:
        """The answers given in each place (a group's members together), oldest first."""
        ...

    async def recent_questions(self, subscription_ids: Collection[int], since: date) -> dict[int, set[str]]:
        """The questions each subscription was sent on or after a local date."""
        ...

    async def open_drill_questions(self, drafts: Sequence[DrillQuestion], now: datetime) -> list[int]:
        """Open one question per draft (closing its stale one) and tie it to the delivery; return the ids."""
        ...

    async def finish(self, outcomes: Sequence[Outcome], now: datetime) -> None:
        """Record what became of claimed deliveries (rows no longer held by that claim are left alone).

        Open questions are closed (not delivered) or given their message id (sent) in any case.
        """
        ...

    async def deliveries_for(self, subscription_id: int) -> list[DeliveryRecord]:
        """Every delivery of a subscription, oldest local date first."""
        ...

    async def counts(self, since: datetime) -> DrillCounts:
        """Subscriptions active and paused, and the deliveries due since a time by status."""
        ...

    async def counts_today(self, now: datetime) -> DrillCounts:
        """Subscriptions active and paused, and the deliveries of each subscriber's local day at ``now``."""
        ...


class SendBudget(Protocol):
    """One send rate per platform shared by every dispatcher process on the database."""

    async def reserve(self, platform: str, per_second: float) -> float:
        """Book the platform's next send slot; return the seconds to wait for it (0: send now)."""
        ...

    async def pause(self, platform: str, seconds: float) -> None:
        """Hold every process's sends on the platform for ``seconds`` (the platform answered 429)."""
        ...
