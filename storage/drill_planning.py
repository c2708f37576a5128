"""The planner's side of the ``DrillStore``: which subscriptions are due, and writing their deliveries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, or_, select

from bot.drills.deliveries import Candidate, DueRange, PlannedDelivery
from storage.drill_bulk import insert_deliveries
from storage.sql_base import SqlBase
from storage.tables import subscriptions


class DrillPlanning(SqlBase):
    """Reads of subscriptions by zone and local time, and the idempotent insert of planned deliveries."""

    async def subscription_zones(self, platform: str, changed_since: datetime | None = None) -> set[str]:
        """The time zones of active subscriptions (only those created or changed since a time, if given)."""
        query = (
            select(subscriptions.c.timezone)
            .distinct()
            .where(subscriptions.c.platform == platform, subscriptions.c.active.is_(True))
        )
        if changed_since is not None:
            query = query.where(subscriptions.c.created_at >= changed_since)
        async with self.reading() as connection:
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
        async with self.reading() as connection:
            return [Candidate(*row) for row in await connection.execute(query)]

    async def add_deliveries(self, planned: Sequence[PlannedDelivery], now: datetime) -> int:
        """Insert planned deliveries, skipping (subscription, local date) pairs already there; count new."""
        added = 0
        async with self.writing() as connection:
            for platform in sorted({p.platform for p in planned}):
                rows = [p for p in planned if p.platform == platform]
                added += await insert_deliveries(connection, rows, platform, now)
        return added
