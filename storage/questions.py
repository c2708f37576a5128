"""Open questions in SQL: asked in a chat, found again by message or by who owes an answer, closed once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, func, select, update

from bot.model.records import Mode, OpenQuestion
from storage.mapping import to_record
from storage.sql_base import SqlBase, closing_questions, update_one
from storage.tables import memberships, open_questions


class Questions(SqlBase):
    """The ``Store`` methods about questions asked in chats."""

    async def open_question(
        self,
        place_id: int,
        chat_id: str,
        question_id: str,
        asked_by_user_id: int | None,
        for_user_id: int | None,
        now: datetime,
        mode: Mode = Mode.PRACTICE,
    ) -> OpenQuestion:
        """Open a question in a chat; in a DM (``for_user_id`` set) close that user's older ones first.

        The asker becomes a member of the place in the same transaction.
        """
        insert = self.insert(open_questions).values(
            place_id=place_id,
            chat_id=chat_id,
            question_id=question_id,
            asked_by_user_id=asked_by_user_id,
            for_user_id=for_user_id,
            opened_at=now,
            mode=mode.value,
        )
        c = open_questions.c
        async with self.engine.begin() as connection:
            if for_user_id is not None:
                await connection.execute(
                    closing_questions(c.chat_id == chat_id, c.for_user_id == for_user_id, now=now)
                )
            opened = (await connection.execute(insert.returning(*open_questions.c))).one()
            if asked_by_user_id is not None:
                member = self.insert(memberships).values(
                    place_id=place_id, user_id=asked_by_user_id, joined_at=now
                )
                await connection.execute(member.on_conflict_do_nothing())
            return to_record(OpenQuestion, opened)

    async def get_open_question(self, open_question_id: int) -> OpenQuestion | None:
        """The open (or closed) question with this id, or None."""
        return await self._newest(open_questions.c.id == open_question_id)

    async def set_question_message(self, open_question_id: int, message_id: str) -> None:
        """Remember the platform message id the question was posted as."""
        async with self.engine.begin() as connection:
            await update_one(connection, open_questions, open_question_id, message_id=message_id)

    async def find_open_question(
        self,
        chat_id: str,
        *,
        message_id: str | None = None,
        for_user_id: int | None = None,
        include_closed: bool = False,
    ) -> OpenQuestion | None:
        """The newest still-open question in a chat, narrowed by its message id and/or who owes it."""
        c = open_questions.c
        conditions: list[ColumnElement[bool]] = [c.chat_id == chat_id]
        if not include_closed:
            conditions.append(c.closed_at.is_(None))
        if message_id is not None:
            conditions.append(c.message_id == message_id)
        if for_user_id is not None:
            conditions.append(c.for_user_id == for_user_id)
        return await self._newest(*conditions)

    async def _newest(self, *conditions: ColumnElement[bool]) -> OpenQuestion | None:
        query = select(open_questions).where(*conditions).order_by(open_questions.c.id.desc()).limit(1)
        async with self.engine.connect() as connection:
            row = (await connection.execute(query)).one_or_none()
        return to_record(OpenQuestion, row) if row else None

    async def add_hint(self, open_question_id: int) -> int:
        """Count one more hint shown for the question; return the new count."""
        stmt = (
            update(open_questions)
            .where(open_questions.c.id == open_question_id)
            .values(hints_shown=open_questions.c.hints_shown + 1)
            .returning(open_questions.c.hints_shown)
        )
        async with self.engine.begin() as connection:
            count = (await connection.execute(stmt)).scalar_one_or_none()
        if count is None:
            raise KeyError(open_question_id)
        return count

    async def close_question(self, open_question_id: int, now: datetime) -> None:
        """Close the question so no one can answer it any more (closing twice keeps the first time)."""
        closed_at = func.coalesce(open_questions.c.closed_at, now)
        async with self.engine.begin() as connection:
            await update_one(connection, open_questions, open_question_id, closed_at=closed_at)
