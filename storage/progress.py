"""The kept state in SQL: folded in with each attempt, and read with bounded, indexed queries.

``tally`` runs inside the attempt's own transaction: one joined read of the rows the attempt touches,
then one upsert per table.  On PostgreSQL the user's row is locked first (``FOR NO KEY UPDATE``), so two
answers of one user in two tasks or processes fold one after the other; the lock does not conflict
with the key-share lock the attempt's own foreign key took, so two such answers cannot deadlock.
SQLite has one writer at a time anyway.  The member's row takes the user's display name as read in the
same transaction (the boards order by it); a rename (``storage.people``) updates the user's row, which
waits on that lock, and rewrites the copies, so an answer and a rename cannot leave a stale name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime
from functools import cache
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Integer, Table, and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.drills.tally import fold
from bot.model.progress import LeaderPage, QuestionBrief, QuestionState, UserProgress
from bot.model.records import Attempt
from storage.board import board_page, board_statement
from storage.progress_rows import (
    member_from,
    member_values,
    progress_from,
    progress_values,
    question_from,
    question_values,
    zone_of,
)
from storage.progress_tables import member_scores, user_questions, user_totals
from storage.sql_base import SqlBase
from storage.tables import attempts, users
from storage.topic_totals import add_to_topic

_PREFIXES = (("q_", user_questions), ("t_", user_totals), ("m_", member_scores))


def _part(row: Any, prefix: str, table: Table) -> SimpleNamespace | None:
    """The columns of one joined table, or None when the outer join found no row."""
    mapping = row._mapping
    if mapping[f"{prefix}user_id"] is None:
        return None
    return SimpleNamespace(**{c.name: mapping[f"{prefix}{c.name}"] for c in table.c})


_LOCK_USER = select(users.c.id).where(users.c.id == bindparam("user_id")).with_for_update(key_share=True)


@cache
def _touched() -> Any:
    """One read of the rows an attempt folds into, and the user's zone and name (built once, bound per
    call)."""
    q, t, m = user_questions.c, user_totals.c, member_scores.c
    user_id = bindparam("user_id")
    labelled = [c.label(f"{p}{c.name}") for p, table in _PREFIXES for c in table.c]
    on_question = and_(q.user_id == users.c.id, q.question_id == bindparam("question_id"))
    on_member = and_(m.user_id == users.c.id, m.place_id == bindparam("place_id"))
    return (
        select(users.c.timezone, users.c.display_name, *labelled)
        .select_from(users)
        .outerjoin(user_questions, on_question)
        .outerjoin(user_totals, t.user_id == users.c.id)
        .outerjoin(member_scores, on_member)
        .where(users.c.id == user_id)
    )


class Progress(SqlBase):
    """The ``Store`` methods that fold answers into kept state and read it back."""

    async def tally(self, connection: AsyncConnection, attempt: Attempt) -> bool:
        """Fold a just-stored attempt into the user's question, totals and place score; True when the
        user already had a score in the place (so is certainly its member)."""
        keys = {"user_id": attempt.user_id, "question_id": attempt.question_id, "place_id": attempt.place_id}
        if self.postgres:
            await connection.execute(_LOCK_USER, keys)
        row = (await connection.execute(_touched(), keys)).one()
        question, totals, member = (_part(row, p, table) for p, table in _PREFIXES)
        folded = fold(
            attempt,
            zone_of(row.timezone),
            question_from(question) if question else None,
            progress_from(totals) if totals else None,
            member_from(member) if member else None,
        )
        await connection.execute(
            self._upsert(user_questions), question_values(attempt.user_id, folded.question)
        )
        graded, score = folded.question.graded, folded.question.score_sum
        if question is not None:
            graded, score = graded - question.graded, score - question.score_sum
        await add_to_topic(connection, self.postgres, attempt.user_id, attempt.question_id, graded, score)
        await connection.execute(self._upsert(user_totals), progress_values(attempt.user_id, folded.progress))
        if folded.member is not None:
            values = member_values(attempt.place_id, attempt.user_id, folded.member)
            values["name"] = row.display_name  # the boards' copy, as of this answer
            await connection.execute(self._upsert(member_scores), values)
        return member is not None

    def _upsert(self, table: Table) -> Any:
        """An ``INSERT … ON CONFLICT (key) DO UPDATE`` of every other column, built once per table."""
        cache = self.__dict__.setdefault("_upserts", {})
        if table.name not in cache:
            keys = list(table.primary_key.columns)
            stmt = self.insert(table)
            changed = {c.name: stmt.excluded[c.name] for c in table.c if c not in keys}
            cache[table.name] = stmt.on_conflict_do_update(index_elements=keys, set_=changed)
        return cache[table.name]

    async def question_states(self, user_id: int) -> list[QuestionState]:
        """The user's state on every question they met (one row a question)."""
        return (await self.user_question_states([user_id])).get(user_id, [])

    async def user_question_states(self, user_ids: Collection[int]) -> dict[int, list[QuestionState]]:
        """Each user's state on every question they met."""
        found: dict[int, list[QuestionState]] = defaultdict(list)
        ids = list(user_ids)
        async with self.reading() as connection:
            for start in range(0, len(ids), 1000):
                query = select(user_questions).where(user_questions.c.user_id.in_(ids[start : start + 1000]))
                for row in await connection.execute(query):
                    found[row.user_id].append(question_from(row))
        return dict(found)

    async def question_briefs(self, user_id: int) -> list[QuestionBrief]:
        """The few columns mock interviews and progress charts need of the user's state per question."""
        query = _briefs()
        async with self.reading() as connection:
            return [QuestionBrief(*row) for row in await connection.execute(query, {"user_id": user_id})]

    async def latest_question_ids(self, user_id: int, limit: int) -> list[str]:
        """The questions of the user's newest attempts (skips included), newest first."""
        query = _latest()
        async with self.reading() as connection:
            return list((await connection.execute(query, {"user_id": user_id, "limit": limit})).scalars())

    async def user_progress(self, user_id: int) -> UserProgress | None:
        """The user's totals and streak inputs, or None before their first answer."""
        async with self.reading() as connection:
            row = (await connection.execute(_totals(), {"user_id": user_id})).one_or_none()
        return progress_from(row) if row else None

    async def leaderboard_page(
        self, place_id: int, user_id: int, week: datetime | None = None, top: int = 10
    ) -> LeaderPage:
        """The first ``top`` lines of a place's board (all time, or the week starting ``week``), and the
        asker's own line when it is not among them; ranks are shared by equal points (1, 2, 2, 4).

        Only each member's latest week is kept, so ``week`` is the current one (``week_start(now)``).
        """
        both = board_statement(weekly=week is not None, postgres=self.postgres)
        values = {"place_id": place_id, "user_id": user_id, "week": week, "top": max(top, 0)}
        async with self.reading() as connection:
            rows = (await connection.execute(both, values)).all()
        return board_page(rows, user_id, top)


@cache
def _totals() -> Any:
    """The totals row of ``user_id``."""
    return select(user_totals).where(user_totals.c.user_id == bindparam("user_id"))


@cache
def _briefs() -> Any:
    """The columns of a brief, each question of ``user_id``."""
    q = user_questions.c
    columns = (q.question_id, q.graded, q.score_sum, q.last_score, q.last_rating, q.due)
    return select(*columns).where(q.user_id == bindparam("user_id"))


@cache
def _latest() -> Any:
    """The questions of the newest ``limit`` attempts of ``user_id``, newest first."""
    a = attempts.c
    newest = (a.answered_at.desc(), a.id.desc())
    limit = bindparam("limit", type_=Integer())
    return select(a.question_id).where(a.user_id == bindparam("user_id")).order_by(*newest).limit(limit)
