"""Follow-ups on Discord, end to end against the fake Discord: a follow-up rides in the message of the
grade it follows up (one message per answer: the grade's embed, then the follow-up's, and both replies'
buttons).  In a channel that message is ephemeral, with the follow-up's Answer button and modal, answered
only by its member; in a DM the next message answers it."""

from __future__ import annotations

from typing import Any

from tests.support.discord import answer_privately, embed_of, post_quiz
from tests.support.fake_discord_server import EPHEMERAL, Call, FakeDiscord
from tests.support.fakes import MemoryStore
from tests.support.world import key_words


def bot_message_titled(server: FakeDiscord, title: str) -> dict:
    """The newest message the bot posted (ephemeral ones included) with an embed of this title."""
    found = [m for m in server.messages.values() if any(e.get("title") == title for e in m["embeds"])]
    return max(found, key=lambda m: int(m["id"]))


def titles(message: dict) -> list[str]:
    """The titles of a message's embeds, in order."""
    return [embed["title"] for embed in (message.get("data") or message)["embeds"]]


def rows(message: dict) -> list[list[str]]:
    """The custom ids of a message's buttons, row by row."""
    return [[button["custom_id"] for button in row["components"]] for row in message["components"]]


async def dm_posts(server: FakeDiscord, dm: dict, count: int) -> list[Call]:
    """The bot's first ``count`` messages posted to a DM channel, once there are that many."""
    path = f"/channels/{dm['id']}/messages"
    return await server.wait_until(lambda: len(found := server.calls_to("POST", path)) >= count and found)


async def quiz_in_a_dm(server: FakeDiscord, store: MemoryStore) -> tuple[dict, dict, Call, Any, str, str]:
    """Alice asks for a databases question in her DM: (alice, the DM, the slash call, the open question,
    a key word of its first point, and one of a point the answer will miss)."""
    alice = server.user("Alice")
    dm = server.dm_channel(alice)
    asked = await server.slash(alice, "quiz", dm=True, topic="databases")
    await server.response(asked)
    opened = next(iter(store.open_questions.values()))
    first, missing = key_words(opened.question_id)
    return alice, dm, asked, opened, first, missing


async def test_in_a_channel_the_follow_up_rides_in_the_ephemeral_grade_with_an_answer_button_for_its_member(
    server, bot, store: MemoryStore
):
    alice, bob = server.user("Alice"), server.user("Bob")
    question = await post_quiz(server, alice, topic="databases")
    opened = next(iter(store.open_questions.values()))
    first, missing = key_words(opened.question_id)
    _, sent = await answer_privately(server, bob, question, f"Mostly {first}.")
    await server.wait_until(lambda: any(f.message_id for f in store.follow_ups.values()))
    follow = bot_message_titled(server, "🔁 Follow-up")
    assert follow["embeds"] == sent["embeds"]
    assert titles(follow) == ["🟡 Partly right – 50%", "🔁 Follow-up"], (
        "one message: the grade, then its follow-up"
    )
    assert follow["flags"] & EPHEMERAL, "only Bob sees his grade and follow-up"
    (follow_id,) = [f.id for f in store.follow_ups.values()]
    assert store.follow_ups[follow_id].message_id == follow["id"]
    assert rows(follow) == [[f"ib:disagree:{opened.id}"], [f"ib-follow:{follow_id}", f"ib:leave:{follow_id}"]]
    assert follow["components"][1]["components"][0]["label"] == "✍ Answer"
    assert "Press Answer to reply" in follow["embeds"][1]["description"]
    assert len([m for m in server.messages.values() if m["flags"] & EPHEMERAL]) == 1

    # Alice presses the button on Bob's follow-up: the modal opens, but her answer is refused.
    pressed = await server.click(alice, follow, f"ib-follow:{follow_id}")
    modal = (await server.response(pressed))["data"]
    assert modal["custom_id"] == f"ib-follow-modal:{follow_id}:{follow['id']}"
    refused = await server.submit_modal(alice, follow, modal, {"answer": missing})
    refusal = await server.response(refused)
    assert embed_of(refusal["data"])["title"] == "That follow-up is for Bob."
    assert refusal["data"]["flags"] & EPHEMERAL

    pressed = await server.click(bob, follow, f"ib-follow:{follow_id}")
    modal = (await server.response(pressed))["data"]
    assert modal["components"][0]["components"][0]["custom_id"] == "answer"
    submitted = await server.submit_modal(bob, follow, modal, {"answer": f"It is {missing}."})
    result = (await server.response(submitted))["data"]
    assert result["flags"] & EPHEMERAL
    assert titles(result) == ["🔁 Follow-up: recovered 1 of 1"]
    fields = {f["name"]: f["value"] for f in embed_of(result)["fields"]}
    assert f"mentions {missing}" in next(v for k, v in fields.items() if "hit" in k)
    bob_id = next(u.id for u in store.users.values() if u.display_name == "Bob")
    [attempt] = [a for a in store.attempts if a.user_id == bob_id]
    assert attempt.recovered == (missing,) and attempt.score == 0.5 and attempt.follow_up_asked
    assert [a.user_id for a in store.attempts] == [bob_id], "Alice's answer to the follow-up was not recorded"


