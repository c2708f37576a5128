"""The background checkpointer of a SQLite file: commits leave checkpoints to it, the log stays bounded
under steady writing, a killed process loses nothing it committed, and processes share one file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from storage import open_database
from storage.checkpoint import Checkpointer
from tests.support.databases import database_url
from tests.support.fakes import FixedClock
from tests.support.paths import ROOT

BLOB = "x" * 4000
"""A value that fills about a page, so each commit adds a page or more to the log."""


def _log(url: str) -> Path:
    return Path(url.split("///", 1)[1] + "-wal")


def _log_size(url: str) -> int:
    log = _log(url)
    return log.stat().st_size if log.exists() else 0


@pytest.fixture
async def sqlite_url(tmp_path: Path) -> str:
    """A migrated SQLite file of this test's own."""
    return await database_url("sqlite", tmp_path, None, migrated=True)


@pytest.fixture
async def opened(sqlite_url: str) -> AsyncIterator[Any]:
    """The database at ``sqlite_url``, with a scratch table to write to."""
    async with await open_database(sqlite_url, clock=FixedClock()) as database:
        async with database.engine.begin() as connection:
            await connection.execute(text("CREATE TABLE scratch (id INTEGER PRIMARY KEY, v TEXT)"))
        yield database


async def test_commits_leave_checkpoints_to_the_thread(opened: Any) -> None:
    async with opened.engine.connect() as connection:
        pragmas = [
            (await connection.execute(text(f"PRAGMA {name}"))).scalar()
            for name in ("wal_autocheckpoint", "synchronous")
        ]
    assert pragmas == [0, 1]  # no checkpoint on commit; synchronous=NORMAL as before
    assert opened.checkpointer is not None and opened.checkpointer._thread.is_alive()


async def test_the_log_stays_bounded_while_writing_goes_on(opened: Any, sqlite_url: str) -> None:
    opened.checkpointer.stop()
    checkpointer = opened.checkpointer = Checkpointer(
        opened.checkpointer.path, interval=0.01, restart_pages=50
    )
    checkpointer.start()
    largest = 0
    commits = (
        3000  # 37 MB of log if nothing started it over (measured); 4 to 6 MB here, more on a busy machine
    )
    for index in range(commits):
        async with opened.engine.begin() as connection:
            await connection.execute(text("INSERT INTO scratch (v) VALUES (:v)"), {"v": f"{index}{BLOB}"})
        if index % 50 == 0:
            largest = max(largest, _log_size(sqlite_url))
    assert largest < 18_000_000, largest
    assert checkpointer.restarts > 0
    async with opened.engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM scratch"))).scalar() == commits


def _pages_in_log(path: Path) -> int:
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        return connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]


async def test_a_long_log_starts_over_once_no_write_is_under_way(opened: Any) -> None:
    path = opened.checkpointer.path
    opened.checkpointer.stop()
    with closing(sqlite3.connect(path, isolation_level=None)) as writer:
        writer.execute("PRAGMA wal_autocheckpoint=0")
        for index in range(100):
            writer.execute("INSERT INTO scratch (v) VALUES (?)", (f"{index}{BLOB}",))
        writer.execute("BEGIN IMMEDIATE")  # a write under way: the ticks neither wait for it nor break it
        writer.execute("INSERT INTO scratch (v) VALUES ('open')")
        checkpointer = opened.checkpointer = Checkpointer(path, interval=0.01, restart_pages=50)
        checkpointer.start()
        time.sleep(0.2)
        assert checkpointer.restarts == 0 and _pages_in_log(path) >= 100
        writer.execute("COMMIT")
        deadline = time.monotonic() + 10
        while not checkpointer.restarts and time.monotonic() < deadline:
            time.sleep(0.01)
        assert checkpointer.restarts > 0
        writer.execute("INSERT INTO scratch (v) VALUES ('next')")  # writes the log from its start
    assert _pages_in_log(path) <= 5
    async with opened.engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM scratch"))).scalar() == 102


async def test_closing_merges_and_removes_the_log(sqlite_url: str) -> None:
    async with await open_database(sqlite_url, clock=FixedClock()) as database:
        for index in range(20):
            await database.store.ensure_user("test", str(index), f"User {index}")
        assert _log_size(sqlite_url) > 0
    assert _log_size(sqlite_url) == 0


KILLED_CHILD = """
    import asyncio, os, signal, sys
    from storage import open_database
    from tests.support.fakes import FixedClock

    async def main():
        database = await open_database(sys.argv[1], clock=FixedClock(), migrate=False)
        for index in range(50):
            await database.store.ensure_user("test", f"killed-{index}", f"Killed {index}")
        os.kill(os.getpid(), signal.SIGKILL)  # no close, no checkpoint: the commits are only in the log

    asyncio.run(main())
"""


async def test_a_killed_process_loses_nothing_it_committed(sqlite_url: str) -> None:
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_CHILD), sqlite_url],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=60,
    )
    assert child.returncode == -9, child.stderr.decode()
    assert _log_size(sqlite_url) > 0
    query = text("SELECT count(*) FROM users WHERE platform_user_id LIKE 'killed-%'")
    async with (
        await open_database(sqlite_url, clock=FixedClock()) as database,
        database.engine.connect() as read,
    ):
        assert (await read.execute(query)).scalar() == 50


async def test_two_openers_of_one_file_share_it_and_close_cleanly(opened: Any, sqlite_url: str) -> None:
    async with opened.engine.begin() as connection:
        await connection.execute(text("INSERT INTO scratch (v) VALUES ('first')"))
    other = await open_database(sqlite_url, clock=FixedClock())  # as a CLI command would
    async with other, other.engine.begin() as connection:
        await connection.execute(text("INSERT INTO scratch (v) VALUES ('other')"))
    async with opened.engine.begin() as connection:  # the other's close neither blocked nor broke this one
        await connection.execute(text("INSERT INTO scratch (v) VALUES ('last')"))
    async with opened.engine.connect() as connection:
        rows = (await connection.execute(text("SELECT v FROM scratch ORDER BY id"))).scalars().all()
    assert rows == ["first", "other", "last"]
    await opened.close()
    assert _log_size(sqlite_url) == 0
