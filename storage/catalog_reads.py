"""Reads of the kept state that ``/quiz`` and ``/stats`` make, worked out in SQL so each returns a few rows.

``/quiz``'s choice scores every catalog question of the asked topic and difficulty against the user's
kept row and their last few attempts, and returns one id; ``/stats`` gets per-topic sums and a count
of the reviews due.  Their cost follows the bank's size inside the database, not the rows a user has
piled up, and Python sees a handful of rows.  Statements are built once and bound per call.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Integer, and_, bindparam, case, func, literal, select, true

from bot.model.progress import DueSummary, PracticePick, TopicTotal
from storage.progress_tables import question_catalog, user_questions, user_topics
from storage.sql_base import SqlBase
from storage.tables import attempts
from storage.types import UTCDateTime


class CatalogReads(SqlBase):
    """The ``Store`` methods that read the kept state grouped by the question catalog."""

    async def pick_practice_question(self, user_id: int, pick: PracticePick) -> str | None:
        """The id of the question ``pick``'s rule chooses for the user, or None when none matches."""
        values: dict[str, Any] = {
            "user_id": user_id,
            "window": pick.recent_window,
            "well": pick.well_answered,
            "draw": pick.draw,
        }
        if pick.topic is not None:
            values["topic"] = pick.topic
        if pick.difficulty is not None:
            values["difficulty"] = pick.difficulty
        statement = _pick(pick.topic is not None, pick.difficulty is not None)
        async with self.reading() as connection:
            return (await connection.execute(statement, values)).scalar_one_or_none()

    async def topic_totals(self, user_id: int) -> list[TopicTotal]:
        """The user's graded answers and score sum per topic; None for questions not in the catalog."""
        async with self.reading() as connection:
            rows = await connection.execute(_topic_totals(), {"user_id": user_id})
            return [TopicTotal(row.topic or None, row.graded, row.score_sum) for row in rows]

    async def due_summary(self, user_id: int, before: datetime, shown: int) -> DueSummary:
        """How many of the user's questions are due before ``before``, the first ``shown`` of them, and
        the next due time from ``before`` on."""
        values = {"user_id": user_id, "before": before, "shown": shown}
        async with self.reading() as connection:
            rows = (await connection.execute(_due(), values)).all()
        first = tuple(row.question_id for row in rows if row.question_id is not None)
        return DueSummary(rows[0].due, first, rows[0].next_due)


@cache
def _pick(by_topic: bool, by_difficulty: bool) -> Any:
    """The ``/quiz`` choice as one statement, for a topic and/or a difficulty or neither (built once).

    ``avoid`` is 0 for a question outside the last ``window`` attempts, 1 for one inside them, 2 for the
    latest; ``tier`` is 0 never met, 1 last scored under ``well``, 2 otherwise.  Of the questions with
    the least ``avoid``, then the least ``tier``, the ``draw mod count``-th in id order is returned.

    ``scored`` (one row per catalog question in scope, a key lookup each) is used three times, so both
    databases work it out once; the recent attempts are matched with a list built once, not a join.
    """
    a, c, q = attempts.c, question_catalog.c, user_questions.c
    recent = (
        select(a.question_id, a.answered_at, a.id)
        .where(a.user_id == bindparam("user_id"))
        .order_by(a.answered_at.desc(), a.id.desc())
        .limit(bindparam("window", type_=Integer()))
        .cte("recent")
    )
    r = recent.c
    latest = select(r.question_id).order_by(r.answered_at.desc(), r.id.desc()).limit(1).scalar_subquery()
    avoid = case((c.question_id == latest, 2), (c.question_id.in_(select(r.question_id)), 1), else_=0)
    tier = case((q.question_id.is_(None), 0), (q.last_score < bindparam("well"), 1), else_=2)
    met = and_(q.user_id == bindparam("user_id"), q.question_id == c.question_id)
    scope = []
    if by_topic:
        scope.append(c.topic == bindparam("topic"))
    if by_difficulty:
        scope.append(c.difficulty == bindparam("difficulty"))
    scored = (
        select(c.question_id, (avoid * literal(3) + tier).label("k"))
        .select_from(question_catalog)
        .outerjoin(user_questions, met)
        .where(*scope)
        .cte("scored")
    )
    best = scored.c.k == select(func.min(scored.c.k)).scalar_subquery()
    count = select(func.count()).select_from(scored).where(best).scalar_subquery()
    # ``draw % count`` is NULL when nothing is in scope; PostgreSQL would fail on a modulo by zero.
    offset = func.coalesce(bindparam("draw", type_=Integer()) % func.nullif(count, 0), 0)
    return select(scored.c.question_id).where(best).order_by(scored.c.question_id).limit(1).offset(offset)


@cache
def _topic_totals() -> Any:
    """The per-topic totals of ``user_id`` with graded answers."""
    t = user_topics.c
    return select(t.topic, t.graded, t.score_sum).where(t.user_id == bindparam("user_id"), t.graded > 0)


@cache
def _due() -> Any:
    """One statement: the count of ``user_id``'s questions due before ``before`` and the next due time
    after it, each row with one of the first ``shown`` due questions (weakest first; one row with no
    question when none is due).  The index on (user, rating, due, id) covers all three parts."""
    q = user_questions.c
    before = bindparam("before", type_=UTCDateTime())
    mine = q.user_id == bindparam("user_id")
    weakest = (q.last_rating, q.due, q.question_id)
    first = (
        select(q.question_id, q.last_rating, q.due)
        .where(mine, q.due < before)
        .order_by(*weakest)
        .limit(bindparam("shown", type_=Integer()))
        .subquery("first")
    )
    counts = select(
        select(func.count()).where(mine, q.due < before).scalar_subquery().label("due"),
        select(func.min(q.due)).where(mine, q.due >= before).scalar_subquery().label("next_due"),
    ).subquery("counts")
    return (
        select(counts.c.due, counts.c.next_due, first.c.question_id)
        .select_from(counts.outerjoin(first, true()))
        .order_by(first.c.last_rating, first.c.due, first.c.question_id)
    )
