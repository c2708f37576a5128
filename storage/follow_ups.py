"""Follow-ups in SQL: opened after an answer, found by message or by who owes the reply, closed once.

Answering one closes it and records the recovered key points on its attempt in one transaction; the
close is conditional on the row being open, so two replies racing record only one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update

from bot.model.follow_ups import FollowUp
from bot.model.records import Attempt
from storage.follow_up_tables import follow_ups
from storage.mapping import to_record
from storage.sql_base import SqlBase, update_one
from storage.tables import attempts


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
        f = follow_ups.c
        insert = self.insert(follow_ups).values(
            attempt_id=attempt_id,
            chat_id=chat_id,
            user_id=user_id,
            question_id=question_id,
            point_id=point_id,
            missed=list(missed),
            asked_at=now,
        )
        async with self.engine.begin() as connection:
            await connection.execute(
                update(follow_ups)
                .where(f.chat_id == chat_id, f.user_id == user_id, f.closed_at.is_(None))
                .values(closed_at=now)
            )
            row = (await connection.execute(insert.returning(*follow_ups.c))).one()
        return to_record(FollowUp, row)

    async def get_follow_up(self, follow_up_id: int) -> FollowUp | None:
        """The follow-up with this id (open or closed), or None."""
        query = select(follow_ups).where(follow_ups.c.id == follow_up_id)
        async with self.engine.connect() as connection:
            row = (await connection.execute(query)).first()
        return None if row is None else to_record(FollowUp, row)

    async def set_follow_up_message(self, follow_up_id: int, message_id: str) -> None:
        """Remember the platform message id the follow-up was posted as."""
        async with self.engine.begin() as connection:
            await update_one(connection, follow_ups, follow_up_id, message_id=message_id)

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
        f = follow_ups.c
        query = select(follow_ups).where(f.chat_id == chat_id)
        if not include_closed:
            query = query.where(f.closed_at.is_(None))
        if message_id is not None:
            query = query.where(f.message_id == message_id)
        if user_id is not None:
            query = query.where(f.user_id == user_id)
        async with self.engine.connect() as connection:
            row = (await connection.execute(query.order_by(f.id.desc()).limit(1))).first()
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
        async with self.engine.begin() as connection:
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
        f = follow_ups.c
        closing = update(follow_ups).where(f.chat_id == chat_id, f.user_id == user_id, f.closed_at.is_(None))
        if follow_up_id is not None:
            closing = closing.where(f.id == follow_up_id)
        async with self.engine.begin() as connection:
            return (await connection.execute(closing.values(closed_at=now))).rowcount

    async def attempt_by_id(self, attempt_id: int) -> Attempt | None:
        """The attempt with this id, or None."""
        async with self.engine.connect() as connection:
            row = (await connection.execute(select(attempts).where(attempts.c.id == attempt_id))).first()
        return None if row is None else to_record(Attempt, row)
