"""Builds the running bot from settings: content packs, the database, the clock, the engine.

The one place they meet.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.clock import SystemClock
from bot.engine import Engine
from bot.ports import Clock
from interview_bot.config import Settings

if TYPE_CHECKING:
    from storage import Database


@dataclass(frozen=True)
class RunningBot:
    """What ``running_bot`` built: the engine, and the database it runs on (with the drills' store)."""

    engine: Engine
    database: Database


@asynccontextmanager
async def running_bot(
    settings: Settings, *, clock: Clock | None = None, charts: bool = True
) -> AsyncIterator[RunningBot]:
    """Load the packs, open (and migrate) the database, and yield the engine on them; close it after.

    Everything tells time by ``clock``: the system clock unless one is given (``drills tick --at``).
    Packs that do not load stop the command with their problems and exit code 2 (``bank_or_exit``).
    ``/stats`` sends a progress chart unless ``charts`` is false (matplotlib is then never loaded).
    """
    from adapters.charts import ProgressCharts
    from bot import grading
    from interview_bot.startup import bank_or_exit
    from storage import open_database

    clock = clock or SystemClock()
    bank = bank_or_exit(settings)
    async with await open_database(settings.database_url, clock=clock) as database:
        renderer = ProgressCharts() if charts else None
        engine = Engine(
            bank, database.store, clock, grader=grading.grade, nudger=grading.nudge, charts=renderer
        )
        try:
            yield RunningBot(engine, database)
        finally:
            if renderer is not None:
                renderer.close()
