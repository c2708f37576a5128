"""Delivering drills: retries of passing failures (429, timeouts, 5xx), pausing on refusals, crashes and
stops mid-fan-out, the local day running out, and rate limits.  Memory and SQLite stores."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.drills.dispatcher import DispatchSettings
from bot.drills.limits import PlatformLimits, RateLimiter
from bot.drills.outcomes import RetryPolicy
from bot.ports import PermanentFailure, TemporaryFailure
from storage import open_database
from tests.support.databases import database_url
from tests.support.drills import DrillWorld, at
from tests.support.fakes import FixedClock, MemoryDrillStore

DUE = "2026-06-02 08:30"


@pytest.fixture(params=["memory", "sqlite", "postgres"])
async def world(
    request: pytest.FixtureRequest, tmp_path: Path, private_postgres_url: str | None
) -> AsyncIterator[DrillWorld]:
    """Alice (dm-1), Bob (dm-2) and Carol (dm-3) subscribed for 08:30 UTC; the clock at 2 June 08:30."""
    database = None
    if request.param == "memory":
        made = DrillWorld(MemoryDrillStore(), at("2026-06-01 12:00"))
    else:
        url = await database_url(request.param, tmp_path, private_postgres_url, migrated=True)
        database = await open_database(url, clock=FixedClock(at("2026-06-01 12:00")))
        made = DrillWorld(database.store, at("2026-06-01 12:00"), drills=database.drills)
    for number, name in (("1", "Alice"), ("2", "Bob"), ("3", "Carol")):
        await made.user(number, name).command("daily", "08:30", "UTC")
    made.clock.current = at(DUE)
    yield made
    if database is not None:
        await database.close()


async def records(world: DrillWorld, number: str) -> list:
    """The deliveries of user ``number``'s subscription."""
    return await world.deliveries(world.user(number, "x"))


def sends_per_chat(world: DrillWorld) -> dict[str, int]:
    """How many messages each chat got."""
    counts: dict[str, int] = {}
    for send in world.transport.sent:
        counts[send.chat_id] = counts.get(send.chat_id, 0) + 1
    return counts


async def test_a_429_is_retried_after_its_retry_after_and_sent_once(world: DrillWorld) -> None:
    world.transport.fail_next("dm-1", TemporaryFailure("rate limited", retry_after=90))
    tally = await world.tick()
    assert (tally.sent, tally.retried) == (2, 1)
    [pending] = await records(world, "1")
    assert (pending.status, pending.attempts, pending.last_error) == ("pending", 1, "rate limited")
    # The question nobody saw is closed: Alice's next message is not taken as an answer to it.
    [reply] = await world.user("1", "Alice").say("hello?")
    assert reply.title == "No question is waiting for an answer."
    world.clock.advance(seconds=89)
    await world.tick()
    assert sends_per_chat(world) == {"dm-2": 1, "dm-3": 1}
    world.clock.advance(seconds=1)
    await world.tick()
    await world.tick()
    assert sends_per_chat(world) == {"dm-1": 1, "dm-2": 1, "dm-3": 1}
    [sent] = await records(world, "1")
    assert (sent.status, sent.attempts, sent.question_id) == ("sent", 2, pending.question_id)


async def test_timeouts_and_server_errors_back_off_then_give_up(world: DrillWorld) -> None:
    world.settings = DispatchSettings(retry=RetryPolicy(first=30, longest=100, tries=4, jitter=0.0))
    world.restart()
    world.transport.fail_next(
        "dm-2",
        TimeoutError(),
        TemporaryFailure("server error 502"),
        TemporaryFailure("server error 503"),
        TemporaryFailure("server error 500"),
    )
    await world.tick()
    for tries, wait in ((1, 30), (2, 60), (3, 100)):  # doubling, capped at ``longest``
        world.clock.advance(seconds=wait - 1)
        await world.tick()
        assert (await records(world, "2"))[0].attempts == tries  # not yet
        world.clock.advance(seconds=1)
        await world.tick()
        assert (await records(world, "2"))[0].attempts == tries + 1
    [row] = await records(world, "2")
    assert (row.status, row.attempts) == ("failed", 4)
    assert row.last_error == "gave up after 4 tries: server error 500"
    assert "dm-2" not in sends_per_chat(world)


async def test_a_send_that_hangs_past_the_timeout_is_retried(world: DrillWorld) -> None:
    world.settings = DispatchSettings(send_timeout=0.05, retry=RetryPolicy(jitter=0.0))
    world.restart()
    hung = []

    async def hang_once(chat_id: str) -> None:
        if chat_id == "dm-3" and not hung:
            hung.append(chat_id)
            await asyncio.sleep(5)

    world.transport.on_send = hang_once
    await world.tick()
    [row] = await records(world, "3")
    assert (row.status, row.last_error) == ("pending", "timed out")
    world.clock.advance(seconds=30)
    await world.tick()
    assert sends_per_chat(world) == {"dm-1": 1, "dm-2": 1, "dm-3": 1}


async def test_a_refusal_for_good_pauses_the_subscription_until_the_user_subscribes_again(
    world: DrillWorld,
) -> None:
    world.transport.fail_next("dm-1", PermanentFailure("Forbidden: bot was blocked by the user"))
    await world.tick()
    [row] = await records(world, "1")
    assert (row.status, row.last_error) == ("failed", "Forbidden: bot was blocked by the user")
    alice = world.user("1", "Alice")
    user = await world.store.ensure_user("test", "1", "Alice")
    sub = await world.store.get_subscription("test", "dm-1", user.id)
    assert (
        sub is not None and not sub.active and sub.paused_reason == "Forbidden: bot was blocked by the user"
    )
    counts = await world.drills.counts(at("2026-06-02 00:00"))
    assert (counts.paused_subscriptions, counts.count("failed"), counts.count("sent")) == (1, 1, 2)
    world.clock.current = at("2026-06-03 08:30")
    await world.tick()
    assert sends_per_chat(world) == {"dm-2": 2, "dm-3": 2}
    await alice.command("daily", "08:30", "UTC")  # unblocked and subscribed again
    world.clock.current = at("2026-06-04 08:30")
    await world.tick()
    assert sends_per_chat(world) == {"dm-1": 1, "dm-2": 3, "dm-3": 3}


