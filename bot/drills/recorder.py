"""Writes send outcomes as they arrive, grouping those that arrive while a write is in progress.

At a gentle rate each result is written on its own right after its send; at full speed the writes
batch themselves.  Either way few results are ever unwritten, which bounds what a hard kill leaves
unknown.
"""

from __future__ import annotations

import asyncio

from bot.drills.deliveries import Outcome
from bot.drills.outcomes import Tally
from bot.drills.ports import DrillStore
from bot.ports import Clock


class Recorder:
    """Group-commits outcomes to the drill store."""

    def __init__(self, drills: DrillStore, clock: Clock, tally: Tally) -> None:
        self.drills, self.clock, self.tally = drills, clock, tally
        self._buffer: list[Outcome] = []
        self._task: asyncio.Task[None] | None = None

    def add(self, outcome: Outcome) -> None:
        """Queue an outcome; a write starts now unless one is running (it will pick this up)."""
        self._buffer.append(outcome)
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._write())

    async def drain(self) -> None:
        """Wait until every queued outcome is written (raising what a write raised)."""
        while self._task is not None:
            task = self._task
            await asyncio.shield(task)
            if task is self._task and not self._buffer:
                self._task = None
            elif task is self._task:
                self._task = asyncio.get_running_loop().create_task(self._write())

    async def _write(self) -> None:
        while self._buffer:
            batch, self._buffer = self._buffer, []
            await self.drills.finish(batch, self.clock.now())
            for outcome in batch:
                self.tally.count(outcome)
