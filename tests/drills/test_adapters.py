"""Drills delivered through the real platform clients: python-telegram-bot against the fake Bot API and
discord.py against the fake Discord, then answered the way members answer there and graded."""

from __future__ import annotations

import pytest

from adapters.discord import DiscordTransport
from adapters.telegram import TelegramTransport
from bot.drills.planner import Planner
from tests.support.discord import answers_for, client_for, custom_ids, embed_of
from tests.support.drills import DrillWorld, at
from tests.support.fake_discord_server import EPHEMERAL, MANAGE_GUILD, running_client
from tests.support.fake_telegram_server import FakeTelegramServer, running_bot
from tests.support.fakes import MemoryDrillStore
from tests.support.world import full_answer

ALICE = FakeTelegramServer.user(111, "Alice")
BOB = FakeTelegramServer.user(222, "Bob")
ADMIN = FakeTelegramServer.user(333, "Admin")
GROUP = FakeTelegramServer.group_chat(-100500, "Study group")
ALICE_DM = FakeTelegramServer.private_chat(ALICE)


@pytest.fixture
def world() -> DrillWorld:
    """A drill world on the in-memory store, its clock at 1 June 12:00."""
    return DrillWorld(MemoryDrillStore(), at("2026-06-01 12:00"))


async def drill_tick(world: DrillWorld, platform: str, transport: object) -> None:
    """One scheduler tick for a platform through its real transport."""
    await Planner(world.drills, platform).plan(world.clock.now())
    await world.new_dispatcher(platform=platform, transport=transport).run_once()


async def test_a_telegram_dm_drill_is_delivered_and_the_next_message_answers_it(
    telegram_server, world
) -> None:
    server = telegram_server
    async with running_bot(server, world.engine) as application:
        server.push_text(ALICE_DM, ALICE, "/daily 08:30 Europe/Berlin")
        [confirmed] = await server.wait_sent(111, 1)
        assert "Subscribed" in confirmed["text"]
        world.clock.current = at("2026-06-02 06:30")
        await drill_tick(world, "telegram", TelegramTransport(application.bot))
        drill = (await server.wait_sent(111, 2))[1]
        assert "Daily question" in drill["text"] and drill["parse_mode"] == "HTML"
        [record] = [
            r for s in world.store.subscriptions.values() for r in await world.drills.deliveries_for(s.id)
        ]
        assert (record.status, record.message_id) == ("sent", str(drill["result"]["message_id"]))
        world.clock.advance(seconds=40)
        server.push_text(ALICE_DM, ALICE, full_answer(record.question_id))
        graded = (await server.wait_sent(111, 3))[2]
    assert "Correct" in graded["text"]


async def test_a_telegram_group_drill_is_answered_by_replies_and_scored_for_the_group(
    telegram_server, world
) -> None:
    server = telegram_server
    server.admins.add((GROUP["id"], ADMIN["id"]))
    async with running_bot(server, world.engine) as application:
        server.push_text(GROUP, ADMIN, "/daily 09:00 UTC")
        await server.wait_sent(GROUP["id"], 1)
        world.clock.current = at("2026-06-02 09:00")
        await drill_tick(world, "telegram", TelegramTransport(application.bot))
        drill = (await server.wait_sent(GROUP["id"], 2))[1]
        assert "Daily question" in drill["text"] and "Reply to this message" in drill["text"]
        sub = next(iter(world.store.subscriptions.values()))
        [record] = await world.drills.deliveries_for(sub.id)
        server.push_text(GROUP, BOB, full_answer(record.question_id), reply_to=drill["result"]["message_id"])
        graded = (await server.wait_sent(GROUP["id"], 3))[2]
        assert "Correct" in graded["text"] and "Bob" in graded["text"]
        server.push_text(GROUP, BOB, "/leaderboard")
        board = (await server.wait_sent(GROUP["id"], 4))[3]
    assert "Bob" in board["text"] and "10 pts" in board["text"]


async def test_a_telegram_user_who_blocked_the_bot_is_paused(telegram_server, world) -> None:
    server = telegram_server
    async with running_bot(server, world.engine) as application:
        server.push_text(ALICE_DM, ALICE, "/daily 08:30 UTC")
        await server.wait_sent(111, 1)
        server.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=111)
        world.clock.current = at("2026-06-02 08:30")
        await drill_tick(world, "telegram", TelegramTransport(application.bot))
    [sub] = world.store.subscriptions.values()
    assert (sub.active, sub.paused_reason) == (False, "Forbidden: bot was blocked by the user")


async def test_a_discord_dm_drill_is_delivered_and_answered_by_a_dm(discord_server, world) -> None:
    server = discord_server
    client = client_for(server, world.engine)
    async with running_client(client, server):
        alice = server.user("Alice")
        asked = await server.slash(alice, "daily", time="08:30", zone="Europe/Berlin")
        await server.wait_until(lambda: len(server.followups(asked)) == 2)
        dm = server.dm_channels[alice["id"]]
        world.clock.current = at("2026-06-02 06:30")
        await drill_tick(world, "discord", DiscordTransport(client))
        drill = server.channel_messages(dm["id"])[-1]
        assert embed_of(drill)["title"].startswith("📅 Daily question · ")
        assert "Send your answer as a message" in embed_of(drill)["description"]
        full, _ = answers_for(embed_of(drill))
        await server.send_dm(alice, full)
        graded = await server.wait_until(
            lambda: [
                m
                for m in server.channel_messages(dm["id"])
                if m.get("embeds") and "Correct" in embed_of(m)["title"]
            ]
        )
    assert embed_of(graded[0])["title"] == "✅ Correct – 100%"


async def test_a_discord_channel_drill_is_answered_with_the_answer_button_and_scored(
    discord_server, world
) -> None:
    server = discord_server
    client = client_for(server, world.engine)
    async with running_client(client, server):
        admin, bob = server.user("Admin"), server.user("Bob")
        await server.response(
            await server.slash(
                admin, "daily", time="09:00", zone="UTC", channel=server.drills, permissions=MANAGE_GUILD
            )
        )
        world.clock.current = at("2026-06-02 09:00")
        await drill_tick(world, "discord", DiscordTransport(client))
        [drill] = server.channel_messages(server.drills["id"])
        assert embed_of(drill)["title"].startswith("📅 Daily question · ")
        answer_button = custom_ids(drill)[0]
        assert answer_button.startswith("ib-answer:")
        opened = await server.click(bob, drill, answer_button)
        modal = (await server.response(opened))["data"]
        full, _ = answers_for(embed_of(drill))
        submitted = await server.submit_modal(bob, drill, modal, {"answer": full})
        assert (await server.response(submitted))["type"] == 6  # deferred update of the drill message
        [graded] = await server.wait_until(lambda: server.followups(submitted))
        assert embed_of(graded)["title"] == "✅ Correct – 100%"
        assert graded["flags"] & EPHEMERAL  # answers stay private in a channel
        await server.wait_until(
            lambda: "1 member answered" in server.messages[drill["id"]].get("content", "")
        )
        board = await server.response(await server.slash(bob, "leaderboard"))
    assert "Bob" in embed_of(board)["fields"][0]["value"]
