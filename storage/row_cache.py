"""A small bounded cache of user and place rows, so an active chat's events skip two reads each.

Entries live for ``ttl`` seconds (monotonic time) and the oldest go first beyond ``size``.  The store
that owns it updates or drops entries on its own writes (a time zone set, a user forgotten); another
process's writes show here within ``ttl``.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

_V = TypeVar("_V")

ROW_TTL_SECONDS = 30.0
ROW_CACHE_SIZE = 4096


class RowCache(Generic[_V]):
    """A time-limited LRU map."""

    def __init__(self, size: int = ROW_CACHE_SIZE, ttl: float = ROW_TTL_SECONDS) -> None:
        self.size = size
        self.ttl = ttl
        self._items: OrderedDict[Hashable, tuple[float, _V]] = OrderedDict()

    def get(self, key: Hashable) -> _V | None:
        """The live value under ``key``, or None."""
        found = self._items.get(key)
        if found is None:
            return None
        if time.monotonic() - found[0] > self.ttl:
            del self._items[key]
            return None
        self._items.move_to_end(key)
        return found[1]

    def put(self, key: Hashable, value: _V) -> None:
        """Remember ``value`` under ``key`` from now on."""
        self._items[key] = (time.monotonic(), value)
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def drop(self, key: Hashable) -> None:
        """Forget one key."""
        self._items.pop(key, None)

    def clear(self) -> None:
        """Forget everything."""
        self._items.clear()
