"""SQLite through aiosqlite, with each statement run where it is called instead of in aiosqlite's thread.

SQLAlchemy's aiosqlite adapter makes a cursor, runs the statement, fetches the rows and closes the
cursor as four separate calls into aiosqlite's thread, and every call is a hand-over between threads
that costs more CPU, and more waiting, than a small indexed statement itself.  This adapter runs a
statement (cursor, execute, fetch, close), a commit and a rollback as one plain ``sqlite3`` call in the
calling thread, the event loop's, and skips the rollback (or commit) of a connection that holds no
transaction, as after a plain read.  aiosqlite still opens and closes the connection in its thread.

Since nothing in a statement awaits any more, the engine's connections (``LeanAsyncEngine``) skip
what SQLAlchemy's asyncio layer wraps around each call for drivers that do: a greenlet per statement,
begin, commit and return to the pool, and a task per close.  An event's whole transaction (a few
statements, ``storage.held_connection``) is thus plain calls; only taking the connection from the
pool when another task has it waits, the usual way.  And a statement the store runs again and again
skips SQLAlchemy's per-call compile lookup, execution context and result wrapping
(``storage.kept_statements``).

Why that is safe here:

- With WAL and ``synchronous=NORMAL`` a commit does not sync, and checkpoints run in a thread of their
  own (``storage.checkpoint``), so a statement or commit is microseconds of work, never a disk sync.
- The engine keeps **one** connection (``storage.connection``), and a transaction's statements run
  without the event loop running anything in between, so two tasks of the process never wait on each
  other inside SQLite (a wait there would hold up the loop); they queue for the connection instead.
- What can still make a statement wait is another process writing the same file, or the checkpointer
  starting the log over: SQLite waits up to its busy timeout, and the loop with it.  Another process
  on the file is a CLI command's short transaction; more than one bot process wants PostgreSQL.
- The cost is that a long statement (a daily drill plan for many thousands of subscribers) holds up the
  loop for as long as it runs, which is why SQLite is meant for one process and a few thousand
  subscribers.

SQLAlchemy, the dialect and the URL stay as they are: the engine is given this adapter as its DBAPI
module (``create_async_engine(…, module=lean_dbapi())``) and wrapped as a ``LeanAsyncEngine``.
Server-side cursors (``stream``) keep SQLAlchemy's own cursor and its greenlets.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import deque
from collections.abc import Sequence
from typing import Any

import aiosqlite
from sqlalchemy.connectors.asyncio import AsyncAdapt_dbapi_cursor
from sqlalchemy.dialects.sqlite.aiosqlite import AsyncAdapt_aiosqlite_connection, AsyncAdapt_aiosqlite_dbapi
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncTransaction
from sqlalchemy.util.concurrency import in_greenlet

from storage.kept_statements import KeptStatements

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
    """A DBAPI cursor whose every statement is one ``sqlite3`` call, run where it is awaited."""

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
        self._in_place(operation, parameters, many=False)

    def executemany(self, operation: Any, seq_of_parameters: Sequence[Any]) -> Any:
        """Run one statement once per set of parameters."""
        self._in_place(operation, seq_of_parameters, many=True)

    def _in_place(self, operation: Any, parameters: Any, *, many: bool) -> None:
        """Run the statement here and now: a plain call, so no greenlet is needed around it."""
        connection: aiosqlite.Connection = self._connection  # type: ignore[assignment]
        try:
            outcome = _run(connection._conn, operation, parameters, many)
        except Exception as error:
            self._adapt_connection._handle_exception(error)
        self._description, self._rowcount, self._lastrowid, rows = outcome
        self._rows = deque(rows)

    async def _async_soft_close(self) -> None:
        """Nothing to close: the statement's cursor closed in the database thread."""

    def close(self) -> None:
        """Drop any rows not fetched."""
        self._rows.clear()


class LeanConnection(AsyncAdapt_aiosqlite_connection):
    """aiosqlite's adapted connection with ``LeanCursor``, commits and rollbacks run where they are
    awaited, and none of either when no transaction is open."""

    __slots__ = ()

    _cursor_cls = LeanCursor  # type: ignore[assignment]

    def _idle(self) -> bool:
        """Whether the connection is open and holds no transaction (so ending one has nothing to do)."""
        inner = self._connection
        return getattr(inner, "_connection", None) is not None and not inner.in_transaction  # type: ignore[attr-defined]

    def rollback(self) -> None:
        """Roll back, unless there is nothing to roll back."""
        if not self._idle():
            self._finish(sqlite3.Connection.rollback)

    def commit(self) -> None:
        """Commit, unless there is nothing to commit."""
        if not self._idle():
            self._finish(sqlite3.Connection.commit)

    def _finish(self, ending: Any) -> None:
        """End the open transaction with ``ending`` (commit or rollback) on the ``sqlite3`` connection."""
        try:
            ending(self._connection._conn)  # type: ignore[attr-defined]
        except Exception as error:
            self._handle_exception(error)

    def close(self) -> None:
        """Close the connection: awaited in a greenlet as usual, or, where a plain call invalidated it
        (a statement that found the file gone), in a task of its own."""
        if in_greenlet():
            super().close()
            return
        closing = asyncio.get_running_loop().create_task(self._connection.close())
        _closing.add(closing)
        closing.add_done_callback(_closing.discard)


