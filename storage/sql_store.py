"""The core's ``Store`` port on SQLite or PostgreSQL, through SQLAlchemy's asyncio support.

Each job has its own module (people, questions, attempts, subscriptions); this class puts them on one
engine.  Get-or-create and answer-once are single ``INSERT … ON CONFLICT`` statements, so two tasks
racing on the same key both succeed (or one is told it lost) without retry loops.  An unknown id given to
a method that changes one row raises ``KeyError``.  The user and place rows of active chats are cached
briefly (``storage.cached_people``).  The times it stamps itself (when a user, membership
or subscription was created) come from its ``Clock``.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.ports import Clock
from storage.appeals import Appeals
from storage.attempts import Attempts
from storage.cached_people import CachedPeople
from storage.catalog import Catalog
from storage.catalog_reads import CatalogReads
from storage.follow_ups import FollowUps
from storage.handled_updates import HandledUpdates
from storage.history import History
from storage.interviews import Interviews
from storage.questions import Questions
from storage.subscriptions import Subscriptions


class SqlStore(
    CachedPeople,
    Questions,
    Attempts,
    Catalog,
    CatalogReads,
    Subscriptions,
    FollowUps,
    History,
    Interviews,
    Appeals,
    HandledUpdates,
):
    """Durable state in a SQL database; one short transaction per call."""

    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        super().__init__(engine)
        self.clock = clock
