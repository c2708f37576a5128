"""One transaction for a whole event: the store's calls inside ``holding(engine)`` share one connection.

A store method opens its connection with ``reading(engine)`` (a plain read) or ``writing(engine)`` (a
transaction).  Outside a held unit each is a short scope of its own, as before.  Inside
``async with holding(engine):`` they all use the unit's connection and its one transaction, which
commits when the unit ends (and rolls back, the whole event's writes with it, when it raises).  That
turns an event's four to six connection scopes, each a pool checkout, a begin, a commit and a
return, into one, and makes the event's writes land together or not at all.

The held connection belongs to the task that opened the unit: a task started inside it (which copies
the context) gets scopes of its own, so two tasks never use one connection at once.  A unit inside a
unit on the same engine joins the outer one.  Code inside a unit must not wait on anything slow (a
network call, a chart drawn in a thread): SQLite has one connection, and every other event waits for it
meanwhile.
"""

from __future__ import annotations

import asyncio
from contextvars import ContextVar, Token
from types import TracebackType
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

_Held = tuple[AsyncEngine, AsyncConnection, "asyncio.Task[Any] | None"]
_held: ContextVar[_Held | None] = ContextVar("held_connection", default=None)


def held(engine: AsyncEngine) -> AsyncConnection | None:
    """The connection this task's unit holds on ``engine``, or None outside a unit."""
    found = _held.get()
    if found is None or found[0] is not engine or found[2] is not _current_task():
        return None
    return found[1]


def _current_task() -> asyncio.Task[Any] | None:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no running loop
        return None


class _Scope:
    """``async with``: the unit's connection when one is held, else a scope of its own."""

    __slots__ = ("_engine", "_opened", "_write")

    def __init__(self, engine: AsyncEngine, write: bool) -> None:
        self._engine = engine
        self._write = write
        self._opened: Any = None

    async def __aenter__(self) -> AsyncConnection:
        connection = held(self._engine)
        if connection is not None:
            return connection
        self._opened = self._engine.begin() if self._write else self._engine.connect()
        return await self._opened.__aenter__()

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> bool | None:
        opened, self._opened = self._opened, None
        if opened is None:
            return None
        return await opened.__aexit__(kind, error, trace)


def reading(engine: AsyncEngine) -> _Scope:
    """A connection for reads: the held one inside a unit, else a scope that commits nothing."""
    return _Scope(engine, write=False)


def writing(engine: AsyncEngine) -> _Scope:
    """A connection in a transaction: the held one inside a unit, else one that commits on leaving."""
    return _Scope(engine, write=True)


class Holding:
    """``async with Holding(engine, on_failure):`` one connection and transaction for everything inside;
    ``on_failure`` runs after a rollback (or a failed commit), so caches of rows the unit wrote can go."""

    __slots__ = ("_engine", "_on_failure", "_opened", "_token")

    def __init__(self, engine: AsyncEngine, on_failure: Any = None) -> None:
        self._engine = engine
        self._on_failure = on_failure
        self._opened: Any = None
        self._token: Token[_Held | None] | None = None

    async def __aenter__(self) -> None:
        if held(self._engine) is not None:
            return  # joins the unit already held
        self._opened = self._engine.begin()
        connection = await self._opened.__aenter__()
        self._token = _held.set((self._engine, connection, _current_task()))

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> bool | None:
        opened, token = self._opened, self._token
        self._opened = self._token = None
        if opened is None or token is None:
            return None
        _held.reset(token)
        try:
            ended = await opened.__aexit__(kind, error, trace)
        except BaseException:  # the commit (or rollback) failed
            self._failed()
            raise
        if kind is not None:  # rolled back
            self._failed()
        return ended

    def _failed(self) -> None:
        if self._on_failure is not None:
            self._on_failure()


def holding(engine: AsyncEngine, on_failure: Any = None) -> Holding:
    """One connection and transaction for every store call inside (``Holding``)."""
    return Holding(engine, on_failure)
