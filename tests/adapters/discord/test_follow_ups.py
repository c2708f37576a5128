"""Follow-ups on Discord, end to end against the fake Discord: in a channel an ephemeral follow-up with
its own Answer button and modal, answered only by its member; in a DM the next message answers it."""

from __future__ import annotations

from tests.support.discord import answer_privately, custom_ids, embed_of, post_quiz
from tests.support.fake_discord_server import EPHEMERAL, FakeDiscord
from tests.support.fakes import MemoryStore
from tests.support.world import key_words


def bot_message_titled(server: FakeDiscord, title: str) -> dict:
    """The newest message the bot posted (ephemeral ones included) whose embed has this title."""
    found = [m for m in server.messages.values() if m["embeds"] and m["embeds"][0].get("title") == title]
    return max(found, key=lambda m: int(m["id"]))


async def test_in_a_channel_the_follow_up_is_ephemeral_with_an_answer_button_for_its_member(
    server, bot, store: MemoryStore
):
    alice, bob = server.user("Alice"), server.user("Bob")
    question = await post_quiz(server, alice, topic="databases")
    opened = next(iter(store.open_questions.values()))
    first, missing = key_words(opened.question_id)
    _, grade = await answer_privately(server, bob, question, f"Mostly {first}.")
    assert embed_of(grade)["title"] == "🟡 Partly right – 50%"
    await server.wait_until(lambda: any(f.message_id for f in store.follow_ups.values()))
    follow = bot_message_titled(server, "🔁 Follow-up")
    assert follow["flags"] & EPHEMERAL, "only Bob sees his follow-up"
    (follow_id,) = [f.id for f in store.follow_ups.values()]
    assert custom_ids(follow) == [f"ib-follow:{follow_id}", f"ib:leave:{follow_id}"]
    assert follow["components"][0]["components"][0]["label"] == "✍ Answer"
    assert "Press Answer to reply" in embed_of(follow)["description"]

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
    assert embed_of(result)["title"] == "🔁 Follow-up: recovered 1 of 1"
    fields = {f["name"]: f["value"] for f in embed_of(result)["fields"]}
    assert f"mentions {missing}" in next(v for k, v in fields.items() if "hit" in k)
    bob_id = next(u.id for u in store.users.values() if u.display_name == "Bob")
    [attempt] = [a for a in store.attempts if a.user_id == bob_id]
    assert attempt.recovered == (missing,) and attempt.score == 0.5 and attempt.follow_up_asked
    assert [a.user_id for a in store.attempts] == [bob_id], "Alice's answer to the follow-up was not recorded"


async def test_in_a_dm_the_next_message_answers_the_follow_up_without_a_button(
    server, bot, store: MemoryStore
):
    alice = server.user("Alice")
    dm = server.dm_channel(alice)
    asked = await server.slash(alice, "quiz", dm=True, topic="databases")
    await server.response(asked)
    opened = next(iter(store.open_questions.values()))
    first, missing = key_words(opened.question_id)
    await server.send_dm(alice, f"Mostly {first}.")
    posts = await server.wait_until(
        lambda: (
            (found := server.calls_to("POST", f"/channels/{dm['id']}/messages")) and len(found) >= 2 and found
        )
    )
    grade, follow = posts[0].body, posts[1].body
    assert embed_of(grade)["title"] == "🟡 Partly right – 50%"
    assert embed_of(follow)["title"] == "🔁 Follow-up"
    assert "/skip" in embed_of(follow)["description"]
    assert custom_ids(follow) == [f"ib:leave:{next(iter(store.follow_ups))}"], "no Answer button in a DM"
    await server.wait_until(lambda: any(f.message_id for f in store.follow_ups.values()))
    await server.send_dm(alice, f"It is {missing}.")
    third = await server.wait_until(
        lambda: (
            (found := server.calls_to("POST", f"/channels/{dm['id']}/messages")) and len(found) >= 3 and found
        )
    )
    assert embed_of(third[2].body)["title"] == "🔁 Follow-up: recovered 1 of 1"
    assert store.attempts[0].recovered == (missing,)


async def test_in_a_channel_leave_it_closes_the_follow_up_privately(server, bot, store: MemoryStore):
    alice, bob = server.user("Alice"), server.user("Bob")
    question = await post_quiz(server, alice, topic="databases")
    await answer_privately(server, bob, question, "no idea")
    await server.wait_until(lambda: any(f.message_id for f in store.follow_ups.values()))
    follow = bot_message_titled(server, "🔁 Follow-up")
    (follow_id,) = list(store.follow_ups)
    pressed = await server.click(bob, follow, f"ib:leave:{follow_id}")
    left = (await server.response(pressed))["data"]
    assert left["flags"] & EPHEMERAL
    assert embed_of(left)["title"] == "Follow-up skipped."
    assert store.follow_ups[follow_id].closed_at is not None
    assert store.attempts[0].recovered == () and store.attempts[0].follow_up_asked
