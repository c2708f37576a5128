"""A place's leaderboard in SQL: one statement per board, its cost following the page, not the group.

Built once per kind (all time, weekly) with bound values; ranks are worked out from the rows it returns.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import CompoundSelect, and_, bindparam, func, null, or_, select, union_all

from bot.model.progress import BoardLine, DayRun
from storage.progress_tables import member_scores
from storage.tables import users
from storage.types import UTCDateTime


@cache
def board_statement(*, weekly: bool) -> CompoundSelect:
    """The board's one statement (built once): the top lines, and the asker's line with its rank.

    The top-th (points, correct) comes off the index; only members at or above it (ties included) are
    joined and sorted, so the cost follows ``top``, not the group's size.
    """
    m = member_scores.c
    points, answers, correct = (
        (m.week_points, m.week_answers, m.week_correct) if weekly else (m.points, m.answers, m.correct)
    )
    place_id, week = bindparam("place_id"), bindparam("week", type_=UTCDateTime())
    scope = [m.place_id == place_id] + ([m.week == week] if weekly else [])
    nth = (
        select(points.label("tp"), correct.label("tc"))
        .where(*scope)
        .order_by(points.desc(), correct.desc())
        .offset(bindparam("skip"))
        .limit(1)
        .subquery()
    )
    tp, tc = select(nth.c.tp).scalar_subquery(), select(nth.c.tc).scalar_subquery()
    # ``points >= …`` first, so the index gives the range; points are never negative.
    at_top = and_(points >= func.coalesce(tp, -1), or_(tp.is_(None), points > tp, correct >= tc))
    ahead = member_scores.alias("ahead")
    a_points = ahead.c.week_points if weekly else ahead.c.points
    a_scope = [ahead.c.place_id == place_id] + ([ahead.c.week == week] if weekly else [])
    rank = select(func.count() + 1).where(*a_scope, a_points > points).scalar_subquery()
    columns = [m.user_id, users.c.display_name, users.c.timezone, points.label("p"),
               answers.label("n"), correct.label("c"), m.last_day, m.run, m.best]  # fmt: skip
    lines = select(*columns).join(users, users.c.id == m.user_id).where(*scope)
    return union_all(
        lines.add_columns(null().label("rank")).where(at_top),
        lines.add_columns(rank.label("rank")).where(m.user_id == bindparam("user_id")),
    )


def board_order(row: Any) -> tuple[int, int, str, int]:
    """Best first; equal scores by name in code-point order (as PostgreSQL's "C" collation), then id."""
    return (-row.p, -row.c, row.display_name, row.user_id)


def board_line(rank: int, row: Any) -> BoardLine:
    """One ranked line of the board from a row of ``board_statement``."""
    return BoardLine(
        rank,
        row.user_id,
        row.display_name,
        row.p,
        row.n,
        row.c,
        DayRun(row.last_day, row.run, row.best),
        row.timezone,
    )
