"""Sends rendered replies through the Bot API, retrying network failures with backoff.

Rate limits (429 with ``retry_after``) are waited out by the application's ``AIORateLimiter``
before a call returns; what is retried here is a timeout or a dropped connection.  A request the
API refused (400, 403) is never retried.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import Bot, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError

from adapters.telegram.render import Rendered

log = logging.getLogger(__name__)

T = TypeVar("T")

NETWORK_ATTEMPTS = 4
FIRST_BACKOFF_SECONDS = 0.5
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def is_network_failure(exc: BaseException) -> bool:
    """A timeout or connection problem (PTB counts ``BadRequest`` as a network error; it is not)."""
    return isinstance(exc, NetworkError) and not isinstance(exc, BadRequest)


async def with_network_retries(call: Callable[[], Awaitable[T]], what: str) -> T:
    """Await ``call()``, retrying network failures with exponential backoff."""
    delay = FIRST_BACKOFF_SECONDS
    for attempt in range(1, NETWORK_ATTEMPTS + 1):
        try:
            return await call()
        except NetworkError as exc:
            if not is_network_failure(exc) or attempt == NETWORK_ATTEMPTS:
                raise
            log.warning(
                "%s failed (%s), attempt %d; retrying in %.1fs", what, type(exc).__name__, attempt, delay
            )
            await asyncio.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


async def send_rendered(
    bot: Bot, chat_id: str, rendered: Rendered, reply_to: str | None = None
) -> list[Message]:
    """Send a rendered reply's chunks in order (the first quoting ``reply_to``); return the messages."""
    sent: list[Message] = []
    last = len(rendered.chunks) - 1
    for index, chunk in enumerate(rendered.chunks):
        quote = (
            ReplyParameters(int(reply_to), allow_sending_without_reply=True)
            if reply_to and index == 0
            else None
        )

        async def call(
            chunk: str = chunk, index: int = index, quote: ReplyParameters | None = quote
        ) -> Message:
            return await bot.send_message(
                chat_id,
                chunk,
                parse_mode=ParseMode.HTML,
                reply_markup=rendered.keyboard if index == last else None,
                reply_parameters=quote,
                link_preview_options=NO_PREVIEW,
            )

        sent.append(await with_network_retries(call, "sendMessage"))
    return sent


async def edit_rendered(bot: Bot, chat_id: str, message_id: int, rendered: Rendered) -> Message | bool:
    """Replace a message's text and buttons with a (one-chunk) rendered reply."""

    async def call() -> Message | bool:
        return await bot.edit_message_text(
            rendered.chunks[0],
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=rendered.keyboard,
            link_preview_options=NO_PREVIEW,
        )

    return await with_network_retries(call, "editMessageText")
