"""A user's progress (/stats) and a group's leaderboard (/leaderboard)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta

from bot import replies
from bot.drills.stats import review_section
from bot.flows.context import Context, Core
from bot.flows.streaks import streak
from bot.model.messages import Reply, ReplyKind, Section
from bot.model.records import SKIPPED, LeaderRow

TOP = 10


def week_start(now: datetime) -> datetime:
    """Monday 00:00 UTC of the week containing ``now``."""
    monday = (now - timedelta(days=now.weekday())).date()
    return datetime.combine(monday, time(0), tzinfo=now.tzinfo)


async def stats(core: Core, ctx: Context) -> list[Reply]:
    """The user's own progress: totals, per topic, streaks."""
    every = await core.store.user_attempts(ctx.user.id)
    attempts = [a for a in every if a.verdict != SKIPPED]
    if not attempts:
        return [
            replies.info("No answers yet.", "Start with /quiz – your progress shows up here.", private=True)
        ]
    now = core.clock.now()
    run = streak((a.answered_at for a in attempts), ctx.user.timezone, now)
    verdicts = defaultdict(int)
    per_topic: dict[str, list[float]] = defaultdict(list)
    for a in attempts:
        verdicts[a.verdict] += 1
        question = core.bank.get(a.question_id)
        per_topic[question.topic if question else "retired"].append(a.score)
    average = sum(a.score for a in attempts) / len(attempts)
    body = (
        f"{len(attempts)} answers · {verdicts['correct']} correct, {verdicts['partial']} partial, "
        f"{verdicts['wrong']} wrong · average {round(average * 100)}%",
        f"Streak: {run.current} day(s), best {run.best}.",
        f"Last practised {attempts[-1].answered_at:%Y-%m-%d %H:%M} UTC.",
    )
    topic_lines = tuple(
        f"{topic}: {len(scores)} answered, average {round(sum(scores) / len(scores) * 100)}%"
        for topic, scores in sorted(per_topic.items())
    )
    return [
        Reply(
            ReplyKind.STATS,
            f"📊 {ctx.user.display_name}'s progress",
            body,
            sections=(Section("By topic", topic_lines), review_section(every, now, ctx.user.timezone)),
            private=True,
        )
    ]


def ranked(board: list[LeaderRow]) -> list[tuple[int, LeaderRow]]:
    """Competition ranking: equal points share a rank (1, 2, 2, 4)."""
    result: list[tuple[int, LeaderRow]] = []
    for index, row in enumerate(board):
        rank = result[-1][0] if result and result[-1][1].points == row.points else index + 1
        result.append((rank, row))
    return result


async def _place_streak(core: Core, ctx: Context, user_id: int, cache: dict[int, int]) -> int:
    """A member's current streak of days answering in this place (worked out once per leaderboard)."""
    if user_id not in cache:
        user = await core.store.get_user(user_id)
        attempts = await core.store.user_attempts(user_id)
        days = (a.answered_at for a in attempts if a.verdict != SKIPPED and a.place_id == ctx.place.id)
        cache[user_id] = streak(days, user.timezone if user else "UTC", core.clock.now()).current
    return cache[user_id]


async def _board_section(
    core: Core, ctx: Context, heading: str, since: datetime | None, streaks: dict[int, int]
) -> Section:
    board = ranked(await core.store.leaderboard(ctx.place.id, since))
    if not board:
        return Section(heading, ("No answers yet – start with /quiz.",))
    shown = board[:TOP]
    own = next((entry for entry in board if entry[1].user_id == ctx.user.id), None)
    if own is not None and own not in shown:
        shown = [*shown, own]
    lines = []
    for rank, row in shown:
        current = await _place_streak(core, ctx, row.user_id, streaks)
        flame = f" · 🔥{current}" if current else ""
        you = " (you)" if row.user_id == ctx.user.id else ""
        lines.append(
            f"{rank}. {row.display_name}{you} – {row.points} pts, {row.correct}/{row.answers} correct{flame}"
        )
    return Section(heading, tuple(lines))


async def leaderboard(core: Core, ctx: Context, period: str | None) -> list[Reply]:
    """The group's weekly and all-time ranks (or one of them), with the asker's own rank."""
    if not ctx.is_group:
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
    streaks: dict[int, int] = {}
    if period in {"", "week"}:
        week = week_start(core.clock.now())
        sections.append(await _board_section(core, ctx, "This week", week, streaks))
    if period in {"", "all"}:
        sections.append(await _board_section(core, ctx, "All time", None, streaks))
    title = f"🏆 Leaderboard – {ctx.place.title or 'this group'}"
    return [Reply(ReplyKind.LEADERBOARD, title, (), sections=tuple(sections))]
