"""The follow-up methods of the in-memory store (``bot.flows.follow_up_store.FollowUpStore``)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot.model.follow_ups import FollowUp
from bot.model.records import Attempt


class MemoryFollowUps:
    """Mixin over a fake store's ``attempts``, ``_ids`` and ``follow_ups``, with the SQL store's semantics."""

    attempts: list[Attempt]
    follow_ups: dict[int, FollowUp]
    _ids: itertools.count[int]

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
        """Open a follow-up, closing the user's older open ones in the chat."""
        await self.close_follow_ups(chat_id, user_id, now)
        follow = FollowUp(
            next(self._ids), attempt_id, chat_id, user_id, question_id, point_id, tuple(missed), now
        )
        self.follow_ups[follow.id] = follow
        return follow

    async def get_follow_up(self, follow_up_id: int) -> FollowUp | None:
        """The follow-up or None."""
        return self.follow_ups.get(follow_up_id)

    async def set_follow_up_message(self, follow_up_id: int, message_id: str) -> None:
        """Remember the posted message id."""
        self.follow_ups[follow_up_id] = replace(self.follow_ups[follow_up_id], message_id=message_id)

    async def find_follow_up(
        self,
        chat_id: str,
        *,
        message_id: str | None = None,
        user_id: int | None = None,
        include_closed: bool = False,
    ) -> FollowUp | None:
        """The newest open (or with ``include_closed`` any) follow-up in a chat by message id or owner."""
        found = [
            f
            for f in self.follow_ups.values()
            if f.chat_id == chat_id
            and (include_closed or f.closed_at is None)
            and (message_id is None or f.message_id == message_id)
            and (user_id is None or f.user_id == user_id)
        ]
        return max(found, key=lambda f: f.id) if found else None

    async def answer_follow_up(self, follow_up_id: int, recovered: Sequence[str], now: datetime) -> bool:
        """Close an open follow-up and set its attempt's recovered points; False when already closed."""
        follow = self.follow_ups.get(follow_up_id)
        if follow is None or follow.closed_at is not None:
            return False
        self.follow_ups[follow_up_id] = replace(follow, closed_at=now)
        self.attempts = [
            replace(a, recovered=tuple(recovered)) if a.id == follow.attempt_id else a for a in self.attempts
        ]
        return True

    async def close_follow_ups(
        self, chat_id: str, user_id: int, now: datetime, *, follow_up_id: int | None = None
    ) -> int:
        """Close the user's open follow-ups in a chat (or only one); return how many."""
        closing = [
            f
            for f in self.follow_ups.values()
            if f.chat_id == chat_id
            and f.user_id == user_id
            and f.closed_at is None
            and (follow_up_id is None or f.id == follow_up_id)
        ]
        for follow in closing:
            self.follow_ups[follow.id] = replace(follow, closed_at=now)
        return len(closing)

    async def attempt_by_id(self, attempt_id: int) -> Attempt | None:
        """The attempt with this id, or None."""
        return next((a for a in self.attempts if a.id == attempt_id), None)

    def forget_follow_ups(self, user_id: int) -> None:
        """Drop a forgotten user's follow-ups (the SQL store's cascade)."""
        self.follow_ups = {k: f for k, f in self.follow_ups.items() if f.user_id != user_id}
