"""Which question a daily drill asks: due reviews first (weakest first), then new ones up to a daily cap.

The subscriber's chosen topics come before the others at every step.  When nothing is due and the cap
on new questions is reached, the card closest to being forgotten is reviewed early, so a drill always
has a question while the bank has one.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from bot.drills.cards import CardState
from bot.model.questions import Question

NEW_PER_DAY = 2
"""New questions a subscriber may meet per local day (drills and practice together) in drills."""


@dataclass(frozen=True)
class ChoiceInput:
    """Everything the choice looks at for one subscriber on one local date."""

    questions: Sequence[Question]
    cards: dict[str, CardState]
    topics: Collection[str]
    today: date
    zone: ZoneInfo
    recent: Collection[str] = ()
    new_per_day: int = NEW_PER_DAY


def new_today(cards: dict[str, CardState], today: date, zone: ZoneInfo) -> int:
    """How many questions were answered for the first time on the local date."""
    return sum(s.first_seen.astimezone(zone).date() == today for s in cards.values())


def choose_drill(given: ChoiceInput, seed: int = 0) -> Question | None:
    """The question for today's drill, or None when the bank is empty.

    Among equally good new questions the pick follows ``seed``: the same seed, the same question.
    """
    preferred = (
        [q for q in given.questions if q.topic in given.topics] if given.topics else list(given.questions)
    )
    others = [q for q in given.questions if q.topic not in given.topics] if given.topics else []
    may_add = new_today(given.cards, given.today, given.zone) < given.new_per_day
    for pool in (preferred, others):
        due = _due(pool, given)
        if due:
            return due[0]
        if may_add:
            fresh = _new(pool, given, seed)
            if fresh is not None:
                return fresh
    for pool in (preferred, others):
        early = _review_early(pool, given)
        if early is not None:
            return early
    return _new(preferred, given, seed) or _new(others, given, seed)


def _due(pool: Sequence[Question], given: ChoiceInput) -> list[Question]:
    cards, recent = given.cards, given.recent
    due = [q for q in pool if q.id in cards and cards[q.id].due_on(given.zone) <= given.today]
    return sorted(due, key=lambda q: (q.id in recent, cards[q.id].weakness, cards[q.id].card.due, q.id))


def _new(pool: Sequence[Question], given: ChoiceInput, seed: int) -> Question | None:
    fresh = [q for q in pool if q.id not in given.cards]
    if not fresh:
        return None
    unsent = [q for q in fresh if q.id not in given.recent] or fresh
    # A cheap well-spread hash of the seed (Knuth's multiplicative constant), not a seeded generator.
    return unsent[(seed * 2654435761 >> 7) % len(unsent)]


def _review_early(pool: Sequence[Question], given: ChoiceInput) -> Question | None:
    """The seen question due soonest, among those not answered today."""
    cards = given.cards
    seen = [
        q for q in pool if q.id in cards and cards[q.id].last_seen.astimezone(given.zone).date() < given.today
    ]
    if not seen:
        return None
    return min(seen, key=lambda q: (q.id in given.recent, cards[q.id].card.due, cards[q.id].weakness, q.id))
