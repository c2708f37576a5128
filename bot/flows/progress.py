"""A user's progress (/stats) and a group's leaderboard (/leaderboard)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import replies
from bot.drills.stats import SHOWN_DUE, review_section
from bot.flows.catalog import ensure_catalog
from bot.flows.context import Services, Turn
from bot.model.messages import Reply, ReplyKind, Section
from bot.model.progress import week_start
from bot.model.records import LeaderRow

TOP = 10


async def stats(services: Services, turn: Turn) -> list[Reply]:
    """The user's own progress: totals, per topic, streaks (from kept state, not the history)."""
    store = services.store
    progress = await store.user_progress(turn.user.id)
    if progress is None or progress.answers == 0:
        return [
            replies.info("No answers yet.", "Start with /quiz – your progress shows up here.", private=True)
        ]
    await ensure_catalog(services)
    now = services.clock.now()
    zone = _zone(turn.user.timezone)
    today = now.astimezone(zone).date()
    per_topic: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for total in await store.topic_totals(turn.user.id):
        tally = per_topic[total.topic or "retired"]
        tally[0] += total.graded
        tally[1] += total.score_sum
    tomorrow = datetime.combine(today + timedelta(days=1), time(0), tzinfo=zone)
    due = await store.due_summary(turn.user.id, tomorrow, SHOWN_DUE)
    average = progress.score_sum / progress.answers
    last = progress.last_answered_at
    body = (
        f"{progress.answers} answers · {progress.correct} correct, "
        f"{progress.partial} partial, {progress.wrong} wrong · "
        f"average {round(average * 100)}%",
        f"Streak: {progress.days.current_on(today)} day(s), best {progress.days.best}.",
        f"Last practised {last:%Y-%m-%d %H:%M} UTC." if last else "Not practised yet.",
    )
    topic_lines = tuple(
        f"{topic}: {int(count)} answered, average {round(total / count * 100)}%"
        for topic, (count, total) in sorted(per_topic.items())
    )
    return [
        Reply(
            ReplyKind.STATS,
            f"📊 {turn.user.display_name}'s progress",
            body,
            sections=(
                Section("By topic", topic_lines),
                review_section(due, progress, zone),
            ),
            private=True,
        )
    ]


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def ranked(board: list[LeaderRow]) -> list[tuple[int, LeaderRow]]:
    """Competition ranking: equal points share a rank (1, 2, 2, 4)."""
    result: list[tuple[int, LeaderRow]] = []
    for index, row in enumerate(board):
        rank = result[-1][0] if result and result[-1][1].points == row.points else index + 1
        result.append((rank, row))
    return result


async def _board_section(services: Services, turn: Turn, heading: str, week: datetime | None) -> Section:
    """One board as a section: its ranked lines and the asker's own, each with the member's streak."""
    page = await services.store.leaderboard_page(turn.place.id, turn.user.id, week, TOP)
    if not page.top:
        return Section(heading, ("No answers yet – start with /quiz.",))
    now, me = services.clock.now(), turn.user.id
    today: dict[str, date] = {}  # the local date in each member's zone, worked out once per zone
    lines = []
    for rank, user_id, name, points, answers, correct, days, zone in (
        (*page.top, page.own) if page.own else page.top
    ):
        day = today.get(zone)
        if day is None:
            day = today[zone] = now.astimezone(_zone(zone)).date()
        current = days.current_on(day)
        lines.append(
            f"{rank}. {name}{' (you)' if user_id == me else ''} – {points} pts, "
            f"{correct}/{answers} correct{f' · 🔥{current}' if current else ''}"
        )
    return Section(heading, tuple(lines))


async def leaderboard(services: Services, turn: Turn, period: str | None) -> list[Reply]:
    """The group's weekly and all-time ranks (or one of them), with the asker's own rank."""
    if not turn.is_group:
        return [
            replies.info(
                "Leaderboards rank the members of a group.",
                "Add me to a group chat or server and run /leaderboard there;"
                " /stats shows your own progress.",
            )
        ]
    period = (period or "").lower()
    if period not in {"", "week", "all"}:
        return [
            replies.error(f"Unknown period “{period[:20]}”.", "Use /leaderboard, /leaderboard week or all.")
        ]
    sections = []
    if period in {"", "week"}:
        week = week_start(services.clock.now())
        sections.append(await _board_section(services, turn, "This week", week))
    if period in {"", "all"}:
        sections.append(await _board_section(services, turn, "All time", None))
    title = f"🏆 Leaderboard – {turn.place.title or 'this group'}"
    return [Reply(ReplyKind.LEADERBOARD, title, (), sections=tuple(sections))]
