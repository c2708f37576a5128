"""Checkpointing a SQLite file's write-ahead log in a thread of its own, so no answer waits for it.

By default SQLite checkpoints on commit: the commit that takes the log past 1000 pages also syncs the
log, copies its pages into the database file and syncs that, which made one answer or ``/quiz`` in
every few hundred take several milliseconds more.  ``checkpoint_in_background(engine, path)`` turns
that off on the engine's connections (``PRAGMA wal_autocheckpoint=0``, set as each connects) and
starts a ``Checkpointer``: a daemon thread with its own ``sqlite3`` connection that checkpoints every
``interval`` seconds, and once more (TRUNCATE) when the database closes.

Why this is safe, and why the log stays bounded:

- Durability does not change.  A commit is durable once it is in the log (WAL with
  ``synchronous=NORMAL``: a crash of the process loses nothing committed; a power cut may lose the
  last commits but never corrupts the file), and a checkpoint only copies committed pages from the
  log into the database file, syncing both (the thread's connection is ``synchronous=NORMAL`` too).
  A process that dies before a checkpoint leaves its log behind and the next connection replays it.
- Each tick runs a PASSIVE checkpoint, which waits for no reader or writer: it copies what no reader
  still needs while the engine's commits go on (``sqlite3`` lets go of the GIL while SQLite works, so
  the event loop runs meanwhile).  An idle tick, with nothing new in the log, costs microseconds.
- Copying is not enough to bound the log's size: SQLite writes the log from its beginning again only
  when a write starts while every frame is copied, and under steady writing some transaction is
  always open across the end of a pass, so the log would grow for as long as the writing lasts.  So
  over a log of ``restart_pages`` or more a tick runs more PASSIVE passes, each copying what came in
  during the last (a pass with something to copy syncs twice, so it takes a millisecond or more),
  until one finds nothing new or ``CATCH_UP_PASSES`` have run.  Then it tries a RESTART checkpoint
  that does not wait (``busy_timeout=0``).  When no write transaction is open, it takes the write
  lock, copies what little came in since and, if no reader still uses the log, leaves it so that
  the next commit writes it from the start (a commit arriving meanwhile waits for it, a millisecond
  or two).  When one is open it gives up at once and is tried again ``RESTART_RETRY_S`` later,
  ``RESTART_TRIES`` times in all, then at the next tick.  The log thus holds about
  ``restart_pages`` plus one interval's writes (``benchmarks.engine_latency``, writing about 5000
  pages a second, leaves a log file of 20 to 25 MB; a reader that keeps one snapshot open for long
  can make it grow meanwhile, as with SQLite's own checkpoints).
- Several processes on one file each run a checkpointer; SQLite's checkpoint lock keeps two from
  running at once (the one finding it taken tries again at its next tick).  A short-lived process (a
  CLI command) truncates the log when it closes, waiting at most ``CLOSE_WAIT_MS`` for other
  processes' readers and writers, and otherwise leaves the rest to their checkpointers.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger(__name__)

CHECKPOINT_INTERVAL_S = 1.0
"""Seconds between checkpoints."""
RESTART_PAGES = 1000
"""A log of this many pages (4 MiB at SQLite's default page size) is started over at the next tick; SQLite
checkpoints on commit at the same size."""
CATCH_UP_PASSES = 4
"""PASSIVE passes a tick may run over a long log before it takes the write lock to start it over."""
RESTART_TRIES = 5
"""Non-waiting RESTART checkpoints a tick tries, ``RESTART_RETRY_S`` apart, to start a long log over."""
RESTART_RETRY_S = 0.002
"""Seconds between those tries."""
CLOSE_WAIT_MS = 100
"""How long the checkpoint on close waits for other connections before doing only what it can."""


class Checkpointer:
    """A thread that checkpoints one SQLite file's log every ``interval`` seconds and once when stopped."""

    def __init__(
        self, path: Path, *, interval: float = CHECKPOINT_INTERVAL_S, restart_pages: int = RESTART_PAGES
    ) -> None:
        self.path = path
        self.interval = interval
        self.restart_pages = restart_pages
        self.restarts = 0
        """How many RESTART checkpoints succeeded, each leaving the log to start over at the next commit
        (for tests and probes)."""
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"checkpoint {path.name}", daemon=True)

    def start(self) -> None:
        """Start checkpointing in the background."""
        self._thread.start()

    def stop(self) -> None:
        """Run the final TRUNCATE checkpoint and end the thread (blocks until it has)."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        connection: sqlite3.Connection | None = None
        try:
            while not self._stopping.wait(self.interval):
                if connection is None:
                    connection = _connect(self.path)
                if connection is not None:
                    self._tick(connection)
            if connection is None:
                connection = _connect(self.path)
            if connection is not None:
                connection.execute(f"PRAGMA busy_timeout={CLOSE_WAIT_MS}")
                self._checkpoint(connection, "TRUNCATE")
        finally:
            if connection is not None:
                connection.close()  # the file's last connection also merges and removes the log

    def _tick(self, connection: sqlite3.Connection) -> None:
        """Copy the log without waiting; start a long one over (the module's docstring says how)."""
        before = -1
        for _ in range(CATCH_UP_PASSES):
            outcome = self._checkpoint(connection, "PASSIVE")
            if outcome is None or outcome[1] < self.restart_pages:
                return  # short enough, or started over by a commit after a complete copy
            if outcome[1] == before:
                break  # nothing came in since the last pass
            before = outcome[1]
        for _ in range(RESTART_TRIES):
            restart = self._checkpoint(connection, "RESTART")
            if restart is None or restart[1] < self.restart_pages:
                return  # failed (logged), or a commit started the log over meanwhile
            if restart[0] == 0:
                self.restarts += 1
                return
            if self._stopping.wait(RESTART_RETRY_S):
                return

    def _checkpoint(self, connection: sqlite3.Connection, mode: str) -> tuple[int, int, int] | None:
        """One checkpoint's (busy, pages in the log, pages copied); None when it failed (logged; the next
        tick tries again)."""
        try:
            busy, logged, copied = connection.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        except sqlite3.Error as error:
            log.warning("checkpoint %s of %s failed: %s", mode, self.path, error)
            return None
        if busy:
            log.debug("checkpoint %s of %s: busy, %s of %s pages copied", mode, self.path, copied, logged)
        return busy, logged, copied


def _connect(path: Path) -> sqlite3.Connection | None:
    """The thread's own connection to an existing file (None while the file does not exist yet); it does
    not wait on locks (``timeout=0``), so only the checkpoint on close ever waits."""
    try:
        uri = f"{path.resolve().as_uri()}?mode=rw"  # never create the file: the engine does, with its pragmas
        connection = sqlite3.connect(uri, uri=True, timeout=0, isolation_level=None)
        connection.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.Error:
        return None
    return connection


def checkpoint_in_background(engine: AsyncEngine, path: Path) -> Checkpointer:
    """Stop the engine's connections checkpointing on commit and start a ``Checkpointer`` for the file.

    Call it before the engine's first connection (the setting is made as each connection opens).
    """
    event.listen(engine.sync_engine, "connect", _no_checkpoint_on_commit)
    checkpointer = Checkpointer(path)
    checkpointer.start()
    return checkpointer


def _no_checkpoint_on_commit(dbapi_connection: Any, _connection_record: Any) -> None:
    """Leave checkpoints to the ``Checkpointer`` (a setting of the connection, not of the file)."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA wal_autocheckpoint=0")
    finally:
        cursor.close()