_closing: set[asyncio.Task[Any]] = set()
"""Connections being closed in a task of their own (kept here until done, so none is collected early)."""


class LeanDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """SQLAlchemy's aiosqlite DBAPI module, handing out ``LeanConnection``s; one per engine, holding the
    statements the engine keeps (``storage.kept_statements``)."""

    def __init__(self, aiosqlite: Any, sqlite: Any) -> None:
        super().__init__(aiosqlite, sqlite)
        self.kept = KeptStatements(_run)

    def connect(self, *arg: Any, **kw: Any) -> LeanConnection:
        """Open an aiosqlite connection, adapted by ``LeanConnection``."""
        adapted = super().connect(*arg, **kw)
        return LeanConnection(self, adapted._connection)


def lean_dbapi() -> LeanDBAPI:
    """The DBAPI module to give a ``sqlite+aiosqlite`` engine (``module=``)."""
    return LeanDBAPI(aiosqlite, sqlite3)


class LeanAsyncTransaction(AsyncTransaction):
    """An ``AsyncTransaction`` begun and ended as plain calls (SQLite's begin is implicit, and
    ``LeanConnection`` commits and rolls back where it is called)."""

    __slots__ = ()

    async def start(self, is_ctxmanager: bool = False) -> AsyncTransaction:
        """Begin the transaction."""
        connection = self.connection._proxied
        begun = connection.begin_nested() if self.nested else connection.begin()
        self.sync_transaction = self._assign_proxied(begun)
        if is_ctxmanager:
            begun.__enter__()
        return self

    async def commit(self) -> None:
        """Commit."""
        self._proxied.commit()

    async def rollback(self) -> None:
        """Roll back."""
        self._proxied.rollback()

    async def close(self) -> None:
        """Close: roll back unless committed."""
        self._proxied.close()

    async def __aexit__(self, kind: Any, error: Any, trace: Any) -> None:
        self._proxied.__exit__(kind, error, trace)


class LeanAsyncConnection(AsyncConnection):
    """An ``AsyncConnection`` whose statements, transactions and return to the pool run as plain calls:
    with ``LeanCursor`` and ``LeanConnection`` nothing there awaits, so the greenlet SQLAlchemy starts
    for each (and the task it starts for each close) is skipped.  Taking the connection from the pool
    still goes the usual way when the pool has none idle, as it may have to wait for one."""

    __slots__ = ()

    async def start(self, is_ctxmanager: bool = False) -> AsyncConnection:
        """Take the connection from the pool: at once when one is idle there, else waiting for one."""
        if self.sync_connection or self.sync_engine.pool.checkedin() == 0:  # type: ignore[attr-defined]
            return await super().start(is_ctxmanager)
        self.sync_connection = self._assign_proxied(self.sync_engine.connect())
        return self

    def begin(self) -> AsyncTransaction:
        """A transaction begun and ended as plain calls."""
        assert self._proxied
        return LeanAsyncTransaction(self)

    async def commit(self) -> None:
        """Commit the transaction in progress."""
        self._proxied.commit()

    async def rollback(self) -> None:
        """Roll back the transaction in progress."""
        self._proxied.rollback()

    async def close(self) -> None:
        """Give the connection back to the pool (rolling back what was not committed)."""
        if self.sync_connection is not None:
            self._proxied.close()

    async def __aexit__(self, kind: Any, error: Any, trace: Any) -> None:
        await self.close()

    async def execute(self, statement: Any, parameters: Any = None, *, execution_options: Any = None) -> Any:
        """Run a statement construct; a buffered result (a streamed one goes the usual way)."""
        if execution_options:
            if execution_options.get("stream_results"):
                return await super().execute(statement, parameters, execution_options=execution_options)
            return self._proxied.execute(statement, parameters, execution_options=execution_options)
        if parameters is None or type(parameters) is dict:
            kept: KeptStatements = self.sync_engine.dialect.dbapi.kept  # type: ignore[union-attr]
            return kept.execute(self._proxied, statement, parameters)
        return self._proxied.execute(statement, parameters)

    async def exec_driver_sql(
        self, statement: str, parameters: Any = None, execution_options: Any = None
    ) -> Any:
        """Run a SQL string as it is; a buffered result."""
        return self._proxied.exec_driver_sql(statement, parameters, execution_options)


class LeanAsyncEngine(AsyncEngine):
    """An ``AsyncEngine`` handing out ``LeanAsyncConnection``s."""

    __slots__ = ()

    _connection_cls = LeanAsyncConnection
