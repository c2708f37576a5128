"""``/daily`` subscriptions and ``/forget``, through the engine."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.drills.schedule import DailyError, local_datetime, next_delivery, parse_daily
from bot.model.messages import ReplyKind
from tests.support.world import Person, group_member


async def test_daily_subscribes_a_dm_and_shows_the_next_time(dm_user: Person, store) -> None:
    [reply] = await dm_user.command("daily", "08:30", "Europe/Berlin")
    assert reply.title == "📅 Subscribed!"
    assert "08:30 Europe/Berlin" in reply.body[0] and "Tue 03 Mar 08:30" in reply.body[0]
    [sub] = store.subscriptions.values()
    assert (sub.local_time, sub.timezone, sub.user_id) == ("08:30", "Europe/Berlin", 1)
    assert store.users[1].timezone == "Europe/Berlin"
    [shown] = await dm_user.command("daily")
    assert shown.title == "📅 Daily question"


async def test_daily_without_zone_keeps_the_known_zone(dm_user: Person, store) -> None:
    await dm_user.command("daily", "08:30", "Asia/Kolkata")
    [reply] = await dm_user.command("daily", "7:05")
    assert "07:05 Asia/Kolkata" in reply.body[0]
    assert len(store.subscriptions) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("25:00",), "not a valid time of day"),
        (("8.30pm",), "is not a time"),
        (("08:30", "Mars/Olympus"), "not a time zone I know"),
        (("08:30", "../../etc/passwd"), "not a time zone I know"),
        (("08:30", "Europe/Berlin", "extra"), "Use /daily HH:MM"),
    ],
)
async def test_bad_daily_arguments_are_refused_clearly(dm_user: Person, store, args, message) -> None:
    [reply] = await dm_user.command("daily", *args)
    assert reply.kind is ReplyKind.ERROR and message in reply.title
    assert store.subscriptions == {}


async def test_daily_off_skip_and_topics(dm_user: Person, store) -> None:
    [nothing] = await dm_user.command("daily", "off")
    assert nothing.title == "There was no daily question here to stop."
    await dm_user.command("daily", "08:30", "UTC")
    [skip] = await dm_user.command("daily", "skip")
    assert skip.title == "Skipping the question of Tue 03 Mar."
    assert "next on Wed 04 Mar 08:30" in skip.body[0]
    [topics] = await dm_user.command("daily", "topics", "security")
    assert topics.title == "Daily topics: security."
    [bad] = await dm_user.command("daily", "topics", "cooking")
    assert bad.kind is ReplyKind.ERROR
    [off] = await dm_user.command("daily", "off")
    assert off.title == "Daily question stopped." and store.subscriptions == {}


async def test_a_group_daily_needs_an_admin(engine, store) -> None:
    member = group_member(engine, "2", "Bob")
    [refused] = await member.command("daily", "09:00", "UTC")
    assert refused.kind is ReplyKind.ERROR and store.subscriptions == {}
    [ok] = await member.command("daily", "09:00", "UTC", can_manage=True)
    assert ok.title == "📅 Subscribed!"
    [sub] = store.subscriptions.values()
    assert sub.user_id is None and sub.chat_id == "group-1"


def test_local_times_across_dst_changes() -> None:
    # Berlin springs forward on 2026-03-29 (02:00 -> 03:00) and falls back on 2026-10-25.
    assert local_datetime(datetime(2026, 3, 28).date(), "08:30", "Europe/Berlin").hour == 7
    assert local_datetime(datetime(2026, 3, 30).date(), "08:30", "Europe/Berlin").hour == 6
    gap = local_datetime(datetime(2026, 3, 29).date(), "02:30", "Europe/Berlin")
    assert gap == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    twice = local_datetime(datetime(2026, 10, 25).date(), "02:30", "Europe/Berlin")
    assert twice == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert next_delivery("08:30", "Europe/Berlin", datetime(2026, 3, 29, 7, 0, tzinfo=UTC)) == datetime(
        2026, 3, 30, 6, 30, tzinfo=UTC
    )


def test_parse_daily_forms() -> None:
    assert parse_daily(()).action == "show"
    assert parse_daily(("OFF",)).action == "off"
    assert parse_daily(("9:05",)).local_time == "09:05"
    with pytest.raises(DailyError):
        parse_daily(("",))


async def test_forget_asks_first_and_then_deletes_everything(dm_user: Person, store, engine) -> None:
    await dm_user.command("quiz", "databases")
    await dm_user.say("lookup writes")
    await dm_user.command("daily", "08:30", "UTC")
    [confirm] = await dm_user.command("forget")
    assert confirm.kind is ReplyKind.CONFIRM and store.attempts
    [cancel] = await dm_user.press(confirm.buttons[1].action)
    assert cancel.title == "Nothing was deleted." and store.attempts
    [done] = await dm_user.press(confirm.buttons[0].action)
    assert done.title == "All your data is deleted."
    assert store.attempts == [] and store.subscriptions == {} and store.users == {}


async def test_someone_else_cannot_confirm_my_forget(engine, store) -> None:
    alice, bob = group_member(engine, "1", "Alice"), group_member(engine, "2", "Bob")
    [question] = await alice.command("quiz", "databases")
    await engine.question_posted(question.open_question_id, "m1")
    await alice.say("lookup writes", reply_to="m1")
    [confirm] = await alice.command("forget")
    [refused] = await bob.press(confirm.buttons[0].action)
    assert refused.kind is ReplyKind.ERROR
    assert len(store.attempts) == 1 and len(store.users) == 2


async def test_a_paused_daily_says_why_and_how_to_restart(dm_user: Person, store, engine) -> None:
    await dm_user.command("daily", "08:30", "UTC")
    await engine.chat_unreachable("test", "dm-1", "the user blocked the bot")
    [shown] = await dm_user.command("daily")
    assert shown.title == "📅 The daily question here is paused (the user blocked the bot)."
    assert shown.body == ("Send /daily 08:30 to start it again.",)
    [again] = await dm_user.command("daily", "08:30")
    assert again.title == "📅 Subscribed!"
    [sub] = store.subscriptions.values()
    assert sub.active and sub.paused_reason is None
