"""Mock interviews in SQL: started, found while running, moved on question by question, finished."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, func, select, update

from bot.model.interviews import Interview
from storage.interview_tables import interviews
from storage.mapping import to_record
from storage.sql_base import SqlBase, update_one


class Interviews(SqlBase):
    """The ``InterviewStore`` methods (``bot.flows.interview_ports``)."""

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
        c = interviews.c
        running = (c.user_id == user_id, c.place_id == place_id, c.finished_at.is_(None))
        async with self.writing() as connection:
            await connection.execute(
                update(interviews).where(*running).values(finished_at=now, stopped_early=True)
            )
            insert = self.insert(interviews).values(
                user_id=user_id,
                place_id=place_id,
                chat_id=chat_id,
                topic=topic,
                question_ids=list(question_ids),
                asked=[],
                started_at=now,
            )
            row = (await connection.execute(insert.returning(*interviews.c))).one()
        return to_record(Interview, row)

    async def running_interview(self, user_id: int, place_id: int) -> Interview | None:
        """The user's unfinished interview in a place (the newest, should there be two), or None."""
        query = _running()
        async with self.reading() as connection:
            row = (await connection.execute(query, {"user_id": user_id, "place_id": place_id})).one_or_none()
        return to_record(Interview, row) if row else None

    async def save_interview_progress(self, interview_id: int, chat_id: str, asked: Sequence[int]) -> None:
        """Remember the open questions posted so far and the chat the interview runs in."""
        async with self.writing() as connection:
            await update_one(connection, interviews, interview_id, chat_id=chat_id, asked=list(asked))

    async def finish_interview(self, interview_id: int, now: datetime, *, stopped_early: bool) -> None:
        """Mark the interview finished (finishing twice keeps the first time)."""
        finished_at = func.coalesce(interviews.c.finished_at, now)
        async with self.writing() as connection:
            await update_one(
                connection, interviews, interview_id, finished_at=finished_at, stopped_early=stopped_early
            )


@cache
def _running() -> Any:
    """The newest unfinished interview of ``user_id`` in ``place_id``."""
    c = interviews.c
    running = (
        c.user_id == bindparam("user_id"),
        c.place_id == bindparam("place_id"),
        c.finished_at.is_(None),
    )
    return select(interviews).where(*running).order_by(c.id.desc()).limit(1)
