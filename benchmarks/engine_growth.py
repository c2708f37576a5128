"""How ``/quiz``, ``/stats`` and ``/leaderboard`` grow with history: p50 with a long history over p50 without.

``/quiz`` and ``/stats`` run for a user with ``history`` earlier attempts (answers of 2,000 characters)
and for one with a single attempt (``/stats`` with none takes a shorter path, so one answer is "none").
``/leaderboard`` runs in a group of 1,000 members holding ``history`` attempts between them, and in a
group of one member with one answer.  History is stored through the store, so the kept state is built
as it would be by answering; on PostgreSQL the tables are then vacuumed and analysed, as autovacuum does.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import timedelta
from typing import Any

from bot.engine import Engine
from bot.model.grades import Verdict
from bot.model.messages import Chat, Incoming, Sender
from bot.model.records import Attempt

PLATFORM = "bench"
ANSWER = ("A long answer about tokens, signatures and expiry. " * 40)[:2000]
VERDICTS = (Verdict.CORRECT, Verdict.PARTIAL, Verdict.WRONG, Verdict.SKIPPED)
GRADED = VERDICTS[:3]
"""The verdicts of the one earlier attempt "at none": a graded one, so ``/stats`` has something to show."""


async def _seed(
    engine: Engine,
    user_ids: list[int],
    place_id: int,
    count: int,
    rng: random.Random,
    verdicts: tuple[Verdict, ...] = VERDICTS,
) -> None:
    """Store ``count`` attempts spread over the users, one every few minutes up to now."""
    store, questions = engine.store, engine.bank.questions()
    start = engine.clock.now() - timedelta(minutes=7 * count + 60)
    for i in range(count):
        verdict = rng.choice(verdicts)
        score = 0.0 if verdict == Verdict.SKIPPED else rng.random()
        at = start + timedelta(minutes=7 * i)
        question = rng.choice(questions).id
        user_id = user_ids[i % len(user_ids)]
        await store.record_attempt(
            Attempt(user_id, place_id, question, score, verdict, at, answer_text=ANSWER)
        )


async def _vacuumed(engine: Engine) -> None:
    """On PostgreSQL, ``VACUUM ANALYZE`` after seeding: the history is stored in seconds, not over the months
    autovacuum would have cleaned up and analysed the tables in, and its dead row versions and missing
    statistics are not what a long-lived database looks like.  SQLite has neither."""
    sql_engine = engine.store.engine  # type: ignore[attr-defined]
    if sql_engine.dialect.name != "postgresql":
        return
    async with sql_engine.connect() as connection:
        vacuuming = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await vacuuming.exec_driver_sql("VACUUM ANALYZE")


async def _p50s(engine: Engine, small: Incoming, large: Incoming, runs: int) -> tuple[float, float]:
    """The median time of each of two events, run in turns (after a warm-up) so drift hits both alike."""
    timings: tuple[list[float], list[float]] = ([], [])
    for run in range(runs + 10):
        for incoming, found in ((small, timings[0]), (large, timings[1])):
            start = time.perf_counter()
            await engine.handle(incoming)
            if run >= 10:
                found.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings[0]), statistics.median(timings[1])


async def _dm_user(engine: Engine, name: str) -> tuple[Sender, Chat, Any, Any]:
    sender = Sender(PLATFORM, name, name)
    chat = Chat(PLATFORM, f"dm-{name}", is_private=True)
    user = await engine.store.ensure_user(PLATFORM, name, name)
    place = await engine.store.ensure_place(PLATFORM, chat.chat_id, True)
    return sender, chat, user, place


async def growth(engine: Engine, history: int, runs: int = 200, members: int = 1000) -> dict[str, float]:
    """The growth of each command, and its p50 in milliseconds with and without the history."""
    rng = random.Random(12)
    figures: dict[str, float] = {}
    heavy = await _dm_user(engine, "heavy")
    light = await _dm_user(engine, "light")
    await _seed(engine, [heavy[2].id], heavy[3].id, history, rng)
    await _seed(engine, [light[2].id], light[3].id, 1, rng, GRADED)  # a skip alone would leave no stats
    await _vacuumed(engine)
    for command in ("quiz", "stats"):
        small, large = await _p50s(
            engine,
            Incoming.for_command(light[0], light[1], command),
            Incoming.for_command(heavy[0], heavy[1], command),
            runs,
        )
        figures[f"{command}_p50_none_ms"], figures[f"{command}_p50_history_ms"] = small, large
        figures[f"growth_{command}"] = large / small
    big = Chat(PLATFORM, "group-big", is_private=False, title="Big")
    tiny = Chat(PLATFORM, "group-tiny", is_private=False, title="Tiny")
    big_place = await engine.store.ensure_place(PLATFORM, big.chat_id, False, "Big")
    tiny_place = await engine.store.ensure_place(PLATFORM, tiny.chat_id, False, "Tiny")
    ids = [(await engine.store.ensure_user(PLATFORM, f"m{i}", f"Member {i}")).id for i in range(members)]
    await _seed(engine, ids, big_place.id, history, rng)
    await _seed(engine, ids[:1], tiny_place.id, 1, rng, GRADED)
    await _vacuumed(engine)
    asker = Sender(PLATFORM, f"m{members - 1}", f"Member {members - 1}")
    first = Sender(PLATFORM, "m0", "Member 0")
    small, large = await _p50s(
        engine,
        Incoming.for_command(first, tiny, "leaderboard"),
        Incoming.for_command(asker, big, "leaderboard"),
        runs,
    )
    figures["leaderboard_p50_none_ms"], figures["leaderboard_p50_history_ms"] = small, large
    figures["growth_leaderboard"] = large / small
    return figures
