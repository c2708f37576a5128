"""Telegram in a direct message, end to end: the real bot against the fake Bot API server."""

from __future__ import annotations

from tests.support.fake_telegram_server import FakeTelegramServer, running_bot
from tests.support.fakes import MemoryStore
from tests.support.world import QUESTIONS, full_answer

ALICE = FakeTelegramServer.user(111, "Alice", "Liddell")
DM = FakeTelegramServer.private_chat(ALICE)


def buttons(params: dict) -> list[tuple[str, str]]:
    """(label, callback data) of a sent message's inline keyboard."""
    rows = (params.get("reply_markup") or {}).get("inline_keyboard", [])
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


async def ask(server: FakeTelegramServer, text: str) -> dict:
    """Alice sends a message; return the first message the bot sends back."""
    before = len(server.requests("sendMessage", chat_id=111))
    server.push_text(DM, ALICE, text)
    return (await server.wait_sent(111, before + 1))[before]


async def test_start_explains_how_it_works_and_registers_command_menus(server, engine):
    async with running_bot(server, engine):
        welcome = await ask(server, "/start")
    assert welcome["parse_mode"] == "HTML"
    assert "Hi Alice Liddell!" in welcome["text"]
    assert "/quiz" in welcome["text"] and "security" in welcome["text"]
    menus = {
        c["scope"]["type"]: [x["command"] for x in c["commands"]] for c in server.requests("setMyCommands")
    }
    assert "forget" in menus["all_private_chats"] and "leaderboard" not in menus["all_private_chats"]
    assert "leaderboard" in menus["all_group_chats"] and "forget" not in menus["all_group_chats"]
    assert server.requests("getUpdates")[0]["allowed_updates"] == ["message", "callback_query"]


async def test_quiz_then_answer_is_graded_with_key_points_and_model_answer(
    server, engine, store: MemoryStore
):
    async with running_bot(server, engine):
        question = await ask(server, "/quiz security")
        # The handler records the posted message id just after Telegram answers the send.
        opened = await server.wait_for(
            lambda: next((q for q in store.open_questions.values() if q.message_id is not None), None)
        )
        assert [label for label, _ in buttons(question)] == ["💡 Hint", "⏭ Skip", "📖 Show answer"]
        assert buttons(question)[0][1] == f"hint:{opened.id}"
        assert "<i>security · easy</i>" in question["text"]
        first_point = next(q for q in QUESTIONS if q.id == opened.question_id).key_points[0]
        graded = await ask(server, f"It is about {first_point.concepts[0][0]}.")
    assert "🟡 Partly right – 50%" in graded["text"]
    assert "<b>Key points you hit</b>" in graded["text"] and "<b>Key points you missed</b>" in graded["text"]
    assert f"The model answer of {opened.question_id}." in graded["text"]
    # The partial answer's follow-up rides in the grade's message, its button beside the grade's.
    assert graded["text"].index("Partly right") < graded["text"].index("<b>🔁 Follow-up</b>")
    [follow_up] = store.follow_ups.values()
    assert buttons(graded) == [
        ("➡ Next question", "next:security"),
        ("👎 Disagree", f"disagree:{opened.id}"),
        ("⏭ Leave it", f"leave:{follow_up.id}"),
    ]
    assert len(server.requests("sendMessage", chat_id=111)) == 2, "the question, then one for the answer"


async def test_buttons_hint_show_answer_skip_and_next(server, engine, store: MemoryStore):
    async with running_bot(server, engine):
        question = await ask(server, "/quiz security")
        message_id = question["result"]["message_id"]
        assert store.open_questions[next(iter(store.open_questions))].message_id == str(message_id)
        hint_data, skip_data, reveal_data = (data for _, data in buttons(question))

        server.push_callback(DM, ALICE, message_id, hint_data)
        hint = (await server.wait_sent(111, 2))[1]
        assert "💡 Hint 1/2" in hint["text"]
        assert server.requests("answerCallbackQuery")[0]["callback_query_id"] == "cb1"

        server.push_callback(DM, ALICE, message_id, reveal_data)
        reveal = (await server.wait_sent(111, 3))[2]
        assert "📖 The model answer" in reveal["text"] and "<b>Key points</b>" in reveal["text"]

        server.push_callback(DM, ALICE, message_id, skip_data)
        closed = (await server.wait_sent(111, 4))[3]
        assert "That question is closed." in closed["text"]

        next_data = buttons(reveal)[0][1]
        server.push_callback(DM, ALICE, message_id, next_data)
        another = (await server.wait_sent(111, 5))[4]
        assert "Hint" in str(buttons(another))
        await server.wait_for(lambda: len(server.requests("answerCallbackQuery")) == 4)


