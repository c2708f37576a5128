"""Writing many planned deliveries at once, without per-row statement overhead.

A day's plan can be 100,000 rows.  PostgreSQL gets them as arrays in one ``INSERT … SELECT FROM
unnest(…)``; SQLite gets one ``executemany`` of plain tuples, with times written in exactly the text
form SQLAlchemy gives ``UTCDateTime`` there (so comparisons in SQL stay right).  Both skip rows whose
(subscription, local date) exists and report how many they added.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import lru_cache

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.drills.deliveries import DeliveryStatus, PlannedDelivery

PENDING = DeliveryStatus.PENDING.value

COLUMNS = (
    "subscription_id, platform, local_date, due_at, expires_at, status, not_before, attempts, planned_at"
)
_SQLITE_INSERT = (
    f"INSERT INTO deliveries ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) "
    "ON CONFLICT (subscription_id, local_date) DO NOTHING"
)
_POSTGRES_INSERT = (
    f"INSERT INTO deliveries ({COLUMNS}) "
    "SELECT s, $2, d, due, expires, $3, due, 0, $4 "
    "FROM unnest($1::int[], $5::date[], $6::timestamptz[], $7::timestamptz[]) AS p(s, d, due, expires) "
    "ON CONFLICT (subscription_id, local_date) DO NOTHING"
)


@lru_cache(maxsize=4096)
def sqlite_time(value: datetime) -> str:
    """An aware time as SQLite stores a ``UTCDateTime``: naive UTC, microseconds always written."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


@lru_cache(maxsize=1024)
def sqlite_date(value: date) -> str:
    """A date as SQLite stores it."""
    return value.isoformat()


async def insert_deliveries(
    connection: AsyncConnection, planned: Sequence[PlannedDelivery], platform: str, now: datetime
) -> int:
    """Insert one platform's planned deliveries, skipping existing (subscription, date) pairs; count new."""
    if connection.dialect.name == "postgresql":
        params = (
            [p.subscription_id for p in planned],
            platform,
            PENDING,
            now,
            [p.local_date for p in planned],
            [p.due_at for p in planned],
            [p.expires_at for p in planned],
        )
        result = await connection.exec_driver_sql(_POSTGRES_INSERT, params)
        return max(result.rowcount, 0)
    stamp = sqlite_time(now)
    rows = [
        (
            p.subscription_id,
            platform,
            sqlite_date(p.local_date),
            sqlite_time(p.due_at),
            sqlite_time(p.expires_at),
            PENDING,
            sqlite_time(p.due_at),
            stamp,
        )
        for p in planned
    ]
    result = await connection.exec_driver_sql(_SQLITE_INSERT, rows)
    return max(result.rowcount, 0)
