"""The core for the terminal: a question by id, a waiting drill posted again, help per platform."""

from __future__ import annotations

from bot.model.messages import Chat, ReplyKind, Sender
from bot.replies import one_stop
from tests.support.world import Person


async def test_quiz_with_a_question_id_asks_that_question(dm_user: Person) -> None:
    [question] = await dm_user.command("quiz", "db-indexing")
    assert question.kind is ReplyKind.QUESTION and question.title.startswith("databases")
    [grade] = await dm_user.say("a lookup structure that slows writes")
    assert grade.question_id == "db-indexing"


async def test_the_question_waiting_in_a_dm_is_posted_again_and_answers_it(dm_user: Person) -> None:
    engine, sender, chat = dm_user.engine, dm_user.sender, dm_user.chat
    assert await engine.waiting_question(sender, chat) == []
    [asked] = await dm_user.command("quiz", "db-indexing")
    [again] = await engine.waiting_question(sender, chat)
    assert again.open_question_id == asked.open_question_id and again.body == asked.body
    assert await engine.waiting_question(Sender("test", "2", "Bob"), chat) == []


async def test_help_lists_the_commands_of_the_platform_it_is_shown_on(engine) -> None:
    def commands_on(platform: str) -> Person:
        return Person(engine, "1", "Alice", Chat(platform, "dm-1", is_private=True))

    [console] = await commands_on("console").command("help")
    [telegram] = await commands_on("telegram").command("help")
    console_lines = " ".join(console.sections[0].lines)
    assert "/answer" in console_lines and "/quit" in console_lines
    assert "/leaderboard" not in console_lines and "Discord" not in console_lines
    assert "/leaderboard" in " ".join(telegram.sections[0].lines)


def test_a_quoted_sentence_does_not_end_in_two_full_stops() -> None:
    assert one_stop("Careful – central misconception: JWT is encrypted..") == (
        "Careful – central misconception: JWT is encrypted."
    )
    assert one_stop("Wait for it...") == "Wait for it..."
