"""Rate limits for sending drills: one bucket for the whole bot and one per chat (GCRA token buckets).

``reserve`` books a send slot and says how long to wait for it, so concurrent senders are spaced out
without a lock.  A chat that is not ready is for the caller to put off (``chat_delay``), not to wait
for.  After a 429 the platform's ``retry_after`` pauses every send.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.drills.ports import SendBudget


@dataclass(frozen=True)
class PlatformLimits:
    """A platform's sending limits; None means unlimited."""

    overall_per_second: float | None
    group_per_minute: float | None = None
    private_per_minute: float | None = None
    overall_burst: int = 1


TELEGRAM_LIMITS = PlatformLimits(overall_per_second=30, group_per_minute=20, private_per_minute=60)
"""Telegram: about 30 messages a second overall, 20 a minute in one group, about one a second in a DM."""
TELEGRAM_PAID_BROADCAST_LIMITS = replace(TELEGRAM_LIMITS, overall_per_second=1000)
"""Telegram with paid broadcasts enabled for the bot (Stars spent per message beyond 30 a second)."""
DISCORD_LIMITS = PlatformLimits(overall_per_second=50, group_per_minute=60, private_per_minute=60)
"""Discord: 50 requests a second overall, 5 per 5 seconds in one channel."""
UNLIMITED = PlatformLimits(overall_per_second=None)
PLATFORM_LIMITS = {"telegram": TELEGRAM_LIMITS, "discord": DISCORD_LIMITS}


def platform_limits(platform: str, *, paid_broadcast: bool = False) -> PlatformLimits:
    """A platform's limits; ``paid_broadcast`` raises Telegram's overall rate to 1,000 a second."""
    if platform == "telegram" and paid_broadcast:
        return TELEGRAM_PAID_BROADCAST_LIMITS
    return PLATFORM_LIMITS.get(platform, UNLIMITED)


@dataclass(frozen=True)
class SharedRate:
    """The overall send rate booked in the database (``SendBudget``), shared by every process.

    Give the dispatcher's own ``RateLimiter`` no overall rate then (``local_limits``): the per-chat
    limits stay local, which is right while one chat's drills come from one process at a time.
    """

    budget: SendBudget
    per_second: float

    async def reserve(self, platform: str) -> float:
        """Book the platform's next slot; the seconds to wait for it."""
        return await self.budget.reserve(platform, self.per_second)

    async def pause(self, platform: str, seconds: float) -> None:
        """Hold every process's sends on the platform."""
        await self.budget.pause(platform, seconds)

    @staticmethod
    def local_limits(limits: PlatformLimits) -> PlatformLimits:
        """The limits a process keeps for itself beside a shared rate: the per-chat ones."""
        return replace(limits, overall_per_second=None)


class Bucket:
    """A GCRA bucket: ``rate`` sends a second with bursts of up to ``burst``."""

    def __init__(self, rate: float, burst: int = 1) -> None:
        self.interval = 1.0 / rate
        self.tolerance = (max(burst, 1) - 1) * self.interval
        self.ready_at = 0.0  # the theoretical arrival time of the next send

    def delay(self, now: float) -> float:
        """Seconds until a send would be allowed, without booking it."""
        return max(0.0, self.ready_at - self.tolerance - now)

    def reserve(self, now: float, not_before: float = 0.0) -> float:
        """Book the next send slot (no earlier than ``not_before``) and return the seconds to wait for it."""
        start = max(self.ready_at, now, not_before)
        wait = max(0.0, start - self.tolerance - now, not_before - now)
        self.ready_at = start + self.interval
        return wait


class RateLimiter:
    """The overall bucket, one bucket per chat, and a pause after a 429."""

    MAX_CHATS = 10_000

    def __init__(self, limits: PlatformLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        rate = limits.overall_per_second
        self._overall = Bucket(rate, limits.overall_burst) if rate else None
        self._chats: dict[str, Bucket] = {}
        self._paused_until = 0.0

    def chat_delay(self, chat_id: str) -> float:
        """Seconds until this chat may be sent to (0 when it has no bucket yet)."""
        bucket = self._chats.get(chat_id)
        return bucket.delay(self._clock()) if bucket else 0.0

    def reserve(self, chat_id: str, *, is_group: bool) -> float:
        """Book a slot for one message to the chat and return the seconds to wait before sending it.

        Callers send to a chat only when ``chat_delay`` is 0 (a busy chat's drill is put off instead of
        waited for), so the overall bucket is never booked for later and other chats are not held up.
        """
        now = self._clock()
        wait = max(0.0, self._paused_until - now)
        per_minute = self.limits.group_per_minute if is_group else self.limits.private_per_minute
        if per_minute:
            wait = max(wait, self._chat_bucket(chat_id, per_minute / 60.0, now).reserve(now))
        if self._overall is not None:
            wait = max(wait, self._overall.reserve(now, self._paused_until))
        return wait

    def pause(self, seconds: float) -> None:
        """Hold every send for ``seconds`` (the platform said to retry after that long)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    def paused_for(self) -> float:
        """Seconds left of a pause (0 when not paused)."""
        return max(0.0, self._paused_until - self._clock())

    def _chat_bucket(self, chat_id: str, rate: float, now: float) -> Bucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if len(self._chats) >= self.MAX_CHATS:
                # Buckets whose next slot has passed are as good as new: drop them.
                self._chats = {k: b for k, b in self._chats.items() if b.ready_at > now}
            bucket = self._chats[chat_id] = Bucket(rate)
        return bucket
