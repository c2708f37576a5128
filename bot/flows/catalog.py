"""Giving the store the bank's question catalog, once per engine, before a read that groups by topic."""

from __future__ import annotations

from bot.flows.context import Services
from bot.model.progress import CatalogEntry


def catalog_of(services: Services) -> list[CatalogEntry]:
    """The bank's questions as catalog entries (id, topic, difficulty)."""
    return [CatalogEntry(q.id, q.topic, q.difficulty.value) for q in services.bank.questions()]


async def ensure_catalog(services: Services) -> None:
    """Sync the store's catalog with the bank the first time this engine needs it (then never again)."""
    if services.catalog_synced:
        return
    await services.store.sync_catalog(catalog_of(services))
    services.catalog_synced = True
