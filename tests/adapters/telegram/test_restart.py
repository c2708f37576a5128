"""A restart keeps everything: a second bot run on the same SQLite database shows the same leaderboard."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bot.engine import Engine
from storage import open_store
from tests.support.fake_telegram_server import FakeTelegramServer, running_bot
from tests.support.fakes import FixedClock, ListBank
from tests.support.world import QUESTIONS, keyword_grader

GROUP_ID = -100555
GROUP = FakeTelegramServer.group_chat(GROUP_ID, "Platform team")
BOB = FakeTelegramServer.user(222, "Bob")
CAROL = FakeTelegramServer.user(333, "Carol")


@pytest.fixture
async def server():
    """The fake Bot API, listening on 127.0.0.1."""
    fake = FakeTelegramServer()
    await fake.start()
    yield fake
    await fake.close()


def engine_on(store, clock: FixedClock) -> Engine:
    """An engine over the test bank and the given store."""
    bank = ListBank(QUESTIONS, {"security": "Security", "databases": "Databases"})
    return Engine(bank, store, clock, grader=keyword_grader, nudger=lambda q, g: "", rng=random.Random(3))


async def test_a_second_run_on_the_same_database_keeps_the_leaderboard_and_open_question(
    server, tmp_path: Path, clock: FixedClock
):
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    store = await open_store(url)
    try:
        async with running_bot(server, engine_on(store, clock)):
            server.push_text(GROUP, BOB, "/quiz databases")
            (question,) = await server.wait_sent(GROUP_ID, 1)
            server.push_text(
                GROUP, BOB, "Faster lookup but slower writes.", reply_to=question["result"]["message_id"]
            )
            server.push_text(GROUP, BOB, "/leaderboard")
            before = (await server.wait_sent(GROUP_ID, 3))[2]
    finally:
        await store.close()

    store = await open_store(url)
    try:
        async with running_bot(server, engine_on(store, clock)):
            server.push_text(GROUP, CAROL, "Only lookup.", reply_to=question["result"]["message_id"])
            carol = (await server.wait_sent(GROUP_ID, 4))[3]
            server.push_text(GROUP, BOB, "/leaderboard")
            after = (await server.wait_sent(GROUP_ID, 5))[4]
    finally:
        await store.close()

    assert "1. Bob (you) – 10 pts, 1/1 correct · 🔥1" in before["text"]
    assert "Partly right – 50%" in carol["text"]
    assert after["text"].count("1. Bob (you) – 10 pts, 1/1 correct · 🔥1") == 2  # this week and all time
    assert after["text"].count("2. Carol – 5 pts, 0/1 correct · 🔥1") == 2
    assert len(server.requests("getMe")) == 2
