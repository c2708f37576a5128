"""Telegram in a group, end to end: questions answered by replying, per-member grades, leaderboards."""

from __future__ import annotations

from tests.support.fake_telegram_server import BOT_USER, FakeTelegramServer, running_bot
from tests.support.fakes import MemoryStore
from tests.support.world import key_words

GROUP_ID = -100123
GROUP = FakeTelegramServer.group_chat(GROUP_ID, "Backend <study> & co")
BOB = FakeTelegramServer.user(222, "Bob")
CAROL = FakeTelegramServer.user(333, "Carol", "Jones")


async def post(server: FakeTelegramServer, user: dict, text: str, reply_to: int | None = None) -> dict:
    """A member sends a message in the group; return the bot's first message after it."""
    before = len(server.requests("sendMessage", chat_id=GROUP_ID))
    server.push_text(GROUP, user, text, reply_to=reply_to)
    return (await server.wait_sent(GROUP_ID, before + 1))[before]


async def test_two_members_answer_by_replying_and_are_graded_each_on_their_own(server, engine, store):
    async with running_bot(server, engine):
        question = await post(server, BOB, "/quiz security")
        question_id = question["result"]["message_id"]
        opened = next(iter(store.open_questions.values()))
        assert "Reply to this message with your answer" in question["text"]
        good, bad = key_words(opened.question_id)

        bob_answer = server.push_text(GROUP, BOB, f"It is {good} and {bad}.", reply_to=question_id)
        bob_grade = (await server.wait_sent(GROUP_ID, 2))[1]
        carol_answer = server.push_text(GROUP, CAROL, f"Mostly {good}.", reply_to=question_id)
        carol_grade = (await server.wait_sent(GROUP_ID, 3))[2]  # partial: a follow-up in the same message
        again = await post(server, BOB, "Once more with feeling", reply_to=question_id)

    assert bob_grade["reply_parameters"]["message_id"] == bob_answer
    assert '<a href="tg://user?id=222">Bob</a> · <b>✅ Correct – 100%</b>' in bob_grade["text"]
    assert carol_grade["reply_parameters"]["message_id"] == carol_answer
    assert '<a href="tg://user?id=333">Carol Jones</a> · <b>🟡 Partly right – 50%</b>' in carol_grade["text"]
    assert "🔁 Follow-up" in carol_grade["text"] and "🔁 Follow-up" not in bob_grade["text"]
    [[disagree]] = bob_grade["reply_markup"]["inline_keyboard"]  # in a group: no Next, but Disagree
    assert (disagree["text"], disagree["callback_data"]) == ("👎 Disagree", f"disagree:{opened.id}")
    [[_, leave]] = carol_grade["reply_markup"]["inline_keyboard"]  # Disagree, and Leave for the follow-up
    assert leave["text"] == "⏭ Leave it"
    assert "You already answered this question." in again["text"]
    assert {a.user_id for a in store.attempts} == {
        u.id for u in store.users.values() if u.platform_user_id in {"222", "333"}
    }


async def test_quiz_with_the_bots_name_and_leaderboard_ranks_and_streaks(server, engine, store):
    async with running_bot(server, engine):
        question = await post(server, CAROL, "/quiz@interview_test_bot security")
        opened = next(iter(store.open_questions.values()))
        await post(
            server, CAROL, " ".join(key_words(opened.question_id)), reply_to=question["result"]["message_id"]
        )
        await post(server, BOB, "no idea", reply_to=question["result"]["message_id"])
        await server.wait_sent(GROUP_ID, 3)  # the question, two grades (Bob's with its follow-up)
        board = await post(server, BOB, "/leaderboard")
    text = board["text"]
    assert "<b>🏆 Leaderboard – Backend &lt;study&gt; &amp; co</b>" in text
    assert text.index("<b>This week</b>") < text.index("<b>All time</b>")
    assert "1. Carol Jones – 10 pts, 1/1 correct · 🔥1" in text
    assert "2. Bob (you) – 0 pts, 0/1 correct · 🔥1" in text


async def test_group_chatter_and_other_bots_commands_are_ignored_quietly(server, engine, store):
    async with running_bot(server, engine):
        question = await post(server, BOB, "/quiz")
        server.push_text(GROUP, CAROL, "lunch anyone?")
        carol_says = server.push_text(GROUP, CAROL, "I think it is about tokens")
        server.push_text(GROUP, BOB, "agreed", reply_to=carol_says)
        server.push_text(GROUP, BOB, "/quiz@some_other_bot security")
        server.push_update({"edited_message": {**server.messages[(GROUP_ID, carol_says)], "edit_date": 1}})
        server.push_update({"message": server.raw_message(GROUP, BOB, sticker=_sticker())})
        server.push_update({"message": server.raw_message(GROUP, BOB, photo=[_photo()], caption="/quiz")})
        channel = {"id": -1009, "type": "channel", "title": "News"}
        server.push_update({"channel_post": {"message_id": 5, "date": 1, "chat": channel, "text": "/quiz"}})
        command = [{"type": "bot_command", "offset": 0, "length": 5}]
        spammer = {**BOT_USER, "id": 4242, "username": "spam_bot"}
        from_bot = server.raw_message(GROUP, spammer, text="/quiz", entities=command)
        server.push_update({"message": from_bot})
        last = await post(server, CAROL, "/topics")
    sent = server.requests("sendMessage", chat_id=GROUP_ID)
    assert [s["text"] for s in sent] == [question["text"], last["text"]]
    assert len(store.open_questions) == 1
    assert not [c for c in server.calls if c.error]


