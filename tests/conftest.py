"""Shared fixtures: a small question bank, in-memory ports, a fixed clock, a fake chat user, and the fake
Telegram Bot API and fake Discord servers on 127.0.0.1, and a private PostgreSQL database per module."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Iterator

import pytest

from bot.engine import Engine
from bot.model.messages import Chat
from tests.support.databases import private_postgres_database
from tests.support.fake_discord_server import FakeDiscord, fake_discord
from tests.support.fake_telegram_server import FakeTelegramServer
from tests.support.fakes import FixedClock, MemoryStore
from tests.support.world import Person, keyword_grader, small_bank


@pytest.fixture
def clock() -> FixedClock:
    """A clock fixed at Monday 2026-03-02 09:00 UTC."""
    return FixedClock()


@pytest.fixture
def store() -> MemoryStore:
    """An empty in-memory store."""
    return MemoryStore()


@pytest.fixture
def engine(store: MemoryStore, clock: FixedClock) -> Engine:
    """An engine over the small bank with the keyword grader."""
    return Engine(
        small_bank(),
        store,
        clock,
        grader=keyword_grader,
        nudger=lambda q, g: "Look again at: " + ", ".join(g.missed) if g.missed else "",
        rng=random.Random(7),
    )


@pytest.fixture
def dm_user(engine: Engine) -> Person:
    """Alice in her DM with the bot."""
    return Person(engine, "1", "Alice", Chat("test", "dm-1", is_private=True))


@pytest.fixture
async def telegram_server() -> AsyncIterator[FakeTelegramServer]:
    """The fake Bot API, listening on 127.0.0.1."""
    fake = FakeTelegramServer()
    await fake.start()
    yield fake
    await fake.close()


@pytest.fixture
async def discord_server(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """A fake Discord that discord.py (in this process) talks to."""
    async with fake_discord(monkeypatch) as fake:
        yield fake


@pytest.fixture(scope="module")
def private_postgres_url() -> Iterator[str | None]:
    """A PostgreSQL database of the test module's own (None without TEST_DATABASE_URL)."""
    yield from private_postgres_database()
