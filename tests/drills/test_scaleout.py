"""Fan-out across processes: two dispatchers on one PostgreSQL database send each drill once, a claim
never waits on another's locked rows, and a dispatcher killed with SIGKILL mid-send loses nothing (the
message it had in flight is sent again)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from datetime import timedelta
from pathlib import Path

import asyncpg
import pytest

from bot.drills.dispatcher import DispatchSettings
from bot.model.messages import Reply
from storage import Database, open_database
from tests.support.databases import asyncpg_dsn, database_url
from tests.support.drills import DrillWorld, at
from tests.support.fakes import FixedClock
from tests.support.paths import ROOT

DUE = at("2026-06-02 08:30")


async def subscribed_world(url: str, users: int) -> tuple[DrillWorld, Database]:
    """A world on the database with ``users`` DM subscriptions for 08:30 UTC, planned at 08:30."""
    database = await open_database(url, clock=FixedClock(at("2026-06-01 12:00")))
    world = DrillWorld(database.store, at("2026-06-01 12:00"), drills=database.drills)
    for number in range(users):
        await world.user(str(number), f"User {number}").command("daily", "08:30", "UTC")
    world.clock.current = DUE
    await world.planner.plan(DUE)
    return world, database


class SlowTransport:
    """Records which dispatcher sent to which chat; each send yields to the loop for a moment."""

    def __init__(self, name: str, log: list[tuple[str, str]]) -> None:
        self.name, self.log = name, log

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        """Record and pretend to talk to the platform."""
        await asyncio.sleep(0.002)
        self.log.append((self.name, chat_id))
        return [str(len(self.log))]


@pytest.fixture
async def postgres_url(tmp_path: Path, private_postgres_url: str | None) -> AsyncIterator[str]:
    """An empty PostgreSQL database (the test is skipped without TEST_DATABASE_URL)."""
    yield await database_url("postgres", tmp_path, private_postgres_url)


async def test_two_dispatchers_on_one_postgres_database_send_each_drill_once(postgres_url: str) -> None:
    world, database = await subscribed_world(postgres_url, 60)
    # a second process: its own connections
    other = await open_database(postgres_url, clock=FixedClock(DUE), migrate=False)
    log: list[tuple[str, str]] = []
    settings = DispatchSettings(batch_size=5)
    try:
        first = world.new_dispatcher(transport=SlowTransport("first", log), settings=settings)
        second = world.new_dispatcher(
            drills=other.drills,
            store=other.store,
            transport=SlowTransport("second", log),
            settings=settings,
        )
        tallies = await asyncio.gather(first.run_once(), second.run_once())
        counts = await world.drills.counts(at("2026-06-02 00:00"))
    finally:
        await other.close()
        await database.close()
    per_chat = Counter(chat for _, chat in log)
    assert len(per_chat) == 60 and set(per_chat.values()) == {1}
    by_dispatcher = Counter(name for name, _ in log)
    assert by_dispatcher["first"] > 0 and by_dispatcher["second"] > 0
    assert sum(t.sent for t in tallies) == 60 == counts.count("sent")


async def test_a_claim_skips_rows_another_transaction_holds_instead_of_waiting(postgres_url: str) -> None:
    world, database = await subscribed_world(postgres_url, 4)
    holder = await asyncpg.connect(asyncpg_dsn(postgres_url))
    try:
        async with holder.transaction():
            held = await holder.fetch("SELECT id FROM deliveries ORDER BY id LIMIT 2 FOR UPDATE")
            claimed = await asyncio.wait_for(
                world.drills.claim("test", DUE, 10, timedelta(minutes=2), "t1"), timeout=5
            )
        assert {d.id for d in claimed}.isdisjoint({row["id"] for row in held})
        assert len(claimed) == 2
        again = await world.drills.claim("test", DUE, 10, timedelta(minutes=2), "t2")
        assert {d.id for d in again} == {row["id"] for row in held}
    finally:
        await holder.close()
        await database.close()


async def test_a_dispatcher_killed_mid_send_loses_nothing_and_resends_only_its_in_flight_message(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'drills.db'}"
    world, database = await subscribed_world(url, 6)
    await database.close()
    sent_file = tmp_path / "sent.txt"
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.support.drills_child", url, str(sent_file), "3", DUE.isoformat()],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        database = await open_database(url, clock=FixedClock(DUE), migrate=False)
        drills = database.drills
        deadline = time.monotonic() + 30
        # Wait until the third message went out and the first two are recorded as sent.
        while True:
            lines = sent_file.read_text().split() if sent_file.exists() else []
            counts = await drills.counts(at("2026-06-02 00:00"))
            if len(lines) == 3 and counts.count("sent") == 2:
                break
            assert child.poll() is None and time.monotonic() < deadline, (
                "the child did not get to its third send"
            )
            await asyncio.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        in_flight = lines[2]
        world = DrillWorld(database.store, DUE, drills=drills)  # the next process
        world.clock.advance(minutes=1)
        await world.tick()
        assert world.transport.sent == []  # the killed process's batch is still claimed (2-minute lease)
        world.clock.advance(minutes=2)
        await world.tick()
        assert len(world.transport.sent) == 4  # the three never tried, and the one in flight, again
    finally:
        if child.poll() is None:
            child.kill()
        await database.close()
    per_chat = Counter(lines) + Counter(s.chat_id for s in world.transport.sent)
    assert set(per_chat) == {f"dm-{n}" for n in range(6)}  # nothing lost
    assert {chat for chat, count in per_chat.items() if count > 1} == {in_flight}  # the one duplicate


async def test_dispatcher_processes_share_one_send_rate_and_send_each_drill_once(
    postgres_url: str, tmp_path: Path
) -> None:
    _world, database = await subscribed_world(postgres_url, 60)
    await database.close()
    rate, files = 100.0, [tmp_path / f"sent-{n}.txt" for n in range(3)]
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.support.rate_child",
                postgres_url,
                str(f),
                str(rate),
                DUE.isoformat(),
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for f in files
    ]
    try:
        for child in children:
            assert child.wait(timeout=120) == 0
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    sends = [line.split() for f in files if f.exists() for line in f.read_text().splitlines()]
    per_chat = Counter(chat for chat, _ in sends)
    assert set(per_chat) == {f"dm-{n}" for n in range(60)} and set(per_chat.values()) == {1}
    assert sum(1 for f in files if f.exists() and f.read_text()) >= 2, "the processes shared the work"
    # Each send waits for its own slot of the one bucket, so 60 sends span at least 59 intervals
    # however fast the processes are (a lower bound: slowness can only stretch it).
    times = sorted(float(at_) for _, at_ in sends)
    assert times[-1] - times[0] >= 59 / rate - 0.02
