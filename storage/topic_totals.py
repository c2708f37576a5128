"""Per-topic totals (``user_topics``): moved with each change to a question row, rebuilt on a new catalog.

A user's row for a topic is the sum of their ``user_questions`` rows (graded answers, score sum) whose
question the catalog puts in that topic ("" when it has none: a retired question).  Whatever changes a
question row (an answer, an accepted appeal) adds the change to its topic's row in the same transaction,
looking the topic up in SQL.  When the catalog changes, questions may have moved, so ``rebuild`` sums
every user's rows again: once per content change, in the sync's own transaction.  On PostgreSQL the
rebuild locks the table against writers first, so an answer committing meanwhile is either in the sums
it reads or added after it, never both or neither.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, literal_column, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.progress_tables import question_catalog, user_questions, user_topics
from storage.sql_base import dialect_insert


async def add_to_topic(
    connection: AsyncConnection, postgres: bool, user_id: int, question_id: str, graded: int, score: float
) -> None:
    """Add ``graded`` answers and ``score`` to the user's total in the question's topic (no-op for zero)."""
    if graded == 0 and score == 0:
        return
    values = {"user_id": user_id, "question_id": question_id, "graded": graded, "score_sum": score}
    await connection.execute(_adding(postgres), values)


async def rebuild(connection: AsyncConnection, postgres: bool) -> None:
    """Sum every user's question rows by the catalog's topics again, replacing all per-topic totals."""
    if postgres:
        await connection.execute(text("LOCK TABLE user_topics IN SHARE ROW EXCLUSIVE MODE"))
    await connection.execute(delete(user_topics))
    await connection.execute(_summing())


@cache
def _adding(postgres: bool) -> Any:
    """``INSERT … ON CONFLICT DO UPDATE`` adding to a (user, topic of the question) row, built once."""
    t, c = user_topics.c, question_catalog.c
    topic = select(c.topic).where(c.question_id == bindparam("question_id")).scalar_subquery()
    stmt = dialect_insert(postgres, user_topics).values(
        user_id=bindparam("user_id"),
        topic=func.coalesce(topic, ""),
        graded=bindparam("graded"),
        score_sum=bindparam("score_sum"),
    )
    added = {"graded": t.graded + stmt.excluded.graded, "score_sum": t.score_sum + stmt.excluded.score_sum}
    return stmt.on_conflict_do_update(index_elements=[t.user_id, t.topic], set_=added)


@cache
def _summing() -> Any:
    """``INSERT … SELECT`` of every user's graded question rows summed by catalog topic."""
    q, c = user_questions.c, question_catalog.c
    topic = func.coalesce(c.topic, literal_column("''"))
    sums = (
        select(q.user_id, topic, func.sum(q.graded), func.sum(q.score_sum))
        .select_from(user_questions)
        .outerjoin(question_catalog, c.question_id == q.question_id)
        .where(q.graded > 0)
        .group_by(q.user_id, topic)
    )
    return insert(user_topics).from_select(["user_id", "topic", "graded", "score_sum"], sums)
