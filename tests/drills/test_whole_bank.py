"""Daily drills over the shipped bank of 200+ questions: one a day, new questions from every topic,
new questions for answers remembered.  On the in-memory store and on SQLite."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.grading import grade, nudge
from content import load_bank
from storage import open_database
from tests.support.drills import DrillWorld, at
from tests.support.fakes import FixedClock, MemoryDrillStore

START = "2026-06-01 12:00"
DAYS = 40


def with_real_grader(world: DrillWorld) -> DrillWorld:
    """The world's engine grading with the product's grader (the shipped key points need it)."""
    world.engine = Engine(world.bank, world.store, world.clock, grader=grade, nudger=nudge)
    return world


@pytest.fixture(params=["memory", "sqlite"])
async def world(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[DrillWorld]:
    """A drill world over the shipped bank."""
    bank = load_bank()
    if request.param == "memory":
        yield with_real_grader(DrillWorld(MemoryDrillStore(), at(START), bank=bank))
        return
    database = await open_database(
        f"sqlite+aiosqlite:///{tmp_path / 'drills.db'}", clock=FixedClock(at(START))
    )
    yield with_real_grader(DrillWorld(database.store, at(START), drills=database.drills, bank=bank))
    await database.close()


async def test_a_subscriber_gets_a_drill_a_day_from_across_the_whole_bank(world: DrillWorld) -> None:
    assert len(world.bank.questions()) >= 200
    alice = world.user("1", "Alice")
    await alice.command("daily", "08:00", "UTC")
    day = at("2026-06-02 07:59")
    for _ in range(DAYS):
        for minutes in (-30, 2):  # plan before the local time, send after it
            world.clock.current = day + timedelta(minutes=minutes)
            await world.tick()
        sent = world.transport.sent[-1]
        assert sent.at.date() == (day + timedelta(minutes=1)).date()
        opened = await world.store.get_open_question(sent.reply.open_question_id or 0)
        question = world.bank.get(opened.question_id) if opened is not None else None
        assert question is not None
        await alice.say(question.model_answer)  # mostly remembered: the next drills bring new questions
        day += timedelta(days=1)
    sends = world.transport.sent
    assert len(sends) == DAYS and len({s.at.date() for s in sends}) == DAYS
    opened = [await world.store.get_open_question(s.reply.open_question_id or 0) for s in sends]
    ids = [question.question_id for question in opened if question is not None]
    assert len(ids) == DAYS
    topics = {world.bank.get(question_id).topic for question_id in ids}  # type: ignore[union-attr]
    assert len(topics) >= 8 and len(set(ids)) >= DAYS // 3, ids
