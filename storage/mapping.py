"""Turns table rows into the core's record dataclasses, and records into row values."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, Table

from bot.model.records import Attempt, OpenQuestion, PlaceRecord, Subscription, UserRecord
from storage.tables import AttemptRow, MembershipRow, OpenQuestionRow, PlaceRow, SubscriptionRow, UserRow

users: Table = UserRow.__table__  # type: ignore[attr-defined]
places: Table = PlaceRow.__table__  # type: ignore[attr-defined]
memberships: Table = MembershipRow.__table__  # type: ignore[attr-defined]
open_questions: Table = OpenQuestionRow.__table__  # type: ignore[attr-defined]
attempts: Table = AttemptRow.__table__  # type: ignore[attr-defined]
subscriptions: Table = SubscriptionRow.__table__  # type: ignore[attr-defined]


def to_user(row: Row[Any]) -> UserRecord:
    """A users row as a UserRecord."""
    return UserRecord(row.id, row.platform, row.platform_user_id, row.display_name, row.timezone)


def to_place(row: Row[Any]) -> PlaceRecord:
    """A places row as a PlaceRecord."""
    return PlaceRecord(row.id, row.platform, row.platform_place_id, row.is_private, row.title)


def to_open_question(row: Row[Any]) -> OpenQuestion:
    """An open_questions row as an OpenQuestion."""
    return OpenQuestion(
        id=row.id,
        place_id=row.place_id,
        chat_id=row.chat_id,
        question_id=row.question_id,
        asked_by_user_id=row.asked_by_user_id,
        for_user_id=row.for_user_id,
        opened_at=row.opened_at,
        message_id=row.message_id,
        hints_shown=row.hints_shown,
        closed_at=row.closed_at,
    )


def to_attempt(row: Row[Any]) -> Attempt:
    """An attempts row as an Attempt."""
    return Attempt(
        id=row.id,
        user_id=row.user_id,
        place_id=row.place_id,
        question_id=row.question_id,
        score=row.score,
        verdict=row.verdict,
        answered_at=row.answered_at,
        open_question_id=row.open_question_id,
        answer_text=row.answer_text,
        matched=tuple(row.matched),
        missed=tuple(row.missed),
        hints_used=row.hints_used,
        elapsed_seconds=row.elapsed_seconds,
    )


def attempt_values(attempt: Attempt) -> dict[str, Any]:
    """The column values for a new attempts row (the id is the database's to give)."""
    return {
        "user_id": attempt.user_id,
        "place_id": attempt.place_id,
        "question_id": attempt.question_id,
        "open_question_id": attempt.open_question_id,
        "answer_text": attempt.answer_text,
        "score": attempt.score,
        "points": round(attempt.score * 10),
        "verdict": attempt.verdict,
        "matched": list(attempt.matched),
        "missed": list(attempt.missed),
        "hints_used": attempt.hints_used,
        "elapsed_seconds": attempt.elapsed_seconds,
        "answered_at": attempt.answered_at,
    }


def to_subscription(row: Row[Any]) -> Subscription:
    """A subscriptions row as a Subscription."""
    return Subscription(
        id=row.id,
        platform=row.platform,
        chat_id=row.chat_id,
        place_id=row.place_id,
        user_id=row.user_id,
        local_time=row.local_time,
        timezone=row.timezone,
        topics=tuple(row.topics),
        active=row.active,
        paused_reason=row.paused_reason,
        skip_date=row.skip_date,
        created_at=row.created_at,
    )


def subscription_values(subscription: Subscription, created_at: datetime) -> dict[str, Any]:
    """The column values for a subscriptions row; ``subscriber_key`` is the user id, or 0 for a channel."""
    return {
        "platform": subscription.platform,
        "chat_id": subscription.chat_id,
        "place_id": subscription.place_id,
        "user_id": subscription.user_id,
        "subscriber_key": subscription.user_id or 0,
        "local_time": subscription.local_time,
        "timezone": subscription.timezone,
        "topics": list(subscription.topics),
        "active": subscription.active,
        "paused_reason": subscription.paused_reason,
        "skip_date": subscription.skip_date,
        "created_at": subscription.created_at or created_at,
    }
