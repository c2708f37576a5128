"""The history reads (bot/history.py) against the in-memory fake, SQLite and PostgreSQL: day tallies in
the user's zone over a window, and attempt pages that cover every attempt of one user once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from bot.model.grades import Verdict
from bot.model.history import DayTally
from bot.model.records import Attempt

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(each_store: Any) -> Any:
    """An empty store of each implementation (the fake, SQLite, PostgreSQL)."""
    return each_store


async def _people(store: Any) -> tuple[int, int, int]:
    alice = await store.ensure_user("test", "alice", "Alice")
    bob = await store.ensure_user("test", "bob", "Bob")
    place = await store.ensure_place("test", "dm", True)
    return alice.id, bob.id, place.id


def _attempt(user: int, place: int, at: datetime, question: str = "jwt", **fields: Any) -> Attempt:
    values: dict[str, Any] = {"score": 1.0, "verdict": Verdict.CORRECT, "answer_text": "my words"}
    return Attempt(user_id=user, place_id=place, question_id=question, answered_at=at, **(values | fields))


async def test_day_tallies_sum_a_window_per_local_day_and_question(store: Any) -> None:
    alice, bob, place = await _people(store)
    # 23:30 UTC on 1 March is already 2 March in Berlin (UTC+1 in March).
    for at, question, score, verdict in [
        (T0 - timedelta(days=30), "jwt", 1.0, Verdict.CORRECT),  # before the window
        (datetime(2026, 3, 1, 23, 30, tzinfo=UTC), "jwt", 0.5, Verdict.PARTIAL),
        (T0, "jwt", 1.0, Verdict.CORRECT),
        (T0 + timedelta(minutes=1), "cors", 0.0, Verdict.SKIPPED),
        (T0 + timedelta(days=1), "cors", 0.25, Verdict.WRONG),
    ]:
        await store.record_attempt(_attempt(alice, place, at, question, score=score, verdict=verdict))
    await store.record_attempt(_attempt(bob, place, T0, "jwt"))
    tallies = await store.day_tallies(alice, T0 - timedelta(days=7), "Europe/Berlin")
    assert tallies == [
        DayTally(date(2026, 3, 2), "cors", 1, 0, 0.0),
        DayTally(date(2026, 3, 2), "jwt", 2, 2, 1.5),
        DayTally(date(2026, 3, 3), "cors", 1, 1, 0.25),
    ]
    assert await store.day_tallies(alice, T0 + timedelta(days=5), "UTC") == []


async def test_attempt_pages_hold_every_attempt_of_one_user_once_oldest_first(store: Any) -> None:
    alice, bob, place = await _people(store)
    times = [T0 + timedelta(minutes=m) for m in (5, 1, 3, 3, 0, 4, 2)]  # two at the same instant
    for index, at in enumerate(times):
        await store.record_attempt(_attempt(alice, place, at, f"q{index}"))
        await store.record_attempt(_attempt(bob, place, at, f"bob{index}"))
    seen: list[Attempt] = []
    after = None
    while page := await store.attempt_page(alice, after, 3):
        assert len(page) <= 3
        seen.extend(page)
        after = page[-1]
    assert sorted(a.question_id for a in seen) == [f"q{i}" for i in range(7)]
    assert len({a.id for a in seen}) == 7
    assert [a.answered_at for a in seen] == sorted(times)
    assert all(a.user_id == alice and a.answer_text == "my words" for a in seen)


async def test_local_days_follow_a_change_of_offset_inside_the_window(store: Any) -> None:
    alice, _, place = await _people(store)
    # Berlin moves from UTC+1 to UTC+2 on 29 March 2026: 22:30 UTC is 23:30 before it and 00:30 after it.
    await store.record_attempt(_attempt(alice, place, datetime(2026, 3, 10, 22, 30, tzinfo=UTC), "jwt"))
    await store.record_attempt(_attempt(alice, place, datetime(2026, 4, 1, 22, 30, tzinfo=UTC), "cors"))
    tallies = await store.day_tallies(alice, datetime(2026, 3, 1, tzinfo=UTC), "Europe/Berlin")
    assert [(t.day, t.question_id) for t in tallies] == [
        (date(2026, 3, 10), "jwt"),
        (date(2026, 4, 2), "cors"),
    ]
