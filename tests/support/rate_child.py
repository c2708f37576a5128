"""A dispatcher process for the shared-rate test: books every send from the database's shared bucket and
writes ``chat_id time`` per message to a file.

Usage: python -m tests.support.rate_child DATABASE_URL SENT_FILE RATE ISO_TIME
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Sequence
from datetime import datetime

from bot.drills.dispatcher import DispatchSettings
from bot.drills.limits import SharedRate
from bot.model.messages import Reply
from storage import open_database
from tests.support.dispatching import dispatcher_for
from tests.support.fakes import FixedClock


class TimedFileTransport:
    """Appends ``chat_id`` and the wall-clock time of each send to a file."""

    def __init__(self, path: str) -> None:
        self.path = path

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        """Write the chat id and the time."""
        with open(self.path, "a") as out:
            out.write(f"{chat_id} {time.time():.6f}\n")
        return ["1"]


async def main(url: str, path: str, rate: float, when: str) -> None:
    """Dispatch everything due at ``when`` at the shared ``rate``."""
    clock = FixedClock(datetime.fromisoformat(when))
    database = await open_database(url, clock=clock, migrate=False)
    try:
        dispatcher = dispatcher_for(
            database,
            clock,
            TimedFileTransport(path),
            DispatchSettings(batch_size=10, max_in_flight=2),
            SharedRate(database.drills, rate),
        )
        await dispatcher.run_once()
    finally:
        await database.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]))
