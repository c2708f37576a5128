"""What the SQL stores' parts share: the engine, this dialect's INSERT, and statements more than one needs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, Update, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.row_cache import RowCache
from storage.tables import open_questions


class SqlBase:
    """Base of the SQL stores' parts: one engine, and each call one short transaction on it."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        # (place id, user id) of memberships this process wrote or saw, so their insert is skipped;
        # cleared when a user is forgotten.
        self.known_members: RowCache[bool] = RowCache()

    def insert(self, table: Table) -> Any:
        """An INSERT that knows this dialect's ``ON CONFLICT`` clauses."""
        return dialect_insert(self.postgres, table)


def dialect_insert(postgres: bool, table: Table) -> Any:
    """An INSERT with PostgreSQL's or SQLite's ``ON CONFLICT`` clauses."""
    return (postgresql.insert if postgres else sqlite.insert)(table)


def closing_questions(*where: ColumnElement[bool], now: datetime) -> Update:
    """An UPDATE that closes, at ``now``, the still-open questions that match."""
    return update(open_questions).where(*where, open_questions.c.closed_at.is_(None)).values(closed_at=now)


async def update_checked(connection: AsyncConnection, statement: Any, values: dict[str, Any]) -> None:
    """Run a built UPDATE of the row ``values["row"]``, raising KeyError when it changed none."""
    if (await connection.execute(statement, values)).rowcount == 0:
        raise KeyError(values["row"])


async def update_one(connection: AsyncConnection, table: Table, row_id: int, **values: Any) -> None:
    """Update one row by id, raising KeyError when there is no such row."""
    result = await connection.execute(update(table).where(table.c.id == row_id).values(**values))
    if result.rowcount == 0:
        raise KeyError(row_id)
