"""Durable state on SQLite or PostgreSQL: sqlmodel tables, Alembic migrations, the core's Store port.

``open_store(url)`` is the way in: it prepares the database (directory, pragmas, schema) and returns a
``SqlStore``.  Nothing here connects to anything until it is called.
"""

from __future__ import annotations

from storage.engine import create_engine_for
from storage.migrate import upgrade_engine, upgrade_to_head
from storage.sql_store import SqlStore

__all__ = ["SqlStore", "open_store", "upgrade_to_head"]


async def open_store(database_url: str, *, migrate: bool = True) -> SqlStore:
    """Open the database at the URL, bring its schema up to date (unless ``migrate`` is False), and wrap it.

    Plain ``sqlite:///…`` and ``postgresql://…`` URLs are given their async drivers.  Call ``close()`` on
    the store when done.
    """
    engine = create_engine_for(database_url)
    try:
        if migrate:
            await upgrade_engine(engine)
    except BaseException:
        await engine.dispose()
        raise
    return SqlStore(engine)
