"""What the core stores: users, places, open questions, attempts and subscriptions.

Plain frozen dataclasses; ``storage/`` maps them to tables.  Every time is an aware UTC datetime.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.model.grades import Verdict


class Mode(StrEnum):
    """How a question came to be asked: DM practice, a group quiz, a daily drill, a mock interview."""

    PRACTICE = "practice"
    QUIZ = "quiz"
    DRILL = "drill"
    INTERVIEW = "interview"


@dataclass(frozen=True)
class UserRecord:
    """A person on one platform, keyed by (platform, platform user id)."""

    id: int
    platform: str
    platform_user_id: str
    display_name: str
    timezone: str = "UTC"


@dataclass(frozen=True)
class PlaceRecord:
    """Where scores count: a group chat, a Discord guild, or one user's DMs."""

    id: int
    platform: str
    platform_place_id: str
    is_private: bool
    title: str = ""


@dataclass(frozen=True)
class OpenQuestion:
    """A question that was asked and may still be answered.

    In a group every member may answer once (``for_user_id`` is None); in a DM only its user.
    """

    id: int
    place_id: int
    chat_id: str
    question_id: str
    asked_by_user_id: int | None
    for_user_id: int | None
    opened_at: datetime
    message_id: str | None = None
    hints_shown: int = 0
    closed_at: datetime | None = None
    mode: Mode = Mode.PRACTICE


@dataclass(frozen=True)
class Attempt:
    """One graded (or skipped) answer, with its score and the key points hit and missed."""

    user_id: int
    place_id: int
    question_id: str
    score: float
    verdict: Verdict
    answered_at: datetime
    open_question_id: int | None = None
    answer_text: str = ""
    matched: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    hints_used: int = 0
    elapsed_seconds: float | None = None
    mode: Mode = Mode.PRACTICE
    follow_up_asked: bool = False
    recovered: tuple[str, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class Subscription:
    """A daily drill: a user's DMs (``user_id`` set) or a group channel, at a local time."""

    platform: str
    chat_id: str
    place_id: int
    user_id: int | None
    local_time: str
    timezone: str
    topics: tuple[str, ...] = ()
    active: bool = True
    paused_reason: str | None = None
    skip_date: date | None = None
    created_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class LeaderRow:
    """One line of a leaderboard: a member's points, answers and current streak."""

    user_id: int
    display_name: str
    points: int
    answers: int
    correct: int
