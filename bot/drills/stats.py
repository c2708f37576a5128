"""The spaced-repetition part of ``/stats``: what is due today and how much is remembered."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from bot.drills.cards import Retention
from bot.drills.deliveries import Review
from bot.model.messages import Section
from bot.model.progress import DueSummary, UserProgress
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


def review_section(due: DueSummary, progress: UserProgress, zone: ZoneInfo) -> Section:
    """Lines for ``/stats``: the questions due for review today (``due``, up to the end of the user's
    local day in ``zone``) and the retention."""
    next_due = due.next_due.astimezone(zone).date() if due.next_due else None
    summary = Retention(progress.recalled, progress.reviewed, due.due, due.first, next_due)
    line = f"Due for review today: {summary.due_today}"
    if summary.due_questions:
        more = summary.due_today - SHOWN_DUE
        line += (
            " – " + ", ".join(summary.due_questions[:SHOWN_DUE]) + (f" and {more} more" if more > 0 else "")
        )
    elif summary.next_due is not None:
        line += f" (next on {summary.next_due:%a %d %b})"
    if summary.rate is None:
        kept = "Retention: no repeat answers yet."
    else:
        kept = (
            f"Retention: {round(summary.rate * 100)}% – {summary.recalled} of {summary.reviewed} "
            "repeat answers recalled."
        )
    return Section("Spaced repetition", (line, kept))
