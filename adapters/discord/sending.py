"""Sends the engine's replies to Discord: as an interaction's response in time, or posted to a channel.

Discord drops an interaction that gets no response within 3 seconds.  The engine usually answers in
milliseconds, so its replies go out as the response itself (public or ephemeral, as each reply asks);
when it is still working after ``defer_after`` seconds the interaction is deferred first and the
replies follow up.  Outside an interaction (DM conversations, scheduled drills) a reply is posted with
the bot's token.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import discord

from adapters.discord import render
from adapters.discord.attachments import follow_with_files, post_files
from adapters.discord.views import view_for
from bot import replies
from bot.engine import Engine
from bot.model.messages import Incoming, Reply

log = logging.getLogger(__name__)

DEFAULT_DEFER_AFTER = 2.0
SORRY = "Something went wrong on my side."


def engine_of(interaction: discord.Interaction) -> Engine:
    """The engine the bot client was built with."""
    return interaction.client.engine  # type: ignore[attr-defined]


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
    message = await channel.send(**kwargs)
    if reply.attachments:
        await post_files(channel, reply)
    return message


async def handle_in_time(
    interaction: discord.Interaction, incoming: Incoming, *, private_if_slow: bool = False
) -> list[Reply]:
    """Run the engine; defer the interaction if it takes longer than the client's ``defer_after``."""
    task = asyncio.create_task(engine_of(interaction).handle(incoming))
    defer_after = getattr(interaction.client, "defer_after", DEFAULT_DEFER_AFTER)
    done, _ = await asyncio.wait({task}, timeout=defer_after)
    if not done and not interaction.response.is_done():
        await interaction.response.defer(ephemeral=private_if_slow, thinking=True)
    return await task


async def send_one(interaction: discord.Interaction, out: render.Rendered) -> discord.Message | None:
    """Send one rendered reply as the interaction's response, or as a follow-up once it has one."""
    kwargs: dict[str, Any] = {
        "embed": out.embed,
        "ephemeral": out.ephemeral,
        "allowed_mentions": render.NO_MENTIONS,
    }
    view = view_for(out.reply)
    if view is not None:
        kwargs["view"] = view
    if interaction.response.is_done():
        return await interaction.followup.send(wait=True, **kwargs)
    callback = await interaction.response.send_message(**kwargs)
    if isinstance(callback.resource, discord.InteractionMessage):
        return callback.resource
    return await interaction.original_response()


async def send_replies(
    interaction: discord.Interaction, answers: Sequence[Reply], *, in_dm: bool
) -> list[discord.Message | None]:
    """Send the replies; report each posted question's message id back to the engine."""
    sent = []
    for reply in answers:
        out = render.render(reply, in_dm=in_dm)
        message = await send_one(interaction, out)
        if reply.attachments:
            await follow_with_files(interaction, reply, ephemeral=out.ephemeral)
        if reply.open_question_id is not None and message is not None:
            await engine_of(interaction).question_posted(reply.open_question_id, str(message.id))
        if reply.follow_up_id is not None and message is not None:
            await engine_of(interaction).follow_up_posted(reply.follow_up_id, str(message.id))
        sent.append(message)
    return sent


async def run(
    interaction: discord.Interaction, incoming: Incoming, *, private_if_slow: bool = False
) -> list[Reply]:
    """Convert-call-render in one step: handle the event and send every reply."""
    answers = await handle_in_time(interaction, incoming, private_if_slow=private_if_slow)
    await send_replies(interaction, answers, in_dm=incoming.chat.is_private)
    return answers


async def apologise(interaction: discord.Interaction, detail: str = "Please try again in a moment.") -> None:
    """Tell the user their request failed (privately); never raises."""
    out = render.render(replies.error(SORRY, detail), in_dm=interaction.guild_id is None)
    try:
        await send_one(interaction, out)
    except (TimeoutError, discord.HTTPException, discord.InteractionResponded, OSError):
        log.warning("could not tell user %s that their request failed", interaction.user.id)


@asynccontextmanager
async def guarded(interaction: discord.Interaction, what: str) -> AsyncIterator[None]:
    """Run a handler so that an error is logged and answered, and never reaches the event loop."""
    try:
        yield
    except Exception:
        log.exception("%s failed (interaction %s)", what, interaction.id)
        await apologise(interaction)
