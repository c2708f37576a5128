"""The core's Store port on SQLite or PostgreSQL, through SQLAlchemy's asyncio support.

Get-or-create and answer-once are single ``INSERT … ON CONFLICT`` statements, so two tasks racing on the
same key both succeed (or one is told it lost) without retry loops.  An unknown id given to a method that
changes one row raises ``KeyError``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, case, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.model.grades import Verdict
from bot.model.records import SKIPPED, Attempt, LeaderRow, OpenQuestion, PlaceRecord, Subscription, UserRecord
from storage.mapping import (
    attempt_values,
    attempts,
    memberships,
    open_questions,
    places,
    subscription_values,
    subscriptions,
    to_attempt,
    to_open_question,
    to_place,
    to_subscription,
    to_user,
    users,
)


class SqlStore:
    """Durable state in a SQL database; one short transaction per call."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._dialect = engine.dialect.name

    async def close(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()

    def _insert(self, table: Table) -> Any:
        """An INSERT that knows this dialect's ``ON CONFLICT`` clauses."""
        return (postgresql.insert if self._dialect == "postgresql" else sqlite.insert)(table)

    async def ensure_user(self, platform: str, platform_user_id: str, display_name: str) -> UserRecord:
        """Find or create the user, refreshing the display name (a plain read when nothing changed)."""
        query = select(users).where(
            users.c.platform == platform, users.c.platform_user_id == platform_user_id
        )
        async with self._sessions() as session:
            found = (await session.execute(query)).one_or_none()
        if found is not None and found.display_name == display_name:
            return to_user(found)
        stmt = self._insert(users).values(
            platform=platform,
            platform_user_id=platform_user_id,
            display_name=display_name,
            created_at=datetime.now(UTC),
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[users.c.platform, users.c.platform_user_id],
            set_={"display_name": stmt.excluded.display_name},
        ).returning(*users.c)
        async with self._sessions.begin() as session:
            return to_user((await session.execute(stmt)).one())

    async def get_user(self, user_id: int) -> UserRecord | None:
        """The user with this internal id, or None."""
        async with self._sessions() as session:
            row = (await session.execute(select(users).where(users.c.id == user_id))).one_or_none()
        return to_user(row) if row else None

    async def set_user_timezone(self, user_id: int, timezone: str) -> None:
        """Remember the user's IANA time zone."""
        async with self._sessions.begin() as session:
            await _update_one(session, users, user_id, timezone=timezone)

    async def ensure_place(
        self, platform: str, platform_place_id: str, is_private: bool, title: str = ""
    ) -> PlaceRecord:
        """Find or create the place where scores count (an existing place is returned unchanged)."""
        query = select(places).where(
            places.c.platform == platform, places.c.platform_place_id == platform_place_id
        )
        async with self._sessions() as session:
            found = (await session.execute(query)).one_or_none()
        if found is not None:
            return to_place(found)
        insert = self._insert(places).values(
            platform=platform, platform_place_id=platform_place_id, is_private=is_private, title=title
        )
        insert = insert.on_conflict_do_nothing(index_elements=[places.c.platform, places.c.platform_place_id])
        async with self._sessions.begin() as session:
            await session.execute(insert)
            return to_place((await session.execute(query)).one())

    async def add_member(self, place_id: int, user_id: int) -> None:
        """Record that the user takes part in the place (idempotent; a plain read when already a member)."""
        known = select(memberships.c.user_id).where(
            memberships.c.place_id == place_id, memberships.c.user_id == user_id
        )
        async with self._sessions() as session:
            if (await session.execute(known)).first() is not None:
                return
        stmt = self._insert(memberships).values(
            place_id=place_id, user_id=user_id, joined_at=datetime.now(UTC)
        )
        async with self._sessions.begin() as session:
            await session.execute(stmt.on_conflict_do_nothing())

    async def open_question(
        self,
        place_id: int,
        chat_id: str,
        question_id: str,
        asked_by_user_id: int | None,
        for_user_id: int | None,
        now: datetime,
    ) -> OpenQuestion:
        """Open a question in a chat; in a DM (``for_user_id`` set) close that user's older ones first."""
        insert = self._insert(open_questions).values(
            place_id=place_id,
            chat_id=chat_id,
            question_id=question_id,
            asked_by_user_id=asked_by_user_id,
            for_user_id=for_user_id,
            opened_at=now,
        )
        async with self._sessions.begin() as session:
            if for_user_id is not None:
                await session.execute(
                    update(open_questions)
                    .where(
                        open_questions.c.chat_id == chat_id,
                        open_questions.c.for_user_id == for_user_id,
                        open_questions.c.closed_at.is_(None),
                    )
                    .values(closed_at=now)
                )
            return to_open_question((await session.execute(insert.returning(*open_questions.c))).one())

    async def get_open_question(self, open_question_id: int) -> OpenQuestion | None:
        """The open (or closed) question with this id, or None."""
        query = select(open_questions).where(open_questions.c.id == open_question_id)
        async with self._sessions() as session:
            row = (await session.execute(query)).one_or_none()
        return to_open_question(row) if row else None

    async def set_question_message(self, open_question_id: int, message_id: str) -> None:
        """Remember the platform message id the question was posted as."""
        async with self._sessions.begin() as session:
            await _update_one(session, open_questions, open_question_id, message_id=message_id)

    async def find_open_question(
        self,
        chat_id: str,
        *,
        message_id: str | None = None,
        for_user_id: int | None = None,
        include_closed: bool = False,
    ) -> OpenQuestion | None:
        """The newest still-open question in a chat, narrowed by its message id and/or who owes it."""
        query = select(open_questions).where(open_questions.c.chat_id == chat_id)
        if not include_closed:
            query = query.where(open_questions.c.closed_at.is_(None))
        if message_id is not None:
            query = query.where(open_questions.c.message_id == message_id)
        if for_user_id is not None:
            query = query.where(open_questions.c.for_user_id == for_user_id)
        async with self._sessions() as session:
            row = (await session.execute(query.order_by(open_questions.c.id.desc()).limit(1))).one_or_none()
        return to_open_question(row) if row else None

    async def add_hint(self, open_question_id: int) -> int:
        """Count one more hint shown for the question; return the new count."""
        stmt = (
            update(open_questions)
            .where(open_questions.c.id == open_question_id)
            .values(hints_shown=open_questions.c.hints_shown + 1)
            .returning(open_questions.c.hints_shown)
        )
        async with self._sessions.begin() as session:
            count = (await session.execute(stmt)).scalar_one_or_none()
        if count is None:
            raise KeyError(open_question_id)
        return count

    async def close_question(self, open_question_id: int, now: datetime) -> None:
        """Close the question so no one can answer it any more (closing twice keeps the first time)."""
        closed_at = func.coalesce(open_questions.c.closed_at, now)
        async with self._sessions.begin() as session:
            await _update_one(session, open_questions, open_question_id, closed_at=closed_at)

    async def record_attempt(self, attempt: Attempt) -> bool:
        """Store an attempt; False (storing nothing) if the user already answered that open question."""
        stmt = self._insert(attempts).values(**attempt_values(attempt))
        stmt = stmt.on_conflict_do_nothing(index_elements=[attempts.c.open_question_id, attempts.c.user_id])
        async with self._sessions.begin() as session:
            inserted = (await session.execute(stmt.returning(attempts.c.id))).scalar_one_or_none()
        return inserted is not None

    async def has_answered(self, open_question_id: int, user_id: int) -> bool:
        """Whether the user already answered this open question."""
        query = select(attempts.c.id).where(
            attempts.c.open_question_id == open_question_id, attempts.c.user_id == user_id
        )
        async with self._sessions() as session:
            return (await session.execute(query.limit(1))).first() is not None

    async def attempts_for_open_question(self, open_question_id: int) -> list[Attempt]:
        """Every attempt at one open question, oldest first."""
        return await self._attempts(attempts.c.open_question_id == open_question_id)

    async def user_attempts(self, user_id: int, since: datetime | None = None) -> list[Attempt]:
        """The user's attempts everywhere, oldest first, optionally only those at or after ``since``."""
        conditions = [attempts.c.user_id == user_id]
        if since is not None:
            conditions.append(attempts.c.answered_at >= since)
        return await self._attempts(*conditions)

    async def _attempts(self, *conditions: Any) -> list[Attempt]:
        query = select(attempts).where(*conditions).order_by(attempts.c.answered_at, attempts.c.id)
        async with self._sessions() as session:
            return [to_attempt(row) for row in await session.execute(query)]

    async def leaderboard(self, place_id: int, since: datetime | None = None) -> list[LeaderRow]:
        """Everyone with a non-skipped attempt in the place since a time (all time if None), best first."""
        points = func.sum(attempts.c.points).label("points")
        correct = func.sum(case((attempts.c.verdict == Verdict.CORRECT.value, 1), else_=0)).label("correct")
        name = users.c.display_name
        # Order names by code point on every database, as Python does (PostgreSQL would use its locale).
        name_order = name.collate("C") if self._dialect == "postgresql" else name
        query = (
            select(users.c.id, name, points, func.count(attempts.c.id).label("answers"), correct)
            .select_from(attempts)
            .join(users, users.c.id == attempts.c.user_id)
            .where(attempts.c.place_id == place_id, attempts.c.verdict != SKIPPED)
            .group_by(users.c.id, name)
            .order_by(points.desc(), correct.desc(), name_order, users.c.id)
        )
        if since is not None:
            query = query.where(attempts.c.answered_at >= since)
        async with self._sessions() as session:
            rows = await session.execute(query)
            return [
                LeaderRow(r.id, r.display_name, int(r.points), int(r.answers), int(r.correct)) for r in rows
            ]

    async def save_subscription(self, subscription: Subscription) -> Subscription:
        """Create or replace the subscription for its (platform, chat_id, user_id); keeps its id."""
        values = subscription_values(subscription, created_at=datetime.now(UTC))
        stmt = self._insert(subscriptions).values(**values)
        key = ("platform", "chat_id", "subscriber_key")
        # A replacement keeps the first creation time unless the caller gives one.
        kept = {*key, "created_at"} if subscription.created_at is None else set(key)
        stmt = stmt.on_conflict_do_update(
            index_elements=[subscriptions.c[name] for name in key],
            set_={name: stmt.excluded[name] for name in values if name not in kept},
        ).returning(*subscriptions.c)
        async with self._sessions.begin() as session:
            return to_subscription((await session.execute(stmt)).one())

    async def get_subscription(self, platform: str, chat_id: str, user_id: int | None) -> Subscription | None:
        """The subscription for a DM (user set) or a channel (user None), or None."""
        query = select(subscriptions).where(
            subscriptions.c.platform == platform,
            subscriptions.c.chat_id == chat_id,
            subscriptions.c.subscriber_key == (user_id or 0),
        )
        async with self._sessions() as session:
            row = (await session.execute(query)).one_or_none()
        return to_subscription(row) if row else None

    async def delete_subscription(self, subscription_id: int) -> None:
        """Remove a subscription (nothing happens if it is already gone)."""
        async with self._sessions.begin() as session:
            await session.execute(delete(subscriptions).where(subscriptions.c.id == subscription_id))

    async def pause_subscriptions(self, platform: str, chat_id: str, reason: str) -> int:
        """Pause every active subscription delivering to a chat; return how many were paused."""
        stmt = (
            update(subscriptions)
            .where(
                subscriptions.c.platform == platform,
                subscriptions.c.chat_id == chat_id,
                subscriptions.c.active.is_(True),
            )
            .values(active=False, paused_reason=reason)
        )
        async with self._sessions.begin() as session:
            return (await session.execute(stmt)).rowcount

    async def forget_user(self, user_id: int) -> None:
        """Delete everything stored about a user, in one transaction.

        Questions the user asked in a group stay for the others, without an asker; other people's
        attempts at questions the user owed lose only their link to the deleted question.
        """
        owed = select(open_questions.c.id).where(open_questions.c.for_user_id == user_id).scalar_subquery()
        async with self._sessions.begin() as session:
            await session.execute(delete(attempts).where(attempts.c.user_id == user_id))
            await session.execute(
                update(attempts).where(attempts.c.open_question_id.in_(owed)).values(open_question_id=None)
            )
            await session.execute(delete(memberships).where(memberships.c.user_id == user_id))
            await session.execute(delete(subscriptions).where(subscriptions.c.user_id == user_id))
            await session.execute(delete(open_questions).where(open_questions.c.for_user_id == user_id))
            await session.execute(
                update(open_questions)
                .where(open_questions.c.asked_by_user_id == user_id)
                .values(asked_by_user_id=None)
            )
            await session.execute(delete(users).where(users.c.id == user_id))


async def _update_one(session: AsyncSession, table: Table, row_id: int, **values: Any) -> None:
    """Update one row by id, raising KeyError when there is no such row."""
    result = await session.execute(update(table).where(table.c.id == row_id).values(**values))
    if result.rowcount == 0:
        raise KeyError(row_id)
