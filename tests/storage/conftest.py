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
async def url(request: pytest.FixtureRequest, tmp_path: Path, private_postgres_url: str | None) -> str:
    """The URL of an empty database of each kind."""
    return await database_url(request.param, tmp_path, private_postgres_url)


@pytest.fixture
async def database(url: str) -> AsyncIterator[Any]:
    """The database at ``url``, migrated."""
    async with await open_database(url, clock=FixedClock(OPENED_AT)) as opened:
        yield opened
