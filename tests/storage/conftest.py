"""Fixtures of the storage tests: an empty database of each kind (SQLite, and PostgreSQL when
``TEST_DATABASE_URL`` is set), by URL and opened with its migrations applied."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from storage import open_database
from tests.support.databases import database_url
from tests.support.fakes import FixedClock

OPENED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""The time the ``database`` fixture's clock stands at."""


@pytest.fixture(params=["sqlite", "postgres"])
def kind(request: pytest.FixtureRequest) -> str:
    """Each kind of database."""
    return request.param


@pytest.fixture
async def url(kind: str, tmp_path: Path, private_postgres_url: str | None) -> str:
    """The URL of an empty database of each kind (PostgreSQL's may have the newest schema, with no rows)."""
    return await database_url(kind, tmp_path, private_postgres_url, migrated=kind == "postgres")


@pytest.fixture
async def database(kind: str, url: str, tmp_path: Path) -> AsyncIterator[Any]:
    """The database at ``url``, migrated (SQLite's copied from a file migrated once)."""
    if kind == "sqlite":
        assert await database_url(kind, tmp_path, None, migrated=True) == url
    async with await open_database(url, clock=FixedClock(OPENED_AT)) as opened:
        yield opened


@pytest.fixture
async def sqlite_only(tmp_path: Path) -> AsyncIterator[Any]:
    """A migrated SQLite database of its own, for what only SQLite has (the lean adapter, kept statements)."""
    url = await database_url("sqlite", tmp_path, None, migrated=True)
    async with await open_database(url, clock=FixedClock(OPENED_AT)) as opened:
        assert opened.engine.dialect.name == "sqlite"
        yield opened
