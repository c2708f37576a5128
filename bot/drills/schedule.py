"""Parsing ``/daily`` arguments and computing when a daily drill is next due, in local time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})$")


class DailyError(ValueError):
    """A ``/daily`` argument that cannot be used, with a message for the user."""


@dataclass(frozen=True)
class DailyRequest:
    """What a ``/daily`` command asks for."""

    action: str  # "show", "off", "skip", "set", "topics"
    local_time: str | None = None
    timezone: str | None = None
    topics: tuple[str, ...] = ()


def parse_time(text: str) -> str:
    """Validate a local time like ``8:30`` or ``08:30`` and return it as ``HH:MM``."""
    match = _TIME.match(text.strip())
    if not match:
        raise DailyError(f"“{text[:40]}” is not a time. Use 24-hour HH:MM, for example 08:30.")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise DailyError(f"“{text[:40]}” is not a valid time of day. Use 00:00 to 23:59.")
    return f"{hour:02d}:{minute:02d}"


def parse_zone(text: str) -> str:
    """Validate an IANA time zone name like ``Europe/Berlin`` and return its canonical spelling."""
    name = text.strip()
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise DailyError(
            f"“{text[:60]}” is not a time zone I know. Use an Area/City name such as Europe/Berlin, "
            "America/New_York or Asia/Kolkata, or UTC."
        ) from None
    return name


def parse_daily(args: tuple[str, ...]) -> DailyRequest:
    """Turn the words after ``/daily`` into a request, or raise ``DailyError``."""
    if not args:
        return DailyRequest("show")
    head = args[0].lower()
    if head in {"off", "stop", "cancel"}:
        return DailyRequest("off")
    if head == "skip":
        return DailyRequest("skip")
    if head == "topics":
        return DailyRequest("topics", topics=tuple(a.lower() for a in args[1:]))
    if len(args) > 2:
        raise DailyError("Use /daily HH:MM [Area/City], for example /daily 08:30 Europe/Berlin.")
    local_time = parse_time(args[0])
    zone = parse_zone(args[1]) if len(args) == 2 else None
    return DailyRequest("set", local_time=local_time, timezone=zone)


def local_datetime(day: date, local_time: str, timezone: str) -> datetime:
    """The UTC instant of ``local_time`` on ``day`` in ``timezone``.

    On a spring-forward day a time inside the gap is moved forward by the gap (02:30 -> 03:30);
    on a fall-back day an ambiguous time means its first occurrence.
    """
    zone = ZoneInfo(timezone)
    hour, minute = (int(part) for part in local_time.split(":"))
    naive = datetime.combine(day, time(hour, minute))
    aware = naive.replace(tzinfo=zone, fold=0)
    return aware.astimezone(ZoneInfo("UTC"))


def next_delivery(local_time: str, timezone: str, now: datetime, skip_date: date | None = None) -> datetime:
    """The next UTC instant (after ``now``) at which a drill set for ``local_time`` is due."""
    today = now.astimezone(ZoneInfo(timezone)).date()
    for offset in range(3):
        day = today + timedelta(days=offset)
        due = local_datetime(day, local_time, timezone)
        if due > now and day != skip_date:
            return due
    return local_datetime(today + timedelta(days=3), local_time, timezone)
