"""``/stats`` with a picture: the text from ``progress.stats``, plus a PNG chart when there is history.

The chart is built from bounded reads: the kept state (totals, one brief per question met) and the
attempts of the last ``WEEKS`` weeks summed per local day and question by the store.  Drawing it is
the renderer's job (an outer layer); without a renderer, or for a user with no answers, ``/stats``
is text only.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.flows import progress
from bot.flows.context import Services, Turn
from bot.history import HistoryStore
from bot.model.history import DayTally, ProgressChart, TopicRecall, TopicScores
from bot.model.messages import Attachment, AttachmentKind, Reply, ReplyKind
from bot.model.progress import QuestionBrief, UserProgress
from bot.model.records import UserRecord
from bot.ports import QuestionBank

log = logging.getLogger(__name__)

WEEKS = 12
CHART_NAME = "progress.png"
RETIRED = "retired"


async def stats(services: Services, turn: Turn) -> list[Reply]:
    """``/stats``: the progress text, with the chart attached to it when the user has answers.  Its reads
    are one transaction (``Store.unit``); the chart is drawn after it, so the database never waits on it."""
    chart = None
    async with services.store.unit():
        answers = await progress.stats(services, turn)
        if services.charts is not None and answers and answers[0].kind is ReplyKind.STATS:
            chart = await progress_chart(services, turn.user)
    if services.charts is None or chart is None:
        return answers
    try:
        png = await services.charts.progress_png(chart)
    except Exception:  # a chart that cannot be drawn must not cost the user their stats
        log.exception("drawing the progress chart failed")
        return answers
    picture = Attachment(CHART_NAME, png, "image/png", AttachmentKind.PHOTO)
    first, *rest = answers
    return [_with(first, picture), *rest]


def _with(reply: Reply, attachment: Attachment) -> Reply:
    return replace(reply, attachments=(*reply.attachments, attachment))


async def progress_chart(services: Services, user: UserRecord) -> ProgressChart | None:
    """What the user's progress chart shows, or None before their first graded answer."""
    store = services.store
    totals = await store.user_progress(user.id)
    if totals is None or totals.answers == 0:
        return None
    zone = _zone(user.timezone)
    today = services.clock.now().astimezone(zone).date()
    first_day = _monday(today) - timedelta(weeks=WEEKS - 1)
    since = datetime.combine(first_day, time(0), tzinfo=zone)
    tallies = await cast(HistoryStore, store).day_tallies(user.id, since, zone.key)
    briefs = await store.question_briefs(user.id)
    return build_chart(services.bank, user, totals, briefs, tallies, today, first_day)


def build_chart(
    bank: QuestionBank,
    user: UserRecord,
    totals: UserProgress,
    briefs: Iterable[QuestionBrief],
    tallies: Sequence[DayTally],
    today: date,
    first_day: date,
) -> ProgressChart:
    """The chart's content from the kept state and the window's day tallies (pure)."""
    return ProgressChart(
        title=f"{user.display_name}'s progress",
        first_day=first_day,
        last_day=today,
        scores=weekly_scores(bank, tallies),
        recall=topic_recall(bank, briefs),
        reviewed=totals.reviewed,
        recalled=totals.recalled,
        days=answered_days(tallies, first_day, today),
        streak=totals.days.current_on(today),
        best=totals.days.best,
    )


def _topic(bank: QuestionBank, question_id: str) -> str:
    question = bank.get(question_id)
    return question.topic if question else RETIRED


def weekly_scores(bank: QuestionBank, tallies: Iterable[DayTally]) -> tuple[TopicScores, ...]:
    """Each topic's average score per week (Monday-started) over its graded answers."""
    sums: dict[str, dict[date, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0, 0.0]))
    for tally in tallies:
        if tally.graded:
            cell = sums[_topic(bank, tally.question_id)][_monday(tally.day)]
            cell[0] += tally.graded
            cell[1] += tally.score_sum
    return tuple(
        TopicScores(topic, tuple((week, total / count) for week, (count, total) in sorted(weeks.items())))
        for topic, weeks in sorted(sums.items())
    )


def topic_recall(bank: QuestionBank, briefs: Iterable[QuestionBrief]) -> tuple[TopicRecall, ...]:
    """Per topic: the questions met, and those whose last answer was neither wrong nor skipped."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for brief in briefs:
        cell = counts[_topic(bank, brief.question_id)]
        cell[0] += brief.last_rating > 1
        cell[1] += 1
    return tuple(TopicRecall(topic, kept, met) for topic, (kept, met) in sorted(counts.items()))


def answered_days(
    tallies: Iterable[DayTally], first_day: date, last_day: date
) -> tuple[tuple[date, int], ...]:
    """Graded answers per local day inside the window, for the days that had any."""
    per_day: dict[date, int] = defaultdict(int)
    for tally in tallies:
        if tally.graded and first_day <= tally.day <= last_day:
            per_day[tally.day] += tally.graded
    return tuple(sorted(per_day.items()))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")
