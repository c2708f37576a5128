"""The store methods appeals need, as a port of their own (the SQL store and the fake implement it)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.model.appeals import Appeal
from bot.model.grades import Verdict
from bot.model.records import Attempt


class AppealStore(Protocol):
    """Appeals against grades, and the attempts they are about."""

    async def get_attempt(self, attempt_id: int) -> Attempt | None:
        """The attempt with this id, or None."""
        ...

    async def attempt_of(self, open_question_id: int, user_id: int) -> Attempt | None:
        """The user's attempt at an open question, or None."""
        ...

    async def latest_graded_attempt(self, user_id: int, place_id: int) -> Attempt | None:
        """The user's newest graded (not skipped) attempt in a place, or None."""
        ...

    async def record_appeal(
        self, attempt: Attempt, claimed: Verdict, reason: str, chat_id: str, now: datetime
    ) -> Appeal:
        """Appeal an attempt's grade: a new appeal, or (appealed before) the same one with the new claim and
        reason; an empty reason keeps the earlier one, and an accepted appeal is left as it is."""
        ...

    async def get_appeal(self, appeal_id: int) -> Appeal | None:
        """The appeal with this id, or None."""
        ...

    async def find_appeal_by_message(self, chat_id: str, message_id: str) -> Appeal | None:
        """The appeal whose prompt or notice is this platform message, or None."""
        ...

    async def set_appeal_message(self, appeal_id: int, message_id: str) -> None:
        """Remember the platform message that asked for the appeal's reason or announced it."""
        ...

    async def accept_appeal(
        self, appeal_id: int, verdict: Verdict, score: float, by_user_id: int, now: datetime
    ) -> Appeal | None:
        """Accept an open appeal: in one transaction its attempt takes the verdict and score, and the kept
        state (question state, totals, member score) is corrected; None when it was not open."""
        ...

    async def list_appeals(self) -> list[Appeal]:
        """Every appeal, oldest first (for the packs' authors)."""
        ...

    async def appealed_attempt_ids(self, user_id: int) -> set[int]:
        """The ids of the user's attempts they appealed."""
        ...
