"""Daily-drill fan-out: planning time, the dispatcher's ceiling, peak memory, and a rate-limited run.

Usage: python -m benchmarks.drill_fanout [--subscribers 100000] [--database-url URL] [--workers 1]
       [--limited-subscribers 2000] [--rate 30] [--day-ticks] [--skip-limited] [--processes 4]

Subscribers are spread over 40 time zones, each with a local time that has already come today at the
benchmark's instant, so one catch-up plan (what a bot does when it starts) plans all of them: that is
``planned_s``.  The ceiling sends them all with the rate limiter off through a transport that does
nothing (``--workers`` dispatchers at once, each on its own connection pool; on PostgreSQL they claim
with SKIP LOCKED).  The limited run sends to ``--limited-subscribers`` through the real Telegram
transport against a fake Bot API that answers 429 beyond 30 messages a second; the rate is measured
between the first and last accepted message.  ``--day-ticks`` also replays the next 24 hours as one
planner tick a minute.  Without ``--database-url`` a fresh SQLite file is used.  The last line is:
``fanout: subscribers=N planned_s=X ceiling_msgs_per_s=Y limited_msgs_per_s=Z duplicates=D lost=L``;
with ``--processes N`` (PostgreSQL) the limited run is N dispatcher processes sharing one send bucket in
the database, and a last line ``scaleout: processes=N limited_msgs_per_s=Z duplicates=D lost=L
http_429=R`` follows.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.fanout_setup import BENCH_PLATFORM, populate, private_postgres
from bot.drills.deliveries import DeliveryStatus
from bot.drills.dispatcher import Dispatcher, DispatchSettings
from bot.drills.limits import TELEGRAM_LIMITS, RateLimiter
from bot.drills.planner import Planner
from content import load_bank
from storage import Database, open_database
from tests.support.databases import drop_database

NOW = datetime(2026, 6, 15, 16, 0, tzinfo=UTC)
LIMITED_PLATFORM = "telegram"


class FixedClock:
    """The benchmark's clock: it stays at one instant."""

    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        """The fixed instant."""
        return self.current


class NullTransport:
    """Sends nothing; counts what it was asked to send, per chat."""

    def __init__(self) -> None:
        self.per_chat: Counter[str] = Counter()

    async def send(self, chat_id: str, replies: list) -> list[str]:  # type: ignore[type-arg]
        """Count and return a fake message id."""
        self.per_chat[chat_id] += 1
        return ["1"]


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tally(per_chat: Counter[str], expected: int) -> tuple[int, int]:
    """Duplicates (messages beyond one per chat) and lost (chats that got nothing) among the expected."""
    duplicates = sum(count - 1 for count in per_chat.values() if count > 1)
    return duplicates, expected - len(per_chat)


async def plan_all(database_url: str) -> tuple[float, int]:
    """A fresh planner's catch-up plan at NOW; return (seconds, deliveries planned)."""
    database = await open_database(database_url, clock=FixedClock(NOW), migrate=False)
    try:
        planner = Planner(database.drills, BENCH_PLATFORM)
        start = time.perf_counter()
        report = await planner.plan(NOW)
        return time.perf_counter() - start, report.planned
    finally:
        await database.close()


async def ceiling(database_url: str, workers: int, expected: int) -> tuple[float, int, int, int]:
    """Dispatch everything planned with no limiter and a null transport; (msgs/s, sent, dups, lost)."""
    bank = load_bank()
    transport = NullTransport()
    clock = FixedClock(NOW)
    databases = [await open_database(database_url, clock=clock, migrate=False) for _ in range(workers)]
    settings = DispatchSettings(batch_size=1000, max_in_flight=1)
    try:
        dispatchers = [
            Dispatcher(
                platform=BENCH_PLATFORM,
                drills=d.drills,
                store=d.store,
                bank=bank,
                clock=FixedClock(NOW + timedelta(seconds=1)),
                transport=transport,
                settings=settings,
            )
            for d in databases
        ]
        start = time.perf_counter()
        tallies = await asyncio.gather(*(d.run_once() for d in dispatchers))
        elapsed = time.perf_counter() - start
        counts = await databases[0].drills.counts(NOW - timedelta(days=2))
    finally:
        for d in databases:
            await d.close()
    sent = sum(t.sent for t in tallies)
    if counts.count(DeliveryStatus.SENT) != sent:
        print(f"  warning: {counts.count(DeliveryStatus.SENT)} rows marked sent, dispatchers counted {sent}")
    per_worker = ", ".join(str(t.sent) for t in tallies)
    print(f"  ceiling: {sent} sent in {elapsed:.2f} s by {workers} dispatcher(s) ({per_worker})")
    duplicates, lost = tally(transport.per_chat, expected)
    return sent / elapsed, sent, duplicates, lost


async def day_of_ticks(database_url: str) -> tuple[float, int]:
    """Replay the 24 hours after NOW as a tick a minute; return (seconds planning, deliveries planned)."""
    database = await open_database(database_url, clock=FixedClock(NOW), migrate=False)
    try:
        planner = Planner(database.drills, BENCH_PLATFORM)
        planned, spent = 0, 0.0
        for minute in range(24 * 60 + 1):
            start = time.perf_counter()
            planned += (await planner.plan(NOW + timedelta(minutes=minute))).planned
            spent += time.perf_counter() - start
        return spent, planned
    finally:
        await database.close()


