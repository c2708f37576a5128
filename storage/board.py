"""A place's leaderboard in SQL: one statement per board, its cost following the page, not the group.

Built once per kind (all time, weekly) and database with bound values; ranks are worked out from the
rows it returns.  Rows are read by position (``COLUMNS``): a row's attribute lookup costs about fifteen
times its index lookup, and a page reads nine columns of a dozen rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import CompoundSelect, Integer, bindparam, cast, func, null, select, union_all

from bot.model.progress import BoardLine, DayRun, LeaderPage
from storage.progress_tables import member_scores
from storage.tables import users
from storage.types import UTCDateTime


@cache
def board_statement(*, weekly: bool, postgres: bool = False) -> CompoundSelect:
    """The board's one statement (built once): the top ``top`` lines, and the asker's line with its rank.

    The top lines are read off the board's index (``ix_member_scores_board_*``) in the board's full
    order, with no sort, and reading stops at ``top``, so the cost follows ``top``, not the group's size;
    the names are the members' own copies (``member_scores.name``), which the index holds.  Names sort by
    code point: SQLite's BINARY collation, and "C" on PostgreSQL (the column's collation, named again in
    the ORDER BY).  The asker's rank counts the members with more points off the narrower score index.
    """
    m = member_scores.c
    points, answers, correct = (
        (m.week_points, m.week_answers, m.week_correct) if weekly else (m.points, m.answers, m.correct)
    )
    place_id, week = bindparam("place_id"), bindparam("week", type_=UTCDateTime())
    scope = [m.place_id == place_id] + ([m.week == week] if weekly else [])
    ahead = member_scores.alias("ahead")
    a_points = ahead.c.week_points if weekly else ahead.c.points
    a_scope = [ahead.c.place_id == place_id] + ([ahead.c.week == week] if weekly else [])
    rank = select(func.count() + 1).where(*a_scope, a_points > points).scalar_subquery()
    # In the order of ``COLUMNS``, then the rank.
    columns = [m.user_id, m.name.label("display_name"), users.c.timezone, points.label("p"),
               answers.label("n"), correct.label("c"), m.last_day, m.run, m.best]  # fmt: skip
    lines = select(*columns).join(users, users.c.id == m.user_id).where(*scope)
    name = m.name.collate("C") if postgres else m.name
    top = (
        lines.add_columns(cast(null(), Integer).label("rank"))
        .order_by(points.desc(), correct.desc(), name, m.user_id)
        .limit(bindparam("top", type_=Integer()))
        .subquery()
    )
    return union_all(
        select(top),
        lines.add_columns(rank.label("rank")).where(m.user_id == bindparam("user_id")),
    )


COLUMNS = ("user_id", "display_name", "timezone", "p", "n", "c", "last_day", "run", "best", "rank")
"""The columns of ``board_statement``'s rows, in order (``rank`` is None on the top lines)."""
_USER, _NAME, _POINTS, _CORRECT, _RANK = map(COLUMNS.index, ("user_id", "display_name", "p", "c", "rank"))
_tuple = tuple.__new__


def board_order(row: Sequence[Any]) -> tuple[int, int, str, int]:
    """The statement's order: best first; equal scores by name in code-point order, then id.

    The statement cuts the top lines in this order; a ``UNION ALL`` promises no order of its rows, so
    the page sorts its (at most ``top``) top rows again.
    """
    return (-row[_POINTS], -row[_CORRECT], row[_NAME], row[_USER])


def board_line(rank: int, row: Sequence[Any]) -> BoardLine:
    """One ranked line of the board from a row of ``board_statement``.

    Its two named tuples are made by ``tuple.__new__``, as their own constructors do after binding the
    fields as arguments in Python: a page makes two per line, at about half the cost this way.
    """
    user_id, name, zone, points, answers, correct, last_day, run, best, _ = row
    days = _tuple(DayRun, (last_day, run, best))
    return _tuple(BoardLine, (rank, user_id, name, points, answers, correct, days, zone))


def board_page(rows: Sequence[Sequence[Any]], user_id: int, top: int) -> LeaderPage:
    """The page from the rows of ``board_statement``: the first ``top`` lines with shared ranks for equal
    points (1, 2, 2, 4), and the asker's own line when it is not among them."""
    lines: list[BoardLine] = []
    rank, points, shown = 0, None, False
    for index, row in enumerate(sorted([r for r in rows if r[_RANK] is None], key=board_order)[:top], 1):
        if row[_POINTS] != points:
            rank, points = index, row[_POINTS]
        lines.append(board_line(rank, row))
        shown = shown or row[_USER] == user_id
    own = None if shown else next((r for r in rows if r[_RANK] is not None), None)
    return LeaderPage(tuple(lines), board_line(own[_RANK], own) if own is not None else None)
