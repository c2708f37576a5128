"""SQLite through aiosqlite with one trip to its thread per statement, not four.

SQLAlchemy's aiosqlite adapter makes a cursor, runs the statement, fetches the rows and closes the
cursor as four separate calls into aiosqlite's thread, and every call is a hand-over between threads
that costs more CPU than a small indexed statement itself.  This adapter runs those steps as one
function in that thread, and skips the rollback (or commit) of a connection that holds no
transaction, as after a plain read.  SQLAlchemy, the dialect and the URL stay as they are: the engine
is only given this adapter as its DBAPI module (``create_async_engine(…, module=lean_dbapi())``).

Server-side cursors (``stream``) keep SQLAlchemy's own cursor.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Sequence
from typing import Any

import aiosqlite
from sqlalchemy.connectors.asyncio import AsyncAdapt_dbapi_cursor
from sqlalchemy.dialects.sqlite.aiosqlite import AsyncAdapt_aiosqlite_connection, AsyncAdapt_aiosqlite_dbapi
from sqlalchemy.util.concurrency import await_

Outcome = tuple[Any, int, int | None, list[Any]]
"""What one statement left: its description, row count, last row id and rows."""


def _run(connection: sqlite3.Connection, operation: str, parameters: Any, many: bool) -> Outcome:
    """Run one statement to the end in the database thread (so no read stays open), and close its cursor."""
    cursor = connection.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        rows = cursor.fetchall() if cursor.description else []
        return cursor.description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


class LeanCursor(AsyncAdapt_dbapi_cursor):
    """A DBAPI cursor whose every statement is one call into aiosqlite's thread."""

    __slots__ = ("_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: LeanConnection) -> None:
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = {}
        self._rows = deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None

    @property
    def description(self) -> Any:
        """The result's columns, as ``sqlite3`` describes them (None for a statement without rows)."""
        return self._description

    @property
    def rowcount(self) -> int:
        """How many rows the statement changed."""
        return self._rowcount

    @property
    def arraysize(self) -> int:
        """Rows ``fetchmany`` gives without a size: one, as ``sqlite3``'s default."""
        return 1

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        """Ignored: every row is fetched at once."""

    @property
    def lastrowid(self) -> Any:
        """The id of the row the last INSERT made."""
        return self._lastrowid

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        """Run one statement and keep its rows."""
        try:
            return await_(self._in_thread(operation, parameters, many=False))
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    def executemany(self, operation: Any, seq_of_parameters: Sequence[Any]) -> Any:
        """Run one statement once per set of parameters."""
        try:
            return await_(self._in_thread(operation, seq_of_parameters, many=True))
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    async def _in_thread(self, operation: Any, parameters: Any, *, many: bool) -> None:
        connection: aiosqlite.Connection = self._connection  # type: ignore[assignment]
        async with self._adapt_connection._execute_mutex:
            outcome = await connection._execute(_run, connection._conn, operation, parameters, many)
        self._description, self._rowcount, self._lastrowid, rows = outcome
        self._rows = deque(rows)

    async def _async_soft_close(self) -> None:
        """Nothing to close: the statement's cursor closed in the database thread."""

    def close(self) -> None:
        """Drop any rows not fetched."""
        self._rows.clear()


class LeanConnection(AsyncAdapt_aiosqlite_connection):
    """aiosqlite's adapted connection with ``LeanCursor`` and no empty rollbacks or commits."""

    __slots__ = ()

    _cursor_cls = LeanCursor  # type: ignore[assignment]

    def _idle(self) -> bool:
        """Whether the connection is open and holds no transaction (so ending one has nothing to do)."""
        inner = self._connection
        return getattr(inner, "_connection", None) is not None and not inner.in_transaction  # type: ignore[attr-defined]

    def rollback(self) -> None:
        """Roll back, unless there is nothing to roll back."""
        if not self._idle():
            super().rollback()

    def commit(self) -> None:
        """Commit, unless there is nothing to commit."""
        if not self._idle():
            super().commit()


class LeanDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """SQLAlchemy's aiosqlite DBAPI module, handing out ``LeanConnection``s."""

    def connect(self, *arg: Any, **kw: Any) -> LeanConnection:
        """Open an aiosqlite connection, adapted by ``LeanConnection``."""
        adapted = super().connect(*arg, **kw)
        return LeanConnection(self, adapted._connection)


def lean_dbapi() -> LeanDBAPI:
    """The DBAPI module to give a ``sqlite+aiosqlite`` engine (``module=``)."""
    return LeanDBAPI(aiosqlite, sqlite3)
