"""The Discord ``Transport`` for scheduled drills: posts replies to a channel or DM by id.

discord.py waits out short rate limits (429 with ``retry_after``) itself; a longer one, a timeout or a
server error is a ``TemporaryFailure``.  Forbidden (DMs closed, bot removed) and Not Found (channel
gone) are ``PermanentFailure``: the dispatcher pauses that subscription.  Any other refusal is
treated as temporary, so a bug in a message never silently unsubscribes anyone.
"""

from __future__ import annotations

from collections.abc import Sequence

import aiohttp
import discord

from adapters.discord.sending import messages, post_message
from bot.model.messages import Reply
from bot.ports import PermanentFailure, TemporaryFailure


class DiscordTransport:
    """Sends replies through a logged-in client."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def send(self, chat_id: str, replies: Sequence[Reply]) -> list[str]:
        """Post the replies in order, a message per group; return each reply's message id (raises a
        ``DeliveryError`` on failure)."""
        if not chat_id.isdigit():
            raise PermanentFailure(f"not a Discord channel id: {chat_id[:30]!r}")
        channel = self.client.get_partial_messageable(int(chat_id))
        in_dm = self._is_dm(int(chat_id))
        ids: list[str] = []
        for outs in messages(replies, in_dm=in_dm):
            try:
                message = await post_message(channel, outs)
            except discord.RateLimited as exc:
                raise TemporaryFailure("rate limited by Discord", retry_after=exc.retry_after) from exc
            except (discord.Forbidden, discord.NotFound) as exc:
                raise PermanentFailure(
                    f"Discord refused ({exc.status}, code {exc.code}): {exc.text[:100]}"
                ) from exc
            except discord.HTTPException as exc:
                raise TemporaryFailure(f"Discord error {exc.status}: {exc.text[:100]}") from exc
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                raise TemporaryFailure(f"network error: {type(exc).__name__}") from exc
            ids.extend(str(message.id) for _ in outs)
        return ids

    def _is_dm(self, channel_id: int) -> bool:
        """Whether the id is a known DM channel (drills to DMs get the DM wording)."""
        channel = self.client.get_channel(channel_id)
        return channel is None or isinstance(channel, discord.DMChannel)
