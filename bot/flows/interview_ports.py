"""The store methods mock interviews need, as a protocol of their own (the SQL and in-memory stores
implement it beside ``Store``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, cast

from bot.model.interviews import Interview
from bot.ports import Store


class InterviewStore(Protocol):
    """Durable state of mock interviews: one running interview per user and private place."""

    async def start_interview(
        self,
        user_id: int,
        place_id: int,
        chat_id: str,
        question_ids: Sequence[str],
        topic: str | None,
        now: datetime,
    ) -> Interview:
        """Start an interview (finishing any the user still runs in that place) and return it."""
        ...

    async def running_interview(self, user_id: int, place_id: int) -> Interview | None:
        """The user's unfinished interview in a place, or None."""
        ...

    async def save_interview_progress(self, interview_id: int, chat_id: str, asked: Sequence[int]) -> None:
        """Remember the open questions posted so far and the chat the interview now runs in."""
        ...

    async def finish_interview(self, interview_id: int, now: datetime, *, stopped_early: bool) -> None:
        """Mark the interview finished (at its end, or stopped early)."""
        ...


def interview_store(store: Store) -> InterviewStore:
    """The engine's store seen as an ``InterviewStore`` (every store of the project is both)."""
    return cast(InterviewStore, store)
