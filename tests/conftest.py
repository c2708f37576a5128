"""Shared fixtures: a small question bank, in-memory ports, a fixed clock, a fake chat user, and the fake
Telegram Bot API and fake Discord servers on 127.0.0.1, a private PostgreSQL database per module, and an
empty store of each kind (``each_store``: the fake, SQLite, PostgreSQL)."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.engine import Engine
from bot.model.messages import Chat
from storage import open_database
from tests.support.databases import database_url, private_postgres_database
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


EACH_STORE_OPENED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""The time the SQL stores of ``each_store`` stamp their own rows with."""


@pytest.fixture(params=["memory", "sqlite", "postgres"])
async def each_store(
    request: pytest.FixtureRequest, tmp_path: Path, private_postgres_url: str | None
) -> AsyncIterator[Any]:
    """An empty store of each implementation: the in-memory fake, a migrated SQLite file, PostgreSQL."""
    if request.param == "memory":
        yield MemoryStore()
        return
    url = await database_url(request.param, tmp_path, private_postgres_url, migrated=True)
    async with await open_database(url, clock=FixedClock(EACH_STORE_OPENED_AT)) as database:
        yield database.store


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
