"""Each attempt remembers how its question was asked: practice in a DM, a quiz in a group, a daily drill.

Checked on SQLite and PostgreSQL through the engine, and through the migration that backfills rows
written before the ``mode`` column existed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text

from bot.model.messages import Chat
from bot.model.records import Mode
from storage.migrate import downgrade_to, upgrade_to_head
from storage.tables import attempts
from tests.support.fakes import FixedClock
from tests.support.world import Person, engine_on, group_member

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def modes(database: Any) -> list[str]:
    """The stored attempts' modes, oldest first."""
    async with database.store.engine.connect() as connection:
        rows = await connection.execute(select(attempts.c.mode).order_by(attempts.c.id))
        return [row.mode for row in rows]


async def test_a_dm_answer_is_practice_and_a_group_answer_a_quiz(database: Any) -> None:
    engine = engine_on(database.store, FixedClock(T0))
    alice = Person(engine, "a1", "Alice", Chat("test", "a1", is_private=True))
    in_group = group_member(engine, "a1", "Alice")
    await alice.command("quiz")
    await alice.say("an answer")
    [posted] = [r for r in await in_group.command("quiz") if r.open_question_id]
    await engine.question_posted(posted.open_question_id, "m-1")
    await in_group.say("an answer", reply_to="m-1")
    assert await modes(database) == [Mode.PRACTICE, Mode.QUIZ]


async def test_the_migration_backfills_group_attempts_as_quizzes(database: Any, url: str) -> None:
    engine = engine_on(database.store, FixedClock(T0))
    alice = Person(engine, "a1", "Alice", Chat("test", "a1", is_private=True))
    in_group = group_member(engine, "a1", "Alice")
    await alice.command("quiz")
    await alice.say("an answer")
    [posted] = [r for r in await in_group.command("quiz") if r.open_question_id]
    await engine.question_posted(posted.open_question_id, "m-1")
    await in_group.say("an answer", reply_to="m-1")
    async with database.store.engine.begin() as connection:
        await connection.execute(text("UPDATE attempts SET mode = 'interview'"))
    await downgrade_to(url, "0004")
    await upgrade_to_head(url)
    assert await modes(database) == [Mode.PRACTICE, Mode.QUIZ]
