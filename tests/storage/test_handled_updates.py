"""Claiming a platform update once: on each database, across two stores, and pruned after a day."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, select

import storage.handled_updates
from storage import open_database
from storage.update_tables import handled_updates
from tests.support.fakes import FixedClock, MemoryStore


async def test_an_update_is_claimed_once_per_platform(database: Any) -> None:
    """The first claim wins; a second is refused; the same id on another platform is another update."""
    store = database.store
    assert await store.claim_update("telegram", 7_000_000_001) is True
    assert await store.claim_update("telegram", 7_000_000_001) is False
    assert await store.claim_update("discord", 7_000_000_001) is True


async def test_two_stores_racing_for_one_update_give_it_to_one(url: str, database: Any) -> None:
    """Two processes' stores on one database claim the same updates at once: each goes to exactly one."""
    async with await open_database(url, clock=FixedClock()) as other:
        ids = range(100, 140)
        first = asyncio.gather(*(database.store.claim_update("telegram", i) for i in ids))
        second = asyncio.gather(*(other.store.claim_update("telegram", i) for i in ids))
        a, b = await asyncio.gather(first, second)
    assert [x ^ y for x, y in zip(a, b, strict=True)] == [True] * len(ids)


async def test_ids_older_than_a_day_are_pruned(
    url: str, database: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every ``PRUNE_EVERY`` claims, the ids handled more than ``KEEP_FOR`` ago are deleted."""
    monkeypatch.setattr(storage.handled_updates, "PRUNE_EVERY", 2)
    clock = FixedClock()
    async with await open_database(url, clock=clock) as opened:
        await opened.store.claim_update("telegram", 1)
        clock.advance(days=2)
        await opened.store.claim_update("telegram", 2)  # the second claim prunes id 1
        await opened.store.claim_update("telegram", 3)
        async with opened.store.engine.connect() as connection:
            left = (await connection.execute(select(func.count()).select_from(handled_updates))).scalar_one()
    assert left == 2


async def test_the_memory_store_claims_the_same_way() -> None:
    """The in-memory store used by the core's tests keeps the same rule."""
    store = MemoryStore()
    assert [await store.claim_update("telegram", 5) for _ in range(2)] == [True, False]
