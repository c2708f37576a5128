"""The storage port of follow-ups: the ``Store`` methods they add (the SQL store and the fakes implement
it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, cast

from bot.model.follow_ups import FollowUp
from bot.model.records import Attempt
from bot.ports import Store


class FollowUpStore(Protocol):
    """Pending follow-ups, kept in the database so one asked before a restart is answered after it."""

    async def open_follow_up(
        self,
        attempt_id: int,
        chat_id: str,
        user_id: int,
        question_id: str,
        point_id: str,
        missed: Sequence[str],
        now: datetime,
    ) -> FollowUp:
        """Open a follow-up to an attempt, closing the user's older open follow-ups in that chat."""
        ...

    async def get_follow_up(self, follow_up_id: int) -> FollowUp | None:
        """The follow-up with this id (open or closed), or None."""
        ...

    async def set_follow_up_message(self, follow_up_id: int, message_id: str) -> None:
        """Remember the platform message id the follow-up was posted as."""
        ...

    async def find_follow_up(
        self,
        chat_id: str,
        *,
        message_id: str | None = None,
        user_id: int | None = None,
        include_closed: bool = False,
    ) -> FollowUp | None:
        """The newest open follow-up in a chat: posted as ``message_id``, or owed by ``user_id`` (closed
        ones too with ``include_closed``, to tell "that follow-up is closed")."""
        ...

    async def answer_follow_up(self, follow_up_id: int, recovered: Sequence[str], now: datetime) -> bool:
        """Close an open follow-up and record on its attempt the key points recovered, in one
        transaction; False (changing nothing) when it was closed already."""
        ...

    async def close_follow_ups(
        self, chat_id: str, user_id: int, now: datetime, *, follow_up_id: int | None = None
    ) -> int:
        """Close the user's open follow-ups in a chat (only ``follow_up_id`` if given); return how many."""
        ...

    async def attempt_by_id(self, attempt_id: int) -> Attempt | None:
        """The attempt with this id, or None."""
        ...


def follow_up_store(store: Store) -> FollowUpStore:
    """The engine's store seen as a follow-up store (every store of this project implements both)."""
    return cast(FollowUpStore, store)
