"""What the Discord bot must get right under pressure: mentions, 429s, errors, slow work and restarts."""

from __future__ import annotations

import asyncio
from pathlib import Path

from storage import open_database
from tests.support.discord import answer_privately, answers_for, client_for, custom_ids, embed_of, post_quiz
from tests.support.fake_discord_server import EPHEMERAL, LOADING, Call, running_client
from tests.support.fakes import FixedClock
from tests.support.world import engine_on

CALLBACK = r"/interactions/\d+/[^/]+/callback"


def outgoing(call: Call) -> dict | None:
    """The message a call creates or edits (callback data, follow-up or edit body), if it carries one."""
    body = call.body if isinstance(call.body, dict) else {}
    payload = body.get("data") if "type" in body else body
    return payload if payload and ("embeds" in payload or "content" in payload) else None


async def test_user_text_cannot_ping_anyone_and_markdown_is_shown_literally(server, bot):
    everyone = server.user("Eve", global_name="@everyone")
    role = server.user("Rob", global_name="<@&1234567890123456789> **Rob**")
    typo = await server.response(
        await server.slash(everyone, "quiz", topic="@here **boom** <@&1234567890123456789>")
    )
    title = embed_of(typo)["title"]
    assert "@\u200bhere" in title and r"\*\*boom\*\*" in title and "<@\u200b&1234567890123456789>" in title
    assert "@here" not in title

    question = await post_quiz(server, everyone, topic="security")
    full, _ = answers_for(embed_of(question))
    await answer_privately(server, everyone, question, full + " @everyone")
    await answer_privately(server, role, question, full + " <@&1234567890123456789>")
    await server.wait_until(lambda: "2 members" in server.messages[question["id"]]["content"])
    summary = server.messages[question["id"]]["content"]
    assert (
        summary
        == "📝 2 members answered · ✅ right: @\u200beveryone, <@\u200b&1234567890123456789> \\*\\*Rob\\*\\*"
    )

    board = embed_of(await server.response(await server.slash(role, "leaderboard", period="all")))
    assert "@everyone" not in board["fields"][0]["value"] and "@\u200beveryone" in board["fields"][0]["value"]

    sent = [outgoing(c) for c in server.calls if outgoing(c) is not None]
    assert len(sent) == 7  # error, question, two grades, two summary edits, leaderboard
    assert all(payload["allowed_mentions"] == {"parse": []} for payload in sent)


async def test_a_429_is_waited_out_and_the_reply_still_arrives(server, bot):
    server.rate_limit("POST", CALLBACK, retry_after=0.01)
    asked = await server.slash(server.user("Alice"), "topics")
    await server.wait_until(lambda: server.original(asked))
    attempts = [c for c in server.calls_to("POST", CALLBACK) if asked.token in c.path]
    assert len(attempts) == 2  # the 429, then the retry
    assert embed_of(server.original(asked))["title"] == "Topics"


async def test_a_failing_handler_is_answered_and_the_bot_keeps_working(
    server, bot, store, monkeypatch, caplog
):
    async def broken(*args, **kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(store, "leaderboard_page", broken)
    failed = await server.response(await server.slash(server.user("Alice"), "leaderboard"))
    assert embed_of(failed)["title"] == "Something went wrong on my side."
    assert failed["data"]["flags"] & EPHEMERAL
    assert "/leaderboard failed" in caplog.text and "database unavailable" in caplog.text

    monkeypatch.setattr(store, "add_hint", broken)
    question = await post_quiz(server, server.user("Bob"), topic="security")
    pressed = await server.response(
        await server.click(server.user("Carol"), question, custom_ids(question)[1])
    )
    assert embed_of(pressed)["title"] == "Something went wrong on my side."

    dm_user = server.user("Dana")
    monkeypatch.setattr(store, "find_open_question", broken)
    await server.send_dm(dm_user, "an answer")
    dm = server.dm_channels[dm_user["id"]]
    told = await server.wait_for(lambda c: c.path == f"/channels/{dm['id']}/messages")
    assert embed_of(told.body)["title"] == "Something went wrong on my side."

    works = await server.response(await server.slash(server.user("Alice"), "topics"))
    assert embed_of(works)["title"] == "Topics"


async def test_slow_work_is_deferred_and_then_delivered(server, engine, monkeypatch):
    gate = asyncio.Event()
    handle = engine.handle

    async def slow_handle(incoming):
        await gate.wait()
        return await handle(incoming)

    monkeypatch.setattr(engine, "handle", slow_handle)
    async with running_client(client_for(server, engine, defer_after=0.01), server):
        alice = server.user("Alice")
        private = await server.slash(alice, "stats")
        public = await server.slash(alice, "quiz", topic="databases")
        assert await server.response(private) == {"type": 5, "data": {"flags": EPHEMERAL}}
        assert (await server.response(public))["type"] == 5
        assert server.original(public)["flags"] & LOADING
        gate.set()
        question = await server.wait_until(lambda: (m := server.original(public)) and m["embeds"] and m)
        stats = await server.wait_until(lambda: (m := server.original(private)) and m["embeds"] and m)

        assert embed_of(stats)["title"] == "No answers yet." and stats["flags"] & EPHEMERAL
        assert embed_of(question)["title"] == "databases · easy" and not question["flags"] & LOADING
        # The deferred question's message id reached the engine: answering through it works.
        _, grade = await answer_privately(server, alice, question, "Faster lookup, slower writes.")
        assert embed_of(grade)["title"] == "✅ Correct – 100%"


async def test_buttons_of_a_question_keep_working_after_a_restart(server, tmp_path: Path, clock: FixedClock):
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    alice, bob = server.user("Alice"), server.user("Bob")
    database = await open_database(url, clock=clock)
    try:
        async with running_client(client_for(server, engine_on(database.store, clock)), server):
            question = await post_quiz(server, alice, topic="databases")
            await answer_privately(server, alice, question, "Faster lookup, slower writes.")
    finally:
        await database.close()

    database = await open_database(url, clock=clock)
    try:
        async with running_client(client_for(server, engine_on(database.store, clock)), server):
            hint = await server.response(await server.click(bob, question, custom_ids(question)[1]))
            _, grade = await answer_privately(server, bob, question, "It speeds up lookup.")
            await server.wait_until(lambda: "2 members" in server.messages[question["id"]]["content"])
    finally:
        await database.close()

    assert embed_of(hint)["title"] == "💡 Hint 1/2"
    assert embed_of(grade)["title"] == "🟡 Partly right – 50%"
    assert server.messages[question["id"]]["content"] == "📝 2 members answered · ✅ right: Alice"
    assert len(server.identifies) == 2
