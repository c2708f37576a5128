"""Appeals in every store (the fake, SQLite, PostgreSQL): one appeal per attempt, its reason updated, and
accepting appeals regrades attempts so that the kept state still equals a recount from the attempts."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pytest

from bot.model.appeals import AppealStatus, accepted_score
from bot.model.grades import Verdict
from tests.storage.test_kept_state import _check, _history


@pytest.fixture
def store(each_store: Any) -> Any:
    """An empty store of each implementation (the fake, SQLite, PostgreSQL)."""
    return each_store


@pytest.mark.parametrize("seed", [4, 5])
async def test_accepted_appeals_leave_the_kept_state_equal_to_a_recount(store: Any, seed: int) -> None:
    users, places, now = await _history(store, seed, answers=120)
    before = await _check(store, users, places, now)
    rng = random.Random(seed)
    graded = [a for user in users for a in await store.user_attempts(user.id) if a.verdict != Verdict.SKIPPED]
    chosen = rng.sample(graded, 25)
    for index, attempt in enumerate(chosen):
        appeal = await store.record_appeal(attempt, Verdict.CORRECT, f"reason {index}", "chat", now)
        verdict = rng.choice([Verdict.CORRECT, Verdict.PARTIAL, Verdict.WRONG])
        score = accepted_score(verdict, attempt.score)
        accepted = await store.accept_appeal(appeal.id, verdict, score, users[0].id, now)
        assert accepted is not None and accepted.status is AppealStatus.ACCEPTED
        assert (accepted.accepted_verdict, accepted.accepted_score) == (verdict, score)
        stored = next(a for a in await store.user_attempts(attempt.user_id) if a.id == attempt.id)
        assert (stored.verdict, stored.score) == (verdict, score)
    after = await _check(store, users, places, now)  # kept state == recount from the regraded attempts
    assert after != before  # the corrections did change points, totals and question states


async def test_an_appeal_per_attempt_whose_reason_updates_and_which_is_accepted_once(store: Any) -> None:
    users, _, now = await _history(store, 6, answers=20)
    attempt = next(a for a in await store.user_attempts(users[0].id) if a.verdict != Verdict.SKIPPED)
    first = await store.record_appeal(attempt, Verdict.CORRECT, "", "chat-1", now)
    assert (first.attempt_id, first.user_id, first.place_id) == (
        attempt.id,
        attempt.user_id,
        attempt.place_id,
    )
    assert (first.verdict, first.score, first.matched, first.missed) == (
        attempt.verdict, attempt.score, attempt.matched, attempt.missed
    )  # fmt: skip
    assert (first.reason, first.status, first.message_id) == ("", AppealStatus.OPEN, None)
    later = now + timedelta(minutes=3)
    second = await store.record_appeal(attempt, Verdict.PARTIAL, "It said most of it", "chat-1", later)
    assert second.id == first.id
    assert (second.claimed, second.reason, second.updated_at) == (
        Verdict.PARTIAL,
        "It said most of it",
        later,
    )
    kept = await store.record_appeal(attempt, Verdict.CORRECT, "", "chat-1", later + timedelta(minutes=1))
    assert (kept.reason, kept.claimed) == ("It said most of it", Verdict.PARTIAL)
    assert [a.id for a in await store.list_appeals()] == [first.id]
    assert await store.appealed_attempt_ids(users[0].id) == {attempt.id}
    assert await store.appealed_attempt_ids(users[1].id) == set()

    await store.set_appeal_message(first.id, "m-7")
    assert (await store.find_appeal_by_message("chat-1", "m-7")).id == first.id
    assert await store.find_appeal_by_message("chat-2", "m-7") is None

    assert await store.accept_appeal(first.id, Verdict.PARTIAL, 0.5, users[1].id, later) is not None
    assert await store.accept_appeal(first.id, Verdict.CORRECT, 1.0, users[1].id, later) is None
    after = await store.record_appeal(attempt, Verdict.CORRECT, "again", "chat-1", later)
    assert (after.status, after.reason, after.accepted_by_user_id) == (
        AppealStatus.ACCEPTED, "It said most of it", users[1].id
    )  # fmt: skip
    assert (await store.get_appeal(first.id)).accepted_verdict is Verdict.PARTIAL
    assert await store.get_appeal(first.id + 100) is None


async def test_attempt_lookups_and_forget_take_the_appeals_along(store: Any) -> None:
    users, places, now = await _history(store, 7, answers=30)
    mine = await store.user_attempts(users[2].id)
    graded = [a for a in mine if a.verdict != Verdict.SKIPPED]
    latest = max((a for a in graded if a.place_id == places[0].id), key=lambda a: (a.answered_at, a.id))
    assert await store.latest_graded_attempt(users[2].id, places[0].id) == latest
    assert await store.get_attempt(latest.id) == latest
    assert await store.latest_graded_attempt(users[2].id, 10_000) is None
    await store.record_appeal(latest, Verdict.CORRECT, "why", "chat", now)
    other = next(a for a in await store.user_attempts(users[3].id) if a.verdict != Verdict.SKIPPED)
    await store.record_appeal(other, Verdict.CORRECT, "", "chat", now)
    await store.forget_user(users[2].id)
    assert [a.user_id for a in await store.list_appeals()] == [users[3].id]
    assert await store.appealed_attempt_ids(users[2].id) == set()
