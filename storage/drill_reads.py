"""The drills' reads: past answers as reviews, questions recently sent, delivery records and counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.drills.deliveries import DeliveryRecord, DeliveryStatus, DrillCounts, Review
from bot.model.grades import Verdict
from storage.drill_tables import deliveries
from storage.mapping import to_record
from storage.progress import Progress
from storage.tables import attempts, subscriptions

CHUNK = 1000


def _chunks(values: Collection[Any]) -> list[list[Any]]:
    items = list(values)
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


class DrillReads(Progress):
    """What choosing the next question needs to know, and what ``interview-bot drills status`` shows."""

    async def user_reviews(self, user_ids: Collection[int]) -> dict[int, list[Review]]:
        """Each user's answers anywhere, oldest first."""
        return await self._reviews_by("user_id", user_ids)

    async def place_reviews(self, place_ids: Collection[int]) -> dict[int, list[Review]]:
        """The answers given in each place (a group's members together), oldest first."""
        return await self._reviews_by("place_id", place_ids)

    async def _reviews_by(self, column: str, keys: Collection[int]) -> dict[int, list[Review]]:
        """Answers grouped by ``user_id`` or ``place_id``, oldest first."""
        a = attempts.c
        found: dict[int, list[Review]] = defaultdict(list)
        async with self.reading() as connection:
            for chunk in _chunks(keys):
                query = (
                    select(
                        a[column],
                        a.question_id,
                        a.verdict,
                        a.answered_at,
                        a.hints_used,
                        a.elapsed_seconds,
                        a.open_question_id,
                        a.follow_up_asked,
                    )
                    .where(a[column].in_(chunk))
                    .order_by(a.answered_at, a.id)
                )
                for row in await connection.execute(query):
                    key, question_id, verdict, *rest = row
                    found[key].append(Review(question_id, Verdict(verdict), *rest))
        return dict(found)

    async def recent_questions(self, subscription_ids: Collection[int], since: date) -> dict[int, set[str]]:
        """The questions each subscription was sent on or after a local date."""
        d = deliveries.c
        found: dict[int, set[str]] = defaultdict(set)
        async with self.reading() as connection:
            for chunk in _chunks(subscription_ids):
                # No condition on status: the (subscription, local date) index is the one to use.
                query = select(d.subscription_id, d.question_id, d.status).where(
                    d.subscription_id.in_(chunk), d.local_date >= since, d.question_id.is_not(None)
                )
                for subscription_id, question_id, status in await connection.execute(query):
                    if status == DeliveryStatus.SENT:
                        found[subscription_id].add(question_id)
        return dict(found)

    async def deliveries_for(self, subscription_id: int) -> list[DeliveryRecord]:
        """Every delivery of a subscription, oldest local date first."""
        d = deliveries.c
        query = select(deliveries).where(d.subscription_id == subscription_id).order_by(d.local_date, d.id)
        async with self.reading() as connection:
            return [to_record(DeliveryRecord, row) for row in await connection.execute(query)]

    async def counts(self, since: datetime) -> DrillCounts:
        """Subscriptions active and paused, and the deliveries due since a time by status."""
        s = subscriptions.c
        by_status = (
            select(deliveries.c.status, func.count())
            .where(deliveries.c.due_at >= since)
            .group_by(deliveries.c.status)
        )
        async with self.reading() as connection:
            active = (await connection.execute(select(func.count()).where(s.active.is_(True)))).scalar_one()
            paused = (await connection.execute(select(func.count()).where(s.active.is_(False)))).scalar_one()
            rows = (await connection.execute(by_status)).all()
        return DrillCounts(active, paused, {status: count for status, count in rows})

    async def counts_today(self, now: datetime) -> DrillCounts:
        """Like ``counts``, with the deliveries of each subscriber's own local day at ``now``."""
        total = await self.counts(now)
        near = [now.date() + timedelta(days=offset) for offset in (-1, 0, 1)]
        query = (
            select(deliveries.c.status, deliveries.c.local_date, subscriptions.c.timezone)
            .join(subscriptions, subscriptions.c.id == deliveries.c.subscription_id)
            .where(deliveries.c.local_date.in_(near))
        )
        async with self.reading() as connection:
            rows = (await connection.execute(query)).all()
        today: dict[str, int] = defaultdict(int)
        for status, local_date, zone in rows:
            if local_date == now.astimezone(ZoneInfo(zone)).date():
                today[status] += 1
        return DrillCounts(total.active_subscriptions, total.paused_subscriptions, dict(today))
