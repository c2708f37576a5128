"""One dispatcher process of ``benchmarks.drill_fanout --processes N``: sends through the real Telegram
transport to the parent's fake Bot API, booking every send from the database's shared bucket.

Usage: python -m benchmarks.fanout_child DATABASE_URL BOT_API_BASE_URL RATE ISO_TIME
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime

from telegram import Bot

from adapters.telegram.transport import TelegramTransport
from bot.drills.dispatcher import Dispatcher, DispatchSettings
from bot.drills.limits import TELEGRAM_LIMITS, RateLimiter, SharedRate
from content import load_bank
from storage import open_database
from tests.support.fake_telegram_server import TOKEN


class FixedClock:
    """The benchmark's clock: it stays at one instant."""

    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        """The fixed instant."""
        return self.current


async def main(url: str, base_url: str, rate: float, when: str) -> None:
    """Send everything due at ``when`` on Telegram, at the rate shared by every such process."""
    clock = FixedClock(datetime.fromisoformat(when))
    database = await open_database(url, clock=clock, migrate=False)
    try:
        async with Bot(TOKEN, base_url=base_url) as bot:
            dispatcher = Dispatcher(
                platform="telegram",
                drills=database.drills,
                store=database.store,
                bank=load_bank(),
                clock=clock,
                transport=TelegramTransport(bot),
                limiter=RateLimiter(SharedRate.local_limits(TELEGRAM_LIMITS)),
                shared_rate=SharedRate(database.drills, rate),
                settings=DispatchSettings(batch_size=100, max_in_flight=4),
            )
            await dispatcher.run_once()
    finally:
        await database.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]))
