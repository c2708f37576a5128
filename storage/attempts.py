"""Attempts in SQL: answer-once in one ``INSERT … ON CONFLICT``, a user's history, a place's leaderboard."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, bindparam, case, func, select, update

from bot.model.grades import Verdict
from bot.model.records import Attempt, LeaderRow
from storage.mapping import attempt_values, to_record
from storage.progress import Progress
from storage.tables import attempts, memberships, open_questions, users
from storage.types import UTCDateTime


class Attempts(Progress):
    """The ``Store`` methods about answers and what they score."""

    async def record_attempt(self, attempt: Attempt, *, close: bool = False) -> int | None:
        """Store an attempt, make the user a member of the place, fold the attempt into the kept state
        and (with ``close``) close its question, in one transaction; return the new attempt's id, or None
        (changing nothing) if the user already answered that open question."""
        statements = self._answer_statements()
        member_key = (attempt.place_id, attempt.user_id)
        async with self.writing() as connection:
            stored = await connection.execute(statements["attempt"], attempt_values(attempt))
            inserted = stored.scalar_one_or_none()
            if inserted is not None:
                if close and attempt.open_question_id is not None:
                    closing = {"question": attempt.open_question_id, "now": attempt.answered_at}
                    await connection.execute(statements["close"], closing)
                # A score row in the place means a membership (both go only with the user): skip the insert.
                scored = await self.tally(connection, attempt)
                if not scored and not self.known_members.get(member_key):
                    joined = {"place_id": attempt.place_id, "user_id": attempt.user_id}
                    joined["joined_at"] = attempt.answered_at
                    await connection.execute(statements["member"], joined)
        if inserted is not None:
            self.known_members.put(member_key, True)
        return inserted

    def _answer_statements(self) -> dict[str, Any]:
        """The statements of an answer's transaction, built once (values are bound per call)."""
        cache: dict[str, Any] | None = self.__dict__.get("_answer_sql")
        if cache is None:
            oq = open_questions.c
            keys = [attempts.c.open_question_id, attempts.c.user_id]
            cache = self.__dict__["_answer_sql"] = {
                "attempt": self.insert(attempts)
                .on_conflict_do_nothing(index_elements=keys)
                .returning(attempts.c.id),
                "member": self.insert(memberships).on_conflict_do_nothing(),
                "close": update(open_questions)
                .where(oq.id == bindparam("question"), oq.closed_at.is_(None))
                .values(closed_at=bindparam("now", type_=UTCDateTime())),
            }
        return cache

    async def has_answered(self, open_question_id: int, user_id: int) -> bool:
        """Whether the user already answered this open question."""
        query = select(attempts.c.id).where(
            attempts.c.open_question_id == open_question_id, attempts.c.user_id == user_id
        )
        async with self.reading() as connection:
            return (await connection.execute(query.limit(1))).first() is not None

    async def attempts_for_open_question(self, open_question_id: int) -> list[Attempt]:
        """Every attempt at one open question, oldest first."""
        return await self._attempts(attempts.c.open_question_id == open_question_id)

    async def user_attempts(self, user_id: int, since: datetime | None = None) -> list[Attempt]:
        """The user's attempts everywhere, oldest first, optionally only those at or after ``since``."""
        conditions = [attempts.c.user_id == user_id]
        if since is not None:
            conditions.append(attempts.c.answered_at >= since)
        return await self._attempts(*conditions)

    async def _attempts(self, *conditions: ColumnElement[bool]) -> list[Attempt]:
        query = select(attempts).where(*conditions).order_by(attempts.c.answered_at, attempts.c.id)
        async with self.reading() as connection:
            return [to_record(Attempt, row) for row in await connection.execute(query)]

    async def leaderboard(self, place_id: int, since: datetime | None = None) -> list[LeaderRow]:
        """Everyone with a non-skipped attempt in the place since a time (all time if None), best first."""
        points = func.sum(attempts.c.points).label("points")
        correct = func.sum(case((attempts.c.verdict == Verdict.CORRECT.value, 1), else_=0)).label("correct")
        name = users.c.display_name
        # Order names by code point on every database, as Python does (PostgreSQL would use its locale).
        name_order = name.collate("C") if self.postgres else name
        query = (
            select(users.c.id, name, points, func.count(attempts.c.id).label("answers"), correct)
            .select_from(attempts)
            .join(users, users.c.id == attempts.c.user_id)
            .where(attempts.c.place_id == place_id, attempts.c.verdict != Verdict.SKIPPED)
            .group_by(users.c.id, name)
            .order_by(points.desc(), correct.desc(), name_order, users.c.id)
        )
        if since is not None:
            query = query.where(attempts.c.answered_at >= since)
        async with self.reading() as connection:
            rows = await connection.execute(query)
            return [
                LeaderRow(r.id, r.display_name, int(r.points), int(r.answers), int(r.correct)) for r in rows
            ]
