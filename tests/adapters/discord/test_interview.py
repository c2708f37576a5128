"""``/interview`` on Discord, end to end: the real discord.py client against the fake Discord, in a DM:
the slash command with its topic and questions options, answers as DMs and through the Answer modal,
the Skip button, the scorecard; offered in DMs only, and refused clearly from a server."""

from __future__ import annotations

from tests.support.discord import answers_for, custom_ids, embed_of
from tests.support.fake_discord_server import EPHEMERAL
from tests.support.fakes import FixedClock


async def dm_posts(server, dm: dict, count: int) -> list[dict]:
    """The first ``count`` messages the bot posted in the DM channel (their request bodies)."""
    path = f"/channels/{dm['id']}/messages"
    calls = await server.wait_until(lambda: (c := server.calls_to("POST", path))[count - 1 :] and c)
    return [call.body for call in calls[:count]]


async def test_interview_in_a_dm_from_slash_command_to_scorecard(server, bot, clock: FixedClock):
    alice = server.user("Alice")
    dm = server.dm_channel(alice)
    started = await server.slash(alice, "interview", dm=True, topic="security", questions=3)
    intro = await server.response(started)
    assert embed_of(intro)["title"] == "🎤 Mock interview: 3 security questions"
    await server.wait_until(lambda: server.followups(started))
    first = server.followups(started)[0]
    assert embed_of(first)["title"].startswith("Question 1 of 3 · security")
    answer_id, skip_id = custom_ids(first)
    assert skip_id.startswith("ib:skip:") and not answer_id.startswith("ib:"), "Answer, then Skip only"
    full, _ = answers_for(embed_of(first))
    clock.advance(seconds=72)
    await server.send_dm(alice, full)  # a plain DM answers the question
    took, second = await dm_posts(server, dm, 2)
    assert embed_of(took)["title"] == "Question 1 of 3 answered in 1 min 12 s."
    assert embed_of(second)["title"].startswith("Question 2 of 3 · security")
    assert "Model answer" not in str(took) + str(second)

    question_message = server.messages[max(server.messages, key=int)]
    clock.advance(seconds=30)
    opened = await server.click(alice, question_message, custom_ids(question_message)[0])
    modal = (await server.response(opened))["data"]
    submitted = await server.submit_modal(alice, question_message, modal, {"answer": "I cannot recall."})
    took = await server.response(submitted)  # the Answer modal answers it too
    assert embed_of(took)["title"] == "Question 2 of 3 answered in 30 s."
    await server.wait_until(lambda: server.followups(submitted))
    third = server.followups(submitted)[0]
    assert embed_of(third)["title"].startswith("Question 3 of 3 · security")

    question_message = server.messages[max(server.messages, key=int)]
    clock.advance(seconds=4)
    pressed = await server.click(alice, question_message, custom_ids(question_message)[1])
    skipped = await server.response(pressed)
    assert embed_of(skipped)["title"] == "Question 3 of 3 skipped after 4 s."
    await server.wait_until(lambda: server.followups(pressed))
    card = server.followups(pressed)[0]
    assert embed_of(card)["title"] == "📋 Mock interview scorecard – 33%"
    assert embed_of(card)["description"].startswith("2 of 3 answered, 1 skipped, 1 min 46 s in all.")
    fields = {f["name"]: f["value"] for f in embed_of(card)["fields"]}
    assert any(name.endswith("✅ correct, 100%, 1 min 12 s") for name in fields)
    assert any(name.endswith("❌ not quite, 0%, 30 s") for name in fields)
    assert any(name.endswith("⏭ skipped, 0%, 4 s") for name in fields)
    assert "Review next" in fields and "/quiz " in fields["Review next"]


async def test_interview_is_offered_in_dms_only_autocompletes_and_is_refused_in_a_server(server, bot):
    synced = next(c for c in server.commands[server.guild_id] if c["name"] == "interview")
    assert synced["contexts"] == [1]
    assert [o["name"] for o in synced["options"]] == ["topic", "questions"]
    alice = server.user("Alice")
    asked = await server.slash(alice, "interview", dm=True, topic="st", focused="topic")
    choices = (await server.response(asked))["data"]["choices"]
    assert {"name": "stop – end the running interview with its scorecard", "value": "stop"} in choices
    refused = await server.response(await server.slash(alice, "interview"))
    assert embed_of(refused)["title"] == "Mock interviews are one to one."
    assert refused["data"]["flags"] & EPHEMERAL


async def test_stop_from_the_slash_command_gives_the_partial_scorecard(server, bot):
    alice = server.user("Alice")
    started = await server.slash(alice, "interview", dm=True, questions=3)
    await server.response(started)
    stopped = await server.response(await server.slash(alice, "interview", dm=True, topic="stop"))
    assert embed_of(stopped)["title"] == "📋 Mock interview scorecard"
    assert embed_of(stopped)["description"].startswith("Stopped early. 0 of 3 answered")
