"""Builds the running engine from settings: content packs, the store, the clock. The one place they meet."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.clock import SystemClock
from bot.engine import Engine
from interview_bot.config import Settings


@asynccontextmanager
async def running_engine(settings: Settings) -> AsyncIterator[Engine]:
    """Load the packs, open (and migrate) the database, and yield an engine; close the store after."""
    from content import load_bank
    from storage import open_store

    bank = load_bank(settings.content_dirs)
    store = await open_store(settings.database_url)
    try:
        yield Engine(bank, store, SystemClock())
    finally:
        await store.close()
