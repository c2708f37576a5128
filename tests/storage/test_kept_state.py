"""The kept state (per user-question, per user, per member) equals a recount from the attempts.

Randomised histories (skips included, users in several time zones, a group and DMs) on the fake, SQLite
and PostgreSQL; checked as answers arrive, after ``/forget``, and after migration 0003's backfill.  The
reads grouped by the question catalog (``/quiz``'s choice, ``/stats``'s topics and due reviews) are
recounted too, with one question left out of the catalog as a retired one.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.drills.cards import build_cards, retention
from bot.drills.stats import reviews_from
from bot.flows.progress import ranked
from bot.flows.selection import best_pool
from bot.flows.streaks import streak
from bot.model.grades import Verdict
from bot.model.progress import CatalogEntry, PracticePick, week_start
from bot.model.records import Attempt, LeaderRow
from storage import open_database
from storage.migrate import downgrade_to, upgrade_to_head
from tests.support.databases import database_url
from tests.support.fakes import FixedClock, MemoryStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ZONES = ("UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo")
QUESTIONS = ("jwt", "cors", "caching", "docker", "acid-transactions", "db-indexing")
VERDICTS = (Verdict.CORRECT, Verdict.PARTIAL, Verdict.WRONG, Verdict.SKIPPED)
CATALOG = (
    CatalogEntry("jwt", "security", "hard"),
    CatalogEntry("cors", "security", "medium"),
    CatalogEntry("caching", "performance", "medium"),
    CatalogEntry("docker", "devops", "easy"),
    CatalogEntry("acid-transactions", "databases", "medium"),
    CatalogEntry("new-question", "databases", "hard"),
)
"""The catalog: "db-indexing" was answered but is retired; "new-question" was never answered."""
PICKS = ((None, None), ("security", None), (None, "medium"), ("databases", "hard"), ("nothing", None))
"""(topic, difficulty) of the ``/quiz`` choices checked."""


def _instants(now: datetime) -> list[datetime]:
    return [now - timedelta(days=3), now, now + timedelta(days=2), now + timedelta(days=40)]


async def _pool(store: Any, user_id: int, topic: str | None, difficulty: str | None) -> list[str | None]:
    """Every question the store's choice can give (one draw per catalog entry covers the best pool)."""
    picks = [PracticePick(topic, difficulty, 5, 0.8, draw) for draw in range(len(CATALOG))]
    return sorted({await store.pick_practice_question(user_id, pick) for pick in picks}, key=str)


async def _history(store: Any, seed: int, answers: int = 160) -> tuple[list[Any], list[Any], datetime]:
    """Users and places with a random history of attempts; return them and the time after the last."""
    rng = random.Random(seed)
    await store.sync_catalog(CATALOG)  # so the per-topic totals are moved answer by answer
    users = []
    for i, zone in enumerate(ZONES):
        user = await store.ensure_user("telegram", str(i), f"User {i}")
        await store.set_user_timezone(user.id, zone)
        users.append(await store.get_user(user.id))
    places = [
        await store.ensure_place("telegram", "group-a", False, "A"),
        await store.ensure_place("telegram", "group-b", False, "B"),
    ]
    now = T0
    for _ in range(answers):
        now += timedelta(minutes=rng.choice([1, 7, 90, 600, 1500, 2900]))
        verdict = rng.choice(VERDICTS)
        score = 0.0 if verdict == Verdict.SKIPPED else round(rng.random(), 3)
        attempt = Attempt(
            rng.choice(users).id,
            rng.choice(places).id,
            rng.choice(QUESTIONS),
            score,
            verdict,
            now,
            hints_used=rng.choice([0, 0, 1]),
            elapsed_seconds=rng.choice([None, 30.0, 400.0]),
        )
        assert await store.record_attempt(attempt)
    return users, places, now + timedelta(hours=5)