async def test_topics_and_stats(server, engine, store: MemoryStore):
    async with running_bot(server, engine):
        topics = await ask(server, "/topics")
        assert "security – Security (3 questions)" in topics["text"]
        empty = await ask(server, "/stats")
        assert "No answers yet." in empty["text"]
        await ask(server, "/quiz databases")
        await ask(server, full_answer("db-indexing"))
        stats = await ask(server, "/stats")
    assert "Alice Liddell's progress" in stats["text"]
    assert "1 answers · 1 correct" in stats["text"]
    assert "databases: 1 answered, average 100%" in stats["text"]


async def test_daily_is_stored_confirmed_and_bad_input_refused(server, engine, store: MemoryStore):
    async with running_bot(server, engine):
        bad_time = await ask(server, "/daily 25:99 Europe/Berlin")
        bad_zone = await ask(server, "/daily 08:30 Mars/Olympus_Mons")
        assert not store.subscriptions
        subscribed = await ask(server, "/daily 08:30 Europe/Berlin")
        (subscription,) = store.subscriptions.values()
        assert (subscription.chat_id, subscription.local_time, subscription.timezone) == (
            "111",
            "08:30",
            "Europe/Berlin",
        )
        stopped = await ask(server, "/daily off")
    assert "not a valid time of day" in bad_time["text"]
    assert "not a time zone I know" in bad_zone["text"] and "Europe/Berlin" in bad_zone["text"]
    assert "📅 Subscribed!" in subscribed["text"] and "08:30 Europe/Berlin" in subscribed["text"]
    assert "Daily question stopped." in stopped["text"]
    assert not store.subscriptions


async def test_forget_deletes_only_after_the_confirmation_button(server, engine, store: MemoryStore):
    async with running_bot(server, engine):
        await ask(server, "/quiz security")
        prompt = await ask(server, "/forget")
        assert "Delete all your data?" in prompt["text"]
        assert any(u.platform_user_id == "111" for u in store.users.values())
        yes = next(data for label, data in buttons(prompt) if "Yes" in label)
        server.push_callback(DM, ALICE, prompt["result"]["message_id"], yes)
        edited = (await server.wait_for(lambda: server.requests("editMessageText")))[0]
    assert "All your data is deleted." in edited["text"]
    assert "reply_markup" not in edited or not edited["reply_markup"]
    assert not any(u.platform_user_id == "111" for u in store.users.values())


async def test_unknown_command_and_plain_text_without_question(server, engine):
    async with running_bot(server, engine):
        unknown = await ask(server, "/frobnicate now")
        nothing_open = await ask(server, "hello there")
    assert "I don't know /frobnicate." in unknown["text"]
    assert "No question is waiting for an answer." in nothing_open["text"]


async def test_help_and_the_hint_answer_skip_commands(server, engine, store: MemoryStore):
    async with running_bot(server, engine):
        help_reply = await ask(server, "/help")
        await ask(server, "/quiz databases")
        hint = await ask(server, "/hint")
        answer = await ask(server, "/answer")
        await ask(server, "/quiz security")
        skipped = await ask(server, "/skip")
        following = (await server.wait_sent(111, 7))[6]
    assert "Hi Alice Liddell!" in help_reply["text"] and "<b>Commands</b>" in help_reply["text"]
    assert "💡 Hint 1/2" in hint["text"] and "Think about lookup." in hint["text"]
    assert "📖 The model answer" in answer["text"] and "The model answer of db-indexing." in answer["text"]
    assert "Skipped." in skipped["text"]
    assert "<i>security · easy</i>" in following["text"]
    assert sum(oq.closed_at is None for oq in store.open_questions.values()) == 1
