"""A restart keeps everything: a second bot run on the same SQLite database shows the same leaderboard."""

from __future__ import annotations

from pathlib import Path

from storage import open_database
from tests.support.fake_telegram_server import FakeTelegramServer, running_bot
from tests.support.fakes import FixedClock
from tests.support.world import engine_on

GROUP_ID = -100555
GROUP = FakeTelegramServer.group_chat(GROUP_ID, "Platform team")
BOB = FakeTelegramServer.user(222, "Bob")
CAROL = FakeTelegramServer.user(333, "Carol")


async def test_a_second_run_on_the_same_database_keeps_the_leaderboard_and_open_question(
    server, tmp_path: Path, clock: FixedClock
):
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    database = await open_database(url, clock=clock)
    try:
        async with running_bot(server, engine_on(database.store, clock)):
            server.push_text(GROUP, BOB, "/quiz databases")
            (question,) = await server.wait_sent(GROUP_ID, 1)
            server.push_text(
                GROUP, BOB, "Faster lookup but slower writes.", reply_to=question["result"]["message_id"]
            )
            server.push_text(GROUP, BOB, "/leaderboard")
            before = (await server.wait_sent(GROUP_ID, 3))[2]
    finally:
        await database.close()

    database = await open_database(url, clock=clock)
    try:
        async with running_bot(server, engine_on(database.store, clock)):
            server.push_text(GROUP, CAROL, "Only lookup.", reply_to=question["result"]["message_id"])
            carol = (await server.wait_sent(GROUP_ID, 4))[3]  # a partial answer: its follow-up in the message
            server.push_text(GROUP, BOB, "/leaderboard")
            after = (await server.wait_sent(GROUP_ID, 5))[4]
    finally:
        await database.close()

    assert "1. Bob (you) – 10 pts, 1/1 correct · 🔥1" in before["text"]
    assert "Partly right – 50%" in carol["text"] and "🔁 Follow-up" in carol["text"]
    assert after["text"].count("1. Bob (you) – 10 pts, 1/1 correct · 🔥1") == 2  # this week and all time
    assert after["text"].count("2. Carol – 5 pts, 0/1 correct · 🔥1") == 2
    assert len(server.requests("getMe")) == 2
