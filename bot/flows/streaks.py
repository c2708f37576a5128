"""Streaks: consecutive local days with at least one graded answer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Streak:
    """The current run of practice days (alive if it reaches today or yesterday) and the best run."""

    current: int
    best: int


def local_days(times: Iterable[datetime], timezone: str) -> set[date]:
    """The set of local dates on which the given UTC times fall."""
    zone = ZoneInfo(timezone)
    return {t.astimezone(zone).date() for t in times}


def streak(times: Iterable[datetime], timezone: str, now: datetime) -> Streak:
    """Compute the current and best streak of the answer times, in the user's time zone."""
    days = local_days(times, timezone)
    if not days:
        return Streak(0, 0)
    best = run = 0
    previous: date | None = None
    for day in sorted(days):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    today = now.astimezone(ZoneInfo(timezone)).date()
    current = 0
    day = today if today in days else today - timedelta(days=1)
    while day in days:
        current += 1
        day -= timedelta(days=1)
    return Streak(current, best)
