"""Appeals in SQL: one appeal per attempt (an ``INSERT … ON CONFLICT`` that updates the reason), and
accepting one, which regrades its attempt and corrects the kept state in the same transaction.

The correction (``bot.drills.regrade``) takes the difference into the user's totals and member score and
folds again only the user's attempts at that question, so it costs what one question's history costs;
on PostgreSQL the user's row is locked first, as an answer's fold does.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.drills.regrade import regrade
from bot.model.appeals import Appeal
from bot.model.grades import Verdict
from bot.model.records import Attempt
from storage.appeal_tables import appeals
from storage.mapping import to_record
from storage.progress import _LOCK_USER, Progress
from storage.progress_rows import (
    member_from,
    member_values,
    progress_from,
    progress_values,
    question_values,
)
from storage.progress_tables import member_scores, user_questions, user_totals
from storage.sql_base import update_one
from storage.tables import attempts
from storage.topic_totals import add_to_topic


def appeal_from(row: Any) -> Appeal:
    """An ``appeals`` row as an Appeal."""
    appeal = to_record(Appeal, row)
    accepted = row._mapping["accepted_verdict"]
    return replace(appeal, accepted_verdict=Verdict(accepted) if accepted else None)


class Appeals(Progress):
    """The store methods about appeals (``bot.flows.appeal_store.AppealStore``)."""

    async def get_attempt(self, attempt_id: int) -> Attempt | None:
        """The attempt with this id, or None."""
        return await self._one_attempt(attempts.c.id == attempt_id)

    async def attempt_of(self, open_question_id: int, user_id: int) -> Attempt | None:
        """The user's attempt at an open question, or None."""
        a = attempts.c
        return await self._one_attempt(a.open_question_id == open_question_id, a.user_id == user_id)

    async def latest_graded_attempt(self, user_id: int, place_id: int) -> Attempt | None:
        """The user's newest graded (not skipped) attempt in a place, or None."""
        a = attempts.c
        return await self._one_attempt(
            a.user_id == user_id, a.place_id == place_id, a.verdict != Verdict.SKIPPED.value
        )

    async def _one_attempt(self, *where: ColumnElement[bool]) -> Attempt | None:
        a = attempts.c
        query = select(attempts).where(*where).order_by(a.answered_at.desc(), a.id.desc()).limit(1)
        async with self.reading() as connection:
            row = (await connection.execute(query)).one_or_none()
        return to_record(Attempt, row) if row is not None else None

    async def record_appeal(
        self, attempt: Attempt, claimed: Verdict, reason: str, chat_id: str, now: datetime
    ) -> Appeal:
        """A new appeal of the attempt, or the earlier one with the new claim and reason (an empty reason
        keeps the earlier one; an accepted appeal stays as it is)."""
        values = {
            "attempt_id": attempt.id,
            "user_id": attempt.user_id,
            "place_id": attempt.place_id,
            "question_id": attempt.question_id,
            "answer_text": attempt.answer_text,
            "verdict": Verdict(attempt.verdict).value,
            "score": attempt.score,
            "matched": list(attempt.matched),
            "missed": list(attempt.missed),
            "claimed": claimed.value,
            "reason": reason,
            "status": "open",
            "created_at": now,
            "updated_at": now,
            "chat_id": chat_id,
        }
        stmt = self.insert(appeals).values(values)
        keep = {name: stmt.excluded[name] for name in ("claimed", "reason", "updated_at")}
        upsert = stmt.on_conflict_do_update(
            index_elements=[appeals.c.attempt_id],
            set_=keep,
            where=(appeals.c.status == "open") & (stmt.excluded.reason != ""),
        )
        async with self.writing() as connection:
            await connection.execute(upsert)
            row = (await connection.execute(select(appeals).where(appeals.c.attempt_id == attempt.id))).one()
        return appeal_from(row)

    async def get_appeal(self, appeal_id: int) -> Appeal | None:
        """The appeal with this id, or None."""
        return await self._one_appeal(appeals.c.id == appeal_id)

    async def find_appeal_by_message(self, chat_id: str, message_id: str) -> Appeal | None:
        """The appeal whose prompt or notice is this platform message, or None."""
        return await self._one_appeal(appeals.c.chat_id == chat_id, appeals.c.message_id == message_id)

    async def _one_appeal(self, *where: ColumnElement[bool]) -> Appeal | None:
        query = select(appeals).where(*where).order_by(appeals.c.id.desc()).limit(1)
        async with self.reading() as connection:
            row = (await connection.execute(query)).one_or_none()
        return appeal_from(row) if row is not None else None

    async def set_appeal_message(self, appeal_id: int, message_id: str) -> None:
        """Remember the platform message that asked for the appeal's reason or announced it."""
        async with self.writing() as connection:
            await update_one(connection, appeals, appeal_id, message_id=message_id)

    async def list_appeals(self) -> list[Appeal]:
        """Every appeal, oldest first."""
        query = select(appeals).order_by(appeals.c.created_at, appeals.c.id)
        async with self.reading() as connection:
            return [appeal_from(row) for row in await connection.execute(query)]

    async def appealed_attempt_ids(self, user_id: int) -> set[int]:
        """The ids of the user's attempts they appealed."""
        query = select(appeals.c.attempt_id).where(appeals.c.user_id == user_id)
        async with self.reading() as connection:
            return set((await connection.execute(query)).scalars())

    async def accept_appeal(
        self, appeal_id: int, verdict: Verdict, score: float, by_user_id: int, now: datetime
    ) -> Appeal | None:
        """Accept an open appeal: its attempt takes the verdict and score and the kept state is corrected,
        all in one transaction; None when the appeal was not open (accepted already, or gone)."""
        accepting = (
            update(appeals)
            .where(appeals.c.id == appeal_id, appeals.c.status == "open")
            .values(
                status="accepted",
                accepted_verdict=verdict.value,
                accepted_score=score,
                accepted_by_user_id=by_user_id,
                accepted_at=now,
                updated_at=now,
            )
            .returning(appeals.c.attempt_id)
        )
        async with self.writing() as connection:
            attempt_id = (await connection.execute(accepting)).scalar_one_or_none()
            if attempt_id is None:
                return None
            await self._regrade(connection, attempt_id, verdict, score)
            row = (await connection.execute(select(appeals).where(appeals.c.id == appeal_id))).one()
        return appeal_from(row)

    async def _regrade(
        self, connection: AsyncConnection, attempt_id: int, verdict: Verdict, score: float
    ) -> None:
        """Give one attempt a new verdict and score and correct the kept state it is folded into."""
        row = (await connection.execute(select(attempts).where(attempts.c.id == attempt_id))).one()
        before = to_record(Attempt, row)
        if self.postgres:
            await connection.execute(_LOCK_USER, {"user_id": before.user_id})
        after = replace(before, verdict=verdict, score=score)
        await connection.execute(
            update(attempts)
            .where(attempts.c.id == attempt_id)
            .values(verdict=verdict.value, score=score, points=round(score * 10))
        )
        a = attempts.c
        same_question = (
            select(attempts)
            .where(a.user_id == before.user_id, a.question_id == before.question_id)
            .order_by(a.answered_at, a.id)
        )
        history = [to_record(Attempt, r) for r in await connection.execute(same_question)]
        totals = await _kept_row(connection, user_totals, user_id=before.user_id)
        member = await _kept_row(connection, member_scores, user_id=before.user_id, place_id=before.place_id)
        if totals is None or member is None:  # nothing folded for it (cannot happen for a graded attempt)
            return
        folded = regrade(before, after, history, progress_from(totals), member_from(member))
        await connection.execute(
            self._upsert(user_questions), question_values(before.user_id, folded.question)
        )
        change = after.score - before.score
        await add_to_topic(connection, self.postgres, before.user_id, before.question_id, 0, change)
        await connection.execute(self._upsert(user_totals), progress_values(before.user_id, folded.progress))
        values = member_values(before.place_id, before.user_id, folded.member)  # type: ignore[arg-type]
        values["name"] = member.name  # the boards' copy of the display name, unchanged
        await connection.execute(self._upsert(member_scores), values)


async def _kept_row(connection: AsyncConnection, table: Any, **keys: int) -> SimpleNamespace | None:
    """One kept-state row by its key columns, or None."""
    query = select(table).where(*(table.c[name] == value for name, value in keys.items()))
    row = (await connection.execute(query)).one_or_none()
    return SimpleNamespace(**row._mapping) if row is not None else None
