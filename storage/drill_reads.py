"""Reads for the drills: past answers as reviews, questions recently sent, delivery records and counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.drills.deliveries import SENT, DeliveryRecord, DrillCounts, Review
from storage.drill_tables import DeliveryRow
from storage.mapping import attempts, subscriptions

deliveries: Table = DeliveryRow.__table__  # type: ignore[attr-defined]
CHUNK = 1000


def _chunks(values: Collection[Any]) -> list[list[Any]]:
    items = list(values)
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


async def reviews_by(
    connection: AsyncConnection, column: str, keys: Collection[int]
) -> dict[int, list[Review]]:
    """Answers grouped by ``user_id`` or ``place_id``, oldest first."""
    a = attempts.c
    found: dict[int, list[Review]] = defaultdict(list)
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
            )
            .where(a[column].in_(chunk))
            .order_by(a.answered_at, a.id)
        )
        for row in await connection.execute(query):
            found[row[0]].append(Review(*row[1:]))
    return dict(found)


async def recent_questions(
    connection: AsyncConnection, subscription_ids: Collection[int], since: date
) -> dict[int, set[str]]:
    """The questions each subscription was sent on or after a local date."""
    d = deliveries.c
    found: dict[int, set[str]] = defaultdict(set)
    for chunk in _chunks(subscription_ids):
        # No condition on status: the (subscription, local date) index is the one to use.
        query = select(d.subscription_id, d.question_id, d.status).where(
            d.subscription_id.in_(chunk), d.local_date >= since, d.question_id.is_not(None)
        )
        for subscription_id, question_id, status in await connection.execute(query):
            if status == SENT:
                found[subscription_id].add(question_id)
    return dict(found)


async def deliveries_for(connection: AsyncConnection, subscription_id: int) -> list[DeliveryRecord]:
    """Every delivery of a subscription, oldest local date first."""
    d = deliveries.c
    query = select(deliveries).where(d.subscription_id == subscription_id).order_by(d.local_date, d.id)
    return [
        DeliveryRecord(
            r.id,
            r.subscription_id,
            r.platform,
            r.local_date,
            r.due_at,
            r.status,
            r.attempts,
            r.question_id,
            r.open_question_id,
            r.message_id,
            r.sent_at,
            r.last_error,
        )
        for r in await connection.execute(query)
    ]


async def counts(connection: AsyncConnection, since: datetime) -> DrillCounts:
    """Active and paused subscriptions, and deliveries due since a time by status."""
    s = subscriptions.c
    active = (await connection.execute(select(func.count()).where(s.active.is_(True)))).scalar_one()
    paused = (await connection.execute(select(func.count()).where(s.active.is_(False)))).scalar_one()
    by_status = (
        select(deliveries.c.status, func.count())
        .where(deliveries.c.due_at >= since)
        .group_by(deliveries.c.status)
    )
    rows = (await connection.execute(by_status)).all()
    return DrillCounts(active, paused, {status: count for status, count in rows})
