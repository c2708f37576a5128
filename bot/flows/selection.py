"""Which practice question to ask next: new and weak questions first, never what was just answered well.

The store makes the choice (``Store.pick_practice_question``, in SQL for the SQL stores) by the rule a
``PracticePick`` carries; ``best_pool`` is the same rule over plain values, for stores that keep their
state in memory and for checking the others.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from bot.model.progress import PracticePick

WELL_ANSWERED = 0.8
RECENT_WINDOW = 5
DRAW_BITS = 31


def practice_pick(topic: str | None, difficulty: str | None, rng: random.Random) -> PracticePick:
    """The pick ``/quiz`` asks the store for: the rule's thresholds and a fresh random draw."""
    return PracticePick(topic, difficulty, RECENT_WINDOW, WELL_ANSWERED, rng.getrandbits(DRAW_BITS))


def best_pool(
    candidates: Sequence[str],
    last_scores: Mapping[str, float],
    recent: Sequence[str],
    pick: PracticePick,
) -> list[str]:
    """The candidate ids the rule ranks best, in id order, given the user's last score per question met
    (skips score 0) and the questions of their newest attempts, newest first.

    Questions of the last ``pick.recent_window`` attempts are avoided while others remain (else only the
    latest is); among the rest, never-met questions come first, then those last scored under
    ``pick.well_answered``, then the well-answered ones.
    """
    window = recent[: pick.recent_window]
    latest = window[0] if window else None

    def key(question_id: str) -> tuple[int, int]:
        avoid = 0 if question_id not in window else 2 if question_id == latest else 1
        if question_id not in last_scores:
            return avoid, 0
        return avoid, 1 if last_scores[question_id] < pick.well_answered else 2

    if not candidates:
        return []
    best = min(key(q) for q in candidates)
    return sorted(q for q in set(candidates) if key(q) == best)


def drawn(pool: Sequence[str], pick: PracticePick) -> str | None:
    """The pool's member ``pick.draw`` selects (the draw modulo the pool's size), or None if empty."""
    return pool[pick.draw % len(pool)] if pool else None
