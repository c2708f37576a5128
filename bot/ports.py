"""The ports the core needs, as ``typing.Protocol``s (outer layers implement them), and how a
platform transport reports a failed send, in platform-neutral terms."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Any, Protocol

from bot.model.messages import Reply
from bot.model.progress import (
    CatalogEntry,
    DueSummary,
    LeaderPage,
    PracticePick,
    QuestionBrief,
    QuestionState,
    TopicTotal,
    UserProgress,
)
from bot.model.questions import Question, Topic
from bot.model.records import (
    Attempt,
    LeaderRow,
    Mode,
    OpenQuestion,
    PlaceRecord,
    Subscription,
    UserRecord,
)


class Clock(Protocol):
    """Tells the current time as an aware UTC datetime."""

    def now(self) -> datetime:
        """Return the current UTC time."""
        ...


class QuestionBank(Protocol):
    """The loaded content packs (held in memory, so its methods are synchronous)."""

    def topics(self) -> list[Topic]:
        """Every topic with its question count, in a stable order."""
        ...

    def get(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        ...

    def questions(self, topic: str | None = None) -> list[Question]:
        """All questions, or those of one topic."""
        ...


class Store(Protocol):
    """Durable state: users, places, open questions, attempts, settings and subscriptions."""

    def unit(self) -> AbstractAsyncContextManager[Any]:
        """``async with``: the calls inside are one transaction, committed together at the end (none of
        them when it raises); the engine handles each event in one."""
        ...

    async def ensure_user(self, platform: str, platform_user_id: str, display_name: str) -> UserRecord:
        """Find or create the user, refreshing the display name."""
        ...

    async def get_user(self, user_id: int) -> UserRecord | None:
        """The user with this internal id, or None."""
        ...

    async def set_user_timezone(self, user_id: int, timezone: str) -> None:
        """Remember the user's IANA time zone (used for streaks)."""
        ...

    async def ensure_place(
        self, platform: str, platform_place_id: str, is_private: bool, title: str = ""
    ) -> PlaceRecord:
        """Find or create the place where scores count."""
        ...

    async def add_member(self, place_id: int, user_id: int) -> None:
        """Record that the user takes part in the place (idempotent)."""
        ...

    async def open_question(
        self,
        place_id: int,
        chat_id: str,
        question_id: str,
        asked_by_user_id: int | None,
        for_user_id: int | None,
        now: datetime,
        mode: Mode = Mode.PRACTICE,
    ) -> OpenQuestion:
        """Open a question in a chat; in a DM (``for_user_id`` set) it closes that user's older ones.

        The asker (if any) becomes a member of the place, in the same transaction.
        """
        ...

    async def get_open_question(self, open_question_id: int) -> OpenQuestion | None:
        """The open (or closed) question with this id, or None."""
        ...

    async def set_question_message(self, open_question_id: int, message_id: str) -> None:
        """Remember the platform message id the question was posted as."""
        ...

    async def find_open_question(
        self,
        chat_id: str,
        *,
        message_id: str | None = None,
        for_user_id: int | None = None,
        include_closed: bool = False,
    ) -> OpenQuestion | None:
        """The newest still-open question in a chat: by its message id, or the one a user owes.

        With ``include_closed`` closed questions are found too (to tell "that question is closed").
        """
        ...

    async def add_hint(self, open_question_id: int) -> int:
        """Count one more hint shown for the question; return the new count."""
        ...

    async def close_question(self, open_question_id: int, now: datetime) -> None:
        """Close the question so no one can answer it any more."""
        ...

    async def record_attempt(self, attempt: Attempt, *, close: bool = False) -> int | None:
        """Store an attempt and return its id (ids start at 1); None (changing nothing) if the user
        already answered that open question.

        In the same transaction the user becomes a member of the place, the kept state (question
        state, totals, member score) takes the attempt in, and with ``close`` its open question closes.
        """
        ...

    async def has_answered(self, open_question_id: int, user_id: int) -> bool:
        """Whether the user already answered this open question."""
        ...

    async def attempts_for_open_question(self, open_question_id: int) -> list[Attempt]:
        """Every attempt at one open question, oldest first."""
        ...

    async def user_attempts(self, user_id: int, since: datetime | None = None) -> list[Attempt]:
        """The user's attempts (everywhere), oldest first, optionally since a time."""
        ...

    async def leaderboard(self, place_id: int, since: datetime | None = None) -> list[LeaderRow]:
        """Members of a place with their points since a time (all time if None), best first."""
        ...

    # Kept state, folded in as attempts are recorded: bounded reads, whatever the history's length.

    async def question_states(self, user_id: int) -> list[QuestionState]:
        """The user's state on each question they met (one per question, skips counted)."""
        ...

    async def question_briefs(self, user_id: int) -> list[QuestionBrief]:
        """The narrow view of ``question_states`` that mock interviews and progress charts read."""
        ...

    async def latest_question_ids(self, user_id: int, limit: int) -> list[str]:
        """The questions of the user's newest ``limit`` attempts (skips included), newest first."""
        ...

    async def sync_catalog(self, entries: Sequence[CatalogEntry]) -> None:
        """Make the store's question catalog the bank's: add and change entries, drop the others."""
        ...

    async def pick_practice_question(self, user_id: int, pick: PracticePick) -> str | None:
        """The id of the catalog question ``/quiz`` asks the user next by ``pick``'s rule, or None when
        the catalog has none of its topic and difficulty."""
        ...

    async def topic_totals(self, user_id: int) -> list[TopicTotal]:
        """The user's graded answers and score sum per catalog topic (topic None: retired questions)."""
        ...

    async def due_summary(self, user_id: int, before: datetime, shown: int) -> DueSummary:
        """The user's questions due before ``before``: the count, the first ``shown`` (lowest last rating,
        then longest overdue) and the next due time at or after ``before``."""
        ...

    async def user_progress(self, user_id: int) -> UserProgress | None:
        """The user's totals over graded answers and their streak inputs; None before any answer."""
        ...

    async def leaderboard_page(
        self, place_id: int, user_id: int, week: datetime | None = None, top: int = 10
    ) -> LeaderPage:
        """The top ``top`` ranked lines of a place (all time, or of the current week, starting ``week``),
        and the line of ``user_id`` when it is not among them."""
        ...

    async def save_subscription(self, subscription: Subscription) -> Subscription:
        """Create or replace the subscription for its (platform, chat_id, user_id)."""
        ...

    async def get_subscription(self, platform: str, chat_id: str, user_id: int | None) -> Subscription | None:
        """The subscription for a DM (user set) or a channel (user None), or None."""
        ...

    async def delete_subscription(self, subscription_id: int) -> None:
        """Remove a subscription."""
        ...

    async def pause_subscriptions(self, platform: str, chat_id: str, reason: str) -> int:
        """Pause every active subscription delivering to a chat; return how many were paused."""
        ...

    async def forget_user(self, user_id: int) -> None:
        """Delete everything stored about a user."""
        ...

    async def claim_update(self, platform: str, update_id: int) -> bool:
        """Claim a platform update for this process: True the first time any process asks, else False."""
        ...


class Transport(Protocol):
    """Sends replies to a chat on one platform (used by scheduled drills)."""

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        """Send the replies, returning the platform message ids.

        Raises ``bot.ports.TemporaryFailure`` or ``bot.ports.PermanentFailure`` when a send fails.
        """
        ...


class DeliveryError(Exception):
    """A message could not be delivered."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TemporaryFailure(DeliveryError):
    """A passing failure (rate limit, timeout, 5xx): retry, after ``retry_after`` seconds if given."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class PermanentFailure(DeliveryError):
    """The platform refuses for good (user blocked the bot, DMs closed, chat gone): stop sending there."""
