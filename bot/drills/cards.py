"""Spaced repetition with FSRS: each question a card, rebuilt by replaying the answers given to it.

Cards are derived, not stored: the answers are the record, so ``/forget`` and a changed rating rule
need no migration.  A daily drill never asks twice a day, so the scheduler has no intra-day learning
steps: every review schedules the card a whole number of days ahead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from fsrs import Card, Rating, Scheduler

from bot.drills.deliveries import Review
from bot.model.grades import Verdict

FAST_SECONDS = 120.0
"""A correct answer given within this time of the question being asked, without a hint, is Easy."""

_RATING_ORDER = {Rating.Again: 0, Rating.Hard: 1, Rating.Good: 2, Rating.Easy: 3}


def default_scheduler() -> Scheduler:
    """An FSRS scheduler for one review a day at most: no learning steps, no random fuzz."""
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def rating_for(review: Review, fast_seconds: float = FAST_SECONDS) -> Rating:
    """The FSRS rating of an answer: wrong or skipped -> Again, partial -> Hard, correct -> Good or Easy.

    An answer that needed a follow-up is at most Hard, whatever the follow-up recovered.
    """
    if review.follow_up_asked:
        return Rating.Again if review.verdict in (Verdict.WRONG, Verdict.SKIPPED) else Rating.Hard
    if review.verdict == Verdict.CORRECT:
        fast = review.elapsed_seconds is not None and review.elapsed_seconds <= fast_seconds
        return Rating.Easy if fast and review.hints_used == 0 else Rating.Good
    if review.verdict == Verdict.PARTIAL:
        return Rating.Hard
    return Rating.Again


@dataclass(frozen=True)
class CardState:
    """A question's FSRS card with what the choice needs: the last rating and when it was first seen."""

    question_id: str
    card: Card
    last_rating: Rating
    first_seen: datetime
    last_seen: datetime
    reviews: int

    def due_on(self, zone: ZoneInfo) -> date:
        """The local date from which the card is due."""
        return self.card.due.astimezone(zone).date()

    @property
    def weakness(self) -> int:
        """0 for a question last answered wrong, up to 3 for one last answered fast and right."""
        return _RATING_ORDER[self.last_rating]


def build_cards(
    reviews: Iterable[Review], scheduler: Scheduler | None = None, fast_seconds: float = FAST_SECONDS
) -> dict[str, CardState]:
    """Replay the answers (oldest first) into one card per question."""
    scheduler = scheduler or default_scheduler()
    states: dict[str, CardState] = {}
    for number, review in enumerate(sorted(reviews, key=lambda r: r.answered_at)):
        at = review.answered_at.astimezone(UTC)
        rating = rating_for(review, fast_seconds)
        known = states.get(review.question_id)
        card = known.card if known else Card(card_id=number + 1, due=at)
        card, _log = scheduler.review_card(card, rating, at)
        states[review.question_id] = CardState(
            review.question_id,
            card,
            rating,
            known.first_seen if known else at,
            at,
            (known.reviews if known else 0) + 1,
        )
    return states


def group_reviews(reviews: Iterable[Review]) -> list[Review]:
    """A group's answers as one review per posted question: the middle verdict of its members, first time.

    Answers not tied to a posted question count one by one.
    """
    by_question: dict[int, list[Review]] = defaultdict(list)
    single: list[Review] = []
    for review in reviews:
        if review.open_question_id is None:
            single.append(review)
        else:
            by_question[review.open_question_id].append(review)
    merged = list(single)
    for answers in by_question.values():
        ranked = sorted(answers, key=lambda r: _RATING_ORDER[rating_for(r)])
        middle = ranked[(len(ranked) - 1) // 2]
        first = min(a.answered_at for a in answers)
        merged.append(
            Review(
                middle.question_id,
                middle.verdict,
                first,
                middle.hints_used,
                middle.elapsed_seconds,
                follow_up_asked=middle.follow_up_asked,
            )
        )
    return sorted(merged, key=lambda r: r.answered_at)


@dataclass(frozen=True)
class Retention:
    """How much is remembered: reviews of questions seen before that were recalled, and what is due."""

    recalled: int
    reviewed: int
    due_today: int
    due_questions: tuple[str, ...]
    next_due: date | None

    @property
    def rate(self) -> float | None:
        """The share of reviews recalled (not wrong or skipped), or None before any review."""
        return self.recalled / self.reviewed if self.reviewed else None


def retention(reviews: Iterable[Review], today: date, zone: ZoneInfo) -> Retention:
    """Retention over repeat answers and the questions due on ``today`` (a local date)."""
    ordered = sorted(reviews, key=lambda r: r.answered_at)
    seen: set[str] = set()
    recalled = reviewed = 0
    for review in ordered:
        if review.question_id in seen:
            reviewed += 1
            recalled += review.verdict not in {Verdict.WRONG, Verdict.SKIPPED}
        seen.add(review.question_id)
    return retention_of(build_cards(ordered).values(), recalled, reviewed, today, zone)


def retention_of(
    cards: Iterable[CardState], recalled: int, reviewed: int, today: date, zone: ZoneInfo
) -> Retention:
    """Retention from kept cards and repeat-answer counts, with the questions due on ``today``."""
    states = list(cards)
    due = sorted((s for s in states if s.due_on(zone) <= today), key=lambda s: (s.weakness, s.card.due))
    upcoming = [s.due_on(zone) for s in states if s.due_on(zone) > today]
    return Retention(
        recalled, reviewed, len(due), tuple(s.question_id for s in due), min(upcoming, default=None)
    )
