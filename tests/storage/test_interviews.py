"""A mock interview survives a restart: on SQLite and PostgreSQL, a new engine on the same database
takes the next answer of an interview the old one started, and the scorecard holds every answer.
Forgetting a user takes their interviews with them; migration 0007 comes and goes cleanly."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from bot.flows.scorecard import SCORECARD_TITLE
from bot.model.messages import Chat, Reply, ReplyKind
from bot.model.records import Mode
from storage import open_database
from storage.interview_tables import interviews
from storage.migrate import downgrade_to, upgrade_to_head
from tests.support.fakes import FixedClock
from tests.support.world import Person, engine_on, full_answer

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DM = Chat("test", "dm-7", is_private=True)


async def asked(replies: list[Reply], database: Any) -> str:
    """The id of the question the replies post."""
    [question] = [r for r in replies if r.kind is ReplyKind.QUESTION]
    opened = await database.store.get_open_question(question.open_question_id)
    return opened.question_id  # type: ignore[no-any-return]


async def test_an_interview_goes_on_after_a_restart(url: str) -> None:
    clock = FixedClock(T0)
    async with await open_database(url, clock=clock) as before:
        alice = Person(engine_on(before.store, clock), "7", "Alice", DM)
        replies = await alice.command("interview", "3")
        first = await asked(replies, before)
        clock.advance(seconds=40)
        second = await asked(await alice.say(full_answer(first)), before)
    clock.advance(seconds=25)
    async with await open_database(url, clock=clock) as after:  # the bot restarted
        alice = Person(engine_on(after.store, clock), "7", "Alice", DM)
        replies = await alice.say("I do not know this one")
        assert replies[0].title == "Question 2 of 3 answered in 25 s."
        third = await asked(replies, after)
        assert len({first, second, third}) == 3
        clock.advance(seconds=5)
        [*_, card] = await alice.command("skip")
        assert card.title.startswith(SCORECARD_TITLE)
        assert card.body[0] == "2 of 3 answered, 1 skipped, 1 min 10 s in all."
        headings = [s.heading for s in card.sections]
        assert headings[0].endswith("✅ correct, 100%, 40 s")
        assert headings[1].endswith("❌ not quite, 0%, 25 s")
        assert headings[2].endswith("⏭ skipped, 0%, 5 s")
        user = await after.store.ensure_user("test", "7", "Alice")
        attempts = await after.store.user_attempts(user.id)
        assert [a.mode for a in attempts] == [Mode.INTERVIEW] * 3
        assert await after.store.running_interview(user.id, attempts[0].place_id) is None


async def test_stop_and_resume_in_another_chat_are_stored(database: Any) -> None:
    clock = FixedClock(T0)
    engine = engine_on(database.store, clock)
    home = "local-7"
    one = Person(engine, "7", "Alice", Chat("test", f"{home}/one", True, place_id=home))
    replies = await one.command("interview", "2")
    first = await asked(replies, database)
    two = Person(engine, "7", "Alice", Chat("test", f"{home}/two", True, place_id=home))
    notice, question = await two.command("interview")
    assert notice.title == "You are in a mock interview: question 1 of 2."
    assert await asked([question], database) == first
    user = await database.store.ensure_user("test", "7", "Alice")
    place = await database.store.ensure_place("test", home, True)
    running = await database.store.running_interview(user.id, place.id)
    assert running.chat_id == f"{home}/two" and running.asked == (question.open_question_id,)
    [card] = await two.command("interview", "stop")
    assert card.body[0].startswith("Stopped early. 0 of 2 answered")
    assert await database.store.running_interview(user.id, place.id) is None


async def test_forgetting_a_user_deletes_their_interviews(database: Any) -> None:
    alice = Person(engine_on(database.store, FixedClock(T0)), "7", "Alice", DM)
    await alice.command("interview", "2")
    user = await database.store.ensure_user("test", "7", "Alice")
    await database.store.forget_user(user.id)
    async with database.store.engine.connect() as connection:
        left = (await connection.execute(select(func.count()).select_from(interviews))).scalar_one()
    assert left == 0


async def test_migration_0007_downgrades_and_upgrades(database: Any, url: str) -> None:
    alice = Person(engine_on(database.store, FixedClock(T0)), "7", "Alice", DM)
    await alice.command("interview", "2")
    await downgrade_to(url, "0006")
    await upgrade_to_head(url)
    async with database.store.engine.connect() as connection:
        left = (await connection.execute(select(func.count()).select_from(interviews))).scalar_one()
    assert left == 0