async def test_an_unexpected_transport_error_is_retried_not_fatal(world: DrillWorld) -> None:
    world.transport.fail_next("dm-2", RuntimeError("bug in a transport"))
    tally = await world.tick()
    assert (tally.sent, tally.retried) == (2, 1)
    [row] = await records(world, "2")
    assert row.last_error == "unexpected error: RuntimeError"


async def test_a_crash_between_planning_and_sending_loses_nothing(world: DrillWorld) -> None:
    await world.planner.plan(world.clock.now())  # planned, then the process dies before sending
    world.restart()
    world.clock.advance(minutes=7)
    await world.tick()
    await world.tick()
    assert sends_per_chat(world) == {"dm-1": 1, "dm-2": 1, "dm-3": 1}


async def test_a_stop_mid_fan_out_hands_back_the_rest_and_a_restart_sends_each_once(
    world: DrillWorld,
) -> None:
    async def stop_after_the_first(chat_id: str) -> None:
        world.dispatcher.stop()

    world.transport.on_send = stop_after_the_first
    tally = await world.tick()
    assert (tally.sent, tally.released) == (1, 2)
    statuses = [(await records(world, n))[0].status for n in "123"]
    assert sorted(statuses) == ["pending", "pending", "sent"]
    world.transport.on_send = None
    world.restart()
    await world.tick()
    assert sends_per_chat(world) == {"dm-1": 1, "dm-2": 1, "dm-3": 1}


async def test_a_message_in_flight_when_the_process_dies_is_sent_again_after_the_lease(
    world: DrillWorld,
) -> None:
    """A cancelled dispatcher (the nearest an in-process test gets to a kill) leaves its in-flight claim."""
    world.settings = DispatchSettings(max_in_flight=1, lease=timedelta(minutes=2))
    world.restart()
    started = asyncio.Event()

    async def hang_on_bob(chat_id: str) -> None:
        if chat_id == "dm-2":
            started.set()
            await asyncio.Event().wait()

    world.transport.on_send = hang_on_bob
    await world.planner.plan(world.clock.now())
    running = asyncio.create_task(world.dispatcher.run_once())
    await started.wait()
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running
    statuses = {n: (await records(world, n))[0].status for n in "123"}
    assert statuses == {"1": "sent", "2": "sending", "3": "pending"}
    world.transport.on_send = None
    world.restart()
    await world.tick()  # the lease still holds: only Carol's goes
    assert sends_per_chat(world) == {"dm-1": 1, "dm-3": 1}
    world.clock.advance(minutes=2, seconds=1)
    await world.tick()
    assert sends_per_chat(world) == {"dm-1": 1, "dm-2": 1, "dm-3": 1}


async def test_retries_stop_when_the_local_day_ends(world: DrillWorld) -> None:
    world.clock.current = at("2026-06-02 23:58")
    world.transport.fail_next("dm-1", TemporaryFailure("rate limited", retry_after=600))
    await world.tick()
    world.clock.current = at("2026-06-03 00:10")
    tally = await world.tick()
    assert tally.expired == 1
    [row] = await records(world, "1")
    assert (row.status, row.last_error) == ("expired", "the local day ended before it could be sent")
    assert "dm-1" not in sends_per_chat(world)


async def test_a_busy_chat_is_deferred_without_counting_a_try(world: DrillWorld) -> None:
    fake_now = [100.0]
    limits = PlatformLimits(overall_per_second=None, private_per_minute=1)
    world.restart()
    world.dispatcher = world.new_dispatcher(limiter=RateLimiter(limits, clock=lambda: fake_now[0]))
    world.dispatcher.limiter.reserve("dm-1", is_group=False)  # dm-1 just got a message: next in 60 s
    await world.tick()
    [row] = await records(world, "1")
    assert (row.status, row.attempts) == ("pending", 0)
    assert sends_per_chat(world) == {"dm-2": 1, "dm-3": 1}
    fake_now[0] += 60
    world.clock.advance(seconds=60)
    await world.tick()
    assert sends_per_chat(world) == {"dm-1": 1, "dm-2": 1, "dm-3": 1}


async def test_drills_status_counts_by_status(world: DrillWorld) -> None:
    world.transport.fail_next("dm-3", PermanentFailure("chat not found"))
    await world.tick()
    counts = await world.drills.counts(at("2026-06-02 00:00"))
    assert (counts.active_subscriptions, counts.paused_subscriptions) == (2, 1)
    assert (counts.planned, counts.count("sent"), counts.count("failed")) == (3, 2, 1)


async def test_a_long_fan_out_hands_over_to_the_next_tick(world: DrillWorld) -> None:
    world.settings = DispatchSettings(batch_size=1, claim_for=0.05)
    world.restart()

    async def slow(chat_id: str) -> None:
        await asyncio.sleep(0.06)

    world.transport.on_send = slow
    tally = await world.tick()
    assert tally.sent == 1  # one batch, then the run's claiming time was spent
    world.transport.on_send = None
    for _ in range(5):
        await world.tick()
    assert sends_per_chat(world) == {"dm-1": 1, "dm-2": 1, "dm-3": 1}
