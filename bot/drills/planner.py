"""The planner: writes one delivery row per subscription per local date once its local time has come.

Each tick looks at the UTC window since the previous tick (with some overlap; on the first tick, the
whole of each zone's current local day, so drills missed while the bot was down are still sent that
day) and asks storage for the subscriptions whose zone and local time fall in it.  A subscription set
or changed after its time had passed today (``created_at`` is when ``/daily`` last set it) waits for
tomorrow, and the unique (subscription, local date) key means a re-run, a missed tick, a changed zone or
two planners never plan a second drill for the same local day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.drills.deliveries import Candidate, DueRange, PlannedDelivery
from bot.drills.due_times import DueTimes, ZoneDay, minute_of
from bot.drills.ports import DrillStore

OVERLAP = timedelta(minutes=3)
"""How far each tick looks back before the previous one: covers a subscription saved during a tick."""
ZONES_REFRESH = timedelta(hours=1)
"""How often the full list of subscribers' time zones is read again (new zones are seen every tick)."""
RANGES_PER_QUERY = 300


@dataclass(frozen=True)
class PlanReport:
    """What a tick planned: subscriptions found due and deliveries newly written."""

    due: int
    planned: int


class Planner:
    """Plans the due drills of one platform; keeps only a cache of time zones and the last tick time."""

    def __init__(self, drills: DrillStore, platform: str, due_times: DueTimes | None = None) -> None:
        self.drills = drills
        self.platform = platform
        self.due_times = due_times or DueTimes()
        self._planned_until: datetime | None = None
        self._zones: set[str] = set()
        self._zones_read_at: datetime | None = None
        self._zones_full_at: datetime | None = None

    async def plan(self, now: datetime) -> PlanReport:
        """Plan every drill due by ``now`` that is not planned yet (idempotent)."""
        zones = await self._current_zones(now)
        after = None if self._planned_until is None else min(self._planned_until, now) - OVERLAP
        ranges: list[DueRange] = []
        for zone in sorted(zones):
            _day, runs = self.due_times.due_between(zone, after, now)
            ranges += [DueRange(zone, first, last) for first, last in runs]
        planned: list[PlannedDelivery] = []
        for start in range(0, len(ranges), RANGES_PER_QUERY):
            found = await self.drills.subscriptions_in(
                self.platform, ranges[start : start + RANGES_PER_QUERY]
            )
            planned += self._due_rows(found, now)
        written = await self.drills.add_deliveries(planned, now) if planned else 0
        self._planned_until = now
        return PlanReport(len(planned), written)

    def _due_rows(self, found: list[Candidate], now: datetime) -> list[PlannedDelivery]:
        """The deliveries to plan for subscriptions found in due ranges: not skipped, not set too late."""
        days: dict[str, ZoneDay] = {}
        dues: dict[tuple[str, int], datetime] = {}
        now_stamp = now.timestamp()
        rows = []
        for sub in found:
            minute = minute_of(sub.local_time)
            if minute is None:
                continue
            zone_day = days.get(sub.timezone)
            if zone_day is None:
                zone_day = days[sub.timezone] = self.due_times.zone_day(sub.timezone, now)
            stamp = zone_day.instants[minute]
            if stamp > now_stamp or sub.skip_date == zone_day.day:
                continue
            if sub.created_at is not None and stamp < sub.created_at.timestamp():
                continue
            due = dues.get((sub.timezone, minute))
            if due is None:
                due = dues[(sub.timezone, minute)] = zone_day.due_at(minute)
            rows.append(
                PlannedDelivery(sub.subscription_id, self.platform, zone_day.day, due, zone_day.ends_at)
            )
        return rows

    async def _current_zones(self, now: datetime) -> set[str]:
        full_at, read_at = self._zones_full_at, self._zones_read_at
        if full_at is None or read_at is None or not full_at <= now < full_at + ZONES_REFRESH:
            self._zones = await self.drills.subscription_zones(self.platform)
            self._zones_full_at = now
        else:
            self._zones |= await self.drills.subscription_zones(
                self.platform, changed_since=read_at - OVERLAP
            )
        self._zones_read_at = now
        return self._zones
