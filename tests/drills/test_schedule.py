"""When daily drills go out: local time with DST, zone changes, downtime, skip and off, groups.

A controllable clock is ticked the way the scheduler would (once a minute) and a fake transport records
what was sent and when.  Runs on the in-memory store and on SQLite.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from storage import open_database
from tests.support.drills import DrillWorld, at, sent_days
from tests.support.fakes import FixedClock, MemoryDrillStore

MINUTE = timedelta(minutes=1)
HALF_HOUR = timedelta(minutes=30)
HOUR = timedelta(hours=1)


@pytest.fixture(params=["memory", "sqlite"])
async def make_world(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator:
    """Build a world starting at a given instant, on the in-memory store or a SQLite file."""
    opened = []

    async def make(start: str) -> DrillWorld:
        if request.param == "memory":
            return DrillWorld(MemoryDrillStore(), at(start))
        url = f"sqlite+aiosqlite:///{tmp_path / f'drills{len(opened)}.db'}"
        database = await open_database(url, clock=FixedClock(at(start)))
        opened.append(database)
        return DrillWorld(database.store, at(start), drills=database.drills)

    yield make
    for database in opened:
        await database.close()


async def test_a_dm_drill_arrives_once_a_day_at_the_local_time(make_world) -> None:
    world = await make_world("2026-06-01 12:00")
    alice = world.user("1", "Alice")
    await alice.command("daily", "08:30", "Europe/Berlin")
    for day in ("2026-06-02", "2026-06-03"):
        await world.run_until(at(f"{day} 06:25"), HOUR)
        await world.run_until(at(f"{day} 06:35"), MINUTE)
    times = [s.at for s in world.transport.sent]
    assert times == [at("2026-06-02 06:30"), at("2026-06-03 06:30")]  # 08:30 CEST
    assert {s.chat_id for s in world.transport.sent} == {"dm-1"}
    first = world.transport.sent[0].reply
    assert first.title.startswith("📅 Daily question · ") and first.open_question_id is not None
    records = await world.deliveries(alice)
    assert [(str(r.local_date), r.status, r.attempts) for r in records] == [
        ("2026-06-02", "sent", 1),
        ("2026-06-03", "sent", 1),
    ]


async def test_spring_forward_keeps_the_local_time_and_moves_a_skipped_hour_forward(make_world) -> None:
    world = await make_world("2026-03-28 12:00")
    early, late = world.user("1", "Early"), world.user("2", "Late")
    await early.command("daily", "02:30", "Europe/Berlin")  # does not exist on 29 March
    await late.command("daily", "08:30", "Europe/Berlin")
    await world.run_until(at("2026-03-30 12:00"), HALF_HOUR)
    early_times = [s.at for s in world.transport.to("dm-1")]
    late_times = [s.at for s in world.transport.to("dm-2")]
    # 02:30 CEST does not exist: 03:30 CEST (01:30 UTC) that day; 01:30 UTC is 02:30 CET before.
    assert early_times == [at("2026-03-29 01:30"), at("2026-03-30 00:30")]
    assert late_times == [at("2026-03-29 06:30"), at("2026-03-30 06:30")]


async def test_fall_back_sends_an_ambiguous_time_once_at_its_first_occurrence(make_world) -> None:
    world = await make_world("2026-10-24 12:00")
    ambiguous, morning = world.user("1", "Ambiguous"), world.user("2", "Morning")
    await ambiguous.command("daily", "02:30", "Europe/Berlin")  # happens twice on 25 October
    await morning.command("daily", "08:30", "Europe/Berlin")
    await world.run_until(at("2026-10-24 23:54"), HOUR)
    await world.run_until(at("2026-10-25 02:00"), MINUTE * 3)  # through both 02:30s, a tick each 3 min
    await world.run_until(at("2026-10-26 12:00"), HALF_HOUR)
    assert [s.at for s in world.transport.to("dm-1")] == [at("2026-10-25 00:30"), at("2026-10-26 01:30")]
    assert [s.at for s in world.transport.to("dm-2")] == [at("2026-10-25 07:30"), at("2026-10-26 07:30")]


async def test_changing_zone_after_the_drill_does_not_send_a_second_one_that_local_day(make_world) -> None:
    world = await make_world("2026-06-01 12:00")
    alice = world.user("1", "Alice")
    await alice.command("daily", "08:30", "Europe/Berlin")
    await world.run_until(at("2026-06-02 07:00"), HALF_HOUR)  # sent 06:30 UTC, 2 June in Berlin
    await alice.command("daily", "08:30", "America/New_York")  # still 2 June in New York, 03:00 there
    await world.run_until(at("2026-06-03 13:00"), HALF_HOUR)
    assert [s.at for s in world.transport.sent] == [at("2026-06-02 06:30"), at("2026-06-03 12:30")]
    records = await world.deliveries(alice)
    assert [str(r.local_date) for r in records] == ["2026-06-02", "2026-06-03"]


async def test_a_zone_change_to_a_time_already_past_waits_for_tomorrow(make_world) -> None:
    world = await make_world("2026-06-01 20:00")
    alice = world.user("1", "Alice")
    await alice.command("daily", "08:30", "America/New_York")  # 16:00 in New York: tomorrow 08:30
    await world.run_until(at("2026-06-01 21:00"), HALF_HOUR)
    await alice.command("daily", "08:30", "Asia/Tokyo")  # 06:00 on 2 June in Tokyo: today 08:30
    await world.run_until(at("2026-06-02 12:00"), HALF_HOUR)
    # The New York drill would have come at 12:30 UTC; it never does; Tokyo's 08:30 is 23:30 UTC.
    assert [s.at for s in world.transport.sent] == [at("2026-06-01 23:30")]
    # Setting a time that has already passed today in the new zone starts tomorrow.
    await alice.command("daily", "07:00", "Asia/Tokyo")  # 21:00 in Tokyo on 2 June
    await world.run_until(at("2026-06-02 23:30"), HALF_HOUR)
    assert [s.at for s in world.transport.sent] == [at("2026-06-01 23:30"), at("2026-06-02 22:00")]


async def test_a_drill_missed_by_downtime_is_sent_on_return_the_same_local_day_only(make_world) -> None:
    world = await make_world("2026-06-01 12:00")
    alice, bob = world.user("1", "Alice"), world.user("2", "Bob")
    await alice.command("daily", "08:30", "Europe/Berlin")
    await bob.command("daily", "23:30", "Europe/Berlin")
    await world.tick()
    # The bot is down from 12:05 on 1 June until 09:00 UTC on 2 June (a new process starts then).
    world.clock.current = at("2026-06-02 09:00")
    world.restart()
    await world.tick()
    # Alice's 08:30 (06:30 UTC) of 2 June is still 2 June in Berlin: sent now; Bob's 23:30 of 1 June is gone.
    assert [(s.chat_id, s.at) for s in world.transport.sent] == [("dm-1", at("2026-06-02 09:00"))]
    assert await world.deliveries(bob) == []
    await world.run_until(at("2026-06-02 21:35"), HALF_HOUR)
    assert [s.chat_id for s in world.transport.sent] == ["dm-1", "dm-2"]


async def test_skip_skips_the_next_drill_only_and_off_stops_them(make_world) -> None:
    world = await make_world("2026-06-01 12:00")
    alice = world.user("1", "Alice")
    await alice.command("daily", "08:30", "UTC")
    [skipped] = await alice.command("daily", "skip")
    assert skipped.title == "Skipping the question of Tue 02 Jun."
    await world.run_until(at("2026-06-03 09:00"), HALF_HOUR)
    assert sent_days(world.transport.sent, "UTC") == [at("2026-06-03 00:00").date()]
    [off] = await alice.command("daily", "off")
    assert off.title == "Daily question stopped."
    await world.run_until(at("2026-06-06 09:00"), HOUR)
    assert len(world.transport.sent) == 1


async def test_off_between_planning_and_sending_sends_nothing(make_world) -> None:
    world = await make_world("2026-06-02 08:30")
    alice = world.user("1", "Alice")
    world.clock.current = at("2026-06-01 12:00")
    await alice.command("daily", "08:30", "UTC")
    world.clock.current = at("2026-06-02 08:30")
    await world.planner.plan(world.clock.now())
    assert [r.status for r in await world.deliveries(alice)] == ["pending"]
    await alice.command("daily", "off")
    await world.dispatcher.run_once()
    assert world.transport.sent == []


async def test_show_tells_the_next_delivery_time_in_local_time(make_world) -> None:
    world = await make_world("2026-03-28 12:00")
    alice = world.user("1", "Alice")
    await alice.command("daily", "08:30", "Europe/Berlin")
    [shown] = await alice.command("daily")
    assert "next on Sun 29 Mar 08:30 (Europe/Berlin)" in shown.body[0]
    await world.run_until(at("2026-03-29 07:00"), HALF_HOUR)
    [shown] = await alice.command("daily")
    assert "next on Mon 30 Mar 08:30 (Europe/Berlin)" in shown.body[0]


async def test_a_group_drill_is_posted_in_the_group_answered_by_reply_and_scored_there(make_world) -> None:
    world = await make_world("2026-06-01 12:00")
    admin, bob = world.member("10", "Admin"), world.member("11", "Bob")
    [refused] = await bob.command("daily", "09:00", "UTC")
    assert "Only admins" in refused.title
    await admin.command("daily", "09:00", "UTC", can_manage=True)
    await world.run_until(at("2026-06-02 09:00"), HALF_HOUR)
    [post] = world.transport.to("group-1")
    assert "Reply to this message" in " ".join(post.reply.body)
    question = world.bank.get((await world.deliveries(chat_id="group-1"))[0].question_id)
    words = " ".join(p.concepts[0][0] for p in question.key_points)
    [graded] = await bob.say(f"It is about {words}.", reply_to=post.message_id)
    assert graded.verdict == "correct" and graded.mention == "Bob"
    other, follow_up = await admin.say("no idea", reply_to=post.message_id)
    assert other.verdict == "wrong" and follow_up.kind == "follow_up"  # a wrong answer gets a follow-up
    [board] = await bob.command("leaderboard")
    assert "Bob" in board.sections[0].lines[0]


async def test_planning_twice_or_with_two_planners_plans_once(make_world) -> None:
    world = await make_world("2026-06-01 12:00")
    alice = world.user("1", "Alice")
    await alice.command("daily", "08:30", "UTC")
    world.clock.current = at("2026-06-02 10:00")
    first = await world.planner.plan(world.clock.now())
    world.restart()
    second = await world.planner.plan(world.clock.now())
    assert (first.planned, second.due, second.planned) == (1, 1, 0)
    await world.dispatcher.run_once()
    await world.new_dispatcher().run_once()
    assert len(world.transport.sent) == 1


def test_the_planners_table_of_due_times_agrees_with_local_datetime_on_every_clock_change() -> None:
    """Every minute of every clock-change day of 2026 (and the days around), in zones with odd rules."""
    from datetime import UTC, date, datetime
    from zoneinfo import ZoneInfo

    from bot.drills.due_times import LOCAL_TIMES, DueTimes
    from bot.drills.schedule import local_datetime

    due_times = DueTimes()
    zones = (
        "Europe/Berlin",
        "America/New_York",
        "Australia/Lord_Howe",
        "America/Santiago",
        "Pacific/Chatham",
    )
    checked = 0
    for name in zones:
        zone = ZoneInfo(name)
        for offset in range(365):
            day = date(2026, 1, 1) + timedelta(days=offset)
            start = datetime(day.year, day.month, day.day, tzinfo=zone).utcoffset()
            end = (datetime(day.year, day.month, day.day, 23, 59, tzinfo=zone)).utcoffset()
            if start == end:
                continue
            for near in (day - timedelta(days=1), day, day + timedelta(days=1)):
                for local_time in LOCAL_TIMES:
                    expected = local_datetime(near, local_time, name)
                    assert due_times.due_at(name, near, local_time) == expected, (name, near, local_time)
                    checked += 1
    assert checked >= 25 * 1440  # at least one clock change per zone, with the days around it
    assert due_times.due_at("UTC", date(2026, 6, 1), "08:30") == datetime(2026, 6, 1, 8, 30, tzinfo=UTC)
