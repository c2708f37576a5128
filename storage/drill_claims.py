"""The dispatcher's claims on deliveries: taking a batch, taking back dead claims, expiring the day's rest.

Claims are one ``UPDATE … WHERE id IN (SELECT … LIMIT n)``: on PostgreSQL the inner select takes the
rows ``FOR UPDATE SKIP LOCKED``, so several dispatcher processes claim disjoint batches without waiting
on each other; on SQLite the database's single writer makes the statement atomic.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update

from bot.drills.deliveries import Delivery, DeliveryStatus
from bot.model.records import Subscription
from storage.drill_tables import deliveries
from storage.mapping import to_record
from storage.sql_base import SqlBase, closing_questions
from storage.tables import open_questions, subscriptions

DAY_OVER = "the local day ended before it could be sent"


class DrillClaims(SqlBase):
    """Moving deliveries between pending, sending and expired."""

    async def reclaim_stale(self, platform: str, now: datetime) -> int:
        """Put deliveries whose claim lease ran out (their dispatcher died) back to pending; count them."""
        stmt = (
            update(deliveries)
            .where(
                deliveries.c.platform == platform,
                deliveries.c.status == DeliveryStatus.SENDING,
                deliveries.c.lease_until < now,
            )
            .values(status=DeliveryStatus.PENDING, claim_token=None, lease_until=None)
        )
        async with self.writing() as connection:
            return (await connection.execute(stmt)).rowcount

    async def expire(self, platform: str, now: datetime) -> int:
        """Mark unsent deliveries whose local day is over as expired, closing their questions."""
        d = deliveries.c
        over = and_(
            d.platform == platform,
            d.expires_at <= now,
            or_(
                d.status == DeliveryStatus.PENDING,
                and_(d.status == DeliveryStatus.SENDING, d.lease_until < now),
            ),
        )
        stale = select(d.open_question_id).where(over, d.open_question_id.is_not(None))
        async with self.writing() as connection:
            await connection.execute(closing_questions(open_questions.c.id.in_(stale), now=now))
            result = await connection.execute(
                update(deliveries)
                .where(over)
                .values(status=DeliveryStatus.EXPIRED, last_error=DAY_OVER, claim_token=None)
            )
            return result.rowcount

    async def claim(
        self, platform: str, now: datetime, limit: int, lease: timedelta, token: str
    ) -> list[Delivery]:
        """Claim up to ``limit`` pending deliveries that may be sent now, oldest first, for ``lease``."""
        d = deliveries.c
        ready = (
            select(d.id)
            .where(
                d.platform == platform,
                d.status == DeliveryStatus.PENDING,
                d.not_before <= now,
                d.expires_at > now,
            )
            .order_by(d.not_before, d.id)
            .limit(limit)
        )
        if self.postgres:
            ready = ready.with_for_update(skip_locked=True)
        stmt = (
            update(deliveries)
            .where(d.id.in_(ready))
            .values(status=DeliveryStatus.SENDING, claim_token=token, lease_until=now + lease)
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
        async with self.writing() as connection:
            claimed = (await connection.execute(stmt)).all()
            if not claimed:
                return []
            ids = {row.subscription_id for row in claimed}
            subs = await connection.execute(select(subscriptions).where(subscriptions.c.id.in_(ids)))
            by_id = {row.id: to_record(Subscription, row) for row in subs}
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
