"""What the SQL stores' parts share: the engine, this dialect's INSERT, and statements more than one needs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, Update, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.tables import open_questions


class SqlBase:
    """Base of the SQL stores' parts: one engine, and each call one short transaction on it."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"

    def insert(self, table: Table) -> Any:
        """An INSERT that knows this dialect's ``ON CONFLICT`` clauses."""
        return (postgresql.insert if self.postgres else sqlite.insert)(table)


def closing_questions(*where: ColumnElement[bool], now: datetime) -> Update:
    """An UPDATE that closes, at ``now``, the still-open questions that match."""
    return update(open_questions).where(*where, open_questions.c.closed_at.is_(None)).values(closed_at=now)


async def update_one(connection: AsyncConnection, table: Table, row_id: int, **values: Any) -> None:
    """Update one row by id, raising KeyError when there is no such row."""
    result = await connection.execute(update(table).where(table.c.id == row_id).values(**values))
    if result.rowcount == 0:
        raise KeyError(row_id)
