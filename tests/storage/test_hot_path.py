"""The hot path on each database: how many statements ``/quiz`` and an answer cost, the memberships
those skip, and the lean SQLite adapter's DBAPI behaviour."""

from __future__ import annotations

import asyncio
import random
import threading
from typing import Any

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import IntegrityError

from bot.engine import Engine
from bot.model.grades import Verdict
from bot.model.messages import Chat, Incoming, Sender
from bot.model.records import Attempt
from storage.tables import memberships
from tests.storage.conftest import OPENED_AT
from tests.support.fakes import FixedClock
from tests.support.world import full_answer, keyword_grader, small_bank

QUIZ_STATEMENTS = 5
"""A DM ``/quiz``: drop a follow-up, look for an interview, choose the question (one statement over the
catalog, the user's state and latest answers), close the older question and open the new one (the
asker is known to be a member by then)."""
ANSWER_STATEMENTS = 9
"""A correct DM answer: look for a follow-up and the open question, then store the attempt, close the
question, read the kept state and write its four rows (question, topic, totals, member score; a scored
member needs no membership insert); on PostgreSQL one more locks the user's row first."""
FOLLOW_UP_STATEMENTS = 2
"""What a partial DM answer adds to a correct one: close the user's older follow-ups in the chat and open
the new one, on the id ``record_attempt`` returned (no read of the question's attempts)."""


def _nudge(*_: Any) -> str:
    return ""


