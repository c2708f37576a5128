"""Scores, streaks, leaderboards and stats, through the engine with a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.flows.progress import ranked
from bot.flows.streaks import streak
from bot.model.records import LeaderRow
from tests.support.world import Person, group_member


async def _answer_in_group(engine, member: Person, text: str, message_id: str) -> None:
    [question] = await member.command("quiz", "databases")
    await engine.question_posted(question.open_question_id, message_id)
    await member.say(text, reply_to=message_id)


async def test_leaderboard_orders_by_points_and_shares_ranks_on_ties(engine, clock) -> None:
    alice, bob, carol = (group_member(engine, str(i), n) for i, n in enumerate(["Alice", "Bob", "Carol"], 1))
    [question] = await alice.command("quiz", "databases")
    await engine.question_posted(question.open_question_id, "m1")
    await alice.say("lookup", reply_to="m1")
    await bob.say("lookup writes", reply_to="m1")
    await carol.say("writes", reply_to="m1")
    [board] = await carol.command("leaderboard")
    week, all_time = board.sections
    assert week.heading == "This week" and all_time.heading == "All time"
    assert week.lines[0].startswith("1. Bob – 10 pts, 1/1 correct")
    assert week.lines[1].startswith("2. Alice – 5 pts")
    assert week.lines[2].startswith("2. Carol (you) – 5 pts")


def test_competition_ranking() -> None:
    rows = [LeaderRow(i, n, p, 1, 0) for i, (n, p) in enumerate([("a", 9), ("b", 5), ("c", 5), ("d", 1)])]
    assert [rank for rank, _ in ranked(rows)] == [1, 2, 2, 4]


async def test_weekly_board_starts_on_monday_but_all_time_keeps_everything(engine, clock) -> None:
    alice = group_member(engine, "1", "Alice")
    await _answer_in_group(engine, alice, "lookup writes", "m1")
    clock.advance(days=7)
    [board] = await alice.command("leaderboard")
    assert board.sections[0].lines == ("No answers yet – start with /quiz.",)
    assert board.sections[1].lines[0].startswith("1. Alice (you) – 10 pts")
    [week_only] = await alice.command("leaderboard", "week")
    assert [s.heading for s in week_only.sections] == ["This week"]


async def test_the_asker_sees_their_own_rank_outside_the_top_ten(engine) -> None:
    members = [group_member(engine, str(i), f"M{i:02d}") for i in range(12)]
    [question] = await members[0].command("quiz", "databases")
    await engine.question_posted(question.open_question_id, "m1")
    for member in members[:11]:
        await member.say("lookup writes", reply_to="m1")
    await members[11].say("lookup", reply_to="m1")
    [board] = await members[11].command("leaderboard", "all")
    lines = board.sections[0].lines
    assert len(lines) == 11 and lines[-1].startswith("12. M11 (you) – 5 pts")


async def test_leaderboards_are_per_group_and_not_in_dms(engine, dm_user: Person) -> None:
    [reply] = await dm_user.command("leaderboard")
    assert reply.title == "Leaderboards rank the members of a group."


def test_streak_counts_consecutive_local_days_and_survives_until_tomorrow() -> None:
    times = [datetime(2026, 3, d, 12, tzinfo=UTC) for d in (1, 2, 3, 5, 6)]
    assert streak(times, "UTC", datetime(2026, 3, 6, 20, tzinfo=UTC)).current == 2
    assert streak(times, "UTC", datetime(2026, 3, 7, 20, tzinfo=UTC)).current == 2
    assert streak(times, "UTC", datetime(2026, 3, 8, 1, tzinfo=UTC)).current == 0
    assert streak(times, "UTC", datetime(2026, 3, 8, 1, tzinfo=UTC)).best == 3


def test_streak_uses_the_users_time_zone() -> None:
    # 23:30 UTC on the 1st is already the 2nd in Berlin;
    # 05:00 UTC on the 2nd is still the 1st in Los Angeles.
    late = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    next_morning = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)
    assert streak([late, next_morning], "UTC", next_morning).current == 2
    assert streak([late, next_morning], "Europe/Berlin", next_morning).current == 1
    early = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)
    assert streak([early, next_morning], "America/Los_Angeles", next_morning).current == 2
    assert streak([early, next_morning], "UTC", next_morning).current == 1


async def test_stats_show_totals_topics_and_streak(dm_user: Person, clock) -> None:
    [empty] = await dm_user.command("stats")
    assert empty.title == "No answers yet."
    for text in ("lookup writes", "identity"):
        await dm_user.command("quiz", "databases" if "lookup" in text else "security")
        await dm_user.say(text)
        clock.advance(days=1)
    [reply] = await dm_user.command("stats")
    assert reply.private
    assert reply.body[0].startswith("2 answers · 1 correct, ")
    assert reply.body[1] == "Streak: 2 day(s), best 2."
    assert reply.sections[0].lines[0].startswith("databases: 1 answered, average 100%")
