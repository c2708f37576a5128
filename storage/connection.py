"""Connecting to a database URL: the async SQLAlchemy engine, SQLite pragmas, PostgreSQL pool settings.

SQLite goes through ``storage.lean_sqlite``: one connection, its statements run in the event loop's thread.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from storage.lean_sqlite import LeanAsyncEngine, lean_dbapi

_ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
}
SQLITE_BUSY_TIMEOUT_MS = 5000


def async_url(database_url: str | URL) -> URL:
    """Parse the URL and give plain ``sqlite://`` / ``postgresql://`` URLs their async driver."""
    url = make_url(database_url)
    if url.drivername in _ASYNC_DRIVERS:
        url = url.set(drivername=_ASYNC_DRIVERS[url.drivername])
    if url.drivername not in _ASYNC_DRIVERS.values():
        raise ValueError(
            f"unsupported database URL scheme {url.drivername!r}: use sqlite+aiosqlite or postgresql+asyncpg"
        )
    return url


def is_sqlite_file(url: URL) -> bool:
    """Whether the URL names an on-disk SQLite database (not an in-memory one)."""
    database = url.database or ""
    return (
        url.get_backend_name() == "sqlite"
        and database not in ("", ":memory:")
        and "mode=memory" not in database
    )


def create_engine_for(database_url: str | URL) -> AsyncEngine:
    """An async engine for the URL; creates a SQLite file's directory, configures each SQLite connection."""
    url = async_url(database_url)
    if url.get_backend_name() != "sqlite":
        return create_async_engine(url, pool_size=5, max_overflow=10, pool_pre_ping=True, pool_recycle=1800)
    if not is_sqlite_file(url):
        # One in-memory database means one shared connection, which concurrent tasks would trample.
        raise ValueError(
            "in-memory SQLite is not supported; use a file, e.g. sqlite+aiosqlite:///path/to/bot.db"
        )
    Path(url.database or "").parent.mkdir(parents=True, exist_ok=True)
    # One connection, used from the event loop's thread (``storage.lean_sqlite`` says why).
    engine = create_async_engine(
        url,
        module=lean_dbapi(),
        connect_args={"check_same_thread": False},
        pool_size=1,
        max_overflow=0,
    )
    event.listen(engine.sync_engine, "connect", _configure_sqlite_connection)
    return LeanAsyncEngine(engine.sync_engine)


def _configure_sqlite_connection(dbapi_connection: Any, _connection_record: Any) -> None:
    """WAL for concurrent readers, enforced foreign keys, and waiting (not failing) on a locked file."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        _use_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL once (it stays so).  Switching needs the file to itself and SQLite does not
    wait for that, so processes opening a new file at the same moment retry for a while."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        cursor.execute("PRAGMA journal_mode")
        if str(cursor.fetchone()[0]).lower() == "wal":
            return
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except Exception as exc:  # the driver's OperationalError, whichever wrapper raised it
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
