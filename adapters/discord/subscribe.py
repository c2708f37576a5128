"""``/daily``: subscribe the user's DMs (even when asked in a server channel) or a channel.

Asked in a server without ``channel:``, the subscription is for the user's DMs: the bot opens (or
finds) the DM channel with the user over REST, subscribes that chat, and sends the confirmation there.
If Discord refuses the DM (403: the user does not accept DMs from the bot), the subscription is
paused at once and the user is told so, privately, in the channel where they asked.
"""

from __future__ import annotations

import logging
import zoneinfo
from dataclasses import replace
from functools import cache

import discord
from discord import app_commands

from adapters.discord import convert, sending
from bot import replies
from bot.model.messages import Reply, ReplyKind

log = logging.getLogger(__name__)

DMS_CLOSED = "DMs closed"
NOT_A_SET = {"off", "stop", "cancel", "skip", "topics"}


@cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


async def zone_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete for ``zone``: IANA zone names containing what was typed."""
    typed = current.strip().lower().replace(" ", "_")
    found = (
        [z for z in _zones() if typed in z.lower()] if typed else ["UTC", "Europe/London", "America/New_York"]
    )
    return [app_commands.Choice(name=z, value=z) for z in found[:25]]


async def daily(
    interaction: discord.Interaction,
    time: str | None,
    zone: str | None,
    channel: discord.TextChannel | None,
) -> None:
    """Route ``/daily`` to a channel, the current DM, or the user's DMs."""
    if channel is not None:
        if interaction.guild_id is None or channel.guild.id != interaction.guild_id:
            await sending.send_replies(
                interaction, [replies.error("Pick a channel of this server.")], in_dm=False
            )
            return
        chat = convert.channel_chat(channel.id, interaction.guild, interaction.guild_id)
        await sending.run(interaction, convert.command(interaction, "daily", time, zone, chat=chat))
    elif interaction.guild_id is None:
        await sending.run(interaction, convert.command(interaction, "daily", time, zone))
    else:
        await _subscribe_dms(interaction, time, zone)


async def _subscribe_dms(interaction: discord.Interaction, time: str | None, zone: str | None) -> None:
    """Subscribe the user's DMs from a server channel; confirm in the DM, or pause if DMs are closed."""
    await interaction.response.defer(ephemeral=True, thinking=True)  # opening the DM is one more request
    dm = await interaction.user.create_dm()
    engine = sending.engine_of(interaction)
    answers = await engine.handle(
        convert.command(interaction, "daily", time, zone, chat=convert.dm_chat(dm.id))
    )
    subscribing = bool(time) and time.lower() not in NOT_A_SET
    if not subscribing or any(r.kind is ReplyKind.ERROR for r in answers):
        await sending.send_replies(interaction, _privately(answers), in_dm=False)
        return
    try:
        await sending.post_replies(engine, dm, answers, in_dm=True)
    except discord.Forbidden as exc:
        log.info(
            "DMs to user %s are closed (%s): pausing their daily question", interaction.user.id, exc.code
        )
        await engine.chat_unreachable(convert.PLATFORM, str(dm.id), DMS_CLOSED)
        await sending.send_replies(interaction, [_dms_closed()], in_dm=False)
        return
    sent_note = replies.info("📬 Check your DMs", "I sent the confirmation there.", private=True)
    await sending.send_replies(interaction, [*_privately(answers), sent_note], in_dm=False)


def _dms_closed() -> Reply:
    return replies.error(
        "I can't send you direct messages, so your daily question is paused.",
        "Allow direct messages from this server's members (server menu → Privacy Settings), "
        "then run /daily again.",
    )


def _privately(answers: list[Reply]) -> list[Reply]:
    return [replace(r, private=True) for r in answers]
