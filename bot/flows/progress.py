"""A user's progress (/stats) and a group's leaderboard (/leaderboard)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, time, timedelta

from bot import replies
from bot.drills.stats import review_section
from bot.flows.context import Services, Turn
from bot.flows.streaks import streak
from bot.model.grades import Verdict
from bot.model.messages import Reply, ReplyKind, Section
from bot.model.records import LeaderRow

TOP = 10


def week_start(now: datetime) -> datetime:
    """Monday 00:00 UTC of the week containing ``now``."""
    monday = (now - timedelta(days=now.weekday())).date()
    return datetime.combine(monday, time(0), tzinfo=now.tzinfo)


async def stats(services: Services, turn: Turn) -> list[Reply]:
    """The user's own progress: totals, per topic, streaks."""
    every = await services.store.user_attempts(turn.user.id)
    attempts = [a for a in every if a.verdict != Verdict.SKIPPED]
    if not attempts:
        return [
            replies.info("No answers yet.", "Start with /quiz – your progress shows up here.", private=True)
        ]
    now = services.clock.now()
    run = streak((a.answered_at for a in attempts), turn.user.timezone, now)
    verdicts: Counter[Verdict] = Counter()
    per_topic: dict[str, list[float]] = defaultdict(list)
    for a in attempts:
        verdicts[a.verdict] += 1
        question = services.bank.get(a.question_id)
        per_topic[question.topic if question else "retired"].append(a.score)
    average = sum(a.score for a in attempts) / len(attempts)
    body = (
        f"{len(attempts)} answers · {verdicts[Verdict.CORRECT]} correct, "
        f"{verdicts[Verdict.PARTIAL]} partial, {verdicts[Verdict.WRONG]} wrong · "
        f"average {round(average * 100)}%",
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
            f"📊 {turn.user.display_name}'s progress",
            body,
            sections=(Section("By topic", topic_lines), review_section(every, now, turn.user.timezone)),
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


async def _place_streak(services: Services, turn: Turn, user_id: int, cache: dict[int, int]) -> int:
    """A member's current streak of days answering in this place (worked out once per leaderboard)."""
    if user_id not in cache:
        user = await services.store.get_user(user_id)
        attempts = await services.store.user_attempts(user_id)
        here = (a for a in attempts if a.place_id == turn.place.id)
        days = (a.answered_at for a in here if a.verdict != Verdict.SKIPPED)
        cache[user_id] = streak(days, user.timezone if user else "UTC", services.clock.now()).current
    return cache[user_id]


async def _board_section(
    services: Services, turn: Turn, heading: str, since: datetime | None, streaks: dict[int, int]
) -> Section:
    board = ranked(await services.store.leaderboard(turn.place.id, since))
    if not board:
        return Section(heading, ("No answers yet – start with /quiz.",))
    shown = board[:TOP]
    own = next((entry for entry in board if entry[1].user_id == turn.user.id), None)
    if own is not None and own not in shown:
        shown = [*shown, own]
    lines = []
    for rank, row in shown:
        current = await _place_streak(services, turn, row.user_id, streaks)
        flame = f" · 🔥{current}" if current else ""
        you = " (you)" if row.user_id == turn.user.id else ""
        lines.append(
            f"{rank}. {row.display_name}{you} – {row.points} pts, {row.correct}/{row.answers} correct{flame}"
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
    streaks: dict[int, int] = {}
    if period in {"", "week"}:
        week = week_start(services.clock.now())
        sections.append(await _board_section(services, turn, "This week", week, streaks))
    if period in {"", "all"}:
        sections.append(await _board_section(services, turn, "All time", None, streaks))
    title = f"🏆 Leaderboard – {turn.place.title or 'this group'}"
    return [Reply(ReplyKind.LEADERBOARD, title, (), sections=tuple(sections))]
