"""Claiming a platform update once across every process on the database (the ``claim_update`` call)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete

from bot.ports import Clock
from storage.sql_base import SqlBase
from storage.update_tables import handled_updates

KEEP_FOR = timedelta(days=1)
"""How long a handled update id is remembered: far longer than any platform retries one."""
PRUNE_EVERY = 1000
"""Claims between two deletions of the ids older than ``KEEP_FOR`` (in this process)."""


class HandledUpdates(SqlBase):
    """The store's part that remembers which updates were handled, so none is handled twice."""

    clock: Clock
    _claims_since_prune = 0

    async def claim_update(self, platform: str, update_id: int) -> bool:
        """Claim the update for this process: True the first time any process asks, False after."""
        now = self.clock.now()
        claim = (
            self.insert(handled_updates)
            .values(platform=platform, update_id=update_id, handled_at=now)
            .on_conflict_do_nothing()
        )
        async with self.writing() as connection:
            claimed = (await connection.execute(claim)).rowcount == 1
            self._claims_since_prune += 1
            if self._claims_since_prune >= PRUNE_EVERY:
                self._claims_since_prune = 0
                await connection.execute(
                    delete(handled_updates).where(handled_updates.c.handled_at < now - KEEP_FOR)
                )
        return claimed
