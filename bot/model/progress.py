"""What is kept up to date as answers arrive, so no command reads a user's whole history.

A user's state per question (counts, last score, the FSRS card as a plain mapping), a user's totals
with their streak inputs, and a member's score in a place.  Plain frozen dataclasses; the folds that
update them live in ``bot.drills.tally``, the tables in ``storage/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from bot.model.grades import Verdict


def week_start(now: datetime) -> datetime:
    """Monday 00:00 UTC of the week containing ``now``."""
    monday = (now - timedelta(days=now.weekday())).date()
    return datetime.combine(monday, time(0), tzinfo=now.tzinfo)


class DayRun(NamedTuple):
    """Streak inputs: the last local day with a graded answer, the run of days up to it, the best run.

    A named tuple rather than a frozen dataclass, like ``BoardLine``: a leaderboard page builds one per
    line, and a tuple is built several times faster.
    """

    last_day: date | None = None
    run: int = 0
    best: int = 0

    def after(self, day: date) -> DayRun:
        """The run once a graded answer falls on the local ``day`` (answers come in time order)."""
        if self.last_day is not None and day <= self.last_day:
            return self
        run = self.run + 1 if self.last_day is not None and day - self.last_day == timedelta(days=1) else 1
        return DayRun(day, run, max(self.best, run))

    def current_on(self, today: date) -> int:
        """The current streak on the local date ``today``: alive while it reaches today or yesterday."""
        if self.last_day is None or (today - self.last_day).days > 1:
            return 0
        return self.run


NO_DAYS = DayRun()
"""No graded answer yet: no last day, no run."""


@dataclass(frozen=True)
class QuestionState:
    """A user's standing on one question: every attempt at it (skips included) folded in order."""

    question_id: str
    attempts: int
    graded: int
    score_sum: float
    last_score: float
    last_verdict: Verdict
    first_seen: datetime
    last_answered_at: datetime
    last_rating: int
    card: dict[str, Any]
    """The FSRS card as ``fsrs.Card.to_dict()`` gives it."""
    due: datetime
    """When the card is due (the card's own ``due``, kept as a column for cheap reads)."""


@dataclass(frozen=True)
class QuestionBrief:
    """What mock interviews and progress charts read of a user's question state: a few narrow columns."""

    question_id: str
    graded: int
    score_sum: float
    last_score: float
    last_rating: int
    """FSRS rating of the last answer: 1 Again, 2 Hard, 3 Good, 4 Easy."""
    due: datetime


@dataclass(frozen=True)
class CatalogEntry:
    """One question of the bank as the store knows it, so its reads can filter and group by topic."""

    question_id: str
    topic: str
    difficulty: str


@dataclass(frozen=True)
class PracticePick:
    """What ``/quiz`` asks the store to choose from, and the rule it chooses by.

    Among the catalog's questions of ``topic`` and ``difficulty`` (either may be None for any), those of
    the user's last ``recent_window`` attempts are avoided while others remain (else only the latest
    is); among the rest, never-met questions come first, then those last scored under
    ``well_answered``, then the others.  ``draw`` (in [0, 1)) picks one of the best, in id order.
    """

    topic: str | None
    difficulty: str | None
    recent_window: int
    well_answered: float
    draw: float


@dataclass(frozen=True)
class TopicTotal:
    """A user's graded answers and their score sum in one topic (None: questions no longer in the bank)."""

    topic: str | None
    graded: int
    score_sum: float


@dataclass(frozen=True)
class DueSummary:
    """The user's reviews due before a time: how many, the first few (weakest, then longest overdue),
    and when the next one after that time is due."""

    due: int
    first: tuple[str, ...]
    next_due: datetime | None


@dataclass(frozen=True)
class UserProgress:
    """A user's totals over graded answers, their streak inputs, and repeat answers (for retention)."""

    answers: int = 0
    correct: int = 0
    partial: int = 0
    wrong: int = 0
    score_sum: float = 0.0
    last_answered_at: datetime | None = None
    days: DayRun = NO_DAYS
    reviewed: int = 0
    """Answers (skips included) to a question the user had met before."""
    recalled: int = 0
    """Of those, the ones neither wrong nor skipped."""


@dataclass(frozen=True)
class MemberScore:
    """A member's graded answers in one place: all time, in the week of ``week``, and their day run."""

    points: int = 0
    answers: int = 0
    correct: int = 0
    week: datetime | None = None
    week_points: int = 0
    week_answers: int = 0
    week_correct: int = 0
    days: DayRun = NO_DAYS


class BoardLine(NamedTuple):
    """One ranked line of a leaderboard page, with what the member's streak needs."""

    rank: int
    user_id: int
    display_name: str
    points: int
    answers: int
    correct: int
    days: DayRun
    timezone: str


@dataclass(frozen=True)
class LeaderPage:
    """The top of a place's board (all time or one week) and, when not among them, the asker's line."""

    top: tuple[BoardLine, ...]
    own: BoardLine | None = None