def counting(database: Any) -> list[str]:
    """The SQL the database runs from now on, one entry a statement."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(database.engine.sync_engine, "before_cursor_execute", note)
    return seen


async def _quiz_and_answer(engine: Engine, sender: Sender, chat: Chat) -> None:
    [asked] = await engine.handle(Incoming.for_command(sender, chat, "quiz", "databases"))
    assert asked.open_question_id is not None
    await engine.handle(Incoming.for_text(sender, chat, full_answer("db-indexing")))


async def _warmed_up(database: Any) -> tuple[Engine, Sender, Chat]:
    """An engine on the database and Ann's DM, after a first quiz and answer (which join the place and
    cache the user and place rows)."""
    engine = Engine(
        small_bank(), database.store, FixedClock(OPENED_AT), grader=keyword_grader, nudger=_nudge,
        rng=random.Random(3),
    )  # fmt: skip
    sender, chat = Sender("test", "7", "Ann"), Chat("test", "dm-7", is_private=True)
    await _quiz_and_answer(engine, sender, chat)
    return engine, sender, chat


async def test_a_quiz_and_an_answer_in_a_dm_take_few_statements(database: Any) -> None:
    engine, sender, chat = await _warmed_up(database)
    seen = counting(database)
    [asked] = await engine.handle(Incoming.for_command(sender, chat, "quiz", "databases"))
    quiz = len(seen)
    [graded] = await engine.handle(Incoming.for_text(sender, chat, full_answer("db-indexing")))
    assert asked.open_question_id is not None and graded.verdict == "correct"
    assert quiz == QUIZ_STATEMENTS, seen
    locking = database.engine.dialect.name == "postgresql"
    assert len(seen) - quiz == ANSWER_STATEMENTS + locking, seen[quiz:]
    assert not any("memberships" in statement for statement in seen)


async def test_a_partial_answer_opens_its_follow_up_without_reading_attempts(database: Any) -> None:
    engine, sender, chat = await _warmed_up(database)
    [quiz] = await engine.handle(Incoming.for_command(sender, chat, "quiz", "databases"))
    seen = counting(database)
    graded, asked = await engine.handle(Incoming.for_text(sender, chat, "It is about lookup."))
    assert graded.verdict == "partial" and asked.follow_up_id is not None
    locking = database.engine.dialect.name == "postgresql"
    assert len(seen) == ANSWER_STATEMENTS + FOLLOW_UP_STATEMENTS + locking, seen
    reads = [s for s in seen if s.lstrip().upper().startswith("SELECT") and "FROM attempts" in s]
    assert not reads, reads
    follow_up = await database.store.get_follow_up(asked.follow_up_id)
    stored = await database.store.attempt_by_id(follow_up.attempt_id)
    assert stored is not None and stored.verdict == "partial" and stored.follow_up_asked
    assert stored.open_question_id == quiz.open_question_id


async def test_the_first_answer_in_a_place_still_makes_a_member(database: Any) -> None:
    store = database.store
    user = await store.ensure_user("test", "8", "Bo")
    place = await store.ensure_place("test", "group-1", False, "G")
    asker = await store.ensure_user("test", "9", "Cy")
    opened = await store.open_question(place.id, "group-1", "jwt", asker.id, None, OPENED_AT)
    attempt = Attempt(user.id, place.id, "jwt", 1.0, Verdict.CORRECT, OPENED_AT, opened.id)
    assert await store.record_attempt(attempt)
    assert not await store.record_attempt(attempt)  # answered once
    query = select(memberships.c.user_id).where(memberships.c.place_id == place.id)
    async with database.engine.connect() as connection:
        members = set((await connection.execute(query)).scalars())
    assert members == {user.id, asker.id}


async def test_a_forgotten_user_asking_again_is_a_member_again(database: Any) -> None:
    store = database.store
    user = await store.ensure_user("test", "10", "Di")
    place = await store.ensure_place("test", "group-2", False, "G")
    await store.open_question(place.id, "group-2", "jwt", user.id, None, OPENED_AT)
    await store.forget_user(user.id)
    again = await store.ensure_user("test", "10", "Di")
    await store.open_question(place.id, "group-2", "cors", again.id, None, OPENED_AT)
    query = select(memberships.c.user_id).where(memberships.c.place_id == place.id)
    async with database.engine.connect() as connection:
        assert list((await connection.execute(query)).scalars()) == [again.id]


async def test_the_lean_adapter_gives_rows_counts_and_ids(sqlite_only: Any) -> None:
    engine = sqlite_only.engine
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE scratch (id INTEGER PRIMARY KEY, v INTEGER UNIQUE)"))
        inserted = await connection.execute(text("INSERT INTO scratch (v) VALUES (1)"))
        assert inserted.lastrowid == 1 and inserted.rowcount == 1
        await connection.execute(text("INSERT INTO scratch (v) VALUES (:v)"), [{"v": 2}, {"v": 3}])
        returned = await connection.execute(text("INSERT INTO scratch (v) VALUES (4) RETURNING id"))
        assert returned.scalar_one() == 4
        changed = await connection.execute(text("UPDATE scratch SET v = v + 10 WHERE v > 1"))
        assert changed.rowcount == 3
    async with engine.connect() as connection:
        rows = (await connection.execute(text("SELECT id, v FROM scratch ORDER BY id"))).all()
        assert [tuple(r) for r in rows] == [(1, 1), (2, 12), (3, 13), (4, 14)]
        assert (await connection.execute(text("SELECT v FROM scratch WHERE v > 100"))).first() is None


async def test_the_lean_adapter_raises_and_rolls_back(sqlite_only: Any) -> None:
    engine = sqlite_only.engine
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE scratch (id INTEGER PRIMARY KEY, v INTEGER UNIQUE)"))
        await connection.execute(text("INSERT INTO scratch (v) VALUES (1)"))
    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(text("INSERT INTO scratch (v) VALUES (2)"))
            await connection.execute(text("INSERT INTO scratch (v) VALUES (1)"))
    async with engine.connect() as connection:
        values = (await connection.execute(text("SELECT v FROM scratch"))).scalars().all()
    assert values == [1]


async def test_a_read_leaves_no_transaction_open(sqlite_only: Any) -> None:
    engine = sqlite_only.engine
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))
        raw = await connection.get_raw_connection()
        assert not raw.driver_connection.in_transaction


async def test_statements_and_commits_run_in_the_event_loops_thread(sqlite_only: Any) -> None:
    engine = sqlite_only.engine
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        raw.driver_connection._conn.create_function("thread_id", 0, threading.get_ident)
        assert (await connection.execute(text("SELECT thread_id()"))).scalar_one() == threading.get_ident()
    committed: list[int] = []
    event.listen(engine.sync_engine, "commit", lambda _conn: committed.append(threading.get_ident()))
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE scratch (v INTEGER)"))
    assert committed == [threading.get_ident()]


async def test_tasks_of_one_process_share_the_one_connection_without_waiting_inside_sqlite(
    sqlite_only: Any,
) -> None:
    engine = sqlite_only.engine
    assert engine.pool.size() == 1
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE scratch (v INTEGER)"))

    async def write(v: int) -> None:
        async with engine.begin() as connection:
            await connection.execute(text("INSERT INTO scratch (v) VALUES (:v)"), {"v": v})
            await asyncio.sleep(0)  # another task runs now, and queues for the connection
            await connection.execute(text("INSERT INTO scratch (v) VALUES (:v)"), {"v": -v})

    await asyncio.gather(*(write(v) for v in range(1, 21)))
    async with engine.connect() as connection:
        values = (await connection.execute(text("SELECT v FROM scratch"))).scalars().all()
    assert sorted(values) == sorted([*range(1, 21), *range(-20, 0)])
