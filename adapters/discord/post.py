"""Posts a reply into a channel or DM with the bot's token (DM conversations, scheduled drills)."""

from __future__ import annotations

from typing import Any

import discord

from adapters.discord import render
from adapters.discord.views import view_for
from bot.model.messages import Reply


async def post(
    channel: discord.abc.Messageable,
    reply: Reply,
    *,
    in_dm: bool,
    reference: discord.Message | None = None,
) -> discord.Message:
    """Send one reply as an embed with its buttons; nothing in it can ping anyone."""
    kwargs: dict[str, Any] = {
        "embed": render.embed_for(reply, in_dm=in_dm),
        "allowed_mentions": render.NO_MENTIONS,
    }
    view = view_for(reply)
    if view is not None:
        kwargs["view"] = view
    if reference is not None:
        kwargs["reference"] = reference.to_reference(fail_if_not_exists=False)
        kwargs["mention_author"] = False
    return await channel.send(**kwargs)
