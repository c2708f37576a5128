"""The Discord bot in a server channel, end to end: the real discord.py client against a fake Discord."""

from __future__ import annotations

import asyncio
import re

from tests.support.discord import answer_privately, answers_for, custom_ids, embed_of, post_quiz
from tests.support.fake_discord_server import EPHEMERAL, MANAGE_GUILD, FakeDiscord

NO_PINGS = {"parse": []}


async def test_commands_are_synced_to_the_dev_server_and_intents_are_minimal(server, bot):
    names = {command["name"] for command in server.commands[server.guild_id]}
    assert names == {"quiz", "leaderboard", "stats", "topics", "help", "forget", "daily", "export"} | {
        "interview", "disagree", "accept"
    }  # fmt: skip
    assert server.identifies[-1]["intents"] == (1 << 0) | (1 << 12)  # GUILDS and DIRECT_MESSAGES
    assert "fake-bot-token" in server.identifies[-1]["token"]


async def test_quiz_topic_autocompletes_from_the_content_store(server, bot):
    alice = server.user("Alice")
    sent = await server.slash(alice, "quiz", topic="sec", focused="topic")
    response = await server.response(sent)
    assert response == {"type": 8, "data": {"choices": [{"name": "Security (3)", "value": "security"}]}}


async def test_channel_quiz_answered_privately_by_two_members(server, bot):
    alice, bob = server.user("Alice"), server.user("Bob")
    question = await post_quiz(server, alice, topic="security")
    shown = embed_of(question)
    assert shown["title"] == "security · easy"
    assert "Press **Answer**" in shown["description"]
    assert [b["label"] for row in question["components"] for b in row["components"]] == [
        "✍ Answer",
        "💡 Hint",
        "⏭ Skip",
        "📖 Show answer",
    ]
    full, partial = answers_for(shown)

    modal, alice_grade = await answer_privately(server, alice, question, full)
    assert modal["custom_id"] == f"ib-modal:{custom_ids(question)[0].split(':')[1]}:{question['id']}"
    text_input = modal["components"][0]["components"][0]
    assert (text_input["type"], text_input["style"], text_input["custom_id"]) == (4, 2, "answer")
    assert alice_grade["flags"] & EPHEMERAL
    assert embed_of(alice_grade)["title"] == "✅ Correct – 100%"
    fields = {f["name"]: f["value"] for f in embed_of(alice_grade)["fields"]}
    assert set(fields) == {"✅ Key points you hit", "Model answer"}
    await server.wait_until(lambda: server.messages[question["id"]]["content"])
    assert server.messages[question["id"]]["content"] == "📝 1 member answered · ✅ right: Alice"

    _, bob_grade = await answer_privately(server, bob, question, partial)
    assert bob_grade["flags"] & EPHEMERAL
    assert embed_of(bob_grade)["title"] == "🟡 Partly right – 50%"
    fields = {f["name"]: f["value"] for f in embed_of(bob_grade)["fields"]}
    assert set(fields) == {"✅ Key points you hit", "❌ Key points you missed", "Model answer"}
    await server.wait_until(lambda: "2 members" in server.messages[question["id"]]["content"])
    assert server.messages[question["id"]]["content"] == "📝 2 members answered · ✅ right: Alice"
    assert server.messages[question["id"]]["embeds"] == question["embeds"]  # the question itself is unchanged

    _, again = await answer_privately(server, bob, question, full)
    assert embed_of(again)["title"] == "You already answered this question."
    assert again["flags"] & EPHEMERAL
    print_transcript(server)


def print_transcript(server: FakeDiscord) -> None:
    """Show what the fake Discord recorded after start-up (visible with ``pytest -s``)."""
    for call in server.calls:
        if call.method not in {"POST", "PATCH"} or "/commands" in call.path:
            continue
        body = call.body.get("data") or {} if "type" in call.body else call.body
        where = re.sub(r"\d{15,}", "…", call.path)
        parts = [f"type {call.body['type']}"] if "type" in call.body else []
        parts += [f"flags {body['flags']}"] if body.get("flags") else []
        parts += [
            f"embed {e['title']!r} fields {[f['name'] for f in e.get('fields', [])]}"
            for e in body.get("embeds", [])
        ]
        parts += [f"buttons {custom_ids(body)}"] if body.get("components") and "title" not in body else []
        parts += [f"modal {body['custom_id']}"] if "title" in body else []
        parts += [f"content {body['content']!r}"] if body.get("content") else []
        print(f"{call.method} {where}: " + "; ".join(parts))


