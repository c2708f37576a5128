"""Folding one new attempt into the kept state: a user's question, their totals, their score in a place.

Pure functions, used by every store as answers arrive (and by migration 0003 to backfill), so the
state equals a replay of the attempts: the FSRS card here is the card ``build_cards`` would rebuild.
Local days are taken in the user's time zone at the time of the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date
from functools import cache
from zoneinfo import ZoneInfo

from fsrs import Card, Rating, Scheduler

from bot.drills.cards import CardState, default_scheduler, rating_for
from bot.drills.deliveries import Review
from bot.model.grades import Verdict
from bot.model.progress import MemberScore, QuestionState, UserProgress, week_start
from bot.model.records import Attempt

_NOT_RECALLED = {Verdict.WRONG, Verdict.SKIPPED}


@cache
def _scheduler() -> Scheduler:
    return default_scheduler()


def points_of(attempt: Attempt) -> int:
    """The leaderboard points of an attempt: ``round(score * 10)``, worked out once in Python."""
    return round(attempt.score * 10)


def fold_question(state: QuestionState | None, attempt: Attempt) -> QuestionState:
    """The user's state on the attempt's question once the attempt (graded or skipped) is counted."""
    at = attempt.answered_at.astimezone(UTC)
    review = Review(
        attempt.question_id,
        attempt.verdict,
        at,
        attempt.hints_used,
        attempt.elapsed_seconds,
        follow_up_asked=attempt.follow_up_asked,
    )
    rating = rating_for(review)
    card = Card.from_dict(state.card) if state else Card(card_id=1, due=at)  # type: ignore[arg-type]
    card, _log = _scheduler().review_card(card, rating, at)
    graded = attempt.verdict != Verdict.SKIPPED
    return QuestionState(
        question_id=attempt.question_id,
        attempts=(state.attempts if state else 0) + 1,
        graded=(state.graded if state else 0) + graded,
        score_sum=(state.score_sum if state else 0.0) + (attempt.score if graded else 0.0),
        last_score=attempt.score,
        last_verdict=Verdict(attempt.verdict),
        first_seen=state.first_seen if state else at,
        last_answered_at=at,
        last_rating=int(rating),
        card=dict(card.to_dict()),
        due=card.due,
    )


def fold_user(progress: UserProgress | None, attempt: Attempt, seen_before: bool, day: date) -> UserProgress:
    """The user's totals once the attempt is counted; ``day`` is its local date in the user's zone."""
    p = progress or UserProgress()
    reviewed, recalled = p.reviewed, p.recalled
    if seen_before:
        reviewed += 1
        recalled += attempt.verdict not in _NOT_RECALLED
    if attempt.verdict == Verdict.SKIPPED:
        return replace(p, reviewed=reviewed, recalled=recalled)
    v = attempt.verdict
    return UserProgress(
        answers=p.answers + 1,
        correct=p.correct + (v == Verdict.CORRECT),
        partial=p.partial + (v == Verdict.PARTIAL),
        wrong=p.wrong + (v == Verdict.WRONG),
        score_sum=p.score_sum + attempt.score,
        last_answered_at=attempt.answered_at.astimezone(UTC),
        days=p.days.after(day),
        reviewed=reviewed,
        recalled=recalled,
    )


def fold_member(score: MemberScore | None, attempt: Attempt, day: date) -> MemberScore:
    """A member's score in the attempt's place once a graded attempt is counted (skips change nothing)."""
    s = score or MemberScore()
    if attempt.verdict == Verdict.SKIPPED:
        return s
    points, correct = points_of(attempt), int(attempt.verdict == Verdict.CORRECT)
    week = week_start(attempt.answered_at.astimezone(UTC))
    same_week = s.week == week
    return MemberScore(
        points=s.points + points,
        answers=s.answers + 1,
        correct=s.correct + correct,
        week=week,
        week_points=(s.week_points if same_week else 0) + points,
        week_answers=(s.week_answers if same_week else 0) + 1,
        week_correct=(s.week_correct if same_week else 0) + correct,
        days=s.days.after(day),
    )


def card_state(state: QuestionState) -> CardState:
    """The spaced-repetition view of a kept question state, as ``build_cards`` would give it."""
    return CardState(
        state.question_id,
        Card.from_dict(state.card),  # type: ignore[arg-type]
        Rating(state.last_rating),
        state.first_seen,
        state.last_answered_at,
        state.attempts,
    )


@dataclass(frozen=True)
class Folded:
    """What one attempt leaves behind: the new question state, user totals and (if graded) member score."""

    question: QuestionState
    progress: UserProgress
    member: MemberScore | None


def fold(
    attempt: Attempt,
    zone: ZoneInfo,
    question: QuestionState | None,
    progress: UserProgress | None,
    member: MemberScore | None,
) -> Folded:
    """Fold one attempt into the states it touches (``zone``: the user's, for local days)."""
    day = attempt.answered_at.astimezone(zone).date()
    graded = attempt.verdict != Verdict.SKIPPED
    return Folded(
        fold_question(question, attempt),
        fold_user(progress, attempt, question is not None, day),
        fold_member(member, attempt, day) if graded else None,
    )
