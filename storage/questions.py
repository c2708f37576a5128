"""Open questions in SQL: asked in a chat, found again by message or by who owes an answer, closed once."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, select, update

from bot.model.records import Mode, OpenQuestion
from storage.mapping import to_record
from storage.sql_base import SqlBase, dialect_insert, update_checked, update_one
from storage.tables import memberships, open_questions
from storage.types import UTCDateTime


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
        values = {
            "place_id": place_id,
            "chat_id": chat_id,
            "question_id": question_id,
            "asked_by_user_id": asked_by_user_id,
            "for_user_id": for_user_id,
            "opened_at": now,
            "mode": mode.value,
        }
        joining = (place_id, asked_by_user_id)
        async with self.writing() as connection:
            if for_user_id is not None:
                closing = {"chat": chat_id, "owner": for_user_id, "now": now}
                await connection.execute(_closing_owed(), closing)
            opened = (await connection.execute(_opening(self.postgres), values)).one()
            if asked_by_user_id is not None and not self.known_members.get(joining):
                member = {"place_id": place_id, "user_id": asked_by_user_id, "joined_at": now}
                await connection.execute(_joining(self.postgres), member)
        if asked_by_user_id is not None:
            self.known_members.put(joining, True)
        return to_record(OpenQuestion, opened)

    async def get_open_question(self, open_question_id: int) -> OpenQuestion | None:
        """The open (or closed) question with this id, or None."""
        return await self._newest(open_questions.c.id == open_question_id)

    async def set_question_message(self, open_question_id: int, message_id: str) -> None:
        """Remember the platform message id the question was posted as."""
        values = {"row": open_question_id, "message": message_id}
        async with self.writing() as connection:
            await update_checked(connection, _setting_message(), values)

    async def find_open_question(
        self,
        chat_id: str,
        *,
        message_id: str | None = None,
        for_user_id: int | None = None,
        include_closed: bool = False,
    ) -> OpenQuestion | None:
        """The newest still-open question in a chat, narrowed by its message id and/or who owes it."""
        shape = (include_closed, message_id is not None, for_user_id is not None)
        query = _finding(*shape)
        values = {"chat_id": chat_id, "message_id": message_id, "for_user_id": for_user_id}
        async with self.reading() as connection:
            row = (await connection.execute(query, values)).one_or_none()
        return to_record(OpenQuestion, row) if row else None

    async def _newest(self, *conditions: ColumnElement[bool]) -> OpenQuestion | None:
        query = select(open_questions).where(*conditions).order_by(open_questions.c.id.desc()).limit(1)
        async with self.reading() as connection:
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
        async with self.writing() as connection:
            count = (await connection.execute(stmt)).scalar_one_or_none()
        if count is None:
            raise KeyError(open_question_id)
        return count

    async def close_question(self, open_question_id: int, now: datetime) -> None:
        """Close the question so no one can answer it any more (closing twice keeps the first time)."""
        closed_at = func.coalesce(open_questions.c.closed_at, now)
        async with self.writing() as connection:
            await update_one(connection, open_questions, open_question_id, closed_at=closed_at)


@cache
def _opening(postgres: bool) -> Any:
    """Inserting an open question, returning its row."""
    return dialect_insert(postgres, open_questions).returning(*open_questions.c)


@cache
def _joining(postgres: bool) -> Any:
    """Inserting a membership unless there is one."""
    return dialect_insert(postgres, memberships).on_conflict_do_nothing()


@cache
def _closing_owed() -> Any:
    """Closing, at ``now``, the open questions ``owner`` owes in ``chat``."""
    c = open_questions.c
    owed = (
        c.chat_id == bindparam("chat"),
        c.for_user_id == bindparam("owner"),
        c.closed_at.is_(None),
    )
    return update(open_questions).where(*owed).values(closed_at=bindparam("now", type_=UTCDateTime()))


@cache
def _setting_message() -> Any:
    """Setting the platform message id (``message``) of the open question ``row``."""
    c = open_questions.c
    return update(open_questions).where(c.id == bindparam("row")).values(message_id=bindparam("message"))


@cache
def _finding(include_closed: bool, by_message: bool, by_owner: bool) -> Any:
    """The newest open question in ``chat_id`` (or closed too), of ``message_id``, owed by ``for_user_id``."""
    c = open_questions.c
    conditions: list[ColumnElement[bool]] = [c.chat_id == bindparam("chat_id")]
    if not include_closed:
        conditions.append(c.closed_at.is_(None))
    if by_message:
        conditions.append(c.message_id == bindparam("message_id"))
    if by_owner:
        conditions.append(c.for_user_id == bindparam("for_user_id"))
    return select(open_questions).where(*conditions).order_by(c.id.desc()).limit(1)