async def _kept(store: Any, users: list[Any], places: list[Any], now: datetime) -> dict[str, Any]:
    """Everything the kept state says, in comparable form (after migrating anew, the catalog's first sync
    rebuilds the per-topic totals)."""
    await store.sync_catalog(CATALOG)
    found: dict[str, Any] = {}
    for user in users:
        zone = ZoneInfo(user.timezone)
        states = sorted(await store.question_states(user.id), key=lambda s: s.question_id)
        found[f"states {user.id}"] = [
            (s.question_id, s.attempts, s.graded, round(s.score_sum, 6), s.last_score, s.last_verdict,
             s.first_seen, s.last_answered_at, s.last_rating, s.card["due"], s.card["stability"])
            for s in states
        ]  # fmt: skip
        p = await store.user_progress(user.id)
        today = now.astimezone(zone).date()
        found[f"progress {user.id}"] = p and (
            p.answers, p.correct, p.partial, p.wrong, round(p.score_sum, 6), p.last_answered_at,
            p.days.current_on(today), p.days.best, p.reviewed, p.recalled,
        )  # fmt: skip
        found[f"latest {user.id}"] = await store.latest_question_ids(user.id, 5)
        totals = await store.topic_totals(user.id)
        found[f"topics {user.id}"] = sorted((t.topic or "", t.graded, round(t.score_sum, 6)) for t in totals)
        for before in _instants(now):
            due = await store.due_summary(user.id, before, 3)
            found[f"due {user.id} {before}"] = (due.due, due.first, due.next_due)
        for topic, difficulty in PICKS:
            found[f"pool {user.id} {topic} {difficulty}"] = await _pool(store, user.id, topic, difficulty)
    for place in places:
        for week in (None, week_start(now)):
            for user in users:
                page = await store.leaderboard_page(place.id, user.id, week, top=2)
                lines = [*page.top, *([page.own] if page.own else [])]
                found[f"board {place.id} {week} {user.id}"] = [
                    (line.rank, line.user_id, line.points, line.answers, line.correct,
                     line.days.current_on(now.astimezone(ZoneInfo(line.timezone)).date()))
                    for line in lines
                ]  # fmt: skip
    return found


async def _recount(store: Any, users: list[Any], places: list[Any], now: datetime) -> dict[str, Any]:
    """The same, counted again from the stored attempts with the original history-reading functions."""
    found: dict[str, Any] = {}
    history = {user.id: await store.user_attempts(user.id) for user in users}
    for user in users:
        zone = ZoneInfo(user.timezone)
        mine = history[user.id]
        cards = build_cards(reviews_from(mine))
        rows = []
        for qid in sorted(cards):
            tries = [a for a in mine if a.question_id == qid]
            graded = [a for a in tries if a.verdict != Verdict.SKIPPED]
            c = cards[qid]
            rows.append(
                (qid, len(tries), len(graded), round(sum(a.score for a in graded), 6), tries[-1].score,
                 tries[-1].verdict, c.first_seen, c.last_seen, int(c.last_rating),
                 c.card.due.isoformat(), c.card.stability)
            )  # fmt: skip
        found[f"states {user.id}"] = rows
        graded = [a for a in mine if a.verdict != Verdict.SKIPPED]
        run = streak((a.answered_at for a in graded), user.timezone, now)
        kept = retention(reviews_from(mine), now.astimezone(zone).date(), zone)
        count = {v: sum(a.verdict == v for a in graded) for v in VERDICTS}
        found[f"progress {user.id}"] = (
            (len(graded), count[Verdict.CORRECT], count[Verdict.PARTIAL], count[Verdict.WRONG],
             round(sum(a.score for a in graded), 6), graded[-1].answered_at if graded else None,
             run.current, run.best, kept.reviewed, kept.recalled)
            if mine else None
        )  # fmt: skip
        found[f"latest {user.id}"] = [a.question_id for a in reversed(mine[-5:])]
        found.update(_catalog_recount(user.id, mine, cards, now))
    names = {user.id: user.display_name for user in users}
    for place in places:
        all_time = await store.leaderboard(place.id)
        assert all_time == _board(history, names, place.id, None)
        for week in (None, week_start(now)):
            ranks = ranked(_board(history, names, place.id, week))
            for user in users:
                shown = ranks[:2] + [r for r in ranks[2:] if r[1].user_id == user.id]
                found[f"board {place.id} {week} {user.id}"] = [
                    (rank, row.user_id, row.points, row.answers, row.correct,
                     _place_streak(history[row.user_id], place.id, _zone_of(users, row.user_id), now))
                    for rank, row in shown
                ]  # fmt: skip
    return found


