"""Outcomes of a send and the retry policy: sent, retry later with backoff, failed, handed back."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.drills.deliveries import DeliveryStatus, Outcome
from bot.drills.prepare import ReadyDrill


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff for passing failures: ``first`` seconds, doubling up to ``longest``, ``tries`` in all."""

    first: float = 30.0
    longest: float = 1800.0
    tries: int = 8
    jitter: float = 0.2

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Seconds to wait after the ``attempt``-th failed try (1-based), with a little random spread."""
        base = min(self.longest, self.first * 2 ** max(attempt - 1, 0))
        spread = (rng or random).uniform(-self.jitter, self.jitter) if self.jitter else 0.0
        return base * (1 + spread)


@dataclass
class Tally:
    """How many deliveries ended each way in one dispatcher run."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0
    expired: int = 0
    released: int = 0
    reclaimed: int = 0

    def count(self, outcome: Outcome) -> None:
        """Add one recorded outcome."""
        if outcome.status == DeliveryStatus.SENT:
            self.sent += 1
        elif outcome.status == DeliveryStatus.PENDING:
            if outcome.attempted:
                self.retried += 1
            else:
                self.released += 1
        elif outcome.status == DeliveryStatus.FAILED:
            self.failed += 1
        elif outcome.status == DeliveryStatus.CANCELLED:
            self.cancelled += 1
        elif outcome.status == DeliveryStatus.EXPIRED:
            self.expired += 1


def sent(drill: ReadyDrill, message_id: str | None) -> Outcome:
    """The question was delivered as this platform message."""
    return Outcome(
        drill.delivery, DeliveryStatus.SENT, drill.open_question_id, message_id=message_id, attempted=True
    )


def released(drill: ReadyDrill, not_before: datetime | None = None) -> Outcome:
    """Not tried: back to pending (from ``not_before`` if given), without counting a try."""
    return Outcome(drill.delivery, DeliveryStatus.PENDING, drill.open_question_id, not_before=not_before)


def failed(drill: ReadyDrill, reason: str, *, expired: bool = False) -> Outcome:
    """Refused for good (or the local day is over): never retried."""
    status = DeliveryStatus.EXPIRED if expired else DeliveryStatus.FAILED
    return Outcome(drill.delivery, status, drill.open_question_id, reason=reason[:500], attempted=not expired)


def retry(
    drill: ReadyDrill, reason: str, now: datetime, policy: RetryPolicy, retry_after: float | None = None
) -> Outcome:
    """A passing failure: try again after the backoff (or the platform's retry-after), or give up."""
    tries = drill.delivery.attempts + 1
    if tries >= policy.tries:
        return Outcome(
            drill.delivery,
            DeliveryStatus.FAILED,
            drill.open_question_id,
            reason=f"gave up after {tries} tries: {reason}"[:500],
            attempted=True,
        )
    wait = max(retry_after or 0.0, policy.delay(tries))
    return Outcome(
        drill.delivery,
        DeliveryStatus.PENDING,
        drill.open_question_id,
        reason=reason[:500],
        not_before=now + timedelta(seconds=wait),
        attempted=True,
    )
