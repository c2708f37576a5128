"""The per-user limit on graded answers: over it, a clear reply, nothing recorded, the question still open;
in practice and in a mock interview alike."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from bot.engine import Engine
from bot.flows.answer_limit import AnswerLimit
from bot.model.messages import Chat
from tests.support.fakes import FixedClock, MemoryStore
from tests.support.world import Person, keyword_grader, small_bank

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def limited_person(store: MemoryStore) -> Person:
    """Alice in her DM, on an engine that takes one graded answer a minute."""
    engine = Engine(
        small_bank(),
        store,
        FixedClock(T0),
        grader=keyword_grader,
        nudger=lambda q, g: "",
        rng=random.Random(3),
        answer_limit=AnswerLimit(per_window=1),
    )
    return Person(engine, "a1", "Alice", Chat("test", "a1", is_private=True))


async def test_a_second_practice_answer_in_the_minute_is_refused_and_the_question_stays_open() -> None:
    store = MemoryStore()
    alice = limited_person(store)
    await alice.command("quiz")
    await alice.say("first answer")
    await alice.command("quiz")
    [refused] = await alice.say("second answer")
    assert "at most 1" in refused.title and "still open" in " ".join(refused.body)
    assert len(store.attempts) == 1


async def test_the_limit_holds_inside_a_mock_interview() -> None:
    store = MemoryStore()
    alice = limited_person(store)
    await alice.command("interview", "2")
    await alice.say("first answer")
    [refused] = await alice.say("second answer")
    assert "at most 1" in refused.title
    assert len(store.attempts) == 1
