"""Daily-drill subscriptions in SQL: one per (platform, chat, subscriber), replaced in place, paused."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from bot.model.records import Subscription
from bot.ports import Clock
from storage.mapping import subscription_values, to_record
from storage.sql_base import SqlBase
from storage.tables import subscriptions

_KEY = ("platform", "chat_id", "subscriber_key")


class Subscriptions(SqlBase):
    """The ``Store`` methods about who gets a daily question, where and when."""

    clock: Clock

    async def save_subscription(self, subscription: Subscription) -> Subscription:
        """Create or replace the subscription for its (platform, chat_id, user_id); keeps its id."""
        values = subscription_values(subscription, created_at=self.clock.now())
        stmt = self.insert(subscriptions).values(**values)
        # A replacement keeps the first creation time unless the caller gives one.
        kept = {*_KEY, "created_at"} if subscription.created_at is None else set(_KEY)
        stmt = stmt.on_conflict_do_update(
            index_elements=[subscriptions.c[name] for name in _KEY],
            set_={name: stmt.excluded[name] for name in values if name not in kept},
        ).returning(*subscriptions.c)
        async with self.writing() as connection:
            return to_record(Subscription, (await connection.execute(stmt)).one())

    async def get_subscription(self, platform: str, chat_id: str, user_id: int | None) -> Subscription | None:
        """The subscription for a DM (user set) or a channel (user None), or None."""
        query = select(subscriptions).where(
            subscriptions.c.platform == platform,
            subscriptions.c.chat_id == chat_id,
            subscriptions.c.subscriber_key == (user_id or 0),
        )
        async with self.reading() as connection:
            row = (await connection.execute(query)).one_or_none()
        return to_record(Subscription, row) if row else None

    async def delete_subscription(self, subscription_id: int) -> None:
        """Remove a subscription (nothing happens if it is already gone)."""
        async with self.writing() as connection:
            await connection.execute(delete(subscriptions).where(subscriptions.c.id == subscription_id))

    async def pause_subscriptions(self, platform: str, chat_id: str, reason: str) -> int:
        """Pause every active subscription delivering to a chat; return how many were paused."""
        stmt = (
            update(subscriptions)
            .where(
                subscriptions.c.platform == platform,
                subscriptions.c.chat_id == chat_id,
                subscriptions.c.active.is_(True),
            )
            .values(active=False, paused_reason=reason)
        )
        async with self.writing() as connection:
            return (await connection.execute(stmt)).rowcount
