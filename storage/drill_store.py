"""The drills' ``DrillStore`` port on SQLite or PostgreSQL: planning, claiming and finishing deliveries.

Claims are one ``UPDATE … WHERE id IN (SELECT … LIMIT n)``: on PostgreSQL the inner select takes the
rows ``FOR UPDATE SKIP LOCKED``, so several dispatcher processes claim disjoint batches without waiting
on each other; on SQLite the database's single writer makes the statement atomic.  Every write that
finishes a claim names the claim's token, so a dispatcher whose lease was taken over changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.drills.deliveries import (
    EXPIRED,
    PENDING,
    SENDING,
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
from storage import drill_reads, drill_writes
from storage.drill_bulk import insert_deliveries
from storage.drill_reads import deliveries
from storage.mapping import open_questions, subscriptions, to_subscription

DAY_OVER = "the local day ended before it could be sent"


class SqlDrillStore:
    """Durable state of the daily drills, on the same engine as the ``SqlStore``."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._postgres = engine.dialect.name == "postgresql"

    async def subscription_zones(self, platform: str, changed_since: datetime | None = None) -> set[str]:
        """The time zones of active subscriptions (only those created or changed since a time, if given)."""
        query = (
            select(subscriptions.c.timezone)
            .distinct()
            .where(subscriptions.c.platform == platform, subscriptions.c.active.is_(True))
        )
        if changed_since is not None:
            query = query.where(subscriptions.c.created_at >= changed_since)
        async with self.engine.connect() as connection:
            return set((await connection.execute(query)).scalars())

    async def subscriptions_in(self, platform: str, ranges: Sequence[DueRange]) -> list[Candidate]:
        """Active subscriptions whose zone and local time fall in one of the ranges."""
        if not ranges:
            return []
        s = subscriptions.c
        # The platform goes inside each term, so every term is one range of the (platform, zone, time) index.
        matches = [
            and_(
                s.platform == platform,
                s.timezone == r.timezone,
                s.local_time >= r.first,
                s.local_time <= r.last,
            )
            for r in ranges
        ]
        query = select(s.id, s.timezone, s.local_time, s.skip_date, s.created_at).where(
            s.active.is_(True), or_(*matches)
        )
        async with self.engine.connect() as connection:
            return [Candidate(*row) for row in await connection.execute(query)]

    async def add_deliveries(self, planned: Sequence[PlannedDelivery], now: datetime) -> int:
        """Insert planned deliveries, skipping (subscription, local date) pairs already there; count new."""
        added = 0
        async with self.engine.begin() as connection:
            for platform in sorted({p.platform for p in planned}):
                rows = [p for p in planned if p.platform == platform]
                added += await insert_deliveries(connection, rows, platform, now)
        return added

    async def reclaim_stale(self, platform: str, now: datetime) -> int:
        """Put deliveries whose claim lease ran out (their dispatcher died) back to pending; count them."""
        stmt = (
            update(deliveries)
            .where(
                deliveries.c.platform == platform,
                deliveries.c.status == SENDING,
                deliveries.c.lease_until < now,
            )
            .values(status=PENDING, claim_token=None, lease_until=None)
        )
        async with self.engine.begin() as connection:
            return (await connection.execute(stmt)).rowcount

    async def expire(self, platform: str, now: datetime) -> int:
        """Mark unsent deliveries whose local day is over as expired, closing their questions."""
        d = deliveries.c
        over = and_(
            d.platform == platform,
            d.expires_at <= now,
            or_(d.status == PENDING, and_(d.status == SENDING, d.lease_until < now)),
        )
        stale = select(d.open_question_id).where(over, d.open_question_id.is_not(None))
        async with self.engine.begin() as connection:
            await connection.execute(
                update(open_questions)
                .where(open_questions.c.id.in_(stale), open_questions.c.closed_at.is_(None))
                .values(closed_at=now)
            )
            result = await connection.execute(
                update(deliveries).where(over).values(status=EXPIRED, last_error=DAY_OVER, claim_token=None)
            )
            return result.rowcount

    async def claim(
        self, platform: str, now: datetime, limit: int, lease: timedelta, token: str
    ) -> list[Delivery]:
        """Claim up to ``limit`` pending deliveries that may be sent now, oldest first, for ``lease``."""
        d = deliveries.c
        ready = (
            select(d.id)
            .where(d.platform == platform, d.status == PENDING, d.not_before <= now, d.expires_at > now)
            .order_by(d.not_before, d.id)
            .limit(limit)
        )
        if self._postgres:
            ready = ready.with_for_update(skip_locked=True)
        stmt = (
            update(deliveries)
            .where(d.id.in_(ready))
            .values(status=SENDING, claim_token=token, lease_until=now + lease)
            .returning(
                d.id,
                d.subscription_id,
                d.local_date,
                d.due_at,
                d.expires_at,
                d.attempts,
                d.question_id,
                d.open_question_id,
                d.not_before,
            )
        )
        async with self.engine.begin() as connection:
            claimed = (await connection.execute(stmt)).all()
            if not claimed:
                return []
            ids = {row.subscription_id for row in claimed}
            subs = await connection.execute(select(subscriptions).where(subscriptions.c.id.in_(ids)))
            by_id = {row.id: to_subscription(row) for row in subs}
        claimed = sorted(claimed, key=lambda row: (row.not_before, row.id))
        return [
            Delivery(
                row.id,
                by_id[row.subscription_id],
                row.local_date,
                row.due_at,
                row.expires_at,
                row.attempts,
                row.question_id,
                row.open_question_id,
                token,
            )
            for row in claimed
            if row.subscription_id in by_id
        ]

    async def user_reviews(self, user_ids: Collection[int]) -> dict[int, list[Review]]:
        """Each user's answers anywhere, oldest first."""
        async with self.engine.connect() as connection:
            return await drill_reads.reviews_by(connection, "user_id", user_ids)

    async def place_reviews(self, place_ids: Collection[int]) -> dict[int, list[Review]]:
        """The answers given in each place (a group's members together), oldest first."""
        async with self.engine.connect() as connection:
            return await drill_reads.reviews_by(connection, "place_id", place_ids)

    async def recent_questions(self, subscription_ids: Collection[int], since: date) -> dict[int, set[str]]:
        """The questions each subscription was sent on or after a local date."""
        async with self.engine.connect() as connection:
            return await drill_reads.recent_questions(connection, subscription_ids, since)

    async def open_drill_questions(self, drafts: Sequence[DrillQuestion], now: datetime) -> list[int]:
        """Open one question per draft (closing its stale one) and tie it to the delivery; return the ids."""
        async with self.engine.begin() as connection:
            return await drill_writes.open_drill_questions(connection, drafts, now)

    async def finish(self, outcomes: Sequence[Outcome], now: datetime) -> None:
        """Record what became of claimed deliveries (rows no longer held by that claim are left alone)."""
        if outcomes:
            async with self.engine.begin() as connection:
                await drill_writes.record_outcomes(connection, outcomes, now)

    async def deliveries_for(self, subscription_id: int) -> list[DeliveryRecord]:
        """Every delivery of a subscription, oldest local date first."""
        async with self.engine.connect() as connection:
            return await drill_reads.deliveries_for(connection, subscription_id)

    async def counts(self, since: datetime) -> DrillCounts:
        """Subscriptions active and paused, and the deliveries due since a time by status."""
        async with self.engine.connect() as connection:
            return await drill_reads.counts(connection, since)
