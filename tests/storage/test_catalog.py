"""The question catalog in every store: synced with the bank, grouping ``/stats`` and bounding ``/quiz``.

A re-sync moves a question to its new topic, retires a dropped one (its answers count as "retired" and
it is never chosen again), and on SQL writes nothing when nothing changed.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event

from bot.model.grades import Verdict
from bot.model.progress import CatalogEntry, PracticePick
from bot.model.records import Attempt

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
FIRST = (
    CatalogEntry("jwt", "security", "hard"),
    CatalogEntry("cors", "security", "easy"),
    CatalogEntry("caching", "performance", "medium"),
)


def _pick(topic: str | None = None, difficulty: str | None = None, draw: int = 0) -> PracticePick:
    return PracticePick(topic, difficulty, 5, 0.8, draw)


async def _answer(
    store: Any, user_id: int, place_id: int, question_id: str, score: float, minutes: int
) -> None:
    verdict = Verdict.CORRECT if score >= 0.8 else Verdict.PARTIAL
    at = T0 + timedelta(minutes=minutes)
    assert await store.record_attempt(Attempt(user_id, place_id, question_id, score, verdict, at))


async def test_resync_moves_and_retires_questions(each_store: Any) -> None:
    store = each_store
    user = await store.ensure_user("test", "1", "Ann")
    place = await store.ensure_place("test", "dm-1", True)
    await store.sync_catalog(FIRST)
    await _answer(store, user.id, place.id, "jwt", 1.0, 1)
    await _answer(store, user.id, place.id, "caching", 0.5, 2)
    totals = sorted((t.topic, t.graded, t.score_sum) for t in await store.topic_totals(user.id))
    assert totals == [("performance", 1, 0.5), ("security", 1, 1.0)]
    # Nothing new in security after jwt: cors, never met, is the only best choice; easy is only cors.
    assert {await store.pick_practice_question(user.id, _pick("security", draw=d)) for d in range(4)} == {
        "cors"
    }
    assert await store.pick_practice_question(user.id, _pick(difficulty="easy", draw=7)) == "cors"
    assert await store.pick_practice_question(user.id, _pick("no-such-topic")) is None

    moved = (CatalogEntry("jwt", "auth", "hard"), CatalogEntry("cors", "security", "easy"))
    await store.sync_catalog(moved)
    totals = sorted((t.topic or "", t.graded, t.score_sum) for t in await store.topic_totals(user.id))
    assert totals == [("", 1, 0.5), ("auth", 1, 1.0)]
    chosen = {await store.pick_practice_question(user.id, _pick(draw=d)) for d in range(6)}
    assert chosen == {"cors"}, "a retired question is never chosen"


async def test_the_choice_avoids_recent_questions_then_prefers_new_then_weak(each_store: Any) -> None:
    store = each_store
    user = await store.ensure_user("test", "1", "Ann")
    place = await store.ensure_place("test", "dm-1", True)
    await store.sync_catalog(FIRST)
    chosen = {await store.pick_practice_question(user.id, _pick(draw=d)) for d in range(6)}
    assert chosen == {"jwt", "cors", "caching"}, "a new user may get any question"
    await _answer(store, user.id, place.id, "jwt", 0.3, 1)
    await _answer(store, user.id, place.id, "cors", 1.0, 2)
    await _answer(store, user.id, place.id, "caching", 0.9, 3)
    # All three are recent: the latest (caching) is avoided; of jwt (weak) and cors (strong), jwt.
    assert {await store.pick_practice_question(user.id, _pick(draw=d)) for d in range(6)} == {"jwt"}
    # Only caching in scope: the latest is still asked rather than nothing.
    assert await store.pick_practice_question(user.id, _pick("performance")) == "caching"


async def test_an_unchanged_catalog_is_not_written_again(each_store: Any) -> None:
    store = each_store
    await store.sync_catalog(FIRST)
    if not hasattr(store, "engine"):
        return  # the in-memory fake writes nothing anyway
    seen: list[str] = []
    event.listen(store.engine.sync_engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    await store.sync_catalog(FIRST)
    assert [s.split()[0] for s in seen] == ["SELECT"]


async def test_one_users_racing_answers_and_syncs_all_count(each_store: Any) -> None:
    store = each_store
    user = await store.ensure_user("test", "1", "Ann")
    place = await store.ensure_place("test", "dm-1", True)
    answers = [_answer(store, user.id, place.id, q.question_id, 0.5, i) for i, q in enumerate(FIRST * 3)]
    syncs = [store.sync_catalog(FIRST) for _ in range(6)]
    await asyncio.gather(*answers, *syncs)
    totals = sorted((t.topic, t.graded, t.score_sum) for t in await store.topic_totals(user.id))
    assert totals == [("performance", 3, 1.5), ("security", 6, 3.0)]
    progress = await store.user_progress(user.id)
    assert progress is not None and progress.answers == 9
