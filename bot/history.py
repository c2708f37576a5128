"""The ports a user's history needs: bounded reads from the store, and a renderer for the progress chart.

The engine gets the store as ``Store``; the SQL store and the in-memory fake also implement
``HistoryStore``.  The chart renderer is an outer concern (the core imports no plotting library):
the composition root passes one to the engine, which works without it (no chart).
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.model.history import DayTally, ProgressChart
from bot.model.records import Attempt


class HistoryStore(Protocol):
    """Reads of a user's attempts whose size does not grow with the whole history."""

    async def day_tallies(self, user_id: int, since: datetime, timezone: str) -> list[DayTally]:
        """The user's attempts since ``since`` summed per local day (in ``timezone``) and question."""
        ...

    async def attempt_page(self, user_id: int, after: Attempt | None, limit: int) -> list[Attempt]:
        """Up to ``limit`` of the user's attempts, oldest first, starting after ``after`` (the last one
        of the previous page; None for the first page)."""
        ...


class ChartRenderer(Protocol):
    """Draws the progress chart as a PNG, off the event loop."""

    async def progress_png(self, chart: ProgressChart) -> bytes:
        """The chart as PNG bytes."""
        ...
