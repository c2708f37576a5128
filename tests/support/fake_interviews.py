"""The mock-interview methods of the in-memory store (``bot.flows.interview_ports.InterviewStore``)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.model.interviews import Interview


class MemoryInterviews:
    """Mixin keeping interviews in a dict of its own, with the SQL store's semantics.

    A forgotten user's interviews go with them (as the database's cascade does).
    """

    _ids: itertools.count[int]
    users: dict[int, Any]

    @property
    def interviews(self) -> dict[int, Interview]:
        """Every interview by id (made on first use, so the store's constructor needs no line for it)."""
        return self.__dict__.setdefault("_interviews", {})  # type: ignore[no-any-return]

    async def start_interview(
        self,
        user_id: int,
        place_id: int,
        chat_id: str,
        question_ids: Sequence[str],
        topic: str | None,
        now: datetime,
    ) -> Interview:
        """Start an interview, finishing (as stopped) any the user still runs in that place."""
        running = await self.running_interview(user_id, place_id)
        while running is not None:
            await self.finish_interview(running.id, now, stopped_early=True)
            running = await self.running_interview(user_id, place_id)
        interview = Interview(
            next(self._ids), user_id, place_id, chat_id, tuple(question_ids), now, topic=topic
        )
        self.interviews[interview.id] = interview
        return interview

    async def running_interview(self, user_id: int, place_id: int) -> Interview | None:
        """The user's newest unfinished interview in a place, or None."""
        found = [
            i
            for i in self.interviews.values()
            if (i.user_id, i.place_id) == (user_id, place_id)
            and i.finished_at is None
            and user_id in self.users
        ]
        return max(found, key=lambda i: i.id) if found else None

    async def save_interview_progress(self, interview_id: int, chat_id: str, asked: Sequence[int]) -> None:
        """Remember the open questions posted so far and the chat."""
        interview = self.interviews[interview_id]
        self.interviews[interview_id] = replace(interview, chat_id=chat_id, asked=tuple(asked))

    async def finish_interview(self, interview_id: int, now: datetime, *, stopped_early: bool) -> None:
        """Mark it finished (finishing twice keeps the first time)."""
        interview = self.interviews[interview_id]
        finished = interview.finished_at or now
        self.interviews[interview_id] = replace(interview, finished_at=finished, stopped_early=stopped_early)
