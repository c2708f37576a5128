"""Users, places and memberships in SQL: get-or-create in one ``INSERT … ON CONFLICT``; forgetting a user."""

from __future__ import annotations

from sqlalchemy import Select, delete, select, union, update

from bot.model.records import PlaceRecord, UserRecord
from bot.ports import Clock
from storage.mapping import to_record
from storage.progress_tables import member_scores
from storage.sql_base import SqlBase, update_one
from storage.tables import attempts, memberships, open_questions, places, subscriptions, users


class People(SqlBase):
    """The ``Store`` methods about who someone is and where they take part."""

    clock: Clock

    async def ensure_user(self, platform: str, platform_user_id: str, display_name: str) -> UserRecord:
        """Find or create the user, refreshing the display name (a plain read when nothing changed).

        A rename rewrites the name's copies on the user's scores (``member_scores.name``, which the
        boards order by) in the same transaction."""
        query = select(users).where(
            users.c.platform == platform, users.c.platform_user_id == platform_user_id
        )
        async with self.reading() as connection:
            found = (await connection.execute(query)).one_or_none()
        if found is not None and found.display_name == display_name:
            return to_record(UserRecord, found)
        stmt = self.insert(users).values(
            platform=platform,
            platform_user_id=platform_user_id,
            display_name=display_name,
            created_at=self.clock.now(),
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[users.c.platform, users.c.platform_user_id],
            set_={"display_name": stmt.excluded.display_name},
        ).returning(*users.c)
        async with self.writing() as connection:
            user = to_record(UserRecord, (await connection.execute(stmt)).one())
            # Also when none was found: another process may have created the user (with scores) meanwhile.
            rename = update(member_scores).where(member_scores.c.user_id == user.id).values(name=display_name)
            await connection.execute(rename)
            return user

    async def get_user(self, user_id: int) -> UserRecord | None:
        """The user with this internal id, or None."""
        async with self.reading() as connection:
            row = (await connection.execute(select(users).where(users.c.id == user_id))).one_or_none()
        return to_record(UserRecord, row) if row else None

    async def set_user_timezone(self, user_id: int, timezone: str) -> None:
        """Remember the user's IANA time zone."""
        async with self.writing() as connection:
            await update_one(connection, users, user_id, timezone=timezone)

    async def ensure_place(
        self, platform: str, platform_place_id: str, is_private: bool, title: str = ""
    ) -> PlaceRecord:
        """Find or create the place where scores count (an existing place is returned unchanged)."""
        query = select(places).where(
            places.c.platform == platform, places.c.platform_place_id == platform_place_id
        )
        async with self.reading() as connection:
            found = (await connection.execute(query)).one_or_none()
        if found is not None:
            return to_record(PlaceRecord, found)
        insert = self.insert(places).values(
            platform=platform, platform_place_id=platform_place_id, is_private=is_private, title=title
        )
        insert = insert.on_conflict_do_nothing(index_elements=[places.c.platform, places.c.platform_place_id])
        async with self.writing() as connection:
            await connection.execute(insert)
            return to_record(PlaceRecord, (await connection.execute(query)).one())

    async def add_member(self, place_id: int, user_id: int) -> None:
        """Record that the user takes part in the place (idempotent; a plain read when already a member)."""
        known = select(memberships.c.user_id).where(
            memberships.c.place_id == place_id, memberships.c.user_id == user_id
        )
        async with self.reading() as connection:
            if (await connection.execute(known)).first() is not None:
                return
        stmt = self.insert(memberships).values(place_id=place_id, user_id=user_id, joined_at=self.clock.now())
        async with self.writing() as connection:
            await connection.execute(stmt.on_conflict_do_nothing())

    async def forget_user(self, user_id: int) -> None:
        """Delete everything stored about a user, in one transaction.

        Questions the user asked in a group stay for the others, without an asker; other people's
        attempts at questions the user owed lose only their link to the deleted question.  The user's
        own private places (their DMs: private places where only they took part) go too, with
        everything that hangs on them.
        """
        owed = select(open_questions.c.id).where(open_questions.c.for_user_id == user_id).scalar_subquery()
        async with self.writing() as connection:
            own_places = [row[0] for row in await connection.execute(_own_private_places(user_id))]
            await connection.execute(delete(attempts).where(attempts.c.user_id == user_id))
            await connection.execute(
                update(attempts).where(attempts.c.open_question_id.in_(owed)).values(open_question_id=None)
            )
            await connection.execute(delete(memberships).where(memberships.c.user_id == user_id))
            await connection.execute(delete(subscriptions).where(subscriptions.c.user_id == user_id))
            await connection.execute(delete(open_questions).where(open_questions.c.for_user_id == user_id))
            await connection.execute(
                update(open_questions)
                .where(open_questions.c.asked_by_user_id == user_id)
                .values(asked_by_user_id=None)
            )
            await connection.execute(delete(users).where(users.c.id == user_id))
            if own_places:
                await connection.execute(delete(places).where(places.c.id.in_(own_places)))


def _own_private_places(user_id: int) -> Select[tuple[int]]:
    """The private places the user took part in (member, answer, subscription, question owed) alone."""
    theirs = union(
        select(memberships.c.place_id).where(memberships.c.user_id == user_id),
        select(attempts.c.place_id).where(attempts.c.user_id == user_id),
        select(subscriptions.c.place_id).where(subscriptions.c.user_id == user_id),
        select(open_questions.c.place_id).where(open_questions.c.for_user_id == user_id),
    )
    others = union(
        select(memberships.c.place_id).where(memberships.c.user_id != user_id),
        select(attempts.c.place_id).where(attempts.c.user_id != user_id),
    )
    return select(places.c.id).where(
        places.c.is_private.is_(True), places.c.id.in_(theirs), places.c.id.not_in(others)
    )
