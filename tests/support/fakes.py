"""In-memory fakes of the core's ports, for fast tests of the core with a fixed clock."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.drills.deliveries import Candidate, Delivery, DeliveryRecord, DrillCounts, Review
from bot.model.follow_ups import FollowUp
from bot.model.grades import Verdict
from bot.model.messages import Reply
from bot.model.progress import CatalogEntry
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
from tests.support.fake_appeals import AppealsInMemory
from tests.support.fake_follow_ups import MemoryFollowUps
from tests.support.fake_interviews import MemoryInterviews
from tests.support.history_fakes import HistoryReads
from tests.support.kept_state import KeptStateReads


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


class MemoryStore(AppealsInMemory, MemoryFollowUps, HistoryReads, KeptStateReads, MemoryInterviews):
    """The Store port in memory, with the same semantics as the SQL store."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)
        self.users: dict[int, UserRecord] = {}
        self.places: dict[int, PlaceRecord] = {}
        self.members: set[tuple[int, int]] = set()
        self.open_questions: dict[int, OpenQuestion] = {}
        self.attempts: list[Attempt] = []
        self.subscriptions: dict[int, Subscription] = {}
        self.follow_ups: dict[int, FollowUp] = {}
        self.handled_updates: set[tuple[str, int]] = set()
        self.catalog: dict[str, CatalogEntry] = {}

    def unit(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Nothing to hold in memory: each call takes effect at once."""
        return contextlib.nullcontext()

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
        mode: Mode = Mode.PRACTICE,
    ) -> OpenQuestion:
        """Open a question, closing the user's older ones in a DM."""
        if for_user_id is not None:
            for oq in list(self.open_questions.values()):
                if oq.chat_id == chat_id and oq.for_user_id == for_user_id and oq.closed_at is None:
                    self.open_questions[oq.id] = replace(oq, closed_at=now)
        oq = OpenQuestion(
            next(self._ids), place_id, chat_id, question_id, asked_by_user_id, for_user_id, now, mode=mode
        )
        self.open_questions[oq.id] = oq
        if asked_by_user_id is not None:
            self.members.add((place_id, asked_by_user_id))
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

    async def record_attempt(self, attempt: Attempt, *, close: bool = False) -> int | None:
        """Store an attempt unless that user already answered that open question (None); join, maybe
        close; return the new attempt's id."""
        if attempt.open_question_id is not None and await self.has_answered(
            attempt.open_question_id, attempt.user_id
        ):
            return None
        attempt_id = next(self._ids)
        self.attempts.append(replace(attempt, id=attempt_id))
        self.members.add((attempt.place_id, attempt.user_id))
        if close and attempt.open_question_id in self.open_questions:
            await self.close_question(attempt.open_question_id, attempt.answered_at)
        return attempt_id

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
            if a.place_id != place_id or a.verdict == Verdict.SKIPPED or (since and a.answered_at < since):
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

    async def claim_update(self, platform: str, update_id: int) -> bool:
        """True the first time an update is claimed, False after."""
        if (platform, update_id) in self.handled_updates:
            return False
        self.handled_updates.add((platform, update_id))
        return True

    async def forget_user(self, user_id: int) -> None:
        """Delete everything about a user."""
        self.forget_follow_ups(user_id)
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


class MemoryDrillStore(MemoryStore):
    """The core's Store and the drills' DrillStore in memory, with the SQL stores' semantics.

    Deliveries go with their subscription (as the database's cascade does).
    """

    def __init__(self) -> None:
        super().__init__()
        self.deliveries: dict[int, dict[str, object]] = {}
        self._delivery_ids = itertools.count(1)

    async def subscription_zones(self, platform: str, changed_since: datetime | None = None) -> set[str]:
        """Zones of active subscriptions, optionally only those set since a time."""
        return {
            s.timezone
            for s in self.subscriptions.values()
            if s.platform == platform
            and s.active
            and (changed_since is None or (s.created_at is not None and s.created_at >= changed_since))
        }

    async def subscriptions_in(self, platform: str, ranges: Sequence[Any]) -> list[Candidate]:
        """Active subscriptions in one of the (zone, first, last) ranges."""
        return [
            Candidate(s.id, s.timezone, s.local_time, s.skip_date, s.created_at)  # type: ignore[arg-type]
            for s in self.subscriptions.values()
            if s.platform == platform
            and s.active
            and any(r.timezone == s.timezone and r.first <= s.local_time <= r.last for r in ranges)
        ]

    async def add_deliveries(self, planned: Sequence[Any], now: datetime) -> int:
        """Insert planned deliveries unless (subscription, local date) exists."""
        taken = {(d["subscription_id"], d["local_date"]) for d in self.deliveries.values()}
        added = 0
        for p in planned:
            if (p.subscription_id, p.local_date) in taken:
                continue
            taken.add((p.subscription_id, p.local_date))
            delivery_id = next(self._delivery_ids)
            self.deliveries[delivery_id] = {
                "id": delivery_id,
                "subscription_id": p.subscription_id,
                "platform": p.platform,
                "local_date": p.local_date,
                "due_at": p.due_at,
                "expires_at": p.expires_at,
                "status": "pending",
                "not_before": p.due_at,
                "attempts": 0,
                "claim_token": None,
                "lease_until": None,
                "question_id": None,
                "open_question_id": None,
                "message_id": None,
                "sent_at": None,
                "last_error": None,
            }
            added += 1
        return added

    async def reclaim_stale(self, platform: str, now: datetime) -> int:
        """Back to pending: claims whose lease ran out."""
        stale = [
            d
            for d in self.deliveries.values()
            if d["platform"] == platform and d["status"] == "sending" and d["lease_until"] < now  # type: ignore[operator]
        ]
        for d in stale:
            d.update(status="pending", claim_token=None, lease_until=None)
        return len(stale)

    async def expire(self, platform: str, now: datetime) -> int:
        """Expire unsent deliveries whose local day is over, closing their questions."""
        over = [
            d
            for d in self.deliveries.values()
            if d["platform"] == platform
            and d["expires_at"] <= now  # type: ignore[operator]
            and (d["status"] == "pending" or (d["status"] == "sending" and d["lease_until"] < now))  # type: ignore[operator]
        ]
        for d in over:
            if d["open_question_id"] in self.open_questions:
                await self.close_question(d["open_question_id"], now)  # type: ignore[arg-type]
            d.update(
                status="expired", last_error="the local day ended before it could be sent", claim_token=None
            )
        return len(over)

    async def claim(
        self, platform: str, now: datetime, limit: int, lease: timedelta, token: str
    ) -> list[Any]:
        """Claim pending deliveries that may go now, oldest first."""
        ready = sorted(
            (
                d
                for d in self.deliveries.values()
                if d["platform"] == platform
                and d["status"] == "pending"
                and d["not_before"] <= now  # type: ignore[operator]
                and d["expires_at"] > now  # type: ignore[operator]
            ),
            key=lambda d: (d["not_before"], d["id"]),
        )[:limit]
        claimed = []
        for d in ready:
            d.update(status="sending", claim_token=token, lease_until=now + lease)
            sub = self.subscriptions[d["subscription_id"]]  # type: ignore[index]
            claimed.append(
                Delivery(
                    d["id"],
                    sub,
                    d["local_date"],
                    d["due_at"],
                    d["expires_at"],
                    d["attempts"],  # type: ignore[arg-type]
                    d["question_id"],
                    d["open_question_id"],
                    token,  # type: ignore[arg-type]
                )
            )
        return claimed

    def _reviews(self, attempts: list[Attempt]) -> list[Any]:
        ordered = sorted(attempts, key=lambda a: (a.answered_at, a.id or 0))
        return [
            Review(
                a.question_id,
                a.verdict,
                a.answered_at,
                a.hints_used,
                a.elapsed_seconds,
                a.open_question_id,
                a.follow_up_asked,
            )
            for a in ordered
        ]

    async def user_reviews(self, user_ids: Any) -> dict[int, list[Any]]:
        """Each user's answers, oldest first."""
        found = {u: self._reviews([a for a in self.attempts if a.user_id == u]) for u in user_ids}
        return {u: r for u, r in found.items() if r}

    async def place_reviews(self, place_ids: Any) -> dict[int, list[Any]]:
        """Each place's answers, oldest first."""
        found = {p: self._reviews([a for a in self.attempts if a.place_id == p]) for p in place_ids}
        return {p: r for p, r in found.items() if r}

    async def recent_questions(self, subscription_ids: Any, since: Any) -> dict[int, set[str]]:
        """Questions sent to each subscription since a local date."""
        found: dict[int, set[str]] = {}
        for d in self.deliveries.values():
            if (
                d["subscription_id"] in subscription_ids
                and d["local_date"] >= since
                and d["status"] == "sent"
            ):  # type: ignore[operator]
                found.setdefault(d["subscription_id"], set()).add(d["question_id"])  # type: ignore[arg-type]
        return found

    async def open_drill_questions(self, drafts: Sequence[Any], now: datetime) -> list[int]:
        """Open a question per draft, closing stale ones, and tie it to the delivery."""
        ids = []
        for draft in drafts:
            if draft.stale_open_question_id in self.open_questions:
                await self.close_question(draft.stale_open_question_id, now)
            oq = OpenQuestion(
                next(self._ids),
                draft.place_id,
                draft.chat_id,
                draft.question_id,
                None,
                draft.for_user_id,
                now,
                mode=Mode.DRILL,
            )
            self.open_questions[oq.id] = oq
            self.deliveries[draft.delivery_id].update(question_id=draft.question_id, open_question_id=oq.id)
            ids.append(oq.id)
        return ids

    async def finish(self, outcomes: Sequence[Any], now: datetime) -> None:
        """Record outcomes of deliveries still claimed with the outcome's token; update their questions."""
        for o in outcomes:
            d = self.deliveries.get(o.delivery.id)
            if d is not None and d["claim_token"] == o.delivery.claim_token:
                d.update(
                    status=o.status,
                    not_before=o.not_before or d["not_before"],
                    attempts=d["attempts"] + (1 if o.attempted else 0),  # type: ignore[operator]
                    last_error=o.reason,
                    message_id=o.message_id,
                    sent_at=now if o.status == "sent" else None,
                    claim_token=None,
                    lease_until=None,
                )
            oq = self.open_questions.get(o.open_question_id) if o.open_question_id else None
            if oq is None:
                continue
            if o.status != "sent":
                await self.close_question(oq.id, now)
                continue
            if o.message_id is not None:
                await self.set_question_message(oq.id, o.message_id)
            if oq.for_user_id is not None:
                for other in list(self.open_questions.values()):
                    if (
                        other.chat_id == oq.chat_id
                        and other.for_user_id == oq.for_user_id
                        and other.closed_at is None
                        and other.id < oq.id
                    ):
                        await self.close_question(other.id, now)

    async def deliveries_for(self, subscription_id: int) -> list[Any]:
        """A subscription's deliveries, oldest local date first."""
        rows = sorted(
            (d for d in self.deliveries.values() if d["subscription_id"] == subscription_id),
            key=lambda d: (d["local_date"], d["id"]),
        )
        fields = (
            "id",
            "subscription_id",
            "platform",
            "local_date",
            "due_at",
            "status",
            "attempts",
            "question_id",
            "open_question_id",
            "message_id",
            "sent_at",
            "last_error",
        )
        return [DeliveryRecord(*(d[f] for f in fields)) for d in rows]  # type: ignore[arg-type]

    async def counts(self, since: datetime) -> Any:
        """Subscriptions active and paused, deliveries due since a time by status."""
        by_status: dict[str, int] = {}
        for d in self.deliveries.values():
            if d["due_at"] >= since:  # type: ignore[operator]
                by_status[d["status"]] = by_status.get(d["status"], 0) + 1  # type: ignore[index,call-overload]
        active = sum(s.active for s in self.subscriptions.values())
        return DrillCounts(active, len(self.subscriptions) - active, by_status)

    async def delete_subscription(self, subscription_id: int) -> None:
        """Remove a subscription and its deliveries."""
        await super().delete_subscription(subscription_id)
        self.deliveries = {
            k: d for k, d in self.deliveries.items() if d["subscription_id"] != subscription_id
        }

    async def forget_user(self, user_id: int) -> None:
        """Delete everything about a user, their subscriptions' deliveries included."""
        await super().forget_user(user_id)
        self.deliveries = {
            k: d for k, d in self.deliveries.items() if d["subscription_id"] in self.subscriptions
        }
