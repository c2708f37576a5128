"""The Store contract: one set of tests run against the in-memory fake, SQLite and PostgreSQL.

Every test gets an empty store.  "postgres" runs when TEST_DATABASE_URL is set (in a private database,
reset before each test).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from bot.model.grades import Verdict
from bot.model.records import Attempt, Subscription
from storage import SqlStore, open_database
from tests.support.databases import database_url
from tests.support.fakes import FixedClock

T0 = datetime(2026, 3, 2, 9, 0, 0, 123456, tzinfo=UTC)
ODD_TEXT = (
    "Émile’s answer 🤖👩🏽‍💻 — עברית שלום، مرحبا بالعالم — e\u0301 \u200b\u200d zero-width, "
    "control \x01\x07\x1b[31m \t tab \r\n newline, <b>markup</b> & @everyone <@123> `code` ﷽ 𝔘𝔫𝔦"
)


@asynccontextmanager
async def empty_sql_store(kind: str, tmp_path: Path, postgres_url: str | None) -> AsyncIterator[SqlStore]:
    """The SqlStore of an empty database of the kind ("sqlite" or "postgres"), closed after."""
    url = await database_url(kind, tmp_path, postgres_url, migrated=True)
    async with await open_database(url, clock=FixedClock(T0)) as database:
        yield database.store


@pytest.fixture(params=["memory", "sqlite", "postgres"])
async def store(
    request: pytest.FixtureRequest, tmp_path: Path, private_postgres_url: str | None
) -> AsyncIterator[Any]:
    """An empty store of each implementation (this module's own ``store``, not the shared fake)."""
    if request.param == "memory":
        from tests.support.fakes import MemoryStore

        yield MemoryStore()
        return
    async with empty_sql_store(request.param, tmp_path, private_postgres_url) as opened:
        yield opened


@pytest.fixture(params=["sqlite", "postgres"])
async def sql_store(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    private_postgres_url: str | None,
) -> AsyncIterator[SqlStore]:
    """An empty SqlStore, for what only a database can show (rows left behind, time zones)."""
    async with empty_sql_store(request.param, tmp_path, private_postgres_url) as opened:
        yield opened


def an_attempt(user_id: int, place_id: int, at: datetime, **fields: Any) -> Attempt:
    """An attempt with sensible defaults; ``fields`` override any of them."""
    defaults: dict[str, Any] = {"question_id": "jwt", "score": 1.0, "verdict": "correct"}
    return Attempt(user_id=user_id, place_id=place_id, answered_at=at, **(defaults | fields))


async def a_group(store: Any, *names: str) -> tuple[Any, list[Any]]:
    """A group place and its members, in the order given."""
    place = await store.ensure_place("test", "group-1", False, "Study group")
    users = [await store.ensure_user("test", f"u-{name}", name) for name in names]
    for user in users:
        await store.add_member(place.id, user.id)
    return place, users


# --- users and places -------------------------------------------------------------------------------


async def test_ensure_user_creates_once_and_refreshes_the_display_name(store: Any) -> None:
    first = await store.ensure_user("telegram", "42", "Alice")
    again = await store.ensure_user("telegram", "42", "Alice B.")
    elsewhere = await store.ensure_user("discord", "42", "Alice")
    assert again.id == first.id
    assert again.display_name == "Alice B."
    assert (await store.get_user(first.id)).display_name == "Alice B."
    assert elsewhere.id != first.id
    assert first.timezone == "UTC"


async def test_ensure_user_racing_tasks_get_one_user(store: Any) -> None:
    results = await asyncio.gather(*(store.ensure_user("telegram", "7", f"Racer {i}") for i in range(8)))
    assert len({user.id for user in results}) == 1
    assert (await store.get_user(results[0].id)).platform_user_id == "7"


async def test_get_user_of_an_unknown_id_is_none(store: Any) -> None:
    assert await store.get_user(999_999) is None


async def test_set_user_timezone_is_remembered(store: Any) -> None:
    user = await store.ensure_user("telegram", "1", "Alice")
    await store.set_user_timezone(user.id, "Europe/Berlin")
    assert (await store.get_user(user.id)).timezone == "Europe/Berlin"
    assert (await store.ensure_user("telegram", "1", "Alice")).timezone == "Europe/Berlin"
    with pytest.raises(KeyError):
        await store.set_user_timezone(999_999, "UTC")


async def test_ensure_place_is_get_or_create_even_when_racing(store: Any) -> None:
    places = await asyncio.gather(
        *(store.ensure_place("discord", "guild-9", False, "Guild") for _ in range(6))
    )
    assert len({place.id for place in places}) == 1
    assert (places[0].platform, places[0].platform_place_id, places[0].is_private, places[0].title) == (
        "discord",
        "guild-9",
        False,
        "Guild",
    )
    dm = await store.ensure_place("discord", "dm-1", True)
    assert dm.is_private and dm.title == "" and dm.id != places[0].id
    assert (await store.ensure_place("discord", "guild-9", False)).id == places[0].id


async def test_add_member_is_idempotent(store: Any) -> None:
    place, (alice,) = await a_group(store, "Alice")
    await store.add_member(place.id, alice.id)
    await asyncio.gather(store.add_member(place.id, alice.id), store.add_member(place.id, alice.id))


# --- open questions ---------------------------------------------------------------------------------


async def test_group_questions_stay_open_side_by_side_and_are_found_by_message(store: Any) -> None:
    place, (alice, bob) = await a_group(store, "Alice", "Bob")
    first = await store.open_question(place.id, "group-1", "jwt", alice.id, None, T0)
    second = await store.open_question(place.id, "group-1", "cors", bob.id, None, T0 + timedelta(minutes=1))
    await store.set_question_message(first.id, "m-1")
    await store.set_question_message(second.id, "m-2")

    found = await store.find_open_question("group-1", message_id="m-1")
    assert found == dataclasses.replace(first, message_id="m-1")
    assert (await store.find_open_question("group-1", message_id="m-2")).id == second.id
    assert await store.find_open_question("group-1", message_id="m-3") is None
    assert await store.find_open_question("other-chat", message_id="m-1") is None
    assert (first.asked_by_user_id, first.for_user_id, first.hints_shown, first.closed_at) == (
        alice.id,
        None,
        0,
        None,
    )


async def test_a_closed_question_is_no_longer_found_but_can_still_be_read(store: Any) -> None:
    place, (alice,) = await a_group(store, "Alice")
    question = await store.open_question(place.id, "group-1", "jwt", alice.id, None, T0)
    await store.set_question_message(question.id, "m-1")
    await store.close_question(question.id, T0 + timedelta(minutes=5))
    await store.close_question(question.id, T0 + timedelta(minutes=9))

    assert await store.find_open_question("group-1", message_id="m-1") is None
    found = await store.find_open_question("group-1", message_id="m-1", include_closed=True)
    assert found is not None and found.id == question.id
    closed = await store.get_open_question(question.id)
    assert closed.closed_at == T0 + timedelta(minutes=5)
    assert await store.get_open_question(999_999) is None


async def test_a_new_dm_question_closes_the_users_older_one_in_that_chat_only(store: Any) -> None:
    alice = await store.ensure_user("test", "1", "Alice")
    bob = await store.ensure_user("test", "2", "Bob")
    dm = await store.ensure_place("test", "dm-alice", True)
    old = await store.open_question(dm.id, "dm-alice", "jwt", alice.id, alice.id, T0)
    elsewhere = await store.open_question(dm.id, "dm-other", "jwt", alice.id, alice.id, T0)
    bobs = await store.open_question(dm.id, "dm-alice", "jwt", bob.id, bob.id, T0)
    new = await store.open_question(dm.id, "dm-alice", "cors", alice.id, alice.id, T0 + timedelta(hours=1))

    assert (await store.get_open_question(old.id)).closed_at == T0 + timedelta(hours=1)
    assert (await store.get_open_question(elsewhere.id)).closed_at is None
    assert (await store.get_open_question(bobs.id)).closed_at is None
    assert await store.find_open_question("dm-alice", for_user_id=alice.id) == new
    assert (await store.find_open_question("dm-alice", for_user_id=bob.id)).id == bobs.id
    assert (await store.find_open_question("dm-other", for_user_id=alice.id)).id == elsewhere.id


async def test_find_open_question_by_user_is_the_newest_open_one(store: Any) -> None:
    place, (alice, bob) = await a_group(store, "Alice", "Bob")
    group_question = await store.open_question(place.id, "group-1", "jwt", bob.id, None, T0)
    assert await store.find_open_question("group-1", for_user_id=alice.id) is None
    assert (await store.find_open_question("group-1")).id == group_question.id
    owed = await store.open_question(
        place.id, "group-1", "cors", alice.id, alice.id, T0 + timedelta(seconds=1)
    )
    assert (await store.find_open_question("group-1", for_user_id=alice.id)).id == owed.id
    await store.close_question(owed.id, T0 + timedelta(seconds=2))
    assert await store.find_open_question("group-1", for_user_id=alice.id) is None


async def test_hints_are_counted(store: Any) -> None:
    place, (alice,) = await a_group(store, "Alice")
    question = await store.open_question(place.id, "group-1", "jwt", alice.id, None, T0)
    assert [await store.add_hint(question.id) for _ in range(3)] == [1, 2, 3]
    assert (await store.get_open_question(question.id)).hints_shown == 3
    with pytest.raises(KeyError):
        await store.add_hint(999_999)


async def test_changing_an_unknown_question_raises_key_error(store: Any) -> None:
    with pytest.raises(KeyError):
        await store.set_question_message(999_999, "m")
    with pytest.raises(KeyError):
        await store.close_question(999_999, T0)


# --- attempts ---------------------------------------------------------------------------------------


async def test_each_member_answers_an_open_question_once(store: Any) -> None:
    place, (alice, bob) = await a_group(store, "Alice", "Bob")
    question = await store.open_question(place.id, "group-1", "jwt", alice.id, None, T0)
    first = an_attempt(alice.id, place.id, T0 + timedelta(seconds=5), open_question_id=question.id, score=0.5)
    first_id = await store.record_attempt(first)
    assert first_id is not None
    assert (
        await store.record_attempt(dataclasses.replace(first, score=1.0, answered_at=T0 + timedelta(1)))
        is None
    )
    bob_id = await store.record_attempt(
        an_attempt(bob.id, place.id, T0 + timedelta(seconds=9), open_question_id=question.id)
    )

    assert await store.has_answered(question.id, alice.id)
    assert not await store.has_answered(question.id, 999_999)
    stored = await store.attempts_for_open_question(question.id)
    assert [(a.user_id, a.score) for a in stored] == [(alice.id, 0.5), (bob.id, 1.0)]
    assert [a.id for a in stored] == [first_id, bob_id]


async def test_racing_answers_to_one_question_store_exactly_one(store: Any) -> None:
    place, (alice,) = await a_group(store, "Alice")
    question = await store.open_question(place.id, "group-1", "jwt", alice.id, None, T0)
    attempt = an_attempt(alice.id, place.id, T0, open_question_id=question.id)
    results = await asyncio.gather(*(store.record_attempt(attempt) for _ in range(6)))
    assert results.count(None) == 5
    assert [a.id for a in await store.attempts_for_open_question(question.id)] == [
        r for r in results if r is not None
    ]
    assert len(await store.attempts_for_open_question(question.id)) == 1


async def test_attempts_without_an_open_question_always_insert(store: Any) -> None:
    place, (alice,) = await a_group(store, "Alice")
    attempt = an_attempt(alice.id, place.id, T0)
    assert await store.record_attempt(attempt)
    assert await store.record_attempt(dataclasses.replace(attempt, answered_at=T0 + timedelta(seconds=1)))
    assert len(await store.user_attempts(alice.id)) == 2


async def test_an_attempt_round_trips_every_field(store: Any) -> None:
    place, (alice,) = await a_group(store, "Alice")
    question = await store.open_question(place.id, "group-1", "db-indexing", alice.id, None, T0)
    attempt = Attempt(
        user_id=alice.id,
        place_id=place.id,
        question_id="db-indexing",
        score=0.6667,
        verdict="partial",
        answered_at=T0 + timedelta(seconds=42, microseconds=7),
        open_question_id=question.id,
        answer_text="A B-tree makes lookups fast.",
        matched=("lookup", "b-tree"),
        missed=("writes",),
        hints_used=2,
        elapsed_seconds=41.25,
    )
    assert await store.record_attempt(attempt)
    (stored,) = await store.user_attempts(alice.id)
    assert stored.id is not None
    assert dataclasses.replace(stored, id=None) == attempt
    assert stored.answered_at.utcoffset() == timedelta(0)


async def test_user_attempts_are_oldest_first_everywhere_and_since_is_inclusive(store: Any) -> None:
    place, (alice, bob) = await a_group(store, "Alice", "Bob")
    dm = await store.ensure_place("test", "dm-alice", True)
    times = [T0 + timedelta(days=d) for d in (2, 0, 1)]
    for day, at in enumerate(times):
        await store.record_attempt(
            an_attempt(alice.id, dm.id if day == 1 else place.id, at, question_id=f"q{day}")
        )
    await store.record_attempt(an_attempt(bob.id, place.id, T0))
    await store.record_attempt(
        an_attempt(alice.id, place.id, T0 + timedelta(days=3), verdict=Verdict.SKIPPED, score=0.0)
    )

    assert [a.question_id for a in await store.user_attempts(alice.id)] == ["q1", "q2", "q0", "jwt"]
    since = await store.user_attempts(alice.id, since=T0 + timedelta(days=1))
    assert [a.answered_at for a in since] == [T0 + timedelta(days=d) for d in (1, 2, 3)]
    assert await store.user_attempts(alice.id, since=T0 + timedelta(days=9)) == []


async def test_a_huge_answer_and_odd_unicode_round_trip_unchanged(store: Any) -> None:
    name = "Zoë 🦊 ‏עדי‎"
    user = await store.ensure_user("telegram", "ünï-\u202e", name)
    place = await store.ensure_place("telegram", "chat-🦊", False, ODD_TEXT)
    huge = (ODD_TEXT * 200)[:10_000]
    assert len(huge) == 10_000
    await store.record_attempt(
        an_attempt(user.id, place.id, T0, answer_text=huge, matched=("ключ", "🔑"), missed=("", ODD_TEXT))
    )
    (stored,) = await store.user_attempts(user.id)
    assert stored.answer_text == huge
    assert stored.matched == ("ключ", "🔑") and stored.missed == ("", ODD_TEXT)
    assert (await store.get_user(user.id)).display_name == name
    assert (await store.ensure_place("telegram", "chat-🦊", False)).title == ODD_TEXT
    assert (await store.leaderboard(place.id))[0].display_name == name


# --- leaderboard ------------------------------------------------------------------------------------


async def test_leaderboard_orders_by_points_then_correct_then_name(store: Any) -> None:
    place, (zed, alice, bob, carol) = await a_group(store, "Zed", "alice", "Bob", "Carol")
    scores = {
        zed.id: [(0.5, "partial"), (0.5, "partial")],  # 10 points, 0 correct
        alice.id: [(0.5, "partial"), (0.5, "partial")],  # 10 points, 0 correct: after Zed by code point
        bob.id: [(1.0, "correct")],  # 10 points, 1 correct: first of the tens
        carol.id: [(1.0, "correct"), (0.25, "partial"), (0.85, "partial")],
    }
    for minute, (user_id, results) in enumerate(scores.items()):
        for second, (score, verdict) in enumerate(results):
            at = T0 + timedelta(minutes=minute, seconds=second)
            await store.record_attempt(an_attempt(user_id, place.id, at, score=score, verdict=verdict))

    board = await store.leaderboard(place.id)
    carol_points = sum(round(score * 10) for score, _ in scores[carol.id])
    assert [(r.display_name, r.points, r.answers, r.correct) for r in board] == [
        ("Carol", carol_points, 3, 1),
        ("Bob", 10, 1, 1),
        ("Zed", 10, 2, 0),
        ("alice", 10, 2, 0),
    ]
    assert [r.user_id for r in board] == [carol.id, bob.id, zed.id, alice.id]


async def test_leaderboard_counts_only_this_place_since_the_time_and_no_skips(store: Any) -> None:
    place, (alice, bob, skipper) = await a_group(store, "Alice", "Bob", "Skipper")
    other = await store.ensure_place("test", "group-2", False)
    await store.record_attempt(an_attempt(alice.id, place.id, T0 - timedelta(days=8)))
    await store.record_attempt(an_attempt(alice.id, place.id, T0, score=0.4, verdict="partial"))
    await store.record_attempt(
        an_attempt(alice.id, place.id, T0 + timedelta(hours=1), verdict=Verdict.SKIPPED, score=0.0)
    )
    await store.record_attempt(an_attempt(bob.id, other.id, T0))
    await store.record_attempt(an_attempt(skipper.id, place.id, T0, verdict=Verdict.SKIPPED, score=0.0))

    assert [(r.display_name, r.points, r.answers, r.correct) for r in await store.leaderboard(place.id)] == [
        ("Alice", 14, 2, 1)
    ]
    assert [(r.points, r.answers, r.correct) for r in await store.leaderboard(place.id, since=T0)] == [
        (4, 1, 0)
    ]
    assert await store.leaderboard(place.id, since=T0 + timedelta(seconds=1)) == []
    assert [r.display_name for r in await store.leaderboard(other.id)] == ["Bob"]


async def test_leaderboard_uses_the_current_display_name(store: Any) -> None:
    place, (alice,) = await a_group(store, "Alice")
    await store.record_attempt(an_attempt(alice.id, place.id, T0))
    await store.ensure_user("test", "u-Alice", "Alice Renamed")
    assert [r.display_name for r in await store.leaderboard(place.id)] == ["Alice Renamed"]


# --- subscriptions ----------------------------------------------------------------------------------


async def test_channel_and_dm_subscriptions_are_upserted_separately(store: Any) -> None:
    place, (alice,) = await a_group(store, "Alice")
    channel = Subscription("telegram", "group-1", place.id, None, "08:30", "Europe/Berlin", created_at=T0)
    mine = Subscription("telegram", "group-1", place.id, alice.id, "07:00", "UTC", topics=("security",))
    saved_channel = await store.save_subscription(channel)
    saved_mine = await store.save_subscription(mine)
    assert saved_channel.id is not None and saved_mine.id is not None and saved_channel.id != saved_mine.id
    assert saved_channel == dataclasses.replace(channel, id=saved_channel.id)

    changed = dataclasses.replace(
        channel,
        local_time="18:05",
        topics=("databases", "security"),
        active=False,
        paused_reason="blocked",
        skip_date=date(2026, 3, 3),
    )
    resaved = await store.save_subscription(changed)
    assert resaved == dataclasses.replace(changed, id=saved_channel.id)
    assert await store.get_subscription("telegram", "group-1", None) == resaved
    assert (await store.get_subscription("telegram", "group-1", alice.id)).id == saved_mine.id
    assert (await store.get_subscription("telegram", "group-1", alice.id)).topics == ("security",)
    assert await store.get_subscription("discord", "group-1", None) is None
    assert await store.get_subscription("telegram", "group-2", None) is None


async def test_racing_channel_subscriptions_end_as_one(store: Any) -> None:
    place = await store.ensure_place("telegram", "group-1", False)
    times = [f"0{hour}:00" for hour in range(1, 7)]
    saved = await asyncio.gather(
        *(
            store.save_subscription(Subscription("telegram", "group-1", place.id, None, t, "UTC"))
            for t in times
        )
    )
    assert len({s.id for s in saved}) == 1
    assert (await store.get_subscription("telegram", "group-1", None)).local_time in times


async def test_delete_subscription(store: Any) -> None:
    place = await store.ensure_place("telegram", "group-1", False)
    saved = await store.save_subscription(Subscription("telegram", "group-1", place.id, None, "08:00", "UTC"))
    await store.delete_subscription(saved.id)
    await store.delete_subscription(saved.id)
    assert await store.get_subscription("telegram", "group-1", None) is None
    again = await store.save_subscription(Subscription("telegram", "group-1", place.id, None, "09:00", "UTC"))
    assert again.local_time == "09:00"


async def test_pause_subscriptions_pauses_the_active_ones_of_one_chat(store: Any) -> None:
    place, (alice, bob) = await a_group(store, "Alice", "Bob")
    await store.save_subscription(Subscription("telegram", "group-1", place.id, None, "08:00", "UTC"))
    await store.save_subscription(Subscription("telegram", "group-1", place.id, alice.id, "08:00", "UTC"))
    await store.save_subscription(
        Subscription(
            "telegram", "group-1", place.id, bob.id, "08:00", "UTC", active=False, paused_reason="away"
        )
    )
    await store.save_subscription(Subscription("telegram", "dm-alice", place.id, alice.id, "08:00", "UTC"))
    await store.save_subscription(Subscription("discord", "group-1", place.id, None, "08:00", "UTC"))

    assert await store.pause_subscriptions("telegram", "group-1", "bot was removed") == 2
    assert (await store.get_subscription("telegram", "group-1", None)).paused_reason == "bot was removed"
    assert not (await store.get_subscription("telegram", "group-1", alice.id)).active
    assert (await store.get_subscription("telegram", "group-1", bob.id)).paused_reason == "away"
    assert (await store.get_subscription("telegram", "dm-alice", alice.id)).active
    assert (await store.get_subscription("discord", "group-1", None)).active
    assert await store.pause_subscriptions("telegram", "group-1", "again") == 0


# --- forgetting a user ------------------------------------------------------------------------------


async def test_forget_user_removes_the_user_and_leaves_others_intact(store: Any) -> None:
    place, (alice, bob) = await a_group(store, "Alice", "Bob")
    dm = await store.ensure_place("test", "dm-alice", True)
    asked_by_alice = await store.open_question(place.id, "group-1", "jwt", alice.id, None, T0)
    owed_by_alice = await store.open_question(dm.id, "dm-alice", "cors", alice.id, alice.id, T0)
    for user in (alice, bob):
        await store.record_attempt(an_attempt(user.id, place.id, T0, open_question_id=asked_by_alice.id))
        await store.record_attempt(an_attempt(user.id, dm.id, T0 + timedelta(seconds=1)))
    await store.record_attempt(an_attempt(alice.id, dm.id, T0, open_question_id=owed_by_alice.id))
    await store.save_subscription(Subscription("test", "dm-alice", dm.id, alice.id, "08:00", "UTC"))
    await store.save_subscription(Subscription("test", "group-1", place.id, bob.id, "08:00", "UTC"))
    await store.save_subscription(Subscription("test", "group-1", place.id, None, "08:00", "UTC"))

    await store.forget_user(alice.id)

    assert await store.get_user(alice.id) is None
    assert await store.user_attempts(alice.id) == []
    assert await store.get_open_question(owed_by_alice.id) is None
    assert await store.get_subscription("test", "dm-alice", alice.id) is None
    assert [r.display_name for r in await store.leaderboard(place.id)] == ["Bob"]
    assert len(await store.user_attempts(bob.id)) == 2
    assert await store.get_subscription("test", "group-1", bob.id) is not None
    assert await store.get_subscription("test", "group-1", None) is not None
    assert (await store.get_open_question(asked_by_alice.id)).question_id == "jwt"
    assert [a.user_id for a in await store.attempts_for_open_question(asked_by_alice.id)] == [bob.id]
    returning = await store.ensure_user("test", "u-Alice", "Alice")
    assert await store.user_attempts(returning.id) == []
    await store.forget_user(999_999)


# --- what only a database shows ---------------------------------------------------------------------

USER_COLUMNS = {
    "users": "id",
    "memberships": "user_id",
    "attempts": "user_id",
    "subscriptions": "user_id",
    "open_questions": "for_user_id",
}


async def test_forget_user_leaves_no_row_behind(sql_store: SqlStore) -> None:
    place, (alice, bob) = await a_group(sql_store, "Alice", "Bob")
    question = await sql_store.open_question(place.id, "group-1", "jwt", alice.id, alice.id, T0)
    await sql_store.record_attempt(an_attempt(alice.id, place.id, T0, open_question_id=question.id))
    await sql_store.record_attempt(an_attempt(bob.id, place.id, T0, open_question_id=question.id))
    await sql_store.save_subscription(Subscription("test", "dm", place.id, alice.id, "08:00", "UTC"))

    await sql_store.forget_user(alice.id)

    async with sql_store.engine.connect() as connection:
        for table, column in USER_COLUMNS.items():
            count = (
                await connection.execute(
                    text(f"SELECT count(*) FROM {table} WHERE {column} = :u"), {"u": alice.id}
                )
            ).scalar()
            assert count == 0, table
        asked = (
            await connection.execute(
                text("SELECT count(*) FROM open_questions WHERE asked_by_user_id = :u"), {"u": alice.id}
            )
        ).scalar()
        assert asked == 0
        assert (await connection.execute(text("SELECT count(*) FROM users"))).scalar() == 1
    (bobs,) = await sql_store.user_attempts(bob.id)
    assert bobs.open_question_id is None


async def test_times_in_other_zones_are_stored_as_utc(sql_store: SqlStore) -> None:
    kolkata = timezone(timedelta(hours=5, minutes=30))
    place, (alice,) = await a_group(sql_store, "Alice")
    local = datetime(2026, 3, 2, 14, 30, 0, 999999, tzinfo=kolkata)
    question = await sql_store.open_question(place.id, "group-1", "jwt", alice.id, None, local)
    stored = await sql_store.get_open_question(question.id)
    assert stored.opened_at == local
    assert stored.opened_at.tzinfo == UTC
    assert stored.opened_at.hour == 9
    assert [a.id for a in await sql_store.user_attempts(alice.id, since=local)] == []


async def test_a_naive_time_is_refused(sql_store: SqlStore) -> None:
    place, (alice,) = await a_group(sql_store, "Alice")
    with pytest.raises(Exception, match="naive datetime"):
        await sql_store.open_question(place.id, "group-1", "jwt", alice.id, None, datetime(2026, 3, 2, 9, 0))
    assert await sql_store.find_open_question("group-1") is None
