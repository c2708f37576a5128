"""The ``HistoryStore`` reads (bot/history.py) for the in-memory store: the same answers as the SQL store."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.model.grades import Verdict
from bot.model.history import DayTally
from bot.model.records import Attempt


class HistoryReads:
    """Mixin over a fake store's ``attempts``."""

    attempts: list[Attempt]

    async def day_tallies(self, user_id: int, since: datetime, timezone: str) -> list[DayTally]:
        """The user's attempts since ``since`` summed per local day and question."""
        zone = ZoneInfo(timezone)
        sums: dict[tuple[date, str], list[float]] = defaultdict(lambda: [0, 0, 0.0])
        for a in self.attempts:
            if a.user_id != user_id or a.answered_at < since:
                continue
            cell = sums[(a.answered_at.astimezone(zone).date(), a.question_id)]
            cell[0] += 1
            if a.verdict != Verdict.SKIPPED:
                cell[1] += 1
                cell[2] += a.score
        return [DayTally(d, q, int(n), int(g), s) for (d, q), (n, g, s) in sorted(sums.items())]

    async def attempt_page(self, user_id: int, after: Attempt | None, limit: int) -> list[Attempt]:
        """Up to ``limit`` of the user's attempts, oldest first, after the attempt ``after``."""
        mine = sorted((a for a in self.attempts if a.user_id == user_id), key=lambda a: (a.answered_at, a.id))
        if after is not None:
            mine = [a for a in mine if (a.answered_at, a.id or 0) > (after.answered_at, after.id or 0)]
        return mine[:limit]
