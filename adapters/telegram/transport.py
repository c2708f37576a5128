"""The ``Transport`` scheduled drills use to post to Telegram chats, with failures in the core's terms.

Rate limits are waited out by the bot's ``AIORateLimiter`` (when the bot comes from
``build_application``) and network failures are retried with backoff; what still fails is raised as
``TemporaryFailure`` (with ``retry_after`` for a 429) or ``PermanentFailure`` (bot blocked or
kicked, chat gone), for the dispatcher to retry later or pause the subscription.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from adapters.telegram.attachments import send_attachments
from adapters.telegram.render import render
from adapters.telegram.sending import send_rendered
from bot.model.messages import Reply
from bot.ports import PermanentFailure, TemporaryFailure

GONE = ("chat not found", "user is deactivated", "bot was kicked", "peer_id_invalid")


class TelegramTransport:
    """Sends replies to a Telegram chat; returns one message id per reply (its last message)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        """Send each reply in order; raise ``TemporaryFailure`` or ``PermanentFailure`` on failure."""
        ids: list[str] = []
        for reply in replies:
            try:
                sent = await send_rendered(self.bot, chat_id, render(reply))
            except TelegramError as exc:
                raise delivery_failure(exc) from exc
            await send_attachments(self.bot, chat_id, reply)
            ids.append(str(sent[-1].message_id))
        return ids


def delivery_failure(exc: TelegramError) -> TemporaryFailure | PermanentFailure:
    """The core's view of a Bot API error."""
    if isinstance(exc, RetryAfter):
        return TemporaryFailure(f"rate limited: {exc.message}", retry_after=retry_seconds(exc))
    if isinstance(exc, Forbidden):
        return PermanentFailure(exc.message)
    if isinstance(exc, ChatMigrated):
        return PermanentFailure(f"the group moved to chat {exc.new_chat_id}")
    if isinstance(exc, BadRequest) and any(sign in exc.message.lower() for sign in GONE):
        return PermanentFailure(exc.message)
    return TemporaryFailure(f"{type(exc).__name__}: {exc.message}")


def retry_seconds(exc: RetryAfter) -> float:
    """How long a 429 asks to wait, in seconds.

    python-telegram-bot 22.2 gives ``retry_after`` as an int (with a deprecation warning) or, with
    ``PTB_TIMEDELTA`` set, as a ``timedelta``; a later major version gives only the ``timedelta``.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        wait = exc.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
