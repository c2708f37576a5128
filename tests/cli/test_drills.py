"""The drills runtime (APScheduler inside the running loop) and ``interview-bot drills status|tick``."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from bot.model.messages import Reply
from interview_bot.drills_runtime import DrillsRuntime
from tests.support.drills import DrillWorld, at
from tests.support.fakes import MemoryDrillStore


async def subscribed_world() -> DrillWorld:
    """Alice subscribed for 08:30 UTC; the clock at 2 June 09:00 (her drill is due)."""
    world = DrillWorld(MemoryDrillStore(), at("2026-06-01 12:00"))
    await world.user("1", "Alice").command("daily", "08:30", "UTC")
    world.clock.current = at("2026-06-02 09:00")
    return world


async def wait_until(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    """Poll until the condition holds; fail after ``timeout`` seconds."""
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met")


async def test_the_runtime_catches_up_once_ready_then_ticks_on_its_interval() -> None:
    world = await subscribed_world()
    ready = [False]
    runtime = DrillsRuntime(
        world.engine, world.drills, world.transport, "test", ready=lambda: ready[0], tick_seconds=0.2
    )
    async with runtime:
        await asyncio.sleep(0.3)
        assert world.transport.sent == [] and runtime.ticks == 0  # the client is not connected yet
        ready[0] = True
        await wait_until(lambda: len(world.transport.sent) == 1)  # the drill missed while down goes out
        await wait_until(lambda: runtime.ticks >= 3)
    assert len(world.transport.sent) == 1
    ticks = runtime.ticks
    await asyncio.sleep(0.5)
    assert runtime.ticks == ticks  # stopped


async def test_a_slow_tick_never_overlaps_the_next_one() -> None:
    world = await subscribed_world()
    running, overlaps = [0], [0]

    class SlowTransport:
        async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
            running[0] += 1
            overlaps[0] = max(overlaps[0], running[0])
            await asyncio.sleep(0.5)
            running[0] -= 1
            return ["1"]

    runtime = DrillsRuntime(world.engine, world.drills, SlowTransport(), "test", tick_seconds=0.1)
    async with runtime:
        await asyncio.sleep(0.9)
    assert overlaps[0] == 1
    [record] = await world.deliveries(world.user("1", "Alice"))
    assert record.status == "sent"  # stop waited for the send in flight and recorded it


async def test_stop_on_a_signal_stops_the_drills_first() -> None:
    world = await subscribed_world()
    signal = asyncio.Event()
    drills = DrillsRuntime(world.engine, world.drills, world.transport, "test")
    async with drills:
        stopped = drills.stop_on(signal)
        await wait_until(lambda: len(world.transport.sent) == 1)
        signal.set()
        await asyncio.wait_for(stopped.wait(), 5)
        assert drills._scheduler is None


def test_the_runtime_must_start_inside_a_running_loop() -> None:
    world = asyncio.run(subscribed_world())
    runtime = DrillsRuntime(world.engine, world.drills, world.transport, "test")
    with pytest.raises(RuntimeError):
        runtime.start()


def test_a_terminal_subscription_is_ticked_to_the_console_and_counted(run_cli) -> None:
    subscribed = run_cli("practice", "--plain", stdin="/daily 08:30 Europe/Berlin\n/quit\n")
    assert "📅 Subscribed!" in subscribed.stdout, subscribed.stderr
    status = run_cli("drills", "status")
    assert status.returncode == 0, status.stderr
    assert "subscriptions: 1 active, 0 paused" in status.stdout
    far_ahead = "2099-06-02T06:31"  # 08:31 in Berlin, long after the subscription was made
    ticked = run_cli("drills", "tick", "--console", "--plain", "--at", far_ahead)
    assert ticked.returncode == 0, ticked.stderr
    assert "→ daily question for local-" in ticked.stdout
    assert "📅 Daily question · " in ticked.stdout
    assert "sent 1, retrying 0, failed 0" in ticked.stdout
    again = run_cli("drills", "tick", "--console", "--plain", "--at", "2099-06-02T06:40")
    assert "sent 0," in again.stdout and "Daily question" not in again.stdout


def test_tick_without_console_and_a_bad_time_are_refused(run_cli) -> None:
    refused = run_cli("drills", "tick")
    assert refused.returncode == 2 and "only --console" in refused.stderr
    bad = run_cli("drills", "tick", "--console", "--at", "tomorrow")
    assert bad.returncode == 2 and "not an ISO time" in bad.stderr


def test_tick_says_what_is_next_and_practice_opens_the_drill_it_printed(run_cli) -> None:
    nothing = run_cli("drills", "tick", "--console", "--at", "2099-06-02T06:31")
    assert "nothing due at 2099-06-02 06:31 UTC; no terminal subscription" in nothing.stdout
    run_cli("practice", "--plain", stdin="/daily 08:30 Europe/Berlin\n/quit\n")
    early = run_cli("drills", "tick", "--console", "--at", "2099-06-02T06:00")
    expected = "nothing due at 2099-06-02 06:00 UTC; next: your daily question at Tue 02 Jun 08:30"
    assert expected in early.stdout
    assert "(2099-06-02 06:30 UTC)" in early.stdout
    ticked = run_cli("drills", "tick", "--console", "--plain", "--at", "2099-06-02T06:31")
    prompt = ticked.stdout.split("📅 Daily question · ")[1].splitlines()[1]
    assert "`interview-bot practice` asks this question first." in ticked.stdout
    practice = run_cli("practice", "--plain", stdin="/quit\n")
    assert practice.stdout.splitlines()[1] == prompt, practice.stdout


def test_status_counts_each_subscribers_own_local_day(run_cli) -> None:
    run_cli("practice", "--plain", stdin="/daily 23:30 Pacific/Kiritimati\n/quit\n")
    ticked = run_cli("drills", "tick", "--console", "--plain", "--at", "2099-06-02T09:31")  # 23:31 there
    assert "sent 1" in ticked.stdout, ticked.stdout
    status = run_cli("drills", "status")
    assert "planned 0" in status.stdout, "a delivery of another day is not today's"