async def limited(
    database_url: str, subscribers: int, rate: float, processes: int = 1
) -> tuple[float, int, int, int, int]:
    """Send ``subscribers`` drills through the Telegram transport to a rate-enforcing fake Bot API, from
    this process or from ``processes`` dispatcher processes sharing the database's send bucket.

    Returns (achieved msgs/s, accepted, 429s, duplicates, lost).
    """
    from tests.support.fake_telegram_server import FakeTelegramServer, SendLimits

    await populate(database_url, subscribers, NOW, platform_name=LIMITED_PLATFORM, chat_base=1_000_000)
    server = FakeTelegramServer(limits=SendLimits(per_second=30), any_chat=True)
    await server.start()
    database = await open_database(database_url, clock=FixedClock(NOW), migrate=False)
    try:
        drills = database.drills
        await Planner(drills, LIMITED_PLATFORM).plan(NOW)
        if processes > 1:
            await _children(database_url, server.base_url, rate, processes)
        else:
            await _one_dispatcher(database, server.base_url, rate)
    finally:
        await database.close()
        await server.close()
    times = server.accepted_at
    achieved = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    duplicates, lost = tally(server.per_chat, subscribers)
    return achieved, len(times), server.refused, duplicates, lost


async def _one_dispatcher(database: Database, base_url: str, rate: float) -> None:
    """Send everything planned from this process, with its own rate limiter."""
    from telegram import Bot

    from adapters.telegram.transport import TelegramTransport
    from tests.support.fake_telegram_server import TOKEN

    async with Bot(TOKEN, base_url=base_url) as bot:
        dispatcher = Dispatcher(
            platform=LIMITED_PLATFORM,
            drills=database.drills,
            store=database.store,
            bank=load_bank(),
            clock=FixedClock(NOW + timedelta(seconds=1)),
            transport=TelegramTransport(bot),
            limiter=RateLimiter(replace(TELEGRAM_LIMITS, overall_per_second=rate)),
            settings=DispatchSettings(batch_size=200, max_in_flight=4),
        )
        await dispatcher.run_once()


async def _children(database_url: str, base_url: str, rate: float, processes: int) -> None:
    """Run ``processes`` dispatcher processes (``benchmarks.fanout_child``) until each has sent all it can."""
    when = (NOW + timedelta(seconds=1)).isoformat()
    children = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-m", "benchmarks.fanout_child", database_url, base_url, str(rate), when
        )
        for _ in range(processes)
    ]
    codes = await asyncio.gather(*(child.wait() for child in children))
    if any(codes):
        raise RuntimeError(f"a dispatcher process failed: exit codes {codes}")


async def main(args: argparse.Namespace) -> None:
    """Run the measures in a database of the benchmark's own, and drop it afterwards."""
    if args.database_url is None:
        url = f"sqlite+aiosqlite:///{Path(tempfile.mkdtemp()) / 'fanout.db'}"
        await measure(url, args)
        return
    url, name = await private_postgres(args.database_url)
    try:
        await measure(url, args)
    finally:
        await drop_database(args.database_url, name)


async def measure(url: str, args: argparse.Namespace) -> None:
    """Run the measures and print the figures."""
    print(f"python {platform.python_version()} on {platform.machine()}; database {url.split('://')[0]}")
    start = time.perf_counter()
    await populate(url, args.subscribers, NOW, platform_name=BENCH_PLATFORM)
    print(f"  setup: {args.subscribers} subscribers in {time.perf_counter() - start:.1f} s")
    planned_s, planned = await plan_all(url)
    print(f"  plan: {planned} deliveries planned in {planned_s:.2f} s (one catch-up tick)")
    rate, _sent, duplicates, lost = await ceiling(url, args.workers, args.subscribers)
    lost += args.subscribers - planned
    print(f"  peak memory: {peak_rss_mb():.0f} MiB")
    if args.day_ticks:
        spent, again = await day_of_ticks(url)
        print(f"  day of ticks: 1441 ticks planned {again} deliveries in {spent:.2f} s of planning")
    limited_rate, refused, dup2, lost2 = 0.0, 0, 0, 0
    if not args.skip_limited:
        limited_rate, accepted, refused, dup2, lost2 = await limited(
            url, args.limited_subscribers, args.rate, args.processes
        )
        print(
            f"  limited: {accepted} accepted at {limited_rate:.2f} msgs/s (limit {args.rate:g}), "
            f"{refused} answered 429, duplicates={dup2} lost={lost2}"
        )
        duplicates, lost = duplicates + dup2, lost + lost2
    print(
        f"fanout: subscribers={args.subscribers} planned_s={planned_s:.2f} ceiling_msgs_per_s={rate:.0f} "
        f"limited_msgs_per_s={limited_rate:.2f} duplicates={duplicates} lost={lost}"
    )
    if args.processes > 1 and not args.skip_limited:
        print(
            f"scaleout: processes={args.processes} limited_msgs_per_s={limited_rate:.2f} "
            f"duplicates={dup2} lost={lost2} http_429={refused}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--workers", type=int, default=1, help="dispatchers sending at once (ceiling run)")
    parser.add_argument("--limited-subscribers", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--day-ticks", action="store_true", help="also replay 24 h of minute ticks")
    parser.add_argument("--skip-limited", action="store_true")
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="dispatcher processes for the limited run, sharing one send rate in the database (PostgreSQL)",
    )
    asyncio.run(main(parser.parse_args()))
