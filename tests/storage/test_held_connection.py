"""One transaction per event (``Store.unit``) on each database: what lands together, what a failure
leaves (nothing, and no stale cached rows), nesting, tasks started inside, and the engine's use of it."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import pytest
from sqlalchemy import event, func, select

from bot.engine import Engine
from bot.model.grades import Verdict
from bot.model.messages import Chat, Incoming, Sender
from bot.model.records import Attempt
from storage.tables import attempts, open_questions, users
from tests.storage.conftest import OPENED_AT
from tests.support.fakes import FixedClock
from tests.support.world import full_answer, keyword_grader, small_bank


class Boom(Exception):
    """A failure in the middle of an event."""


async def _count(database: Any, table: Any) -> int:
    async with database.engine.connect() as connection:
        return (await connection.execute(select(func.count()).select_from(table))).scalar_one()


def _connections_taken(database: Any) -> list[object]:
    """Each connection checkout from the engine's pool from now on."""
    taken: list[object] = []
    event.listen(database.engine.sync_engine, "engine_connect", lambda connection: taken.append(connection))
    return taken


async def test_the_calls_of_a_unit_share_one_connection_and_commit_together(database: Any) -> None:
    store = database.store
    taken = _connections_taken(database)
    async with store.unit():
        user = await store.ensure_user("test", "1", "Ann")
        place = await store.ensure_place("test", "dm-1", True)
        opened = await store.open_question(place.id, "dm-1", "jwt", user.id, user.id, OPENED_AT)
        assert await store.find_open_question("dm-1", for_user_id=user.id) == opened
    assert len(taken) == 1
    assert await store.get_open_question(opened.id) == opened


async def test_a_failed_unit_leaves_nothing_behind(database: Any) -> None:
    store = database.store
    with pytest.raises(Boom):
        async with store.unit():
            user = await store.ensure_user("test", "2", "Bo")
            place = await store.ensure_place("test", "dm-2", True)
            opened = await store.open_question(place.id, "dm-2", "jwt", user.id, user.id, OPENED_AT)
            attempt = Attempt(user.id, place.id, "jwt", 1.0, Verdict.CORRECT, OPENED_AT, opened.id)
            assert await store.record_attempt(attempt, close=True)
            raise Boom
    assert await _count(database, users) == 0
    assert await _count(database, open_questions) == 0
    assert await _count(database, attempts) == 0
    # The rows cached during the unit went with it: the user is made afresh, and usable.
    again = await store.ensure_user("test", "2", "Bo")
    place = await store.ensure_place("test", "dm-2", True)
    assert await store.get_user(again.id) == again
    opened = await store.open_question(place.id, "dm-2", "jwt", again.id, again.id, OPENED_AT)
    attempt = Attempt(again.id, place.id, "jwt", 1.0, Verdict.CORRECT, OPENED_AT, opened.id)
    assert await store.record_attempt(attempt)
    assert (await store.user_progress(again.id)).answers == 1


async def test_a_unit_inside_a_unit_joins_it(database: Any) -> None:
    store = database.store
    with pytest.raises(Boom):
        async with store.unit():
            async with store.unit():
                user = await store.ensure_user("test", "3", "Cy")
            assert await store.get_user(user.id) == user  # the outer unit sees it, not yet committed
            raise Boom
    assert await _count(database, users) == 0


async def test_a_task_started_inside_a_unit_uses_a_connection_of_its_own(database: Any) -> None:
    store = database.store
    async with store.unit():
        user = await store.ensure_user("test", "4", "Di")
        # SQLite has one connection: the task waits for it until the unit ends, so it is awaited after.
        later = asyncio.create_task(store.ensure_user("test", "5", "Ed"))
        await asyncio.sleep(0)
    other = await later
    assert other.id != user.id
    assert await store.get_user(other.id) == other


async def test_each_event_is_one_transaction_and_a_failure_midway_keeps_nothing(
    database: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = database.store
    engine = Engine(
        small_bank(), store, FixedClock(OPENED_AT), grader=keyword_grader, nudger=lambda *_: "",
        rng=random.Random(3),
    )  # fmt: skip
    sender, chat = Sender("test", "6", "Fay"), Chat("test", "dm-6", is_private=True)
    [asked] = await engine.handle(Incoming.for_command(sender, chat, "quiz", "databases"))
    taken = _connections_taken(database)
    await engine.handle(Incoming.for_text(sender, chat, "It is about lookup."))  # graded, follow-up opened
    assert len(taken) == 1

    async def fail(*_: Any, **__: Any) -> None:
        raise Boom

    [again] = await engine.handle(Incoming.for_command(sender, chat, "quiz", "databases"))
    monkeypatch.setattr(store, "open_follow_up", fail)
    with pytest.raises(Boom):  # the grade is stored, then opening its follow-up fails
        await engine.handle(Incoming.for_text(sender, chat, "It is about lookup."))
    user = await store.ensure_user("test", "6", "Fay")
    assert (await store.user_progress(user.id)).answers == 1  # the failed answer left no attempt
    still = await store.get_open_question(again.open_question_id)
    assert still is not None and still.closed_at is None  # and its question is still open
    monkeypatch.undo()
    [graded, *_] = await engine.handle(Incoming.for_text(sender, chat, full_answer(still.question_id)))
    assert graded.verdict == "correct"
    assert asked.open_question_id != again.open_question_id
