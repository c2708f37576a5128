"""The real clock: the current UTC time."""

from __future__ import annotations

from datetime import UTC, datetime


class SystemClock:
    """A ``Clock`` that reads the system time, always in UTC."""

    def now(self) -> datetime:
        """Return the current time as an aware UTC datetime."""
        return datetime.now(UTC)
