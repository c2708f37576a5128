"""A user's history in bounded reads: attempts summed per local day and question, and attempts by page.

Both go through the ``(user_id, answered_at)`` index.  ``day_tallies`` lets the database sum a window of
days (one row per day and question comes back, never the answers' text); ``attempt_page`` pages by
``(answered_at, id)``, so an export of any length holds one page at a time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, case, cast, func, literal, or_, select

from bot.model.grades import Verdict
from bot.model.history import DayTally
from bot.model.records import Attempt
from storage.mapping import to_record
from storage.sql_base import SqlBase
from storage.tables import attempts
from storage.types import UTCDateTime


class History(SqlBase):
    """The ``HistoryStore`` methods (bot/history.py)."""

    def _local_day(self, since: datetime, timezone: str) -> Any:
        """The local date of ``answered_at`` in the zone.  PostgreSQL knows the zone; SQLite, which has
        no zone database, is given the zone's UTC offsets from ``since`` on, split where they change."""
        a = attempts.c
        if self.postgres:
            return cast(func.timezone(literal(timezone), a.answered_at), Date)
        segments = offsets_since(since, ZoneInfo(timezone), datetime.now(UTC))
        ends = [start for start, _ in segments[1:]]
        shifted = [
            (a.answered_at < literal(end, UTCDateTime()), func.date(a.answered_at, f"{offset:+d} seconds"))
            for (_, offset), end in zip(segments, ends, strict=False)
        ]
        latest = func.date(a.answered_at, f"{segments[-1][1]:+d} seconds")
        return case(*shifted, else_=latest) if shifted else latest

    async def day_tallies(self, user_id: int, since: datetime, timezone: str) -> list[DayTally]:
        """The user's attempts since ``since`` summed per local day and question."""
        a = attempts.c
        graded = a.verdict != Verdict.SKIPPED.value
        day = self._local_day(since, timezone).label("day")
        query = (
            select(
                day,
                a.question_id,
                func.count().label("answers"),
                func.sum(case((graded, 1), else_=0)).label("graded"),
                func.sum(case((graded, a.score), else_=0.0)).label("score_sum"),
            )
            .where(a.user_id == user_id, a.answered_at >= since)
            .group_by(day, a.question_id)
        )
        async with self.reading() as connection:
            rows = (await connection.execute(query)).all()
        return sorted(
            (
                DayTally(_date(r.day), r.question_id, int(r.answers), int(r.graded), float(r.score_sum))
                for r in rows
            ),
            key=lambda t: (t.day, t.question_id),
        )

    async def attempt_page(self, user_id: int, after: Attempt | None, limit: int) -> list[Attempt]:
        """Up to ``limit`` of the user's attempts, oldest first, after the attempt ``after``."""
        a = attempts.c
        query = select(attempts).where(a.user_id == user_id)
        if after is not None:
            at = literal(after.answered_at, UTCDateTime())
            query = query.where(a.answered_at >= at, or_(a.answered_at > at, a.id > after.id))
        query = query.order_by(a.answered_at, a.id).limit(limit)
        async with self.reading() as connection:
            return [to_record(Attempt, row) for row in await connection.execute(query)]


def offsets_since(since: datetime, zone: ZoneInfo, now: datetime) -> list[tuple[datetime, int]]:
    """The zone's UTC offset (in seconds) from ``since`` on: each with the instant it starts, found to the
    hour (zones change offset on the hour or half hour; an answer in that half hour may be off)."""

    def offset_at(at: datetime) -> int:
        delta = at.astimezone(zone).utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0

    at = since.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    segments = [(since, offset_at(since))]
    while at <= now:
        at += timedelta(hours=1)
        if offset_at(at) != segments[-1][1]:
            segments.append((at, offset_at(at)))
    return segments


def _date(value: date | str) -> date:
    """A date column's value (SQLite's ``date()`` gives text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)
