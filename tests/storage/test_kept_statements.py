"""SQLite's kept statements (``storage.kept_statements``): the same replies and rows as SQLAlchemy's own
execution, SQLAlchemy's errors, values through their types, and what stays with SQLAlchemy."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, Table, event, insert, select, text
from sqlalchemy.exc import IntegrityError

from bot.engine import Engine
from bot.model.grades import Verdict
from bot.model.messages import Chat, Incoming, Reply, Sender
from bot.model.records import Attempt
from storage import open_database
from storage.metadata import metadata
from tests.storage.conftest import OPENED_AT
from tests.support.databases import database_url
from tests.support.fakes import FixedClock
from tests.support.world import full_answer, keyword_grader, small_bank


def _kept(database: Any) -> Any:
    return database.engine.sync_engine.dialect.dbapi.kept


async def _session(database: Any) -> list[Reply]:
    """Three people practising in their DMs and in a group, with partial answers and follow-ups,
    ``/stats`` and the boards: every reply, in order."""
    clock = FixedClock(OPENED_AT)
    engine = Engine(
        small_bank(), database.store, clock, grader=keyword_grader, nudger=lambda *_: "",
        rng=random.Random(11),
    )  # fmt: skip
    group = Chat("test", "group-1", is_private=False, title="Study group")
    said: list[Reply] = []
    for round_ in range(6):
        for number, name in enumerate(("Ann", "Bo", "Cy")):
            sender = Sender("test", str(number), name)
            dm = Chat("test", f"dm-{number}", is_private=True)
            chat = group if round_ % 3 == 2 else dm
            asked = await engine.handle(Incoming.for_command(sender, chat, "quiz", "databases"))
            said += asked
            reply_to = next(r.open_question_id for r in asked if r.open_question_id)
            question = (await database.store.get_open_question(reply_to)).question_id
            answer = full_answer(question) if (round_ + number) % 2 else "It is about lookup."
            incoming = Incoming.for_text(sender, chat, answer)
            if not chat.is_private:
                await engine.question_posted(reply_to, f"m-{round_}-{number}")
                incoming = Incoming.for_text(sender, chat, answer, reply_to=f"m-{round_}-{number}")
            said += await engine.handle(incoming)
            said += await engine.handle(Incoming.for_command(sender, dm, "stats"))
            clock.advance(hours=7)
        said += await engine.handle(Incoming.for_command(Sender("test", "0", "Ann"), group, "leaderboard"))
    return said


async def _rows(database: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table as SQLite stores it (no type turns the text back into values)."""
    found = {}
    async with database.engine.connect() as connection:
        for table in metadata.sorted_tables:
            order = ", ".join(c.name for c in (list(table.primary_key.columns) or list(table.c)))
            rows = await connection.exec_driver_sql(f"SELECT * FROM {table.name} ORDER BY {order}")
            found[table.name] = [tuple(row) for row in rows]
    return found


async def test_kept_statements_give_the_same_replies_and_rows_as_sqlalchemy(tmp_path: Path) -> None:
    outcomes = []
    for kept in (True, False):
        url = await database_url("sqlite", tmp_path / str(kept), None, migrated=True)
        async with await open_database(url, clock=FixedClock(OPENED_AT)) as database:
            if not kept:  # a statement listener leaves every statement to SQLAlchemy
                event.listen(database.engine.sync_engine, "before_cursor_execute", lambda *_: None)
            replies = await _session(database)
            outcomes.append((replies, await _rows(database), _kept(database).kept_runs))
    (replies, rows, runs), (plain_replies, plain_rows, plain_runs) = outcomes
    assert runs > 100 and plain_runs == 0
    assert replies == plain_replies
    assert rows == plain_rows
    assert rows["attempts"] and rows["follow_ups"] and rows["member_scores"]


async def test_a_kept_statement_sqlite_refuses_raises_sqlalchemys_error(sqlite_only: Any) -> None:
    engine = sqlite_only.engine
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE scratch (id INTEGER PRIMARY KEY, v INTEGER UNIQUE)"))
    scratch = Table("scratch", MetaData(), Column("id", Integer, primary_key=True), Column("v", Integer))
    adding = insert(scratch)
    async with engine.begin() as connection:
        for v in range(4):
            await connection.execute(adding, {"v": v})
    before = _kept(sqlite_only).kept_runs
    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(adding, {"v": 10})
            await connection.execute(adding, {"v": 1})
    assert _kept(sqlite_only).kept_runs == before + 1
    async with engine.connect() as connection:
        values = (await connection.execute(select(scratch.c.v).order_by(scratch.c.v))).scalars().all()
    assert values == [0, 1, 2, 3]  # the transaction with the refused row left nothing


async def test_values_go_through_their_types_both_ways(sqlite_only: Any) -> None:
    store = sqlite_only.store
    user = await store.ensure_user("test", "1", "Ann")
    place = await store.ensure_place("test", "dm-1", True)
    stored = []
    for day in range(4):
        when = OPENED_AT + timedelta(days=day, microseconds=123)
        opened = await store.open_question(place.id, "dm-1", "jwt", user.id, user.id, when)
        attempt = Attempt(
            user.id, place.id, "jwt", 0.5, Verdict.PARTIAL, when, opened.id,
            answer_text="a <b>bold</b> 'quoted' answer", matched=("p1",), missed=("p2", "p3"),
        )  # fmt: skip
        attempt_id = await store.record_attempt(attempt, close=True)
        stored.append((attempt_id, when, opened.id))
    assert _kept(sqlite_only).kept_runs > 0
    for attempt_id, when, opened_id in stored:
        read = await store.attempt_by_id(attempt_id)
        assert read is not None and read.answered_at == when and read.answered_at.tzinfo is not None
        assert read.matched == ("p1",) and read.missed == ("p2", "p3") and read.score == 0.5
        assert read.answer_text == "a <b>bold</b> 'quoted' answer"
        closed = await store.get_open_question(opened_id)
        assert closed is not None and closed.closed_at == when and closed.opened_at == when


async def test_a_statement_with_a_default_computed_per_row_stays_with_sqlalchemy(
    sqlite_only: Any,
) -> None:
    engine = sqlite_only.engine
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE stamped (id INTEGER PRIMARY KEY, at TIMESTAMP)"))
    ticks = iter(datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=n) for n in range(10))
    stamped = Table(
        "stamped", MetaData(), Column("id", Integer, primary_key=True),
        Column("at", DateTime, default=lambda: next(ticks)),
    )  # fmt: skip
    adding = insert(stamped)
    before = _kept(sqlite_only).kept_runs
    async with engine.begin() as connection:
        for number in range(4):
            await connection.execute(adding, {"id": number})
    async with engine.connect() as connection:
        stamps = (await connection.execute(select(stamped.c.at).order_by(stamped.c.id))).scalars().all()
    assert len(set(stamps)) == 4  # each row got its own default
    assert _kept(sqlite_only).kept_runs == before  # every insert went through SQLAlchemy
