"""Follow-ups kept in SQL (SQLite and PostgreSQL): asked, found by message or owner, answered once, dropped,
forgotten with their user, and still there after the store is opened again (a restart)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fsrs import Rating

from bot.model.messages import Chat, ReplyKind
from storage import open_database
from tests.support.fakes import FixedClock
from tests.support.world import Person, engine_on, group_member

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def dm_person(database: Any, clock: FixedClock) -> Person:
    """Alice in her DM, on an engine over this database."""
    return Person(engine_on(database.store, clock), "a1", "Alice", Chat("test", "dm-a1", is_private=True))


async def test_a_follow_up_survives_a_restart_and_records_what_was_recovered(url: str) -> None:
    clock = FixedClock(T0)
    async with await open_database(url, clock=clock) as database:
        alice = dm_person(database, clock)
        await alice.command("quiz", "db-indexing")
        grade, follow = await alice.say("a lookup structure")
        assert follow.kind is ReplyKind.FOLLOW_UP
    async with await open_database(url, clock=clock) as reopened:  # a new process on the same database
        alice = dm_person(reopened, clock)
        [result] = await alice.say("writes get slower")
        assert result.hits == ("mentions writes",)
        [attempt] = await reopened.store.user_attempts(
            (await reopened.store.ensure_user("test", "a1", "A")).id
        )
        assert attempt.follow_up_asked and attempt.recovered == ("writes",)
        assert attempt.score == grade.score and attempt.matched == ("lookup",)
        [state] = await reopened.store.question_states(attempt.user_id)
        assert Rating(state.last_rating) is Rating.Hard
        [review] = (await reopened.drills.user_reviews([attempt.user_id]))[attempt.user_id]
        assert review.follow_up_asked


async def test_store_methods_find_answer_once_and_close(database: Any) -> None:
    store, clock = database.store, FixedClock(T0)
    alice = dm_person(database, clock)
    await alice.command("quiz", "db-indexing")
    await alice.say("lookup")
    user = await store.ensure_user("test", "a1", "Alice")
    follow = await store.find_follow_up("dm-a1", user_id=user.id)
    assert follow is not None and follow.missed == ("writes",) and follow.point_id == "writes"
    assert await store.find_follow_up("dm-a1", user_id=user.id + 99) is None
    await store.set_follow_up_message(follow.id, "m-7")
    assert (await store.find_follow_up("dm-a1", message_id="m-7")).id == follow.id
    assert await store.find_follow_up("elsewhere", message_id="m-7") is None
    assert await store.answer_follow_up(follow.id, ["writes"], T0)
    assert not await store.answer_follow_up(follow.id, [], T0)  # answered once: the second changes nothing
    assert (await store.attempt_by_id(follow.attempt_id)).recovered == ("writes",)
    assert await store.find_follow_up("dm-a1", user_id=user.id) is None
    with pytest.raises(KeyError):
        await store.set_follow_up_message(follow.id + 1000, "m-8")


async def test_opening_a_follow_up_closes_the_users_older_one_and_skip_closes_without_recovering(
    database: Any,
) -> None:
    store, clock = database.store, FixedClock(T0)
    alice = dm_person(database, clock)
    await alice.command("quiz", "db-indexing")
    await alice.say("lookup")
    user = await store.ensure_user("test", "a1", "Alice")
    first = await store.find_follow_up("dm-a1", user_id=user.id)
    again = await store.open_follow_up(
        first.attempt_id, "dm-a1", user.id, "db-indexing", "writes", ["writes"], T0
    )
    assert (await store.find_follow_up("dm-a1", user_id=user.id)).id == again.id
    assert await store.answer_follow_up(first.id, ["writes"], T0) is False  # the older one was closed
    skipped, _question = await alice.command("skip")
    assert skipped.title == "Follow-up skipped."
    assert await store.close_follow_ups("dm-a1", user.id, T0) == 0
    assert (await store.attempt_by_id(first.attempt_id)).recovered == ()


async def test_in_a_group_the_follow_up_is_found_by_its_message_and_forgotten_with_the_user(
    database: Any,
) -> None:
    store, clock = database.store, FixedClock(T0)
    engine = engine_on(store, clock)
    alice, bob = group_member(engine, "a1", "Alice"), group_member(engine, "b1", "Bob")
    [question] = await alice.command("quiz", "db-indexing")
    await engine.question_posted(question.open_question_id, "q-1")
    _grade, follow = await bob.say("lookup", reply_to="q-1")
    await engine.follow_up_posted(follow.follow_up_id, "f-1")
    [refused] = await alice.say("writes", reply_to="f-1")
    assert refused.title == "That follow-up is for Bob."
    bob_id = (await store.ensure_user("test", "b1", "Bob")).id
    await store.forget_user(bob_id)
    assert await store.find_follow_up("group-1", message_id="f-1") is None
