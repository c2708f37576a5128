"""The shared send rate in SQL: one GCRA bucket row per platform, booked with one atomic UPDATE.

Each ``reserve`` moves the platform's ``ready_at`` one interval on (from now, if it lies in the past)
and returns how long the caller waits for the slot it got.  The row lock lasts one statement, so any
number of dispatcher processes book slots in turn and together send at the rate, not at N times it.
On PostgreSQL "now" is the database's clock, the same for every process; on SQLite (one machine) it is
this machine's clock.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Float, Update, func, literal, update
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.drill_tables import send_budgets
from storage.sql_base import SqlBase


class SqlSendBudget(SqlBase):
    """The ``SendBudget`` port: a platform's sends shared by every process on the database."""

    async def reserve(self, platform: str, per_second: float) -> float:
        """Book the platform's next send slot; return the seconds to wait for it."""
        interval = 1.0 / per_second
        b = send_budgets.c
        now = self._now()
        booked = (
            update(send_budgets)
            .where(b.platform == platform)
            .values(ready_at=self._greatest(b.ready_at, now) + interval)
        )
        async with self.writing() as connection:
            wait = await self._book(connection, booked, now, interval)
            if wait is None:
                insert = self.insert(send_budgets).values(platform=platform, ready_at=0.0)
                await connection.execute(insert.on_conflict_do_nothing())
                wait = await self._book(connection, booked, now, interval)
        return max(0.0, wait or 0.0)

    async def pause(self, platform: str, seconds: float) -> None:
        """Hold every process's sends on the platform for ``seconds``."""
        b = send_budgets.c
        now = self._now()
        held = (
            update(send_budgets)
            .where(b.platform == platform)
            .values(ready_at=self._greatest(b.ready_at, now + seconds))
        )
        async with self.writing() as connection:
            await connection.execute(held)

    def _greatest(self, a: Any, b: Any) -> Any:
        return func.greatest(a, b) if self.postgres else func.max(a, b)

    def _now(self) -> Any:
        if self.postgres:
            return func.extract("epoch", func.statement_timestamp()).cast(Float)
        return literal(time.time(), Float)

    async def _book(
        self, connection: AsyncConnection, booked: Update, now: Any, interval: float
    ) -> float | None:
        returning = booked.returning((send_budgets.c.ready_at - interval - now).label("wait"))
        return (await connection.execute(returning)).scalar_one_or_none()
