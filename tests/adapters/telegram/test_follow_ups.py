"""Follow-ups on Telegram, end to end against the fake Bot API: a follow-up rides in its grade's message;
the next DM message answers it; in a group that message replies to the member's answer, and only that
member's reply to it answers the follow-up."""

from __future__ import annotations

from tests.support.fake_telegram_server import FakeTelegramServer, running_bot
from tests.support.fakes import MemoryStore
from tests.support.world import key_words

ALICE = FakeTelegramServer.user(111, "Alice")
DM = FakeTelegramServer.private_chat(ALICE)
GROUP_ID = -100777
GROUP = FakeTelegramServer.group_chat(GROUP_ID, "Study group")
BOB = FakeTelegramServer.user(222, "Bob")
CAROL = FakeTelegramServer.user(333, "Carol")


async def said(server: FakeTelegramServer, chat: dict, user: dict, text: str, *, count: int, **reply) -> list:
    """A user sends a message; wait for ``count`` more messages from the bot in that chat; return them."""
    before = len(server.requests("sendMessage", chat_id=chat["id"]))
    server.push_text(chat, user, text, **reply)
    return (await server.wait_sent(chat["id"], before + count))[before:]


async def test_in_a_dm_the_next_message_answers_the_follow_up(server, engine, store: MemoryStore):
    async with running_bot(server, engine):
        await said(server, DM, ALICE, "/quiz databases", count=1)
        opened = next(iter(store.open_questions.values()))
        first, missing = key_words(opened.question_id)
        [graded] = await said(server, DM, ALICE, f"Mostly {first}.", count=1)
        [result] = await said(server, DM, ALICE, f"It is about {missing}.", count=1)
    # One message: the grade, then the follow-up, which is posted as that message.
    assert "🟡 Partly right – 50%" in graded["text"]
    assert "<b>🔁 Follow-up</b>" in graded["text"] and "/skip" in graded["text"]
    assert graded["text"].index("Partly right") < graded["text"].index("Follow-up")
    [follow_up] = store.follow_ups.values()
    assert follow_up.message_id is None, "in a DM the one open follow-up takes the next message: no id kept"
    assert "🔁 Follow-up: recovered 1 of 1" in result["text"]
    assert f"✅ mentions {missing}" in result["text"]
    assert "Your score stays 50%" in result["text"]
    [attempt] = store.attempts
    assert attempt.recovered == (missing,) and attempt.score == 0.5 and attempt.follow_up_asked


async def test_in_a_dm_skip_leaves_the_follow_up(server, engine, store: MemoryStore):
    async with running_bot(server, engine):
        await said(server, DM, ALICE, "/quiz databases", count=1)
        await said(server, DM, ALICE, "no idea", count=1)
        skipped, question = await said(server, DM, ALICE, "/skip", count=2)
    assert "Follow-up skipped." in skipped["text"] and "Your grade stays 0%." in skipped["text"]
    assert "Explain" in question["text"]
    assert [a.verdict for a in store.attempts] == ["wrong"] and store.attempts[0].recovered == ()


async def test_in_a_group_the_follow_up_replies_to_the_answer_and_only_its_member_answers_it(
    server, engine, store: MemoryStore
):
    async with running_bot(server, engine):
        [question] = await said(server, GROUP, BOB, "/quiz databases", count=1)
        question_id = question["result"]["message_id"]
        opened = next(iter(store.open_questions.values()))
        first, missing = key_words(opened.question_id)
        before = len(server.requests("sendMessage", chat_id=GROUP_ID))
        answer = server.push_text(GROUP, BOB, f"Mostly {first}.", reply_to=question_id)
        [graded] = (await server.wait_sent(GROUP_ID, before + 1))[before:]
        follow_id = graded["result"]["message_id"]
        await server.wait_for(lambda: all(f.message_id for f in store.follow_ups.values()))
        [refused] = await said(server, GROUP, CAROL, f"It is {missing}.", count=1, reply_to=follow_id)
        [result] = await said(server, GROUP, BOB, f"Oh, {missing}!", count=1, reply_to=follow_id)
        [closed] = await said(server, GROUP, BOB, f"And {missing} again", count=1, reply_to=follow_id)
    assert graded["reply_parameters"]["message_id"] == answer, "grade and follow-up reply to the answer"
    assert "Partly right" in graded["text"]
    assert '<a href="tg://user?id=222">Bob</a> · <b>🔁 Follow-up</b>' in graded["text"]
    assert "reply to this message to answer" in graded["text"]
    assert len(server.requests("sendMessage", chat_id=GROUP_ID)) == before + 1 + 3, "one message per answer"
    assert "That follow-up is for Bob." in refused["text"]
    assert "🔁 Follow-up: recovered 1 of 1" in result["text"]
    assert result["reply_parameters"]["message_id"] != follow_id
    assert "That follow-up is closed." in closed["text"]
    bob = next(u for u in store.users.values() if u.platform_user_id == "222")
    [attempt] = [a for a in store.attempts if a.user_id == bob.id]
    assert attempt.recovered == (missing,) and attempt.score == 0.5
    assert all(a.user_id == bob.id for a in store.attempts), (
        "Carol's reply to the follow-up was not an answer"
    )
