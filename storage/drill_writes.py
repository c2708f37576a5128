"""The dispatcher's writes: opening the drills' questions and recording what became of each send.

Both are a few statements for a whole batch (``executemany`` of one prepared statement), whatever its
size.  A delivery row is only updated while the outcome's claim still holds it; its open question is
updated in any case (a sent message is real, and an unsent question must not catch answers).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, update

from bot.drills.deliveries import DeliveryStatus, DrillQuestion, Outcome
from bot.model.records import Mode
from storage.drill_tables import deliveries
from storage.sql_base import SqlBase, closing_questions
from storage.tables import open_questions

_FINISH = (
    update(deliveries)
    .where(deliveries.c.id == bindparam("b_id"), deliveries.c.claim_token == bindparam("b_token"))
    .values(
        status=bindparam("b_status"),
        not_before=func.coalesce(
            bindparam("b_not_before", type_=deliveries.c.not_before.type), deliveries.c.not_before
        ),
        attempts=deliveries.c.attempts + bindparam("b_tried"),
        last_error=bindparam("b_error"),
        message_id=bindparam("b_message_id"),
        sent_at=bindparam("b_sent_at", type_=deliveries.c.sent_at.type),
        claim_token=None,
        lease_until=None,
    )
)
_SET_MESSAGE = (
    update(open_questions)
    .where(open_questions.c.id == bindparam("b_id"))
    .values(message_id=bindparam("b_message"))
)
_CLOSE_OLDER_DM_QUESTIONS = (
    update(open_questions)
    .where(
        open_questions.c.chat_id == bindparam("b_chat"),
        open_questions.c.for_user_id == bindparam("b_user"),
        open_questions.c.closed_at.is_(None),
        open_questions.c.id < bindparam("b_id"),
    )
    .values(closed_at=bindparam("b_now", type_=open_questions.c.closed_at.type))
)
_TIE_QUESTION = (
    update(deliveries)
    .where(deliveries.c.id == bindparam("b_id"))
    .values(question_id=bindparam("b_question"), open_question_id=bindparam("b_open"))
)


class DrillWrites(SqlBase):
    """Opening the drills' questions and finishing claimed deliveries."""

    async def open_drill_questions(self, drafts: Sequence[DrillQuestion], now: datetime) -> list[int]:
        """Open one question per draft (closing its stale one) and tie it to the delivery; return the ids.

        A batch holds one platform's deliveries, so (chat, user) names each draft's row: the inserted ids
        are matched by it, which lets the insert be one multi-row statement on every database.
        """
        stale = [draft.stale_open_question_id for draft in drafts if draft.stale_open_question_id]
        rows = [
            {
                "place_id": draft.place_id,
                "chat_id": draft.chat_id,
                "question_id": draft.question_id,
                "asked_by_user_id": None,
                "for_user_id": draft.for_user_id,
                "opened_at": now,
                "mode": Mode.DRILL.value,
            }
            for draft in drafts
        ]
        c = open_questions.c
        insert = open_questions.insert().returning(c.id, c.chat_id, c.for_user_id)
        async with self.writing() as connection:
            if stale:
                await connection.execute(closing_questions(c.id.in_(stale), now=now))
            opened = {
                (row.chat_id, row.for_user_id): row.id for row in await connection.execute(insert, rows)
            }
            ids = [opened[(draft.chat_id, draft.for_user_id)] for draft in drafts]
            ties = [
                {"b_id": draft.delivery_id, "b_question": draft.question_id, "b_open": oq}
                for draft, oq in zip(drafts, ids, strict=True)
            ]
            await connection.execute(_TIE_QUESTION, ties)
        return ids

    async def finish(self, outcomes: Sequence[Outcome], now: datetime) -> None:
        """Record what became of claimed deliveries (rows no longer held by that claim are left alone)."""
        if not outcomes:
            return
        tied = [o for o in outcomes if o.open_question_id is not None]
        sent = [o for o in tied if o.status == DeliveryStatus.SENT]
        with_message = [o for o in sent if o.message_id is not None]
        in_dms = [o for o in sent if o.delivery.subscription.user_id is not None]
        unsent = [o.open_question_id for o in tied if o.status != DeliveryStatus.SENT]
        async with self.writing() as connection:
            await connection.execute(_FINISH, [_finish_params(o, now) for o in outcomes])
            if with_message:
                params = [{"b_id": o.open_question_id, "b_message": o.message_id} for o in with_message]
                await connection.execute(_SET_MESSAGE, params)
            if in_dms:
                await connection.execute(_CLOSE_OLDER_DM_QUESTIONS, [_older_params(o, now) for o in in_dms])
            if unsent:
                await connection.execute(closing_questions(open_questions.c.id.in_(unsent), now=now))


def _finish_params(outcome: Outcome, now: datetime) -> dict[str, Any]:
    return {
        "b_id": outcome.delivery.id,
        "b_token": outcome.delivery.claim_token,
        "b_status": outcome.status,
        "b_not_before": outcome.not_before,
        "b_tried": 1 if outcome.attempted else 0,
        "b_error": outcome.reason,
        "b_message_id": outcome.message_id,
        "b_sent_at": now if outcome.status == DeliveryStatus.SENT else None,
    }


def _older_params(outcome: Outcome, now: datetime) -> dict[str, Any]:
    sub = outcome.delivery.subscription
    return {"b_chat": sub.chat_id, "b_user": sub.user_id, "b_id": outcome.open_question_id, "b_now": now}
