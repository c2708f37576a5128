"""A follow-up: the one question asked after a partial or wrong answer, about a key point it missed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class FollowUp:
    """A follow-up asked in a chat, to the member whose answer (``attempt_id``) missed ``point_id``.

    ``missed`` are the required key points the answer missed: the reply is graded against them only.
    ``message_id`` is the platform message the follow-up was posted as (a reply to it answers it in a
    group); it is open until ``closed_at`` is set (answered, skipped, or a new question was asked).
    """

    id: int
    attempt_id: int
    chat_id: str
    user_id: int
    question_id: str
    point_id: str
    missed: tuple[str, ...]
    asked_at: datetime
    message_id: str | None = None
    closed_at: datetime | None = None