async def test_hint_skip_and_show_answer_buttons(server, bot):
    alice, bob = server.user("Alice"), server.user("Bob")
    question = await post_quiz(server, alice, topic="databases")
    _, hint_id, skip_id, reveal_id = custom_ids(question)

    hint = await server.response(await server.click(bob, question, hint_id))
    assert embed_of(hint)["title"] == "💡 Hint 1/2"
    assert embed_of(hint)["description"] == "Think about lookup."

    refused = await server.response(await server.click(bob, question, skip_id))
    assert embed_of(refused)["title"] == "Only the member who asked, or an admin, can close this question."
    assert refused["data"]["flags"] & EPHEMERAL

    revealed = await server.response(await server.click(alice, question, reveal_id))
    assert embed_of(revealed)["title"] == "📖 The model answer"
    assert embed_of(revealed)["description"] == "The model answer of db-indexing."
    assert custom_ids(revealed["data"]) == ["ib:next:databases"]
    assert await buttons_retired(server, question), "a revealed question keeps no buttons"

    second = await post_quiz(server, alice, topic="databases")
    skipped = await server.response(
        await server.click(server.user("Admin"), second, custom_ids(second)[2], permissions=MANAGE_GUILD)
    )
    assert embed_of(skipped)["title"] == "Question skipped."
    assert await buttons_retired(server, second), "a skipped question keeps no buttons"


async def buttons_retired(server: FakeDiscord, question: dict) -> bool:
    """Wait briefly for the bot to take the buttons off a question message; whether it did."""
    edit = f"/channels/{question['channel_id']}/messages/{question['id']}"
    for _ in range(100):
        if server.calls_to("PATCH", edit):
            break
        await asyncio.sleep(0.05)
    return server.messages[question["id"]]["components"] == []


async def test_leaderboard_ranks_the_server_and_escapes_its_name(server, bot):
    alice, bob = server.user("Alice"), server.user("Bob")
    question = await post_quiz(server, alice, topic="security")
    full, partial = answers_for(embed_of(question))
    await answer_privately(server, alice, question, full)
    await answer_privately(server, bob, question, partial)

    board = await server.response(await server.slash(bob, "leaderboard", period="week"))
    shown = embed_of(board)
    assert board["data"].get("flags", 0) & EPHEMERAL == 0
    assert shown["title"] == r"🏆 Leaderboard – Backend \*Study\* Group"
    assert [f["name"] for f in shown["fields"]] == ["This week"]
    lines = shown["fields"][0]["value"].split("\n")
    assert lines[0].startswith("1. Alice – 10 pts, 1/1 correct")
    assert lines[1].startswith("2. Bob (you) – 5 pts, 0/1 correct")

    both = embed_of(await server.response(await server.slash(bob, "leaderboard")))
    assert [f["name"] for f in both["fields"]] == ["This week", "All time"]


async def test_stats_are_private_and_topics_public(server, bot):
    alice = server.user("Alice")
    stats = await server.response(await server.slash(alice, "stats"))
    assert stats["data"]["flags"] & EPHEMERAL
    assert embed_of(stats)["title"] == "No answers yet."
    topics = await server.response(await server.slash(alice, "topics"))
    assert topics["data"].get("flags", 0) & EPHEMERAL == 0
    assert embed_of(topics)["fields"][0]["value"] == (
        "security – Security (3 questions)\ndatabases – Databases (1 questions)"
    )


async def test_forget_deletes_only_after_the_confirmation_button(server, bot, store):
    alice = server.user("Alice")
    question = await post_quiz(server, alice)
    await answer_privately(server, alice, question, "something")
    assert len(store.attempts) == 1

    asked = await server.slash(alice, "forget")
    prompt = await server.response(asked)
    assert prompt["data"]["flags"] & EPHEMERAL
    message = server.original(asked)
    yes, no = custom_ids(message)
    assert yes.startswith("ib:forget:yes:") and no.startswith("ib:forget:no:")

    kept = await server.response(await server.click(alice, message, no))
    assert embed_of(kept)["title"] == "Nothing was deleted."
    assert len(store.attempts) == 1

    mallory = server.user("Mallory")
    refused = await server.response(await server.click(mallory, message, yes))
    assert embed_of(refused)["title"] == "This button is for someone else."
    assert len(store.attempts) == 1

    done = await server.response(await server.click(alice, message, yes))
    assert embed_of(done)["title"] == "All your data is deleted."
    assert store.attempts == []


async def test_the_channel_summary_never_goes_back_to_an_older_count(server, bot, engine, monkeypatch):
    alice, bob = server.user("Alice"), server.user("Bob")
    question = await post_quiz(server, alice, topic="security")
    full, partial = answers_for(embed_of(question))
    summary, gate, counted_first, calls = engine.question_summary, asyncio.Event(), asyncio.Event(), []

    async def held_back_first_summary(open_question_id):
        counted = await summary(open_question_id)
        calls.append(counted)
        if len(calls) == 1:
            counted_first.set()
            await gate.wait()  # Alice's count is taken, her edit not yet sent
        return counted

    monkeypatch.setattr(engine, "question_summary", held_back_first_summary)
    opened = await server.click(alice, question, custom_ids(question)[0])
    modal = (await server.response(opened))["data"]
    alice_submit = await server.submit_modal(alice, question, modal, {"answer": full})
    await asyncio.wait_for(counted_first.wait(), 5)
    _, bob_grade = await answer_privately(server, bob, question, partial)
    gate.set()
    edits = r"/webhooks/\d+/[^/]+/messages/@original"
    await server.wait_until(lambda: len(server.calls_to("PATCH", edits)) == 2)
    assert server.followups(alice_submit) and bob_grade
    assert server.messages[question["id"]]["content"] == "📝 2 members answered · ✅ right: Alice"
