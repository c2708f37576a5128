"""``/interview`` on Telegram, end to end: the real bot against the fake Bot API, in a DM (and refused
in a group): numbered questions with only a Skip button, the time of each answer, the scorecard."""

from __future__ import annotations

from tests.support.fake_telegram_server import FakeTelegramServer, running_bot
from tests.support.fakes import FixedClock, MemoryStore
from tests.support.world import full_answer

ALICE = FakeTelegramServer.user(111, "Alice", "Liddell")
DM = FakeTelegramServer.private_chat(ALICE)
GROUP = FakeTelegramServer.group_chat(-100, "Study group")


def buttons(params: dict) -> list[tuple[str, str]]:
    """(label, callback data) of a sent message's inline keyboard."""
    rows = (params.get("reply_markup") or {}).get("inline_keyboard", [])
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


async def send(server: FakeTelegramServer, text: str, count: int) -> list[dict]:
    """Alice sends a DM; return the ``count`` messages the bot sends back."""
    before = len(server.requests("sendMessage", chat_id=111))
    server.push_text(DM, ALICE, text)
    return (await server.wait_sent(111, before + count))[before:]


async def test_interview_in_a_dm_from_start_to_scorecard(
    server, engine, store: MemoryStore, clock: FixedClock
):
    async with running_bot(server, engine):
        intro, question = await send(server, "/interview 2", 2)
        assert "🎤 Mock interview: 2 questions across the topics" in intro["text"]
        assert "<i>Question 1 of 2 · " in question["text"]
        opened = await server.wait_for(
            lambda: next((q for q in store.open_questions.values() if q.message_id is not None), None)
        )
        assert buttons(question) == [("⏭ Skip", f"skip:{opened.id}")]
        clock.advance(seconds=72)
        took, second = await send(server, full_answer(opened.question_id), 2)
        assert "Question 1 of 2 answered in 1 min 12 s." in took["text"]
        assert "Correct" not in took["text"] and "Model answer" not in second["text"]
        assert "Question 2 of 2 · " in second["text"]
        clock.advance(seconds=5)
        before = len(server.requests("sendMessage", chat_id=111))
        server.push_callback(DM, ALICE, second["result"]["message_id"], buttons(second)[0][1])
        skipped, card = (await server.wait_sent(111, before + 2))[before:]
    assert "Question 2 of 2 skipped after 5 s." in skipped["text"]
    text = card["text"]
    assert "📋 Mock interview scorecard – 50%" in text
    assert "1 of 2 answered, 1 skipped, 1 min 17 s in all." in text
    assert f"1. {opened.question_id} " in text and "✅ correct, 100%, 1 min 12 s" in text
    assert "⏭ skipped, 0%, 5 s" in text
    assert "<b>Review next</b>" in text and "/quiz " in text
    menus = {
        c["scope"]["type"]: [x["command"] for x in c["commands"]] for c in server.requests("setMyCommands")
    }
    assert "interview" in menus["all_private_chats"] and "interview" not in menus["all_group_chats"]


async def test_stop_quiz_during_and_a_group_are_answered_clearly(server, engine, store: MemoryStore):
    async with running_bot(server, engine):
        await send(server, "/interview security 3", 2)
        [refused] = await send(server, "/quiz", 1)
        assert "A mock interview is running (question 1 of 3)." in refused["text"]
        [card] = await send(server, "/interview stop", 1)
        assert "Stopped early. 0 of 3 answered" in card["text"]
        server.push_text(GROUP, ALICE, "/interview")
        [group] = await server.wait_sent(-100, 1)
    assert "Mock interviews are one to one." in group["text"]
    assert "direct message" in group["text"]
