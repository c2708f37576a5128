"""Sends the engine's replies to Discord: as an interaction's response in time, or posted to a channel.

One answer costs one message: the replies go out one Discord message per group of
``bot.replies.in_messages``, so a follow-up rides in the message of the grade it follows up (an embed
each, in order, and their buttons in one view).  A group that would break Discord's limits for one
message (10 embeds, 6,000 characters of embeds, 5 rows of buttons) goes out as a message per reply.
A message's id goes back to the engine for every posted question and follow-up in it.

Discord drops an interaction that gets no response within 3 seconds.  The engine usually answers in
milliseconds, so its replies go out as the response itself (public or ephemeral, as each message's
first reply asks); when it is still working after ``defer_after`` seconds the interaction is deferred
first and the replies follow up.  Outside an interaction (DM conversations, scheduled drills) a
message is posted with the bot's token.
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
from adapters.discord.views import fit_one_message, view_for_all
from bot import replies
from bot.engine import Engine
from bot.model.messages import Incoming, Reply

log = logging.getLogger(__name__)

DEFAULT_DEFER_AFTER = 2.0
SORRY = "Something went wrong on my side."


def engine_of(interaction: discord.Interaction) -> Engine:
    """The engine the bot client was built with."""
    return interaction.client.engine  # type: ignore[attr-defined]


def messages(answers: Sequence[Reply], *, in_dm: bool) -> list[list[render.Rendered]]:
    """The replies rendered and grouped into Discord messages (``replies.in_messages``); a group that
    would break a limit of one message is split back into a message per reply."""
    grouped: list[list[render.Rendered]] = []
    for group in replies.in_messages(answers):
        outs = [render.render(reply, in_dm=in_dm) for reply in group]
        if render.fit_one_message([out.embed for out in outs]) and fit_one_message(group):
            grouped.append(outs)
        else:
            grouped.extend([out] for out in outs)
    return grouped


async def report_posted(engine: Engine, outs: Sequence[render.Rendered], message_id: str) -> None:
    """Tell the engine which message its posted questions and follow-ups went out as."""
    for out in outs:
        if out.reply.open_question_id is not None:
            await engine.question_posted(out.reply.open_question_id, message_id)
        if out.reply.follow_up_id is not None and out.reply.follow_up_by_message:
            await engine.follow_up_posted(out.reply.follow_up_id, message_id)


def _content(outs: Sequence[render.Rendered]) -> dict[str, Any]:
    """The embeds and buttons of one message; nothing in it can ping anyone."""
    kwargs: dict[str, Any] = {"embeds": [out.embed for out in outs], "allowed_mentions": render.NO_MENTIONS}
    view = view_for_all([out.reply for out in outs])
    if view is not None:
        kwargs["view"] = view
    return kwargs


async def post(
    channel: discord.abc.Messageable,
    reply: Reply,
    *,
    in_dm: bool,
    reference: discord.Message | None = None,
) -> discord.Message:
    """Send one reply as an embed with its buttons (then its files); nothing in it can ping anyone."""
    return await post_message(channel, [render.render(reply, in_dm=in_dm)], reference=reference)


async def post_message(
    channel: discord.abc.Messageable,
    outs: Sequence[render.Rendered],
    *,
    reference: discord.Message | None = None,
) -> discord.Message:
    """Send rendered replies as one message, then each one's files as messages of their own."""
    kwargs = _content(outs)
    if reference is not None:
        kwargs["reference"] = reference.to_reference(fail_if_not_exists=False)
        kwargs["mention_author"] = False
    message = await channel.send(**kwargs)
    for out in outs:
        if out.reply.attachments:
            await post_files(channel, out.reply)
    return message


async def post_replies(
    engine: Engine,
    channel: discord.abc.Messageable,
    answers: Sequence[Reply],
    *,
    in_dm: bool,
    reference: discord.Message | None = None,
) -> list[discord.Message]:
    """Post the replies, a message per group (those that answer a message quote ``reference``), and
    report each message's id back to the engine."""
    sent = []
    for outs in messages(answers, in_dm=in_dm):
        quoted = reference if outs[0].reply.answers else None
        message = await post_message(channel, outs, reference=quoted)
        await report_posted(engine, outs, str(message.id))
        sent.append(message)
    return sent


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
    return await send_message(interaction, [out])


async def send_message(
    interaction: discord.Interaction, outs: Sequence[render.Rendered]
) -> discord.Message | None:
    """Send rendered replies as one message: the interaction's response, or a follow-up once it has one
    (ephemeral when its first reply is; a group's replies are all private or all not)."""
    kwargs = _content(outs) | {"ephemeral": outs[0].ephemeral}
    if interaction.response.is_done():
        return await interaction.followup.send(wait=True, **kwargs)
    callback = await interaction.response.send_message(**kwargs)
    if isinstance(callback.resource, discord.InteractionMessage):
        return callback.resource
    return await interaction.original_response()


async def send_replies(
    interaction: discord.Interaction, answers: Sequence[Reply], *, in_dm: bool
) -> list[discord.Message | None]:
    """Send the replies, a message per group (then each reply's files); report each message's id back."""
    sent = []
    for outs in messages(answers, in_dm=in_dm):
        message = await send_message(interaction, outs)
        for out in outs:
            if out.reply.attachments:
                await follow_with_files(interaction, out.reply, ephemeral=out.ephemeral)
        if message is not None:
            await report_posted(engine_of(interaction), outs, str(message.id))
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
