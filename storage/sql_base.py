"""What the SQL stores' parts share: the engine, this dialect's INSERT, and statements more than one needs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, Update, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.held_connection import Holding, holding, reading, writing
from storage.row_cache import RowCache
from storage.tables import open_questions


class SqlBase:
    """Base of the SQL stores' parts: one engine; each call one short transaction on it, or a share of
    the one transaction a ``unit()`` holds (``storage.held_connection``)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        # (place id, user id) of memberships this process wrote or saw, so their insert is skipped;
        # cleared when a user is forgotten.
        self.known_members: RowCache[bool] = RowCache()

    def reading(self) -> Any:
        """``async with``: a connection for reads (the unit's inside ``unit()``)."""
        return reading(self.engine)

    def writing(self) -> Any:
        """``async with``: a connection in a transaction that commits on leaving (or the unit's)."""
        return writing(self.engine)

    def unit(self) -> Holding:
        """``async with``: every call inside shares one connection and transaction, committed at the end;
        on a rollback the row caches are emptied, as they may hold rows that were never committed."""
        return holding(self.engine, self.forget_cached_rows)

    def forget_cached_rows(self) -> None:
        """Empty this store's caches of rows (parts with caches of their own extend it)."""
        self.known_members.clear()

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
