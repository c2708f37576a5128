"""The Discord bot in DMs and /daily, end to end: the real discord.py client against a fake Discord."""

from __future__ import annotations

from tests.support.discord import answers_for, custom_ids, embed_of
from tests.support.fake_discord_server import EPHEMERAL, MANAGE_GUILD
from tests.support.fakes import MemoryStore


async def test_in_a_dm_a_plain_message_answers_the_pending_question(server, bot):
    alice = server.user("Alice")
    dm = server.dm_channel(alice)
    asked = await server.slash(alice, "quiz", dm=True, topic="security")
    response = await server.response(asked)
    assert response["data"].get("flags", 0) & EPHEMERAL == 0
    question = server.original(asked)
    assert "Send your answer as a message" in embed_of(question)["description"]
    full, _ = answers_for(embed_of(question))

    said = await server.send_dm(alice, full)
    call = await server.wait_for(lambda c: c.method == "POST" and c.path == f"/channels/{dm['id']}/messages")
    assert embed_of(call.body)["title"] == "✅ Correct – 100%"
    assert str(call.body["message_reference"]["message_id"]) == said["id"]
    assert call.body["allowed_mentions"]["parse"] == []
    next_button, disagree = custom_ids(server.messages[max(server.messages, key=int)])
    assert (next_button, disagree.partition(":")[2].partition(":")[0]) == ("ib:next:security", "disagree")


async def test_in_a_dm_a_typed_command_works_and_stray_text_is_explained(server, bot):
    alice = server.user("Alice")
    dm = server.dm_channel(alice)
    await server.send_dm(alice, "/topics")
    call = await server.wait_for(lambda c: c.path == f"/channels/{dm['id']}/messages")
    assert embed_of(call.body)["title"] == "Topics"
    await server.send_dm(alice, "hello?")
    second = await server.wait_until(lambda: server.calls_to("POST", f"/channels/{dm['id']}/messages")[1:])
    assert embed_of(second[0].body)["title"] == "No question is waiting for an answer."


async def test_daily_in_a_channel_subscribes_the_users_dms_and_confirms_there(
    server, bot, store: MemoryStore
):
    alice = server.user("Alice")
    asked = await server.slash(alice, "daily", time="08:30", zone="Europe/Berlin")
    assert (await server.response(asked))["data"]["flags"] & EPHEMERAL  # deferred, privately
    dm = await server.wait_until(lambda: server.dm_channels.get(alice["id"]))
    confirmation = await server.wait_for(lambda c: c.path == f"/channels/{dm['id']}/messages")
    assert embed_of(confirmation.body)["title"] == "📅 Subscribed!"
    assert "08:30 Europe/Berlin" in embed_of(confirmation.body)["description"]
    await server.wait_until(lambda: len(server.followups(asked)) == 2)
    titles = [embed_of(f)["title"] for f in server.followups(asked)]
    assert titles == ["📅 Subscribed!", "📬 Check your DMs"]
    (subscription,) = store.subscriptions.values()
    assert (subscription.chat_id, subscription.local_time, subscription.active) == (dm["id"], "08:30", True)
    assert subscription.user_id is not None


async def test_daily_with_dms_closed_pauses_and_says_so_where_asked(server, bot, store: MemoryStore):
    alice = server.user("Alice")
    server.closed_dms.add(alice["id"])
    asked = await server.slash(alice, "daily", time="07:00")
    await server.wait_until(lambda: server.followups(asked))
    (told,) = server.followups(asked)
    assert embed_of(told)["title"] == "I can't send you direct messages, so your daily question is paused."
    (refused,) = server.calls_to("POST", r"/channels/\d+/messages")
    assert refused.path == f"/channels/{server.dm_channels[alice['id']]['id']}/messages"
    (subscription,) = store.subscriptions.values()
    assert (subscription.active, subscription.paused_reason) == (False, "DMs closed")


async def test_daily_for_a_channel_needs_manage_server(server, bot, store: MemoryStore):
    member, admin = server.user("Member"), server.user("Admin")
    refused = await server.response(await server.slash(member, "daily", time="09:00", channel=server.drills))
    assert embed_of(refused)["title"] == "Only admins can change this group's daily question."
    assert refused["data"]["flags"] & EPHEMERAL
    assert store.subscriptions == {}

    done = await server.response(
        await server.slash(
            admin, "daily", time="09:00", zone="UTC", channel=server.drills, permissions=MANAGE_GUILD
        )
    )
    assert embed_of(done)["title"] == "📅 Subscribed!"
    (subscription,) = store.subscriptions.values()
    assert (subscription.chat_id, subscription.user_id) == (server.drills["id"], None)


async def test_daily_with_a_bad_time_is_explained_without_a_dm(server, bot, store: MemoryStore):
    alice = server.user("Alice")
    asked = await server.slash(alice, "daily", time="25:99")
    await server.wait_until(lambda: server.followups(asked))
    assert "not a valid time of day" in embed_of(server.followups(asked)[0])["title"]
    assert server.calls_to("POST", r"/channels/\d+/messages") == []
    assert store.subscriptions == {}


async def test_in_a_dm_the_answer_modal_works_too(server, bot):
    alice = server.user("Alice")
    asked = await server.slash(alice, "quiz", dm=True, topic="databases")
    await server.response(asked)
    question = server.original(asked)
    opened = await server.click(alice, question, custom_ids(question)[0])
    modal = (await server.response(opened))["data"]
    submitted = await server.submit_modal(alice, question, modal, {"answer": "Quick lookup, slow writes."})
    graded = await server.response(submitted)
    assert graded["type"] == 4 and graded["data"].get("flags", 0) & EPHEMERAL == 0
    assert embed_of(graded)["title"] == "✅ Correct – 100%"
    again = await server.response(await server.submit_modal(alice, question, modal, {"answer": "lookup"}))
    assert embed_of(again)["title"] == "That question is closed."
