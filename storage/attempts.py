"""Attempts in SQL: answer-once in one ``INSERT … ON CONFLICT``, a user's history, a place's leaderboard."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, case, func, select

from bot.model.grades import Verdict
from bot.model.records import Attempt, LeaderRow
from storage.mapping import attempt_values, to_record
from storage.sql_base import SqlBase
from storage.tables import attempts, users


class Attempts(SqlBase):
    """The ``Store`` methods about answers and what they score."""

    async def record_attempt(self, attempt: Attempt) -> bool:
        """Store an attempt; False (storing nothing) if the user already answered that open question."""
        stmt = self.insert(attempts).values(**attempt_values(attempt))
        stmt = stmt.on_conflict_do_nothing(index_elements=[attempts.c.open_question_id, attempts.c.user_id])
        async with self.engine.begin() as connection:
            inserted = (await connection.execute(stmt.returning(attempts.c.id))).scalar_one_or_none()
        return inserted is not None

    async def has_answered(self, open_question_id: int, user_id: int) -> bool:
        """Whether the user already answered this open question."""
        query = select(attempts.c.id).where(
            attempts.c.open_question_id == open_question_id, attempts.c.user_id == user_id
        )
        async with self.engine.connect() as connection:
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
        async with self.engine.connect() as connection:
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
        async with self.engine.connect() as connection:
            rows = await connection.execute(query)
            return [
                LeaderRow(r.id, r.display_name, int(r.points), int(r.answers), int(r.correct)) for r in rows
            ]
