"""The appeals part of the in-memory store (``bot.flows.appeal_store.AppealStore``), for ``MemoryStore``.

The fake's kept state is replayed from its attempts on every read, so accepting an appeal only has to
correct the attempt itself.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import datetime

from bot.model.appeals import Appeal, AppealStatus
from bot.model.grades import Verdict
from bot.model.records import Attempt


class AppealsInMemory:
    """Mixin over a fake store's ``attempts`` list."""

    attempts: list[Attempt]

    @property
    def appeals(self) -> dict[int, Appeal]:
        """The appeals by id (created on first use, so the store's own ``__init__`` stays as it is)."""
        found: dict[int, Appeal] | None = self.__dict__.get("_appeals")
        if found is None:
            found = self.__dict__["_appeals"] = {}
            self.__dict__["_appeal_ids"] = itertools.count(1)
        return found

    def _live(self) -> dict[int, Appeal]:
        """The appeals whose attempt still exists (``/forget`` drops attempts; their appeals go with them)."""
        kept = {a.id for a in self.attempts}
        for key in [k for k, a in self.appeals.items() if a.attempt_id not in kept]:
            del self.appeals[key]
        return self.appeals

    async def get_attempt(self, attempt_id: int) -> Attempt | None:
        """The attempt with this id, or None."""
        return next((a for a in self.attempts if a.id == attempt_id), None)

    async def attempt_of(self, open_question_id: int, user_id: int) -> Attempt | None:
        """The user's attempt at an open question, or None."""
        return next(
            (a for a in self.attempts if a.open_question_id == open_question_id and a.user_id == user_id),
            None,
        )

    async def latest_graded_attempt(self, user_id: int, place_id: int) -> Attempt | None:
        """The user's newest graded attempt in a place, or None."""
        mine = [
            a
            for a in self.attempts
            if a.user_id == user_id and a.place_id == place_id and a.verdict != Verdict.SKIPPED
        ]
        return max(mine, key=lambda a: (a.answered_at, a.id or 0)) if mine else None

    async def record_appeal(
        self, attempt: Attempt, claimed: Verdict, reason: str, chat_id: str, now: datetime
    ) -> Appeal:
        """A new appeal of the attempt, or the earlier one with the new claim and (non-empty) reason."""
        appeals = self._live()
        existing = next((a for a in appeals.values() if a.attempt_id == attempt.id), None)
        if existing is not None:
            if existing.status is AppealStatus.ACCEPTED or not reason:
                return existing
            appeals[existing.id] = replace(existing, claimed=claimed, reason=reason, updated_at=now)
            return appeals[existing.id]
        appeal_id = next(self.__dict__["_appeal_ids"])
        appeals[appeal_id] = Appeal(
            appeal_id, attempt.id or 0, attempt.user_id, attempt.place_id, attempt.question_id,
            attempt.answer_text, Verdict(attempt.verdict), attempt.score, attempt.matched, attempt.missed,
            claimed, reason, AppealStatus.OPEN, now, now, chat_id,
        )  # fmt: skip
        return appeals[appeal_id]

    async def get_appeal(self, appeal_id: int) -> Appeal | None:
        """The appeal with this id, or None."""
        return self._live().get(appeal_id)

    async def find_appeal_by_message(self, chat_id: str, message_id: str) -> Appeal | None:
        """The appeal whose prompt or notice is this message, or None."""
        found = [a for a in self._live().values() if a.chat_id == chat_id and a.message_id == message_id]
        return max(found, key=lambda a: a.id) if found else None

    async def set_appeal_message(self, appeal_id: int, message_id: str) -> None:
        """Remember the appeal's prompt or notice message."""
        appeal = self._live()[appeal_id]
        self.appeals[appeal_id] = replace(appeal, message_id=message_id)

    async def accept_appeal(
        self, appeal_id: int, verdict: Verdict, score: float, by_user_id: int, now: datetime
    ) -> Appeal | None:
        """Accept an open appeal and regrade its attempt; None when it was not open."""
        appeal = self._live().get(appeal_id)
        if appeal is None or appeal.status is not AppealStatus.OPEN:
            return None
        index = next(i for i, a in enumerate(self.attempts) if a.id == appeal.attempt_id)
        self.attempts[index] = replace(self.attempts[index], verdict=verdict, score=score)
        self.appeals[appeal_id] = replace(
            appeal,
            status=AppealStatus.ACCEPTED,
            accepted_verdict=verdict,
            accepted_score=score,
            accepted_by_user_id=by_user_id,
            accepted_at=now,
            updated_at=now,
        )
        return self.appeals[appeal_id]

    async def list_appeals(self) -> list[Appeal]:
        """Every appeal, oldest first."""
        return sorted(self._live().values(), key=lambda a: (a.created_at, a.id))

    async def appealed_attempt_ids(self, user_id: int) -> set[int]:
        """The ids of the user's appealed attempts."""
        return {a.attempt_id for a in self._live().values() if a.user_id == user_id}
