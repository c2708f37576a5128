"""Users and places with the rows of active chats cached (``storage.row_cache``), so each event of a
chat the bot just saw skips the two reads that find its user and place.

The cache is this process's own: the store's own writes clear it (a time zone set, a user forgotten,
which may delete their private places); another process's show within the cache's time to live.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.model.records import PlaceRecord, UserRecord
from storage.people import People
from storage.row_cache import RowCache


class CachedPeople(People):
    """``People`` with bounded, short-lived caches of user and place rows."""

    def __init__(self, engine: AsyncEngine) -> None:
        super().__init__(engine)
        self._users: RowCache[UserRecord] = RowCache()
        self._places: RowCache[PlaceRecord] = RowCache()

    async def ensure_user(self, platform: str, platform_user_id: str, display_name: str) -> UserRecord:
        """Find or create the user (from the cache while the display name is unchanged)."""
        key = (platform, platform_user_id)
        cached = self._users.get(key)
        if cached is not None and cached.display_name == display_name:
            return cached
        user = await super().ensure_user(platform, platform_user_id, display_name)
        self._users.put(key, user)
        return user

    async def set_user_timezone(self, user_id: int, timezone: str) -> None:
        """Remember the user's IANA time zone (and drop cached users, who may carry the old one)."""
        self._users.clear()
        await super().set_user_timezone(user_id, timezone)
        self._users.clear()

    async def ensure_place(
        self, platform: str, platform_place_id: str, is_private: bool, title: str = ""
    ) -> PlaceRecord:
        """Find or create the place (from the cache when seen lately)."""
        key = (platform, platform_place_id)
        cached = self._places.get(key)
        if cached is not None:
            return cached
        place = await super().ensure_place(platform, platform_place_id, is_private, title)
        self._places.put(key, place)
        return place

    async def forget_user(self, user_id: int) -> None:
        """Delete everything stored about a user, and every cached row that may be about them."""
        self.forget_cached_rows()
        try:
            await super().forget_user(user_id)
        finally:
            self.forget_cached_rows()

    def forget_cached_rows(self) -> None:
        """Empty the caches of users, places and memberships."""
        super().forget_cached_rows()
        self._users.clear()
        self._places.clear()
