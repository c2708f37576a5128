"""Builds the drill fan-out benchmark's database: many subscribers spread over time zones."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.clock import SystemClock
from storage import open_database
from storage.tables import places, subscriptions, users
from tests.support.databases import create_database

BENCH_PLATFORM = "bench"
ZONES = (
    "Pacific/Honolulu",
    "America/Anchorage",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "America/St_Johns",
    "Atlantic/Azores",
    "UTC",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Warsaw",
    "Africa/Lagos",
    "Africa/Cairo",
    "Europe/Kyiv",
    "Europe/Istanbul",
    "Europe/Moscow",
    "Asia/Dubai",
    "Asia/Tehran",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Australia/Perth",
    "Asia/Tokyo",
    "Australia/Adelaide",
    "Australia/Sydney",
    "Pacific/Noumea",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
)
CHUNK = 5000


async def private_postgres(url: str) -> tuple[str, str]:
    """Create a database of the benchmark's own on the server of ``url``; return (its URL, its name)."""
    name = f"drill_fanout_{uuid.uuid4().hex[:10]}"
    return await create_database(url, name, locale_collation=False), name


def _local_time_passed(zone: str, now: datetime, rng: random.Random) -> str:
    """A random local time of today (in the zone, at ``now``) that has already come."""
    local = now.astimezone(ZoneInfo(zone))
    minutes = local.hour * 60 + local.minute
    pick = rng.randrange(0, max(minutes, 1))
    return f"{pick // 60:02d}:{pick % 60:02d}"


async def populate(
    database_url: str, count: int, now: datetime, *, platform_name: str, chat_base: int = 10_000_000
) -> None:
    """Add ``count`` users, each with a DM place and a subscription due earlier today (migrating first)."""
    rng = random.Random(count)
    database = await open_database(database_url, clock=SystemClock())
    created = now - timedelta(days=2)
    try:
        async with database.engine.begin() as connection:
            first_user = (
                await connection.execute(select(func.coalesce(func.max(users.c.id), 0)))
            ).scalar_one() + 1
            first_place = (
                await connection.execute(select(func.coalesce(func.max(places.c.id), 0)))
            ).scalar_one() + 1
            for start in range(0, count, CHUNK):
                numbers = range(start, min(start + CHUNK, count))
                chats = [str(chat_base + n) for n in numbers]
                zones = [ZONES[n % len(ZONES)] for n in numbers]
                user_ids = [first_user + n for n in numbers]
                place_ids = [first_place + n for n in numbers]
                user_rows = [
                    {
                        "id": u,
                        "platform": platform_name,
                        "platform_user_id": c,
                        "display_name": f"User {c}",
                        "timezone": z,
                        "created_at": created,
                    }
                    for u, c, z in zip(user_ids, chats, zones, strict=True)
                ]
                await connection.execute(users.insert(), user_rows)
                place_rows = [
                    {
                        "id": p,
                        "platform": platform_name,
                        "platform_place_id": c,
                        "is_private": True,
                        "title": "",
                    }
                    for p, c in zip(place_ids, chats, strict=True)
                ]
                await connection.execute(places.insert(), place_rows)
                sub_rows = [
                    {
                        "platform": platform_name,
                        "chat_id": c,
                        "place_id": p,
                        "user_id": u,
                        "subscriber_key": u,
                        "local_time": _local_time_passed(z, now, rng),
                        "timezone": z,
                        "topics": [],
                        "active": True,
                        "paused_reason": None,
                        "skip_date": None,
                        "created_at": created,
                    }
                    for c, z, u, p in zip(chats, zones, user_ids, place_ids, strict=True)
                ]
                await connection.execute(subscriptions.insert(), sub_rows)
            if connection.dialect.name == "postgresql":
                # Explicit ids leave the sequences behind; move them past the new rows.
                for table in ("users", "places"):
                    sequence = f"pg_get_serial_sequence('{table}', 'id')"
                    await connection.exec_driver_sql(
                        f"SELECT setval({sequence}, (SELECT max(id) FROM {table}))"
                    )
    finally:
        await database.close()
