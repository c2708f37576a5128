"""One opened database: the core's ``Store`` and the drills' ``DrillStore`` on one engine, and its schema."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.drills.ports import SendBudget
from bot.ports import Clock
from storage.connection import create_engine_for
from storage.drill_store import SqlDrillStore
from storage.migrate import upgrade_engine
from storage.sql_store import SqlStore


class Database:
    """A SQL database opened for the bot; ``async with`` it (or call ``close``) to close its connections."""

    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        self.engine = engine
        self.store = SqlStore(engine, clock)
        self.drills = SqlDrillStore(engine)
        # One send rate per platform for every dispatcher process: only worth a round trip when there
        # can be several processes, that is on PostgreSQL.
        self.send_budget: SendBudget | None = self.drills if engine.dialect.name == "postgresql" else None

    async def migrate(self) -> None:
        """Bring the schema up to date (a no-op when it already is)."""
        await upgrade_engine(self.engine)

    async def close(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()

    async def __aenter__(self) -> Database:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


async def open_database(database_url: str, *, clock: Clock, migrate: bool = True) -> Database:
    """Open the database at the URL and bring its schema up to date (unless ``migrate`` is False).

    Plain ``sqlite:///…`` and ``postgresql://…`` URLs are given their async drivers; a SQLite file's
    directory is created.  ``clock`` stamps the times the store records on its own (when a user joined).
    """
    database = Database(create_engine_for(database_url), clock)
    try:
        if migrate:
            await database.migrate()
    except BaseException:
        await database.close()
        raise
    return database
