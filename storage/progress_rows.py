"""Kept-state rows to the core's dataclasses and back (the store and migration 0003 share them)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.model.grades import Verdict
from bot.model.progress import DayRun, MemberScore, QuestionState, UserProgress


def zone_of(name: str | None) -> ZoneInfo:
    """The user's zone, UTC when unknown."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _aware(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def question_from(row: Any) -> QuestionState:
    """A ``user_questions`` row as a QuestionState."""
    return QuestionState(
        row.question_id,
        row.attempts,
        row.graded,
        row.score_sum,
        row.last_score,
        Verdict(row.last_verdict),
        _aware(row.first_seen),  # type: ignore[arg-type]
        _aware(row.last_answered_at),  # type: ignore[arg-type]
        row.last_rating,
        dict(row.card),
        _aware(row.due),  # type: ignore[arg-type]
    )


def question_values(user_id: int, state: QuestionState) -> dict[str, Any]:
    """Column values of a ``user_questions`` row."""
    return {
        "user_id": user_id,
        "question_id": state.question_id,
        "attempts": state.attempts,
        "graded": state.graded,
        "score_sum": state.score_sum,
        "last_score": state.last_score,
        "last_verdict": state.last_verdict.value,
        "first_seen": state.first_seen,
        "last_answered_at": state.last_answered_at,
        "last_rating": state.last_rating,
        "card": state.card,
        "due": state.due,
    }


def progress_from(row: Any) -> UserProgress:
    """A ``user_totals`` row as UserProgress."""
    return UserProgress(
        row.answers,
        row.correct,
        row.partial,
        row.wrong,
        row.score_sum,
        _aware(row.last_answered_at),
        DayRun(row.last_day, row.run, row.best),
        row.reviewed,
        row.recalled,
    )


def progress_values(user_id: int, p: UserProgress) -> dict[str, Any]:
    """Column values of a ``user_totals`` row."""
    return {
        "user_id": user_id,
        "answers": p.answers,
        "correct": p.correct,
        "partial": p.partial,
        "wrong": p.wrong,
        "score_sum": p.score_sum,
        "last_answered_at": p.last_answered_at,
        "last_day": p.days.last_day,
        "run": p.days.run,
        "best": p.days.best,
        "reviewed": p.reviewed,
        "recalled": p.recalled,
    }


def member_from(row: Any) -> MemberScore:
    """A ``member_scores`` row as MemberScore."""
    return MemberScore(
        row.points,
        row.answers,
        row.correct,
        _aware(row.week),
        row.week_points,
        row.week_answers,
        row.week_correct,
        DayRun(row.last_day, row.run, row.best),
    )


def member_values(place_id: int, user_id: int, s: MemberScore) -> dict[str, Any]:
    """Column values of a ``member_scores`` row."""
    return {
        "place_id": place_id,
        "user_id": user_id,
        "points": s.points,
        "answers": s.answers,
        "correct": s.correct,
        "week": s.week,
        "week_points": s.week_points,
        "week_answers": s.week_answers,
        "week_correct": s.week_correct,
        "last_day": s.days.last_day,
        "run": s.days.run,
        "best": s.days.best,
    }
