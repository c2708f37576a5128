"""A user's history in bounded pieces: answers per local day and question, and the chart drawn from them.

Plain frozen dataclasses.  The store sums attempts into ``DayTally`` rows (one per day and question, over
a window of days), the core turns them into a ``ProgressChart``, and a chart renderer draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DayTally:
    """The user's attempts at one question on one local day: all of them, the graded ones, their scores."""

    day: date
    question_id: str
    answers: int
    graded: int
    score_sum: float


@dataclass(frozen=True)
class TopicScores:
    """A topic's average score (0..1) per week, each week named by its first day."""

    topic: str
    weeks: tuple[tuple[date, float], ...]


@dataclass(frozen=True)
class TopicRecall:
    """Of the questions of a topic the user met, how many their last answer remembered."""

    topic: str
    remembered: int
    met: int


@dataclass(frozen=True)
class ProgressChart:
    """What the progress picture shows: scores over time per topic, retention, and a streak calendar.

    ``days`` holds the graded answers of each local day from ``first_day`` to ``last_day`` that had any.
    """

    title: str
    first_day: date
    last_day: date
    scores: tuple[TopicScores, ...]
    recall: tuple[TopicRecall, ...]
    reviewed: int
    recalled: int
    days: tuple[tuple[date, int], ...]
    streak: int
    best: int
