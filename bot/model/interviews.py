"""A mock interview as the core stores it: who, where, the questions chosen and how far it got."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Interview:
    """One mock interview of one user in their private place.

    ``question_ids`` are the questions chosen at the start, in order; ``asked`` the open questions
    posted so far, one per question (the last one is the current question while it runs).
    ``finished_at`` is set when the last question is answered or the user stops early
    (``stopped_early``).
    """

    id: int
    user_id: int
    place_id: int
    chat_id: str
    question_ids: tuple[str, ...]
    started_at: datetime
    asked: tuple[int, ...] = ()
    topic: str | None = None
    finished_at: datetime | None = None
    stopped_early: bool = False

    @property
    def total(self) -> int:
        """How many questions the interview has."""
        return len(self.question_ids)

    @property
    def number(self) -> int:
        """The number (from 1) of the current question, or 0 before the first is asked."""
        return len(self.asked)

    @property
    def current_open_question_id(self) -> int | None:
        """The open question of the current question, or None before the first is asked."""
        return self.asked[-1] if self.asked else None

    @property
    def current_question_id(self) -> str | None:
        """The id of the current question, or None before the first is asked."""
        return self.question_ids[len(self.asked) - 1] if self.asked else None

    @property
    def next_question_id(self) -> str | None:
        """The id of the question after the current one, or None after the last."""
        return self.question_ids[len(self.asked)] if len(self.asked) < self.total else None
