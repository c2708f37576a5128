"""When each local time of day falls, in UTC, on a zone's local date: the planner's lookup table.

For one (zone, local date) the UTC instants of all 1,440 ``HH:MM`` times are worked out once, with
``schedule.local_datetime``'s rules: a time in a spring-forward gap moves forward by the gap (so 02:30
and 03:30 fall on the same instant), an ambiguous time on a fall-back day is its first occurrence.  The
local times due in a window of UTC time are then found by bisection over the sorted instants.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.drills.schedule import local_datetime

LOCAL_TIMES = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))
_MINUTE_INDEX = {hhmm: index for index, hhmm in enumerate(LOCAL_TIMES)}


@dataclass(frozen=True)
class _DayTable:
    """The instants of one zone's local day: by minute of the day, and sorted with their minutes."""

    by_minute: array[float]
    sorted_instants: array[float]
    sorted_minutes: array[int]


@dataclass(frozen=True)
class ZoneDay:
    """One zone's current local date, its due instants by minute, and when it ends (UTC)."""

    timezone: str
    day: date
    instants: array[float]
    ends_at: datetime

    def due_at(self, minute: int) -> datetime:
        """The UTC instant of a minute of the day."""
        return datetime.fromtimestamp(self.instants[minute], UTC)


class DueTimes:
    """A bounded cache of per-(zone, local date) tables of due instants."""

    def __init__(self, max_tables: int = 2048) -> None:
        self._tables: OrderedDict[tuple[str, date], _DayTable] = OrderedDict()
        self._max_tables = max_tables
        self._zones: dict[str, ZoneInfo] = {}

    def zone(self, name: str) -> ZoneInfo:
        """The ``ZoneInfo`` of a zone name (cached)."""
        found = self._zones.get(name)
        if found is None:
            found = self._zones[name] = ZoneInfo(name)
        return found

    def local_date(self, timezone: str, instant: datetime) -> date:
        """The date it is in the zone at the instant."""
        return instant.astimezone(self.zone(timezone)).date()

    def due_at(self, timezone: str, day: date, local_time: str) -> datetime:
        """The UTC instant of ``local_time`` on ``day`` in the zone."""
        stamp = self._table(timezone, day).by_minute[_MINUTE_INDEX[local_time]]
        return datetime.fromtimestamp(stamp, UTC)

    def zone_day(self, timezone: str, now: datetime) -> ZoneDay:
        """The zone's local date at ``now`` with its table of due instants."""
        day = self.local_date(timezone, now)
        return ZoneDay(timezone, day, self._table(timezone, day).by_minute, self.day_end(timezone, day))

    def day_end(self, timezone: str, day: date) -> datetime:
        """The UTC instant the local day ends (the next day's first minute)."""
        return local_datetime(day + timedelta(days=1), "00:00", timezone)

    def due_between(
        self, timezone: str, after: datetime | None, until: datetime
    ) -> tuple[date, list[tuple[str, str]]]:
        """Today's date in the zone at ``until``, and the runs of local times due in (after, until].

        Only times of that local date count: a drill of a day that is already over is not sent.  Each
        run is a (first, last) pair of ``HH:MM`` times; a spring-forward day can give two runs.
        """
        day = self.local_date(timezone, until)
        table = self._table(timezone, day)
        stop = bisect_right(table.sorted_instants, until.timestamp())
        start = 0 if after is None else bisect_right(table.sorted_instants, after.timestamp())
        minutes = sorted(table.sorted_minutes[start:stop])
        runs: list[tuple[str, str]] = []
        first = previous = -2
        for minute in minutes:
            if minute != previous + 1:
                if first >= 0:
                    runs.append((LOCAL_TIMES[first], LOCAL_TIMES[previous]))
                first = minute
            previous = minute
        if first >= 0:
            runs.append((LOCAL_TIMES[first], LOCAL_TIMES[previous]))
        return day, runs

    def _table(self, timezone: str, day: date) -> _DayTable:
        key = (timezone, day)
        table = self._tables.get(key)
        if table is not None:
            self._tables.move_to_end(key)
            return table
        instants = _instants(self.zone(timezone), day)
        order = sorted(range(1440), key=instants.__getitem__)
        table = _DayTable(array("d", instants), array("d", (instants[m] for m in order)), array("H", order))
        self._tables[key] = table
        if len(self._tables) > self._max_tables:
            self._tables.popitem(last=False)
        return table


def _instants(zone: ZoneInfo, day: date) -> list[float]:
    """The UTC timestamps of the day's 1,440 local minutes (``fold=0``, as ``local_datetime`` has it).

    The UTC offset is read at each hour's first and last minute; only an hour where they differ (a
    clock change) is read minute by minute.
    """
    midnight = datetime.combine(day, time(0))
    base = midnight.replace(tzinfo=UTC).timestamp()

    def offset(minute: int) -> float:
        local = (midnight + timedelta(minutes=minute)).replace(tzinfo=zone, fold=0)
        return local.utcoffset().total_seconds()  # type: ignore[union-attr]

    instants: list[float] = []
    for hour in range(24):
        first, last = hour * 60, hour * 60 + 59
        start, end = offset(first), offset(last)
        if start == end:
            instants += [base + m * 60 - start for m in range(first, last + 1)]
        else:
            instants += [base + m * 60 - offset(m) for m in range(first, last + 1)]
    return instants


def minute_of(local_time: str) -> int | None:
    """The minute of the day of an ``HH:MM`` time, or None if it is not one."""
    return _MINUTE_INDEX.get(local_time)
