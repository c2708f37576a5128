"""A dispatcher process for the hard-kill test: sends through a transport that writes each message to a
file and hangs, mid-send, on the N-th message, so the test can SIGKILL it with that message in flight.

Usage: python -m tests.support.drills_child DATABASE_URL SENT_FILE HANG_AT ISO_TIME
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from datetime import datetime

from bot.drills.dispatcher import DispatchSettings
from bot.model.messages import Reply
from storage import open_database
from tests.support.dispatching import dispatcher_for
from tests.support.fakes import FixedClock


class FileTransport:
    """Appends ``chat_id`` per message to a file (flushed), and never returns from the N-th send."""

    def __init__(self, path: str, hang_at: int) -> None:
        self.path, self.hang_at, self.count = path, hang_at, 0

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        """Write the chat id; on the N-th message, hang after writing (the message went out)."""
        self.count += 1
        with open(self.path, "a") as out:
            out.write(chat_id + "\n")
        if self.count == self.hang_at:
            await asyncio.Event().wait()
        return [str(self.count)]


async def main(url: str, path: str, hang_at: int, when: str) -> None:
    """Dispatch everything due at ``when``, one message at a time."""
    clock = FixedClock(datetime.fromisoformat(when))
    database = await open_database(url, clock=clock, migrate=False)
    dispatcher = dispatcher_for(
        database, clock, FileTransport(path, hang_at), DispatchSettings(batch_size=50, max_in_flight=1)
    )
    await dispatcher.run_once()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]))