def _board(
    history: dict[int, list[Attempt]], names: dict[int, str], place_id: int, week: datetime | None
) -> list[LeaderRow]:
    """A place's board from the attempts: all time, or of one week (Monday to Monday, UTC)."""
    rows = []
    for user_id, attempts in history.items():
        here = [
            a
            for a in attempts
            if a.place_id == place_id
            and a.verdict != Verdict.SKIPPED
            and (week is None or week <= a.answered_at < week + timedelta(days=7))
        ]
        if here:
            points = sum(round(a.score * 10) for a in here)
            correct = sum(a.verdict == Verdict.CORRECT for a in here)
            rows.append(LeaderRow(user_id, names[user_id], points, len(here), correct))
    return sorted(rows, key=lambda r: (-r.points, -r.correct, r.display_name, r.user_id))


def _catalog_recount(
    user_id: int, mine: list[Attempt], cards: dict[str, Any], now: datetime
) -> dict[str, Any]:
    """The catalog-grouped reads of one user, counted from their attempts and FSRS cards."""
    found: dict[str, Any] = {}
    topic_of = {e.question_id: e.topic for e in CATALOG}
    sums: dict[str, list[float]] = {}
    for attempt in mine:
        if attempt.verdict != Verdict.SKIPPED:
            tally = sums.setdefault(topic_of.get(attempt.question_id, ""), [0, 0.0])
            tally[0] += 1
            tally[1] += attempt.score
    found[f"topics {user_id}"] = sorted((t, int(n), round(total, 6)) for t, (n, total) in sums.items())
    for before in _instants(now):
        due = sorted(
            (qid for qid, c in cards.items() if c.card.due < before),
            key=lambda qid: (int(cards[qid].last_rating), cards[qid].card.due, qid),
        )
        later = [c.card.due for c in cards.values() if c.card.due >= before]
        found[f"due {user_id} {before}"] = (len(due), tuple(due[:3]), min(later, default=None))
    last_scores = {a.question_id: a.score for a in mine}
    recent = [a.question_id for a in reversed(mine)]
    for topic, difficulty in PICKS:
        candidates = [
            e.question_id for e in CATALOG if topic in (None, e.topic) and difficulty in (None, e.difficulty)
        ]
        pick = PracticePick(topic, difficulty, 5, 0.8, 0)
        pool = best_pool(candidates, last_scores, recent, pick) or [None]
        found[f"pool {user_id} {topic} {difficulty}"] = sorted(pool, key=str)
    return found


def _zone_of(users: list[Any], user_id: int) -> str:
    return next(u.timezone for u in users if u.id == user_id)


def _place_streak(attempts: list[Attempt], place_id: int, zone: str, now: datetime) -> int:
    days = (a.answered_at for a in attempts if a.place_id == place_id and a.verdict != Verdict.SKIPPED)
    return streak(days, zone, now).current


async def _check(store: Any, users: list[Any], places: list[Any], now: datetime) -> dict[str, Any]:
    kept = await _kept(store, users, places, now)
    assert kept == await _recount(store, users, places, now)
    return kept


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("kind", ["memory", "sqlite", "postgres"])
async def test_kept_state_equals_a_recount_also_after_forget_and_backfill(
    kind: str, seed: int, tmp_path: Path, private_postgres_url: str | None
) -> None:
    if kind == "memory":
        store = MemoryStore()
        users, places, now = await _history(store, seed)
        await _check(store, users, places, now)
        await store.forget_user(users[1].id)
        await _check(store, [users[0], *users[2:]], places, now)
        return
    url = await database_url(kind, tmp_path, private_postgres_url)
    async with await open_database(url, clock=FixedClock(T0)) as database:
        users, places, now = await _history(database.store, seed)
        kept = await _check(database.store, users, places, now)
    await downgrade_to(url, "0002")
    await upgrade_to_head(url)
    async with await open_database(url, clock=FixedClock(T0)) as database:
        assert await _check(database.store, users, places, now) == kept
        await database.store.forget_user(users[1].id)
        left = [users[0], *users[2:]]
        await _check(database.store, left, places, now)
        assert await database.store.user_progress(users[1].id) is None
        assert await database.store.question_states(users[1].id) == []
        again = await database.store.ensure_user("telegram", "1", "User 1")
        assert await database.store.user_progress(again.id) is None
