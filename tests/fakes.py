"""In-memory fakes of the core's ports, for fast tests of the core with a fixed clock."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.messages import Reply
from bot.questions import Question, Topic
from bot.records import (
    SKIPPED,
    Attempt,
    LeaderRow,
    OpenQuestion,
    PlaceRecord,
    Subscription,
    UserRecord,
)


class FixedClock:
    """A clock that stays where it is put; ``advance`` moves it."""

    def __init__(self, now: datetime | None = None) -> None:
        self.current = now or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        """Return the fixed time."""
        return self.current

    def advance(self, **delta: float) -> None:
        """Move the clock forward by a timedelta's keyword arguments."""
        self.current += timedelta(**delta)


class ListBank:
    """A QuestionBank over a list of questions."""

    def __init__(self, questions: Sequence[Question], titles: dict[str, str] | None = None) -> None:
        self._questions = list(questions)
        self._titles = titles or {}

    def topics(self) -> list[Topic]:
        """Topics in first-seen order, with counts."""
        names = list(dict.fromkeys(q.topic for q in self._questions))
        return [Topic(n, self._titles.get(n, n), sum(q.topic == n for q in self._questions)) for n in names]

    def get(self, question_id: str) -> Question | None:
        """The question with this id."""
        return next((q for q in self._questions if q.id == question_id), None)

    def questions(self, topic: str | None = None) -> list[Question]:
        """All questions or one topic's."""
        return [q for q in self._questions if topic is None or q.topic == topic]


