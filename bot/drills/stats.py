"""The spaced-repetition part of ``/stats``: what is due today and how much is remembered."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.drills.cards import Retention
from bot.drills.deliveries import Review
from bot.model.messages import Section
from bot.model.progress import QuestionBrief, UserProgress
from bot.model.records import Attempt

SHOWN_DUE = 5


def reviews_from(attempts: Iterable[Attempt]) -> list[Review]:
    """The core's attempts (skips included) as spaced-repetition reviews."""
    return [
        Review(
            a.question_id,
            a.verdict,
            a.answered_at,
            a.hints_used,
            a.elapsed_seconds,
            a.open_question_id,
            a.follow_up_asked,
        )
        for a in attempts
    ]


def review_section(
    briefs: Iterable[QuestionBrief], progress: UserProgress, now: datetime, timezone: str
) -> Section:
    """Lines for ``/stats``: the questions due for review today (local date) and the retention."""
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    days = [(b.due.astimezone(zone).date(), b) for b in briefs]
    # Weakest first (the rating of the last answer), then the longest overdue: as ``retention`` orders.
    due_now = sorted((b for day, b in days if day <= today), key=lambda b: (b.last_rating, b.due))
    upcoming = [day for day, _ in days if day > today]
    summary = Retention(
        progress.recalled,
        progress.reviewed,
        len(due_now),
        tuple(b.question_id for b in due_now),
        min(upcoming, default=None),
    )
    due = f"Due for review today: {summary.due_today}"
    if summary.due_questions:
        more = summary.due_today - SHOWN_DUE
        due += (
            " – " + ", ".join(summary.due_questions[:SHOWN_DUE]) + (f" and {more} more" if more > 0 else "")
        )
    elif summary.next_due is not None:
        due += f" (next on {summary.next_due:%a %d %b})"
    if summary.rate is None:
        kept = "Retention: no repeat answers yet."
    else:
        kept = (
            f"Retention: {round(summary.rate * 100)}% – {summary.recalled} of {summary.reviewed} "
            "repeat answers recalled."
        )
    return Section("Spaced repetition", (due, kept))
