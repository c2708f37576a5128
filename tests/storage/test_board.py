"""The leaderboard page in SQL: its rows read by position, ties at the cut, the asker's own line.

On SQLite and PostgreSQL, every page (each asker, several sizes, weekly and all time) equals the board
worked out from the attempts here, with names that sort differently by code point and by locale.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.model.grades import Verdict
from bot.model.progress import DayRun, week_start
from bot.model.records import Attempt
from storage import open_database
from storage.board import COLUMNS, board_page, board_statement
from tests.support.databases import database_url
from tests.support.fakes import FixedClock

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""The storage fixtures' clock (a Monday): this week's answers fall after its midnight."""

# Per member (by handle, in the order they join, so ids run against the names): (score, verdict, days
# before NOW).  This week the 10-pointers tie (the two Bobs and bob also on correct answers), so a short
# page cuts through a tie; Carl leads all time on last week's answers, and Old answered only last week.
# Code points put "Bob" < "Zed" < "alice" < "bob" < "Émile"; the two Bobs go by id.
HISTORY: dict[str, list[tuple[float, Verdict, int]]] = {
    "Émile": [(0.5, Verdict.PARTIAL, 0), (0.5, Verdict.PARTIAL, 0)],
    "bob": [(1.0, Verdict.CORRECT, 0), (0.0, Verdict.SKIPPED, 0)],
    "Bob 2": [(1.0, Verdict.CORRECT, 0)],
    "alice": [(0.5, Verdict.PARTIAL, 0), (0.5, Verdict.PARTIAL, 0)],
    "Bob": [(1.0, Verdict.CORRECT, 0)],
    "Zed": [(0.5, Verdict.PARTIAL, 0), (0.5, Verdict.PARTIAL, 0)],
    "Carl": [(1.0, Verdict.CORRECT, 7), (1.0, Verdict.CORRECT, 6), (1.0, Verdict.CORRECT, 6),
             (0.3, Verdict.PARTIAL, 0)],
    "Old": [(0.7, Verdict.PARTIAL, 7)],
}  # fmt: skip
ZONES = {"Émile": "Europe/Berlin", "Carl": "America/Los_Angeles"}
NAMES = {"Bob 2": "Bob"}


def test_rows_are_read_in_the_order_of_columns() -> None:
    for weekly in (True, False):
        for postgres in (True, False):
            statement = board_statement(weekly=weekly, postgres=postgres)
            assert [c.name for c in statement.selected_columns] == list(COLUMNS)


async def test_the_top_is_read_off_the_index_on_sqlite(tmp_path: Path) -> None:
    """No sort at all: SQLite walks the board's index in the board's order, and counts the members ahead
    of the asker off the narrower score index without reading the table."""
    url = await database_url("sqlite", tmp_path, None, migrated=True)
    plans = {}
    async with await open_database(url, clock=FixedClock(NOW)) as database:
        for weekly in (True, False):
            compiled = board_statement(weekly=weekly).compile(dialect=database.engine.dialect)
            values = compiled.construct_params({"place_id": 1, "user_id": 1, "week": None, "top": 10})
            async with database.engine.connect() as connection:
                rows = await connection.exec_driver_sql(
                    f"EXPLAIN QUERY PLAN {compiled}", tuple(values[k] for k in compiled.positiontup)
                )
                plans[weekly] = " / ".join(row[-1] for row in rows)
    for weekly, kind in ((True, "week"), (False, "all_time")):
        plan = plans[weekly]
        assert f"SEARCH member_scores USING INDEX ix_member_scores_board_{kind}" in plan, plan
        assert f"SEARCH ahead USING COVERING INDEX ix_member_scores_{kind}" in plan, plan
        assert "TEMP B-TREE" not in plan, plan


def test_a_page_from_rows_shares_ranks_and_shows_the_asker_below_the_top() -> None:
    day = NOW.date()
    rows = [  # as board_statement may give them: top rows in any order (UNION ALL keeps none), the asker's
        (3, "Cy", "UTC", 8, 2, 1, day, 2, 3, None),
        (1, "Al", "UTC", 9, 1, 1, day, 1, 1, None),
        (2, "Bo", "UTC", 8, 2, 1, day, 1, 1, None),
        (4, "Di", "UTC", 8, 3, 0, None, 0, 0, None),
        (5, "Ed", "UTC", 2, 1, 0, day, 1, 1, 5),
    ]
    page = board_page(rows, 5, top=4)
    assert [(x.rank, x.display_name) for x in page.top] == [(1, "Al"), (2, "Bo"), (2, "Cy"), (2, "Di")]
    assert [x.days for x in page.top] == [DayRun(day, 1, 1), DayRun(day, 1, 1), DayRun(day, 2, 3), DayRun()]
    assert page.own is not None and (page.own.rank, page.own.user_id, page.own.points) == (5, 5, 2)
    assert board_page(rows[:4], 5, top=3).own is None  # not on this board
    in_top = (2, "Bo", "UTC", 8, 2, 1, day, 1, 1, 2)
    assert board_page([*rows[:4], in_top], 2, top=4).own is None
    assert [line.display_name for line in board_page(rows, 5, top=2).top] == ["Al", "Bo"]


