"""Many topics on Telegram: ``/topics`` shows a keyboard with a button per topic (several a row), each
button asks a question of its topic, and ``/quiz <topic> [easy|medium|hard]`` picks the difficulty."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from tests.support.fake_telegram_server import FakeTelegramServer, running_bot
from tests.support.many_topics import many_topics_engine

ALICE = FakeTelegramServer.user(111, "Alice", "Liddell")
DM = FakeTelegramServer.private_chat(ALICE)


@pytest.fixture
def many() -> Engine:
    """The engine over the 30 topics of the many-topics test pack."""
    return many_topics_engine()


def keyboard(params: dict) -> list[list[tuple[str, str]]]:
    """The rows of (label, callback data) of a sent message's inline keyboard."""
    rows = (params.get("reply_markup") or {}).get("inline_keyboard", [])
    return [[(b["text"], b["callback_data"]) for b in row] for row in rows]


async def ask(server: FakeTelegramServer, text: str) -> dict:
    """Alice sends a message; return the first message the bot sends back."""
    before = len(server.requests("sendMessage", chat_id=111))
    server.push_text(DM, ALICE, text)
    return (await server.wait_sent(111, before + 1))[before]


async def test_topics_shows_a_keyboard_whose_buttons_ask_a_question_of_their_topic(
    server: FakeTelegramServer, many: Engine
) -> None:
    names = [topic.name for topic in many.topics()]
    assert len(names) == 30
    async with running_bot(server, many):
        topics = await ask(server, "/topics")
        rows = keyboard(topics)
        buttons = [button for row in rows for button in row]
        assert [label for label, _ in buttons] == ["🎲 Any topic", *names]
        assert all(2 <= len(row) <= 3 for row in rows[:-1]) and len(rows) < len(buttons)
        assert ("fx-caching", "next:fx-caching") in buttons
        server.push_callback(DM, ALICE, topics["result"]["message_id"], "next:fx-caching")
        question = (await server.wait_sent(111, 2))[1]
    assert "<i>fx-caching · " in question["text"]
    assert "Pick one below, or send /quiz &lt;topic&gt; [easy|medium|hard]." in topics["text"]


async def test_quiz_takes_a_difficulty_and_refuses_one_there_is_none_of(
    server: FakeTelegramServer, many: Engine
) -> None:
    async with running_bot(server, many):
        hard = await ask(server, "/quiz fx-caching hard")
        easy_any = await ask(server, "/quiz easy")
        none_hard = await ask(server, "/quiz fx-delivery hard")
        bad_level = await ask(server, "/quiz fx-caching expert")
        unknown = await ask(server, "/quiz cooking hard")
        typo = await ask(server, "/quiz fx-cachng")
    assert "<i>fx-caching · hard</i>" in hard["text"]
    assert " · easy</i>" in easy_any["text"]
    assert "There are no hard questions in fx-delivery yet." in none_hard["text"]
    assert "easy and medium ones: try /quiz fx-delivery easy" in none_hard["text"]
    assert (
        "There is no difficulty “expert”." in bad_level["text"] and "easy, medium, hard" in bad_level["text"]
    )
    assert "There is no topic “cooking”." in unknown["text"]
    assert "Send /topics to see all 30 topics." in unknown["text"] and "fx-runtimes" not in unknown["text"]
    assert "Did you mean fx-caching? Send /topics" in typo["text"]