async def test_in_a_dm_a_partial_answer_is_one_message_and_the_next_message_answers_its_follow_up(
    server, bot, store: MemoryStore
):
    alice, dm, _, opened, first, missing = await quiz_in_a_dm(server, store)
    answer = await server.send_dm(alice, f"Mostly {first}.")
    [posted] = await dm_posts(server, dm, 1)
    assert len(server.calls_to("POST", f"/channels/{dm['id']}/messages")) == 1, "one message per answer"
    message = posted.body
    assert titles(message) == ["🟡 Partly right – 50%", "🔁 Follow-up"]
    assert "/skip" in message["embeds"][1]["description"]
    assert str(message["message_reference"]["message_id"]) == answer["id"]
    (follow_id,) = list(store.follow_ups)
    assert rows(message) == [
        ["ib:next:databases", f"ib:disagree:{opened.id}"],
        [f"ib:leave:{follow_id}"],
    ], "the grade's buttons, then the follow-up's (no Answer button in a DM)"
    sent = bot_message_titled(server, "🔁 Follow-up")
    assert sent["channel_id"] == dm["id"] and titles(sent) == titles(message)
    assert store.follow_ups[follow_id].message_id is None, "a DM's one open follow-up needs no message id"

    await server.send_dm(alice, f"It is {missing}.")
    posts = await dm_posts(server, dm, 2)
    assert titles(posts[1].body) == ["🔁 Follow-up: recovered 1 of 1"]
    assert store.attempts[0].recovered == (missing,)


async def test_in_a_dm_the_answer_modal_sends_grade_and_follow_up_as_one_response(
    server, bot, store: MemoryStore
):
    alice, dm, asked, opened, first, missing = await quiz_in_a_dm(server, store)
    question = server.original(asked)
    modal = (await server.response(await server.click(alice, question, f"ib-answer:{opened.id}")))["data"]
    submitted = await server.submit_modal(alice, question, modal, {"answer": f"Mostly {first}."})
    response = await server.response(submitted)
    assert titles(response) == ["🟡 Partly right – 50%", "🔁 Follow-up"]
    assert not response["data"].get("flags", 0) & EPHEMERAL, "a DM is private already"
    assert server.followups(submitted) == []
    (follow_id,) = list(store.follow_ups)
    assert store.follow_ups[follow_id].message_id is None, "a DM's one open follow-up needs no message id"

    await server.send_dm(alice, f"It is {missing}.")
    [posted] = await dm_posts(server, dm, 1)
    assert titles(posted.body) == ["🔁 Follow-up: recovered 1 of 1"]
    assert store.attempts[0].recovered == (missing,)


async def test_in_a_channel_leave_it_closes_the_follow_up_privately(server, bot, store: MemoryStore):
    alice, bob = server.user("Alice"), server.user("Bob")
    question = await post_quiz(server, alice, topic="databases")
    await answer_privately(server, bob, question, "no idea")
    await server.wait_until(lambda: any(f.message_id for f in store.follow_ups.values()))
    follow = bot_message_titled(server, "🔁 Follow-up")
    assert titles(follow)[1:] == ["🔁 Follow-up"]
    (follow_id,) = list(store.follow_ups)
    pressed = await server.click(bob, follow, f"ib:leave:{follow_id}")
    left = (await server.response(pressed))["data"]
    assert left["flags"] & EPHEMERAL
    assert embed_of(left)["title"] == "Follow-up skipped."
    assert store.follow_ups[follow_id].closed_at is not None
    assert store.attempts[0].recovered == () and store.attempts[0].follow_up_asked