def _expected(users: dict[str, Any], asker: str, week: datetime | None, top: int) -> list[tuple[Any, ...]]:
    """The page worked out from ``HISTORY``: best first, ties by code point then id, shared ranks."""
    board = []
    for handle, answers in HISTORY.items():
        at = [(s, v, NOW - timedelta(days=d, minutes=i)) for i, (s, v, d) in enumerate(answers)]
        graded = sorted((a for a in at if a[1] != Verdict.SKIPPED), key=lambda a: a[2])
        days = DayRun()
        for _, _, when in graded:
            days = days.after(when.astimezone(ZoneInfo(ZONES.get(handle, "UTC"))).date())
        if week is not None and max(a[2] for a in graded) < week:
            continue
        counted = [a for a in graded if week is None or a[2] >= week]
        points = sum(round(s * 10) for s, _, _ in counted)
        correct = sum(v == Verdict.CORRECT for _, v, _ in counted)
        zone = ZONES.get(handle, "UTC")
        board.append((points, correct, NAMES.get(handle, handle), users[handle].id, len(counted), days, zone))
    board.sort(key=lambda r: (-r[0], -r[1], r[2], r[3]))
    ranked = [(1 + sum(o[0] > r[0] for o in board), *r) for r in board]
    shown = ranked[:top] + [r for r in ranked[top:] if r[4] == users[asker].id]
    return [(rank, uid, name, p, n, c, days, zone) for rank, p, c, name, uid, n, days, zone in shown]


@pytest.mark.parametrize("top", [1, 3, 4, 10])
async def test_each_page_equals_the_board_worked_out_from_the_answers(database: Any, top: int) -> None:
    store = database.store
    place = await store.ensure_place("test", "group-board", False, "Board")
    users = {h: await store.ensure_user("test", f"u-{h}", NAMES.get(h, h)) for h in HISTORY}
    for handle, zone in ZONES.items():
        await store.set_user_timezone(users[handle].id, zone)
    attempts = [
        Attempt(users[handle].id, place.id, "jwt", score, verdict, NOW - timedelta(days=d, minutes=i))
        for handle, answers in HISTORY.items()
        for i, (score, verdict, d) in enumerate(answers)
    ]
    for attempt in sorted(attempts, key=lambda a: a.answered_at):
        await store.record_attempt(attempt)
    for week in (week_start(NOW), None):
        for asker in HISTORY:
            page = await store.leaderboard_page(place.id, users[asker].id, week, top)
            lines = [*page.top, *([page.own] if page.own else [])]
            found = [(x.rank, x.user_id, x.display_name, x.points, x.answers, x.correct, x.days, x.timezone)
                     for x in lines]  # fmt: skip
            assert found == _expected(users, asker, week, top), (asker, week, top)


async def test_a_rename_shows_on_the_board_and_moves_the_member_among_equal_scores(database: Any) -> None:
    store = database.store
    place = await store.ensure_place("test", "group-rename", False, "Renames")
    ann = await store.ensure_user("test", "u-ann", "Ann")
    bea = await store.ensure_user("test", "u-bea", "Bea")
    for minutes, user in enumerate((ann, bea), 1):
        attempt = Attempt(user.id, place.id, "jwt", 1.0, Verdict.CORRECT, NOW - timedelta(minutes=minutes))
        await store.record_attempt(attempt)
    page = await store.leaderboard_page(place.id, bea.id, None, 1)
    assert [line.display_name for line in page.top] == ["Ann"]
    assert page.own is not None and page.own.display_name == "Bea"

    await store.ensure_user("test", "u-ann", "Zoe")
    for week in (week_start(NOW), None):
        page = await store.leaderboard_page(place.id, bea.id, week, 1)
        assert [(line.rank, line.display_name) for line in page.top] == [(1, "Bea")], week
        page = await store.leaderboard_page(place.id, bea.id, week, 10)
        assert [(line.rank, line.display_name) for line in page.top] == [(1, "Bea"), (1, "Zoe")], week

    await store.record_attempt(Attempt(ann.id, place.id, "cors", 0.0, Verdict.WRONG, NOW))
    page = await store.leaderboard_page(place.id, ann.id, None, 10)
    assert [line.display_name for line in page.top] == ["Bea", "Zoe"]  # an answer keeps the new name
