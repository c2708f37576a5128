"""One opened database: the core's ``Store`` and the drills' ``DrillStore`` on one engine, and its schema.

A SQLite file also gets a ``storage.checkpoint.Checkpointer``, which merges the write-ahead log in a
thread of its own instead of in whichever commit crosses SQLite's threshold.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.drills.ports import SendBudget
from bot.ports import Clock
from storage.checkpoint import Checkpointer, checkpoint_in_background
from storage.connection import async_url, create_engine_for, is_sqlite_file
from storage.drill_store import SqlDrillStore
from storage.migrate import upgrade_engine
from storage.sql_store import SqlStore


class Database:
    """A SQL database opened for the bot; ``async with`` it (or call ``close``) to close its connections."""

    def __init__(
        self, engine: AsyncEngine, clock: Clock, *, checkpointer: Checkpointer | None = None
    ) -> None:
        self.engine = engine
        self.checkpointer = checkpointer
        self.store = SqlStore(engine, clock)
        self.drills = SqlDrillStore(engine)
        # One send rate per platform for every dispatcher process: only worth a round trip when there
        # can be several processes, that is on PostgreSQL.
        self.send_budget: SendBudget | None = self.drills if engine.dialect.name == "postgresql" else None

    async def migrate(self) -> None:
        """Bring the schema up to date (a no-op when it already is)."""
        await upgrade_engine(self.engine)

    async def close(self) -> None:
        """Close every pooled connection, then (SQLite) merge and truncate the write-ahead log."""
        await self.engine.dispose()
        if self.checkpointer is not None:
            await asyncio.to_thread(self.checkpointer.stop)

    async def __aenter__(self) -> Database:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


async def open_database(database_url: str, *, clock: Clock, migrate: bool = True) -> Database:
    """Open the database at the URL and bring its schema up to date (unless ``migrate`` is False).

    Plain ``sqlite:///…`` and ``postgresql://…`` URLs are given their async drivers; a SQLite file's
    directory is created.  ``clock`` stamps the times the store records on its own (when a user joined).
    """
    url = async_url(database_url)
    engine = create_engine_for(url)
    checkpointer = checkpoint_in_background(engine, Path(url.database or "")) if is_sqlite_file(url) else None
    database = Database(engine, clock, checkpointer=checkpointer)
    try:
        if migrate:
            await database.migrate()
    except BaseException:
        await database.close()
        raise
    return database
