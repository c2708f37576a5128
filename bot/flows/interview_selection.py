"""Which questions a mock interview asks: mixed across topics, new and weak ones first, recent ones last."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from bot.flows.selection import WELL_ANSWERED
from bot.model.questions import Question

RECENT_INTERVIEW_WINDOW = 10
"""How many of the user's latest answers count as "seen recently" when choosing an interview."""


def choose_interview(
    candidates: Sequence[Question],
    last_scores: Mapping[str, float],
    recent: Sequence[str],
    count: int,
    rng: random.Random,
) -> list[Question]:
    """Up to ``count`` different questions from ``candidates``.

    Questions among the user's ``recent`` answers are left out while enough others remain (and
    ranked last otherwise); the rest rank never seen first, then answered poorly (below
    ``WELL_ANSWERED``), then answered well, ties shuffled.  The picks take turns between topics, so
    an interview over every topic is mixed: each round takes the best remaining question of every
    topic, best first.
    """
    avoided = set(recent)

    def rank(question: Question) -> tuple[bool, int]:
        last = last_scores.get(question.id)
        tier = 0 if last is None else 1 if last < WELL_ANSWERED else 2
        return question.id in avoided, tier

    fresh = [q for q in candidates if q.id not in avoided]
    shuffled = fresh if len(fresh) >= count else list(candidates)
    rng.shuffle(shuffled)
    ordered = sorted(shuffled, key=rank)  # stable: ties keep the shuffled order
    chosen: list[Question] = []
    remaining = ordered
    while remaining and len(chosen) < count:
        taken_topics: set[str] = set()
        left: list[Question] = []
        for question in remaining:
            if question.topic in taken_topics or len(chosen) >= count:
                left.append(question)
                continue
            taken_topics.add(question.topic)
            chosen.append(question)
        remaining = left
    return chosen