class MemoryStore:
    """The Store port in memory, with the same semantics as the SQL store."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)
        self.users: dict[int, UserRecord] = {}
        self.places: dict[int, PlaceRecord] = {}
        self.members: set[tuple[int, int]] = set()
        self.open_questions: dict[int, OpenQuestion] = {}
        self.attempts: list[Attempt] = []
        self.subscriptions: dict[int, Subscription] = {}

    async def ensure_user(self, platform: str, platform_user_id: str, display_name: str) -> UserRecord:
        """Find or create a user, refreshing the display name."""
        for user in self.users.values():
            if (user.platform, user.platform_user_id) == (platform, platform_user_id):
                user = replace(user, display_name=display_name)
                self.users[user.id] = user
                return user
        user = UserRecord(next(self._ids), platform, platform_user_id, display_name)
        self.users[user.id] = user
        return user

    async def get_user(self, user_id: int) -> UserRecord | None:
        """The user or None."""
        return self.users.get(user_id)

    async def set_user_timezone(self, user_id: int, timezone: str) -> None:
        """Remember the user's zone."""
        self.users[user_id] = replace(self.users[user_id], timezone=timezone)

    async def ensure_place(
        self, platform: str, platform_place_id: str, is_private: bool, title: str = ""
    ) -> PlaceRecord:
        """Find or create a place."""
        for place in self.places.values():
            if (place.platform, place.platform_place_id) == (platform, platform_place_id):
                return place
        place = PlaceRecord(next(self._ids), platform, platform_place_id, is_private, title)
        self.places[place.id] = place
        return place

    async def add_member(self, place_id: int, user_id: int) -> None:
        """Record membership."""
        self.members.add((place_id, user_id))

    async def open_question(
        self,
        place_id: int,
        chat_id: str,
        question_id: str,
        asked_by_user_id: int | None,
        for_user_id: int | None,
        now: datetime,
    ) -> OpenQuestion:
        """Open a question, closing the user's older ones in a DM."""
        if for_user_id is not None:
            for oq in list(self.open_questions.values()):
                if oq.chat_id == chat_id and oq.for_user_id == for_user_id and oq.closed_at is None:
                    self.open_questions[oq.id] = replace(oq, closed_at=now)
        oq = OpenQuestion(next(self._ids), place_id, chat_id, question_id, asked_by_user_id, for_user_id, now)
        self.open_questions[oq.id] = oq
        return oq

    async def get_open_question(self, open_question_id: int) -> OpenQuestion | None:
        """The question or None."""
        return self.open_questions.get(open_question_id)

    async def set_question_message(self, open_question_id: int, message_id: str) -> None:
        """Remember the posted message id."""
        oq = self.open_questions[open_question_id]
        self.open_questions[open_question_id] = replace(oq, message_id=message_id)

    async def find_open_question(
        self,
        chat_id: str,
        *,
        message_id: str | None = None,
        for_user_id: int | None = None,
        include_closed: bool = False,
    ) -> OpenQuestion | None:
        """Newest open question by message id or owed by a user."""
        found = [
            oq
            for oq in self.open_questions.values()
            if oq.chat_id == chat_id
            and (include_closed or oq.closed_at is None)
            and (message_id is None or oq.message_id == message_id)
            and (for_user_id is None or oq.for_user_id == for_user_id)
        ]
        return max(found, key=lambda oq: oq.id) if found else None

    async def add_hint(self, open_question_id: int) -> int:
        """Count a hint."""
        oq = self.open_questions[open_question_id]
        self.open_questions[open_question_id] = replace(oq, hints_shown=oq.hints_shown + 1)
        return oq.hints_shown + 1

    async def close_question(self, open_question_id: int, now: datetime) -> None:
        """Close the question."""
        oq = self.open_questions[open_question_id]
        self.open_questions[open_question_id] = replace(oq, closed_at=oq.closed_at or now)

    async def record_attempt(self, attempt: Attempt) -> bool:
        """Store an attempt unless that user already answered that open question."""
        if attempt.open_question_id is not None and await self.has_answered(
            attempt.open_question_id, attempt.user_id
        ):
            return False
        self.attempts.append(replace(attempt, id=next(self._ids)))
        return True

    async def has_answered(self, open_question_id: int, user_id: int) -> bool:
        """Whether the user answered that open question."""
        return any(a.open_question_id == open_question_id and a.user_id == user_id for a in self.attempts)

    async def attempts_for_open_question(self, open_question_id: int) -> list[Attempt]:
        """Attempts at one open question, oldest first."""
        return [a for a in self.attempts if a.open_question_id == open_question_id]

    async def user_attempts(self, user_id: int, since: datetime | None = None) -> list[Attempt]:
        """A user's attempts, oldest first."""
        found = [
            a for a in self.attempts if a.user_id == user_id and (since is None or a.answered_at >= since)
        ]
        return sorted(found, key=lambda a: (a.answered_at, a.id or 0))

    async def leaderboard(self, place_id: int, since: datetime | None = None) -> list[LeaderRow]:
        """Points per member of a place since a time, best first."""
        rows: dict[int, list[int]] = {}
        for a in self.attempts:
            if a.place_id != place_id or a.verdict == SKIPPED or (since and a.answered_at < since):
                continue
            row = rows.setdefault(a.user_id, [0, 0, 0])
            row[0] += round(a.score * 10)
            row[1] += 1
            row[2] += a.verdict == "correct"
        board = [LeaderRow(uid, self.users[uid].display_name, p, n, c) for uid, (p, n, c) in rows.items()]
        return sorted(board, key=lambda r: (-r.points, -r.correct, r.display_name))

    async def save_subscription(self, subscription: Subscription) -> Subscription:
        """Create or replace the subscription for its target."""
        existing = await self.get_subscription(
            subscription.platform, subscription.chat_id, subscription.user_id
        )
        created = existing.created_at if existing else subscription.created_at or datetime.now(UTC)
        stored = replace(subscription, id=existing.id if existing else next(self._ids), created_at=created)
        self.subscriptions[stored.id] = stored  # type: ignore[index]
        return stored

    async def get_subscription(self, platform: str, chat_id: str, user_id: int | None) -> Subscription | None:
        """The subscription of a DM or a channel."""
        for sub in self.subscriptions.values():
            if (sub.platform, sub.chat_id, sub.user_id) == (platform, chat_id, user_id):
                return sub
        return None

    async def delete_subscription(self, subscription_id: int) -> None:
        """Remove a subscription."""
        self.subscriptions.pop(subscription_id, None)

    async def pause_subscriptions(self, platform: str, chat_id: str, reason: str) -> int:
        """Pause the active subscriptions of a chat."""
        paused = 0
        for key, sub in self.subscriptions.items():
            if (sub.platform, sub.chat_id) == (platform, chat_id) and sub.active:
                self.subscriptions[key] = replace(sub, active=False, paused_reason=reason)
                paused += 1
        return paused

    async def forget_user(self, user_id: int) -> None:
        """Delete everything about a user."""
        self.users.pop(user_id, None)
        self.members = {m for m in self.members if m[1] != user_id}
        self.attempts = [a for a in self.attempts if a.user_id != user_id]
        self.subscriptions = {k: s for k, s in self.subscriptions.items() if s.user_id != user_id}
        gone = {k for k, q in self.open_questions.items() if q.for_user_id == user_id}
        self.open_questions = {
            k: replace(q, asked_by_user_id=None) if q.asked_by_user_id == user_id else q
            for k, q in self.open_questions.items()
            if k not in gone
        }
        self.attempts = [
            replace(a, open_question_id=None) if a.open_question_id in gone else a for a in self.attempts
        ]


class RecordingTransport:
    """A Transport that records what it was asked to send."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, list[Reply]]] = []

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        """Record the replies and hand out message ids."""
        self.sent.append((chat_id, list(replies)))
        return [str(len(self.sent) * 100 + i) for i, _ in enumerate(replies)]
