"""The send rate limiter: overall spacing, per-chat buckets for groups and DMs, bursts, 429 pauses."""

from __future__ import annotations

import itertools

import pytest

from bot.drills.limits import DISCORD_LIMITS, TELEGRAM_LIMITS, Bucket, PlatformLimits, RateLimiter


class Ticker:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def send_times(
    limiter: RateLimiter, ticker: Ticker, chats: list[str], *, is_group: bool = False
) -> list[float]:
    """When each message would go out if every sender waits as told (relative to the start)."""
    start = ticker.now
    return [ticker.now + limiter.reserve(chat, is_group=is_group) - start for chat in chats]


def test_the_overall_bucket_spaces_sends_evenly_at_the_rate() -> None:
    ticker = Ticker()
    limiter = RateLimiter(PlatformLimits(overall_per_second=30), clock=ticker)
    times = send_times(limiter, ticker, [f"dm-{n}" for n in range(61)])
    assert times[0] == 0 and times[30] == pytest.approx(1.0) and times[60] == pytest.approx(2.0)
    assert all(b - a == pytest.approx(1 / 30) for a, b in itertools.pairwise(times))


def test_a_burst_allowance_lets_the_first_few_through_at_once() -> None:
    ticker = Ticker()
    limiter = RateLimiter(PlatformLimits(overall_per_second=10, overall_burst=3), clock=ticker)
    assert send_times(limiter, ticker, ["a", "b", "c", "d"]) == pytest.approx([0, 0, 0, 0.1])


def test_a_group_gets_twenty_a_minute_on_telegram_while_other_chats_go_on() -> None:
    ticker = Ticker()
    limiter = RateLimiter(TELEGRAM_LIMITS, clock=ticker)
    assert limiter.reserve("-100", is_group=True) == 0
    assert limiter.chat_delay("-100") == 3.0  # 20 a minute
    assert limiter.chat_delay("dm-1") == 0
    assert 0 < limiter.reserve("dm-1", is_group=False) < 0.1  # only the overall spacing
    ticker.now += 1
    assert limiter.chat_delay("-100") == 2.0 and limiter.chat_delay("dm-1") == 0.0


def test_an_idle_chat_starts_fresh_and_old_buckets_are_dropped() -> None:
    ticker = Ticker()
    limiter = RateLimiter(PlatformLimits(overall_per_second=None, group_per_minute=60), clock=ticker)
    limiter.MAX_CHATS = 2
    for chat in ("a", "b"):
        limiter.reserve(chat, is_group=True)
    ticker.now += 5
    limiter.reserve("c", is_group=True)
    assert set(limiter._chats) == {"c"}


def test_a_pause_after_a_429_holds_every_send() -> None:
    ticker = Ticker()
    limiter = RateLimiter(DISCORD_LIMITS, clock=ticker)
    limiter.reserve("1", is_group=False)
    limiter.pause(2.5)
    assert limiter.paused_for() == 2.5
    assert limiter.reserve("2", is_group=False) >= 2.5
    ticker.now += 3
    assert limiter.paused_for() == 0


def test_a_bucket_reports_its_delay_without_booking() -> None:
    bucket = Bucket(rate=2)
    assert bucket.reserve(10.0) == 0
    assert bucket.delay(10.0) == 0.5 and bucket.delay(10.0) == 0.5
    assert bucket.reserve(10.0) == 0.5
