"""A history to draw and export: attempts of one user over the last weeks, stored directly."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.model.grades import Verdict
from bot.model.records import Attempt
from tests.support.world import QUESTIONS


async def seed_history(
    store: Any, platform: str, user_id: str, name: str, now: datetime, days: int = 30
) -> int:
    """A few attempts a day on most of the last ``days`` days, scores rising; return how many."""
    user = await store.ensure_user(platform, user_id, name)
    place = await store.ensure_place(platform, user_id, True)
    count = 0
    for day in range(days, 0, -1):
        if day % 5 == 0:
            continue
        for index, question in enumerate(QUESTIONS[: 1 + day % 3]):
            score = min(1.0, 0.25 + 0.5 * (days - day) / days + 0.25 * (index % 2))
            verdict = Verdict.CORRECT if score >= 0.99 else Verdict.PARTIAL if score >= 0.4 else Verdict.WRONG
            at = now - timedelta(days=day, minutes=index)
            attempt = Attempt(user.id, place.id, question.id, score, verdict, at, answer_text="my answer")
            await store.record_attempt(attempt)
            count += 1
    return count
