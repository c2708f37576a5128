"""``/forget`` end to end on SQLite and PostgreSQL: afterwards no row in any table is about the user.

The user answers in a DM and in a group, subscribes to daily questions (with a planned delivery),
and then forgets; every cell of every table is searched for their platform id, their name and the
text of their answers.  The other member's rows stay.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.drills.planner import Planner
from bot.model.actions import Action
from bot.model.messages import Chat
from storage import open_database
from storage.schema import metadata
from tests.support.databases import database_url
from tests.support.fakes import FixedClock
from tests.support.world import Person, engine_on, group_member

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ALICE_ID, ALICE_NAME, ALICE_WORDS = "713370001", "Alicia Zorander", "zorander-answer lookup writes"


@pytest.fixture(params=["sqlite", "postgres"])
async def database(
    request: pytest.FixtureRequest, tmp_path: Path, private_postgres_url: str | None
) -> AsyncIterator[Any]:
    """An empty database of each kind."""
    url = await database_url(request.param, tmp_path, private_postgres_url)
    async with await open_database(url, clock=FixedClock(T0)) as opened:
        yield opened


async def every_cell(database: Any) -> list[str]:
    """Every value stored in every table, as text."""
    cells = []
    async with database.store.engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in await connection.execute(select(table)):
                cells += [str(value) for value in row]
    return cells


async def test_forget_leaves_no_row_about_the_user_in_any_table(database: Any) -> None:
    clock = FixedClock(T0)
    engine = engine_on(database.store, clock)
    alice = Person(engine, ALICE_ID, ALICE_NAME, Chat("test", ALICE_ID, is_private=True))
    in_group = group_member(engine, ALICE_ID, ALICE_NAME)
    bob = group_member(engine, "u-bob", "Bob")
    await alice.command("quiz")
    await alice.say(ALICE_WORDS)
    await alice.command("daily", "08:00", "UTC")
    await in_group.command("quiz")
    [posted] = [r for r in await bob.command("quiz") if r.open_question_id]
    await engine.question_posted(posted.open_question_id, "m-1")
    await in_group.say(ALICE_WORDS, reply_to="m-1")
    await bob.say("bob's own answer", reply_to="m-1")
    await Planner(database.drills, "test").plan(datetime(2026, 3, 3, 8, 1, tzinfo=UTC))
    before = await every_cell(database)
    assert any(ALICE_WORDS in cell for cell in before) and ALICE_ID in before

    [prompt] = await alice.command("forget")
    [done] = await alice.press(prompt.buttons[0].action)
    assert done.title == "All your data is deleted."

    after = await every_cell(database)
    for trace in (ALICE_ID, ALICE_NAME, ALICE_WORDS):
        assert not [cell for cell in after if trace in cell], f"{trace!r} is still stored"
    assert "Bob" in after and any("bob's own answer" in cell for cell in after)


async def test_forget_right_after_start_removes_the_dm_place_too(database: Any) -> None:
    engine = engine_on(database.store, FixedClock(T0))
    alice = Person(engine, ALICE_ID, ALICE_NAME, Chat("test", ALICE_ID, is_private=True))
    await alice.command("start")
    await alice.press(Action.forget(confirmed=True, owner_id=(await _user_id(database))))
    assert ALICE_ID not in await every_cell(database)


async def _user_id(database: Any) -> int:
    user = await database.store.ensure_user("test", ALICE_ID, ALICE_NAME)
    return user.id
