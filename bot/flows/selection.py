"""Which practice question to ask next: new and weak questions first, never what was just answered well."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from bot.model.questions import Question

WELL_ANSWERED = 0.8
RECENT_WINDOW = 5


def choose_question(
    candidates: Sequence[Question],
    last_scores: Mapping[str, float],
    recent: Sequence[str],
    rng: random.Random,
) -> Question | None:
    """Pick a question from ``candidates`` given the user's last score per question (skips score 0)
    and the questions of their last few attempts, newest first.

    Questions in the user's last few attempts are avoided while others remain; among the rest,
    never-seen questions come first, then those last answered poorly, then the well-answered ones.
    """
    if not candidates:
        return None
    last_score = last_scores
    avoided = set(recent[:RECENT_WINDOW])
    fresh = [q for q in candidates if q.id not in avoided]
    if not fresh:
        latest = recent[0] if recent else None
        fresh = [q for q in candidates if q.id != latest] or list(candidates)

    def tier(question: Question) -> int:
        if question.id not in last_score:
            return 0
        return 1 if last_score[question.id] < WELL_ANSWERED else 2

    best = min(tier(q) for q in fresh)
    return rng.choice([q for q in fresh if tier(q) == best])
