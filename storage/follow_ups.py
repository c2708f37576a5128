"""Follow-ups in SQL: opened after an answer, found by message or by who owes the reply, closed once.

Answering one closes it and records the recovered key points on its attempt in one transaction; the
close is conditional on the row being open, so two replies racing record only one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, select, update

from bot.model.follow_ups import FollowUp
from bot.model.records import Attempt
from storage.follow_up_tables import follow_ups
from storage.mapping import to_record
from storage.sql_base import SqlBase, dialect_insert, update_checked
from storage.tables import attempts
from storage.types import UTCDateTime


class FollowUps(SqlBase):
    """The ``FollowUpStore`` methods (``bot.flows.follow_up_store``)."""

    async def open_follow_up(
        self,
        attempt_id: int,
        chat_id: str,
        user_id: int,
        question_id: str,
        point_id: str,
        missed: Sequence[str],
        now: datetime,
    ) -> FollowUp:
        """Open a follow-up to an attempt, closing the user's older open follow-ups in that chat first."""
        values = {
            "attempt_id": attempt_id,
            "chat_id": chat_id,
            "user_id": user_id,
            "question_id": question_id,
            "point_id": point_id,
            "missed": list(missed),
            "asked_at": now,
        }
        opening = _opening(self.postgres)
        async with self.writing() as connection:
            closing = {"chat": chat_id, "owner": user_id, "now": now}
            await connection.execute(_closing(False), closing)
            row = (await connection.execute(opening, values)).one()
        return to_record(FollowUp, row)

    async def get_follow_up(self, follow_up_id: int) -> FollowUp | None:
        """The follow-up with this id (open or closed), or None."""
        query = select(follow_ups).where(follow_ups.c.id == follow_up_id)
        async with self.reading() as connection:
            row = (await connection.execute(query)).first()
        return None if row is None else to_record(FollowUp, row)

    async def set_follow_up_message(self, follow_up_id: int, message_id: str) -> None:
        """Remember the platform message id the follow-up was posted as."""
        values = {"row": follow_up_id, "message": message_id}
        async with self.writing() as connection:
            await update_checked(connection, _setting_message(), values)

    async def find_follow_up(
        self,
        chat_id: str,
        *,
        message_id: str | None = None,
        user_id: int | None = None,
        include_closed: bool = False,
    ) -> FollowUp | None:
        """The newest open follow-up in a chat: posted as ``message_id``, or owed by ``user_id`` (closed
        ones too with ``include_closed``)."""
        shape = (include_closed, message_id is not None, user_id is not None)
        query = _finding(*shape)
        values = {"chat_id": chat_id, "message_id": message_id, "user_id": user_id}
        async with self.reading() as connection:
            row = (await connection.execute(query, values)).first()
        return None if row is None else to_record(FollowUp, row)

    async def answer_follow_up(self, follow_up_id: int, recovered: Sequence[str], now: datetime) -> bool:
        """Close an open follow-up and set its attempt's recovered points; False when already closed."""
        f = follow_ups.c
        closing = (
            update(follow_ups)
            .where(f.id == follow_up_id, f.closed_at.is_(None))
            .values(closed_at=now)
            .returning(f.attempt_id)
        )
        async with self.writing() as connection:
            attempt_id = (await connection.execute(closing)).scalar_one_or_none()
            if attempt_id is None:
                return False
            await connection.execute(
                update(attempts).where(attempts.c.id == attempt_id).values(recovered=list(recovered))
            )
        return True

    async def close_follow_ups(
        self, chat_id: str, user_id: int, now: datetime, *, follow_up_id: int | None = None
    ) -> int:
        """Close the user's open follow-ups in a chat (only ``follow_up_id`` if given); return how many."""
        one = follow_up_id is not None
        closing = _closing(one)
        values = {"chat": chat_id, "owner": user_id, "now": now, "row": follow_up_id}
        async with self.writing() as connection:
            return (await connection.execute(closing, values)).rowcount

    async def attempt_by_id(self, attempt_id: int) -> Attempt | None:
        """The attempt with this id, or None."""
        async with self.reading() as connection:
            row = (await connection.execute(select(attempts).where(attempts.c.id == attempt_id))).first()
        return None if row is None else to_record(Attempt, row)


@cache
def _opening(postgres: bool) -> Any:
    """Inserting a follow-up, returning its row."""
    return dialect_insert(postgres, follow_ups).returning(*follow_ups.c)


@cache
def _closing(one: bool) -> Any:
    """Closing at ``now`` the open follow-ups ``owner`` owes in ``chat`` (with ``one``: only ``row``)."""
    f = follow_ups.c
    owed = [f.chat_id == bindparam("chat"), f.user_id == bindparam("owner"), f.closed_at.is_(None)]
    if one:
        owed.append(f.id == bindparam("row"))
    return update(follow_ups).where(*owed).values(closed_at=bindparam("now", type_=UTCDateTime()))


@cache
def _setting_message() -> Any:
    """Setting the platform message id (``message``) of the follow-up ``row``."""
    f = follow_ups.c
    return update(follow_ups).where(f.id == bindparam("row")).values(message_id=bindparam("message"))


@cache
def _finding(include_closed: bool, by_message: bool, by_user: bool) -> Any:
    """The newest open follow-up in ``chat_id`` (or closed too), of ``message_id``, owed by ``user_id``."""
    f = follow_ups.c
    query = select(follow_ups).where(f.chat_id == bindparam("chat_id"))
    if not include_closed:
        query = query.where(f.closed_at.is_(None))
    if by_message:
        query = query.where(f.message_id == bindparam("message_id"))
    if by_user:
        query = query.where(f.user_id == bindparam("user_id"))
    return query.order_by(f.id.desc()).limit(1)