async def test_closing_a_question_needs_the_asker_or_an_admin(server, engine, store):
    async with running_bot(server, engine):
        question = await post(server, BOB, "/quiz security")
        message_id = question["result"]["message_id"]
        skip = next(
            b["callback_data"] for b in question["reply_markup"]["inline_keyboard"][0] if "Skip" in b["text"]
        )
        server.push_callback(GROUP, CAROL, message_id, skip)
        refused = (await server.wait_for(lambda: server.requests("answerCallbackQuery")))[0]
        assert refused["show_alert"] == "true"
        assert "Only the member who asked, or an admin" in refused["text"]
        assert next(iter(store.open_questions.values())).closed_at is None

        server.admins.add((GROUP_ID, 333))
        server.push_callback(GROUP, CAROL, message_id, skip)
        skipped = (await server.wait_sent(GROUP_ID, 2))[1]
    assert "Question skipped." in skipped["text"]
    assert next(iter(store.open_questions.values())).closed_at is not None
    checked = server.requests("getChatMember")
    assert [c["user_id"] for c in checked] == ["222", "333", "333"]  # /quiz, then each press


async def test_group_daily_is_for_admins_and_hint_by_reply(server, engine, store: MemoryStore):
    async with running_bot(server, engine):
        refused = await post(server, BOB, "/daily 09:00 Europe/Paris")
        server.admins.add((GROUP_ID, 222))
        accepted = await post(server, BOB, "/daily 09:00 Europe/Paris")
        question = await post(server, CAROL, "/quiz security")
        hint = await post(server, BOB, "/hint", reply_to=question["result"]["message_id"])
    assert "Only admins can change this group" in refused["text"]
    assert (
        refused["reply_parameters"]["message_id"]
        == server.requests("sendMessage")[0]["reply_parameters"]["message_id"]
    )
    assert "📅 Subscribed!" in accepted["text"]
    (subscription,) = store.subscriptions.values()
    assert (subscription.chat_id, subscription.user_id, subscription.timezone) == (
        str(GROUP_ID),
        None,
        "Europe/Paris",
    )
    assert "💡 Hint 1/2" in hint["text"]


async def test_private_replies_in_a_group_quote_the_member(server, engine):
    async with running_bot(server, engine):
        stats_command = server.push_text(GROUP, CAROL, "/stats")
        stats = (await server.wait_sent(GROUP_ID, 1))[0]
        forget_command = server.push_text(GROUP, CAROL, "/forget")
        prompt = (await server.wait_sent(GROUP_ID, 2))[1]
        yes = next(
            b["callback_data"] for b in prompt["reply_markup"]["inline_keyboard"][0] if "Yes" in b["text"]
        )
        server.push_callback(GROUP, BOB, prompt["result"]["message_id"], yes)
        not_yours = (await server.wait_for(lambda: server.requests("answerCallbackQuery")))[0]
    assert stats["reply_parameters"]["message_id"] == stats_command
    assert prompt["reply_parameters"]["message_id"] == forget_command
    assert "This button is for someone else." in not_yours["text"]
    assert not server.requests("editMessageText")


def _sticker() -> dict:
    return {
        "file_id": "s1",
        "file_unique_id": "u1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }


def _photo() -> dict:
    return {"file_id": "p1", "file_unique_id": "pu1", "width": 90, "height": 90}


async def test_start_help_topics_and_skip_by_the_asker_in_a_group(server, engine, store):
    async with running_bot(server, engine):
        start = await post(server, CAROL, "/start@interview_test_bot")
        topics = await post(server, CAROL, "/topics")
        question = await post(server, BOB, "/quiz databases")
        skipped = await post(server, BOB, "/skip", reply_to=question["result"]["message_id"])
        late = await post(server, CAROL, "lookup and writes", reply_to=question["result"]["message_id"])
    assert "Hi Carol Jones!" in start["text"]
    assert "databases – Databases (1 questions)" in topics["text"]
    assert "Question skipped." in skipped["text"]
    assert "That question is closed." in late["text"]
    assert not store.attempts
