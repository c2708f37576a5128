"""How a platform transport reports a failed send, in platform-neutral terms."""

from __future__ import annotations


class DeliveryError(Exception):
    """A message could not be delivered."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TemporaryFailure(DeliveryError):
    """A passing failure (rate limit, timeout, 5xx): retry, after ``retry_after`` seconds if given."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class PermanentFailure(DeliveryError):
    """The platform refuses for good (user blocked the bot, DMs closed, chat gone): stop sending there."""
